"""`--persist DIR`: the local server's data across restarts.

The directory holds `secret` (the server secret, so sessions and cursors outlive a restart), one
`tables/<Table>.json` per table (its items in DynamoDB JSON), `outbox.json`, and `custom_domains.json`
(the API Gateway custom domain names and API mappings the connect-domain function created). Tables are dumped from
moto's backend objects (no Scan: the emulator's memory is read directly) every few seconds when
something changed, and on shutdown; they are loaded at start with the tables' streams switched off, so
restored items are not replayed to stream consumers as new writes.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import secrets
import threading
from pathlib import Path
from typing import Any

from devtools.emulator import outbox

log = logging.getLogger("devtools.emulator.persist")

SAVE_EVERY_SECONDS = 2.0


def _encode(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray)):
        return {"__bytes__": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"__bytes__"}:
            return base64.b64decode(value["__bytes__"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class Persistence:
    def __init__(self, directory: str | Path, account: str = outbox.ACCOUNT, region: str = outbox.REGION) -> None:
        self.directory = Path(directory).expanduser().resolve()
        self.account, self.region = account, region
        self._last: dict[str, bytes] = {}
        self._saved_at_activity = -1
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def tables_dir(self) -> Path:
        return self.directory / "tables"

    def secret(self) -> str:
        """The persisted server secret, made on first use."""
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / "secret"
        if path.exists():
            found = path.read_text().strip()
            if found:
                return found
        value = secrets.token_hex(32)
        path.touch(mode=0o600)
        _write(path, value.encode())
        os.chmod(path, 0o600)
        return value

    # ---- load
    def load(self, tables: bool = True) -> int:
        """Restore every table's items and the outbox. Call after the tables exist, before streams start.
        `tables=False`: DynamoDB Local keeps its own data (DIR/dynamodb-local), only the rest is restored."""
        import boto3
        from moto.dynamodb.models import dynamodb_backends

        from devtools.emulator.atomic import AWS_LOCK

        restored = 0
        client = boto3.client("dynamodb", region_name=self.region)
        backend = dynamodb_backends[self.account][self.region]
        for path in sorted(self.tables_dir.glob("*.json")) if tables and self.tables_dir.exists() else []:
            name = path.stem
            if name not in backend.tables:
                log.warning("%s: no table %s in the template any more; not restored", path, name)
                continue
            items = _decode(json.loads(path.read_text()))
            table = backend.tables[name]
            with AWS_LOCK:
                stream, table.stream_shard = table.stream_shard, None
                try:
                    for item in items:
                        client.put_item(TableName=name, Item=item)
                finally:
                    table.stream_shard = stream
            restored += len(items)
            self._last[name] = path.read_bytes()
        outbox_path = self.directory / "outbox.json"
        if outbox_path.exists():
            outbox.restore(json.loads(outbox_path.read_text()))
        domains_path = self.directory / "custom_domains.json"
        if domains_path.exists():
            self._restore_domains(json.loads(domains_path.read_text()))
            self._last["custom_domains"] = domains_path.read_bytes()
        return restored

    # ---- API Gateway custom domains
    _DOMAIN_SETTINGS = ("CertificateArn", "CertificateName", "EndpointType", "SecurityPolicy")

    def _dump_domains(self) -> list[dict[str, Any]]:
        """Read from moto's backend (not through the API, which would count as activity). Call under AWS_LOCK."""
        from moto.apigatewayv2.models import apigatewayv2_backends

        backend = apigatewayv2_backends[self.account][self.region]
        found = []
        for name, domain in backend.domain_names.items():
            settings = [
                {key[0].upper() + key[1:]: value for key, value in config.items()}
                for config in domain.domain_name_configurations or []
            ]
            found.append(
                {
                    "DomainName": name,
                    "DomainNameConfigurations": [
                        {k: v for k, v in config.items() if k in self._DOMAIN_SETTINGS} for config in settings
                    ],
                    "Tags": dict(domain.tags or {}),
                    "ApiMappings": [
                        {"ApiId": m.api_id, "ApiMappingKey": m.api_mapping_key or "", "Stage": m.stage}
                        for m in backend.api_mappings.values()
                        if m.domain_name == name
                    ],
                }
            )
        return found

    def _restore_domains(self, domains: list[dict[str, Any]]) -> None:
        import boto3

        client = boto3.client("apigatewayv2", region_name=self.region)
        for domain in domains:
            client.create_domain_name(
                DomainName=domain["DomainName"],
                DomainNameConfigurations=domain["DomainNameConfigurations"],
                Tags=domain["Tags"],
            )
            for mapping in domain["ApiMappings"]:
                try:
                    client.create_api_mapping(DomainName=domain["DomainName"], **mapping)
                except client.exceptions.ClientError:  # e.g. its API is no longer in the template
                    log.warning("could not restore the mapping %s on %s", mapping, domain["DomainName"])

    # ---- save
    def save(self, *, only_if_active: bool = False) -> None:
        from moto.dynamodb.models import dynamodb_backends

        from devtools.emulator.atomic import AWS_LOCK, activity

        seen = activity()
        if only_if_active and seen == self._saved_at_activity:
            return  # no AWS call since the last save: nothing can have changed
        self._saved_at_activity = seen
        self.tables_dir.mkdir(parents=True, exist_ok=True)
        backend = dynamodb_backends[self.account][self.region]
        with AWS_LOCK:
            dumps = {
                name: [item.to_json()["Attributes"] for item in table.all_items()]
                for name, table in backend.tables.items()
            }
            emails = outbox.sent_emails(self.account, self.region)
            domains = self._dump_domains()
        for name, items in dumps.items():
            data = json.dumps(_encode(items), indent=1, sort_keys=True).encode()
            if self._last.get(name) != data:
                _write(self.tables_dir / f"{name}.json", data)
                self._last[name] = data
        data = json.dumps(emails, indent=1).encode()
        if self._last.get("outbox") != data:
            _write(self.directory / "outbox.json", data)
            self._last["outbox"] = data
        data = json.dumps(domains, indent=1, sort_keys=True).encode()
        if self._last.get("custom_domains") != data:
            _write(self.directory / "custom_domains.json", data)
            self._last["custom_domains"] = data

    def start(self) -> None:
        """Save every few seconds (only what changed), so a killed server loses little."""

        def loop() -> None:
            while not self._stop.wait(SAVE_EVERY_SECONDS):
                try:
                    self.save(only_if_active=True)
                except Exception:  # keep saving; say so
                    log.exception("could not save to %s", self.directory)

        self._thread = threading.Thread(target=loop, name="persist", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)
        self.save()
