"""Stores (tenants): settings, connected domains, and resolving a request's Host to its store."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from access_center.core import clock
from access_center.core.cache import TTLCache
from access_center.core.config import settings
from access_center.core.errors import BadRequest, NotFound
from access_center.core.i18n import N_
from access_center.core.text import has_control_characters
from access_center.stores import proxy
from access_center.stores import storage as db
from access_center.stores.settings import StoreSettings
from access_center.web.paths import ACCOUNT_PATH

if TYPE_CHECKING:  # parsed only by the store-settings function: the others do not build the models
    from access_center.stores.models import StorePlatformIn, StoreSettingsIn

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_SEGMENT = re.compile(r"^[A-Za-z0-9._~!$&'()*+,;=:@-]+$")
_CERT_ARN = re.compile(r"^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate/[A-Za-z0-9-]+$")


@dataclass(frozen=True)
class Store:
    store_id: str
    settings: StoreSettings
    domain: str | None
    path_prefix: str
    # Where SES has verified a domain for this store, it sends from its own `from_email` there.
    sender_domain: str | None = None
    sender_verified: bool = False
    # Set by the platform only (stores.platform_routes): whose AWS principals may address the store
    # (stores.callers) and the store's own fair share (None: the deployment's, web.fair_share).
    aws_account_id: str | None = None
    requests_per_minute: int | None = None
    # The store's SES tenant (aws.ses_tenants): every email of the store is sent through it.
    email_tenant: str | None = None
    # The digest of the store's proxy secret (stores.proxy), None without one; never shown in a repr.
    proxy_secret_digest: str | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.settings.name

    @property
    def account_path(self) -> str:
        """The public path of the access center on the store's domain, e.g. `/products/store/account`."""
        return f"{self.path_prefix}{ACCOUNT_PATH}"

    def public_url(self, path: str = "") -> str | None:
        """An absolute link into this store's access center, e.g. public_url("/orders/o1")."""
        if not self.domain:
            return None
        cfg = settings()
        port = f":{cfg.public_port}" if cfg.public_port else ""
        return f"{cfg.public_scheme}://{self.domain}{port}{self.account_path}{path}"


def _store(record: db.StoreRecord, domain: str | None = None, path_prefix: str | None = None) -> Store:
    return Store(
        record.store_id,
        StoreSettings.from_stored(record.settings),
        record.domain if domain is None else domain,
        record.path_prefix if path_prefix is None else path_prefix,
        record.sender_domain,
        record.sender_status == "verified",
        aws_account_id=record.aws_account_id,
        requests_per_minute=record.requests_per_minute,
        email_tenant=record.email_tenant,
        proxy_secret_digest=record.proxy_secret_digest,
    )


def get_store(store_id: str) -> Store:
    record = db.get_store(store_id)
    if record is None:
        raise NotFound(N_("No store %(store_id)s."), store_id=repr(store_id))
    return _store(record)


def save_settings(store_id: str, body: StoreSettingsIn) -> dict[str, Any]:
    change, secret = body.proxy_secret_change()
    new_digest = proxy.digest(store_id, secret) if secret is not None else None
    record = db.put_settings(store_id, body.stored(), clock.iso(clock.now()), (change, new_digest))
    forget_hosts()  # this container's view of the store is stale now
    return settings_view(_store(record))


def save_platform(store_id: str, body: StorePlatformIn) -> dict[str, Any]:
    """What only the platform sets about an existing store (its AWS account, its own fair share)."""
    record = db.put_platform(store_id, body.aws_account_id, body.requests_per_minute, clock.iso(clock.now()))
    if record is None:
        raise NotFound(N_("No store %(store_id)s: create it with its settings first."), store_id=repr(store_id))
    forget_hosts()
    return platform_view(_store(record))


def platform_view(store: Store) -> dict[str, Any]:
    """What the platform set; an unset field is left out (the answer's schema has no nulls)."""
    view: dict[str, Any] = {"store_id": store.store_id}
    if store.aws_account_id is not None:
        view["aws_account_id"] = store.aws_account_id
    if store.requests_per_minute is not None:
        view["requests_per_minute"] = store.requests_per_minute
    return view


