"""Connecting and disconnecting a store's domain: the Stores table and the edge, kept in step.

Imported only by the connect-domain function. The edge is one of two (STORE_DOMAIN_MODE, read once):
`tenants` (the default), a CloudFront distribution tenant per store (stores.tenant_domains), or
`custom-domains`, an API Gateway custom domain per store (stores.gateway_domains); only that one's
adapter is imported.

Order of operations, and what a failure anywhere leaves behind
--------------------------------------------------------------
The Stores table is the source of truth for who owns a domain, so it is written first:

1. One transaction claims `domain#{host}` (only if unowned or already this store's), points the store
   at host + prefix, and puts the store's previous domain on its `retiring` list. The previous
   domain's item is *not* released yet. Another store's domain fails here: 409, and nothing has been
   called at the edge.
2. The edge: create (or reuse) the store's tenant, or custom domain name and mapping. Each step looks
   before it creates, so running it again creates nothing new.
3. Cleanup: for every `retiring` entry, take it off the edge (a tenant is disabled, then deleted once
   that has deployed; a mapping, then its domain name once nothing is mapped on it), then release its
   domain item and the entry in one transaction. A tenant still deploying its disabling stays on the
   list; the next PUT, GET or DELETE of the store's domain finishes it.

If step 2 fails (refused, throttled, raced, timed out), the transaction of step 1 is undone
(conditionally: only while the store still points where this request put it), so the request leaves
nothing behind, like a 409; after a timeout the claim is kept where the store's tenant may exist (it
was created, or that cannot be read), and the same request, sent again, completes. If the undo itself
fails, or the function dies between steps, the state is still a consistent one:
- the store points at the new domain, which is claimed, possibly not yet at the edge;
- the previous domain still resolves and is still served (its item is released only in step 3);
- the retiring list remembers what is left to remove, so nothing is ever orphaned.
Sending the same PUT again finishes the job (every step is idempotent), and any later PUT, GET or DELETE
for the store finishes step 3 for all that is still retiring. A domain item is deleted only after its
edge side is gone, so another store cannot claim a host while our tenant or mapping is still on it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from access_center.core.config import settings
from access_center.core.errors import BadRequest, Conflict, DomainError, NotFound, RateLimited, Unavailable
from access_center.core.i18n import N_
from access_center.core.observability import logger
from access_center.stores import logic
from access_center.stores import storage as db
from access_center.stores.domain_state import DomainState, StepFailed
from access_center.stores.settings import StoreSettings

if TYPE_CHECKING:
    from access_center.stores.domain_models import DomainIn
    from access_center.stores.shapes import DomainAnswer

TENANTS, CUSTOM_DOMAINS = "tenants", "custom-domains"
IGNORED_CERTIFICATE = "certificate_arn is ignored: CloudFront manages this domain's certificate."


def _mode() -> str:
    mode = settings().store_domain_mode
    if mode not in (TENANTS, CUSTOM_DOMAINS):
        raise RuntimeError(f"STORE_DOMAIN_MODE={mode!r}: use {TENANTS} or {CUSTOM_DOMAINS}")
    return mode


# The platform's API only, which answers in English: `step` says what was under way ("Removing the
# previous domain failed: ", or nothing), `failure` what the edge answered (aws.cloudfront, aws.apigateway).
# Translators: %(step)s and %(failure)s are English texts for the platform's operators.
_FAILED = N_("%(step)s%(failure)s")
# Translators: %(step)s and %(failure)s are English texts for the platform's operators.
_FAILED_RETRY = N_("%(step)s%(failure)s Send the same request again.")


def _as_domain_error(failure: StepFailed, after: str = "") -> DomainError:
    step, said = after, failure.message
    if failure.kind == "throttled":
        return RateLimited(5, _FAILED, step=step, failure=said)
    if after or failure.kind == "unreachable":  # a retry finishes it; a 4xx would wrongly say "fix the request"
        return Unavailable(_FAILED_RETRY, step=step, failure=said)
    if failure.kind == "refused":
        return BadRequest(_FAILED, details=[{"loc": ["body", "domain"]}], step=step, failure=said)
    if failure.kind == "raced":
        return Conflict(_FAILED_RETRY, step=step, failure=said)
    return Conflict(_FAILED, step=step, failure=said)


def _answer(store_id: str, record: db.StoreRecord, host: str, prefix: str, state: DomainState) -> DomainAnswer:
    store = logic.Store(store_id, StoreSettings.from_stored(record.settings), host, prefix)
    answer: DomainAnswer = {
        "store_id": store_id,
        "domain": host,
        "path_prefix": prefix,
        "url": store.public_url("/orders"),
        "status": state.status,
        "dns_records": state.dns_records,
        "dns_target": state.dns_target,
        "dns_target_zone_id": state.dns_target_zone_id,
    }
    if state.message:
        answer["message"] = state.message
    if state.validation:
        answer["validation"] = state.validation
    return answer


def _attach(store_id: str, host: str, prefix: str, body: DomainIn, certificate: str | None) -> DomainState:
    if _mode() == TENANTS:
        from access_center.stores import tenant_domains

        return tenant_domains.attach(store_id, host, storefront_cdn=body.storefront_cdn)
    from access_center.stores import gateway_domains

    return gateway_domains.attach(host, prefix, certificate)


def connect(store_id: str, body: DomainIn) -> DomainAnswer:
    host = logic.validate_domain(body.domain)
    prefix = logic.validate_path_prefix(body.path_prefix)
    tenants = _mode() == TENANTS
    # Checked in either mode, so a request is valid or not whatever the deployment; used only by custom domains.
    checked = logic.validate_certificate(body.certificate_arn)
    certificate = None if tenants else checked
    record = db.get_store(store_id, consistent=True)
    if record is None:
        raise NotFound(N_("No store %(store_id)s."), store_id=repr(store_id))
    try:
        db.connect_domain(record, host, prefix, certificate)
    except db.DomainTaken as error:
        raise Conflict(N_("%(host)s is connected to another store."), host=host) from error
    except db.StoreChanged as error:
        raise Conflict(N_("The store's domain changed while this request ran; send it again.")) from error
    logic.forget_hosts()

    try:
        state = _attach(store_id, host, prefix, body, certificate)
    except StepFailed as failure:
        if not (tenants and failure.kind == "unreachable" and _tenant_may_exist(store_id, host)):
            _undo(record, host, prefix)
        raise _as_domain_error(failure) from failure
    _retire(store_id, after="Connected, but removing the previous domain failed: ")
    if tenants and body.certificate_arn:
        state = DomainState(
            state.status,
            state.dns_records,
            " ".join(m for m in (state.message, IGNORED_CERTIFICATE) if m),
            state.validation,
            state.dns_target,
            state.dns_target_zone_id,
        )
    return _answer(store_id, record, host, prefix, state)


def _tenant_may_exist(store_id: str, host: str) -> bool:
    from access_center.stores import tenant_domains

    return tenant_domains.is_attached(store_id, host)


def status(store_id: str) -> DomainAnswer:
    """The store's domain as the edge has it now (GET); it also finishes removing previous domains."""
    record = db.get_store(store_id, consistent=True)
    if record is None:
        raise NotFound(N_("No store %(store_id)s."), store_id=repr(store_id))
    _retire(store_id, after="Removing the previous domain failed: ")
    if record.domain is None:
        raise NotFound(N_("Store %(store_id)s has no domain connected."), store_id=repr(store_id))
    try:
        if _mode() == TENANTS:
            from access_center.stores import tenant_domains

            state = tenant_domains.state(store_id, record.domain)
        else:
            from access_center.stores import gateway_domains

            state = gateway_domains.state(record.domain)
    except StepFailed as failure:
        raise _as_domain_error(failure, after="Reading the domain's state failed: ") from failure
    return _answer(store_id, record, record.domain, record.path_prefix, state)


