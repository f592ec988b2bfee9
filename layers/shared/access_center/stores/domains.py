"""Connecting and disconnecting a store's domain: the Stores table and API Gateway, kept in step.

Imported only by the connect-domain function (it pulls in the API Gateway adapter).

Order of operations, and what a failure anywhere leaves behind
--------------------------------------------------------------
The Stores table is the source of truth for who owns a domain, so it is written first:

1. One transaction claims `domain#{host}` (only if unowned or already this store's), points the store
   at host + prefix, and puts the store's previous domain on its `retiring` list. The previous
   domain's item is *not* released yet. Another store's domain fails here: 409, and nothing has been
   called in API Gateway.
2. API Gateway: create (or reuse) the custom domain name and the `{prefix}/store/account` mapping.
   Both steps look before they create, so running them again creates nothing new.
3. Cleanup: for every `retiring` entry, remove its mapping (and its domain name once nothing is mapped
   on it), then release its domain item and the entry in one transaction.

If step 2 fails (API Gateway refuses, throttles or times out), the transaction of step 1 is undone
(conditionally: only while the store still points where this request put it) and a domain name
created by this request is deleted again, so the request leaves nothing behind, like a 409. If the
undo itself fails, or the function dies between steps, the state is still a consistent one:
- the store points at the new domain, which is claimed, possibly not yet mapped;
- the previous domain still resolves and is still mapped (its item is released only in step 3);
- the retiring list remembers what is left to remove, so nothing is ever orphaned.
Sending the same PUT again finishes the job (every step is idempotent), and any later PUT or DELETE
for the store finishes step 3 for all that is still retiring. A domain item is deleted only after its
API Gateway side is gone, so another store cannot claim a host while our mapping is still on it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from access_center.aws import apigateway
from access_center.core.config import settings
from access_center.core.errors import BadRequest, Conflict, DomainError, NotFound, RateLimited, Unavailable
from access_center.core.observability import logger
from access_center.stores import logic
from access_center.stores import storage as db
from access_center.stores.models import DomainIn
from access_center.stores.settings import StoreSettings


def _as_domain_error(error: apigateway.GatewayError) -> DomainError:
    message = error.message
    if isinstance(error, apigateway.Refused):
        return BadRequest(message, details=[{"loc": ["body", "domain"]}])
    if isinstance(error, apigateway.Taken):
        return Conflict(message)
    if isinstance(error, apigateway.Throttled):
        return RateLimited(5, message)
    return Unavailable(f"{message} Send the same request again.")


def connect(store_id: str, body: DomainIn) -> dict[str, Any]:
    host = logic.validate_domain(body.domain)
    prefix = logic.validate_path_prefix(body.path_prefix)
    certificate = logic.validate_certificate(body.certificate_arn)
    record = db.get_store(store_id, consistent=True)
    if record is None:
        raise NotFound(f"No store {store_id!r}.")
    try:
        db.connect_domain(record, host, prefix, certificate)
    except db.DomainTaken as error:
        raise Conflict(f"{host} is connected to another store.") from error
    except db.StoreChanged as error:
        raise Conflict("The store's domain changed while this request ran; send it again.") from error
    logic.forget_hosts()

    cfg = settings()
    target = apigateway.Target(None, None)
    if cfg.customer_api_id:
        try:
            target = apigateway.connect(
                host,
                apigateway.mapping_key(prefix),
                certificate,
                api_id=cfg.customer_api_id,
                stage=cfg.customer_api_stage,
            )
        except Exception as error:
            _undo(record, host, prefix)
            if isinstance(error, apigateway.GatewayError):
                raise _as_domain_error(error) from error
            raise
    _retire(store_id, after="Connected, but removing the previous domain failed: ")

    store = logic.Store(store_id, StoreSettings.from_stored(record.settings), host, prefix)
    return {
        "store_id": store_id,
        "domain": host,
        "path_prefix": prefix,
        "url": store.public_url("/orders"),
        "dns_target": target.dns_target,
        "dns_target_zone_id": target.hosted_zone_id,
    }


def disconnect(store_id: str) -> None:
    """Remove the store's mapping, its domain name if nothing else is mapped on it, its domain item,
    and the domain fields of the store. A store with nothing connected (nor left to clean up): 404."""
    record = db.get_store(store_id, consistent=True)
    if record is None:
        raise NotFound(f"No store {store_id!r}.")
    if record.domain is None and not record.retiring:
        raise NotFound(f"Store {store_id!r} has no domain connected.")
    if record.domain is not None:
        try:
            db.disconnect_domain(record)
        except db.StoreChanged as error:
            raise Conflict("The store's domain changed while this request ran; send it again.") from error
        logic.forget_hosts()
    _retire(store_id, after="Disconnected, but removing the domain from API Gateway failed: ")


def _undo(record: db.StoreRecord, host: str, prefix: str) -> None:
    try:
        db.revert_connect(record, host, prefix)
    except Exception:  # noqa: BLE001 - logged; the state left is one the same request, sent again, completes
        logger.exception("could not undo connecting %s for store %s", host, record.store_id)
    logic.forget_hosts()


def _retire(store_id: str, after: str) -> None:
    """Step 3: remove what the store has left behind, host by host."""
    record = db.get_store(store_id, consistent=True)
    if record is None or not record.retiring:
        return
    cfg = settings()
    by_host: dict[str, list[str]] = defaultdict(list)
    for host, prefix in sorted(record.retiring):
        by_host[host].append(prefix)
    try:
        for host, prefixes in by_host.items():
            current = host == record.domain
            if not current:
                owner = db.store_for_domain(host)
                if owner is None or owner[0] != store_id:  # not ours any more: touch nothing of it
                    db.forget_retiring(store_id, host, prefixes)
                    continue
            if cfg.customer_api_id:
                for prefix in prefixes:
                    if current and prefix == record.path_prefix:
                        continue  # came back to it: the mapping is the live one
                    apigateway.disconnect(
                        host, apigateway.mapping_key(prefix), api_id=cfg.customer_api_id, keep_domain=current
                    )
            if current:
                db.forget_retiring(store_id, host, prefixes)
            else:
                db.release_domain(store_id, host, prefixes)
    except apigateway.GatewayError as error:  # a retry finishes it; a 4xx would wrongly say "fix the request"
        message = f"{after}{error.message}"
        if isinstance(error, apigateway.Throttled):
            raise RateLimited(5, message) from error
        raise Unavailable(f"{message} Send the same request again.") from error
    finally:
        logic.forget_hosts()