def settings_view(store: Store) -> dict[str, Any]:
    return {
        "store_id": store.store_id,
        **store.settings.stored(),
        "domain": store.domain,
        "path_prefix": store.path_prefix,
        "proxy_secret_set": store.proxy_secret_digest is not None,
    }


def normalise_host(raw: str) -> str:
    """Host header -> bare lower-case host name: no port, no trailing dot."""
    host = raw.strip().lower()
    if host.startswith("["):  # IPv6 literal
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0].rstrip(".") if ":" in host else host.rstrip(".")


def validate_domain(raw: str) -> str:
    if has_control_characters(raw):
        raise BadRequest(N_("The domain has a control character."), details=[{"loc": ["body", "domain"]}])
    host = raw.strip().lower().rstrip(".")
    try:
        ipaddress.ip_address(host.strip("[]"))
        raise BadRequest(N_("Connect a domain name, not an IP address."), details=[{"loc": ["body", "domain"]}])
    except ValueError:
        pass
    labels = host.split(".")
    if "*" in host:
        raise BadRequest(N_("Wildcard domains cannot be connected."), details=[{"loc": ["body", "domain"]}])
    if (
        len(host) > 253
        or len(labels) < 2
        or not all(_LABEL.fullmatch(label) for label in labels)
        or labels[-1].isdigit()
    ):
        raise BadRequest(
            N_("%(domain)s is not a valid domain name."), domain=repr(raw), details=[{"loc": ["body", "domain"]}]
        )
    return host


def validate_path_prefix(raw: str) -> str:
    """'' or '/seg[/seg...]', with no dot segments and not ending in (or containing) /store."""
    if has_control_characters(raw):
        raise BadRequest(N_("The path prefix has a control character."), details=[{"loc": ["body", "path_prefix"]}])
    prefix = raw.strip()
    if prefix in ("", "/"):
        return ""
    prefix = "/" + prefix.strip("/")
    segments = prefix.split("/")[1:]
    bad = (
        any(seg in ("", ".", "..") or not _SEGMENT.fullmatch(seg) for seg in segments)
        or segments[-1].lower() == "store"
        or "/store/account" in prefix.lower() + "/"
    )
    if bad:
        raise BadRequest(
            N_(
                "%(prefix)s is not a valid path prefix: use segments like /products, without '..' or a trailing /store."
            ),
            prefix=repr(raw),
            details=[{"loc": ["body", "path_prefix"]}],
        )
    return prefix


def validate_certificate(arn: str | None) -> str | None:
    if arn is None:
        return None
    match = _CERT_ARN.fullmatch(arn)
    if not match:
        raise BadRequest(
            N_("certificate_arn is not an ACM certificate ARN."), details=[{"loc": ["body", "certificate_arn"]}]
        )
    if match.group(1) != settings().region:
        raise BadRequest(
            N_("The certificate must be in %(region)s, where the regional custom domain lives."),
            region=settings().region,
            details=[{"loc": ["body", "certificate_arn"]}],
        )
    return arn


# Host -> store, per container. Negative answers are cached too, so a storm of unknown hosts costs
# one read per host per TTL, not one per request.
_hosts: TTLCache[str, Store | None] = TTLCache(seconds=settings().store_cache_seconds, max_entries=1024)


def store_for_host(raw_host: str) -> Store:
    host = normalise_host(raw_host)
    found, store = _hosts.get(host)
    if not found:
        store = None
        owner = db.store_for_domain(host)
        if owner is not None:
            record = db.get_store(owner[0])
            store = _store(record, host, owner[1]) if record else None
        _hosts.put(host, store)
    if store is None:
        raise NotFound(N_("There is no store at this address."))
    return store


def forget_hosts() -> None:
    """Drop this container's host cache (after a change to a store or its domain). Other containers
    see the change when their entries expire (STORE_CACHE_SECONDS)."""
    _hosts.clear()