def disconnect(store_id: str) -> None:
    """Take the store's domain off the edge, then its domain item and the domain fields of the store.
    A store with nothing connected (nor left to clean up): 404."""
    record = db.get_store(store_id, consistent=True)
    if record is None:
        raise NotFound(N_("No store %(store_id)s."), store_id=repr(store_id))
    if record.domain is None and not record.retiring:
        raise NotFound(N_("Store %(store_id)s has no domain connected."), store_id=repr(store_id))
    if record.domain is not None:
        try:
            db.disconnect_domain(record)
        except db.StoreChanged as error:
            raise Conflict(N_("The store's domain changed while this request ran; send it again.")) from error
        logic.forget_hosts()
    _retire(store_id, after="Disconnected, but removing the domain from the edge failed: ")


def _undo(record: db.StoreRecord, host: str, prefix: str) -> None:
    try:
        db.revert_connect(record, host, prefix)
    except Exception:  # noqa: BLE001 - logged; the state left is one the same request, sent again, completes
        logger.exception("could not undo connecting %s for store %s", host, record.store_id)
    logic.forget_hosts()


def _detach(store_id: str, host: str, prefixes: list[str], current: str | None, live_prefix: str) -> bool:
    if _mode() == TENANTS:
        if host == current:
            return True  # only its prefix changed: the tenant serves every path of the host
        from access_center.stores import tenant_domains

        return tenant_domains.detach(store_id, host)
    from access_center.stores import gateway_domains

    return gateway_domains.detach(host, prefixes, current=current, live_prefix=live_prefix)


def _retire(store_id: str, after: str) -> None:
    """Step 3: remove what the store has left behind, host by host."""
    record = db.get_store(store_id, consistent=True)
    if record is None or not record.retiring:
        return
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
            if not _detach(store_id, host, prefixes, record.domain, record.path_prefix):
                continue  # still deploying its removal: stays on the list for a later request
            if current:
                db.forget_retiring(store_id, host, prefixes)
            else:
                db.release_domain(store_id, host, prefixes)
    except StepFailed as failure:
        raise _as_domain_error(failure, after=after) from failure
    finally:
        logic.forget_hosts()
