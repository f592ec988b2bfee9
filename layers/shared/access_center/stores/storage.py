"""Stores and their domains (Stores table); their sending domains: stores.sender_storage."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pynamodb.exceptions import TransactWriteError
from pynamodb.expressions.update import Action

from access_center.db.transactions import WriteConflict, conditional, transaction
from access_center.stores.items import DomainItem, StoreItem


class DomainTaken(WriteConflict):
    """Another store owns the domain."""


class StoreChanged(WriteConflict):
    """The store's domain changed (or the store vanished) between our read and our write."""


@dataclass(frozen=True)
class StoreRecord:
    store_id: str
    settings: Mapping[str, object]  # the item's map as stored: stores.logic reads it into StoreSettings
    domain: str | None
    path_prefix: str
    certificate_arn: str | None = None
    # (host, path_prefix) of domains left behind whose mapping and domain item are still to be removed.
    retiring: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    sender_domain: str | None = None
    sender_status: str | None = None
    aws_account_id: str | None = None
    requests_per_minute: int | None = None
    # The store's SES tenant and the sending domains whose identity is still to be deleted (stores.sender).
    email_tenant: str | None = None
    retiring_senders: frozenset[str] = field(default_factory=frozenset)
    proxy_secret_digest: str | None = field(default=None, repr=False)  # stores.proxy


def store_key(store_id: str) -> str:
    return f"store#{store_id}"


def _domain_key(host: str) -> str:
    return f"domain#{host}"


def _entry(host: str, path_prefix: str) -> str:
    """A retiring domain as stored: `host` + prefix (`shop.example/products`). Hosts have no `/`."""
    return f"{host}{path_prefix}"


def _parse_entry(entry: str) -> tuple[str, str]:
    host, slash, rest = entry.partition("/")
    return host, f"/{rest}" if slash else ""


def _record(item: StoreItem) -> StoreRecord:
    return StoreRecord(
        item.store_id,
        item.settings.as_dict(),
        item.domain,
        item.path_prefix or "",
        item.certificate_arn,
        frozenset(_parse_entry(e) for e in (item.retiring or ())),
        item.sender_domain,
        item.sender_status,
        aws_account_id=item.aws_account_id,
        requests_per_minute=None if item.requests_per_minute is None else int(item.requests_per_minute),
        email_tenant=item.email_tenant,
        retiring_senders=frozenset(item.retiring_senders or ()),
        proxy_secret_digest=item.proxy_secret_digest,
    )


def get_store(store_id: str, *, consistent: bool = False) -> StoreRecord | None:
    try:
        item = StoreItem.get(store_key(store_id), consistent_read=consistent)
    except StoreItem.DoesNotExist:
        return None
    return _record(item)


def put_settings(
    store_id: str, settings: dict[str, Any], now: str, proxy_digest: tuple[bool, str | None] = (False, None)
) -> StoreRecord:
    """Create or replace a store's settings; its domain stays as it is. `proxy_digest`: (whether to
    change the proxy secret's digest, the new digest or None to remove it), in the same write."""
    item = StoreItem(store_key(store_id))
    actions: list[Action] = [
        StoreItem.store_id.set(store_id),
        StoreItem.settings.set(settings),
        StoreItem.updated_at.set(now),
    ]
    change, new_digest = proxy_digest
    if change:
        digest_attribute = StoreItem.proxy_secret_digest
        actions.append(digest_attribute.remove() if new_digest is None else digest_attribute.set(new_digest))
    item.update(actions=actions)
    return _record(item)


def put_platform(
    store_id: str, aws_account_id: str | None, requests_per_minute: int | None, now: str
) -> StoreRecord | None:
    """Set (None: remove) what only the platform sets about a store; None if there is no such store (a
    store is created by its settings, never by this)."""
    item = StoreItem(store_key(store_id))
    actions: list[Action] = [
        StoreItem.aws_account_id.remove() if aws_account_id is None else StoreItem.aws_account_id.set(aws_account_id),
        StoreItem.requests_per_minute.remove()
        if requests_per_minute is None
        else StoreItem.requests_per_minute.set(requests_per_minute),
        StoreItem.updated_at.set(now),
    ]
    try:
        with conditional():
            item.update(actions=actions, condition=StoreItem.pk.exists())
    except WriteConflict:
        return None
    return _record(item)


def store_for_domain(host: str) -> tuple[str, str] | None:
    """(store_id, path_prefix) of the store that connected `host`."""
    try:
        item = DomainItem.get(_domain_key(host))
    except DomainItem.DoesNotExist:
        return None
    return item.store_id, item.path_prefix


def _as_read(store: StoreRecord) -> Any:
    """The store still points where it did when `store` was read (optimistic check)."""
    if store.domain is None:
        return StoreItem.pk.exists() & StoreItem.domain.does_not_exist()
    return StoreItem.pk.exists() & (StoreItem.domain == store.domain) & (StoreItem.path_prefix == store.path_prefix)


def _failed_items(conflict: WriteConflict) -> set[int]:
    cause = conflict.__cause__
    if not isinstance(cause, TransactWriteError):
        return set()
    return {i for i, r in enumerate(cause.cancellation_reasons) if r is not None and r.code == "ConditionalCheckFailed"}


def connect_domain(store: StoreRecord, host: str, path_prefix: str, certificate_arn: str | None) -> None:
    """Point `host` at the store in one transaction: claim the domain (one owner), record it on the
    store, and put the store's previous domain on its `retiring` list (released by `release_domain`
    once its API Gateway mapping is gone). Raises DomainTaken if another store owns `host`, and
    StoreChanged if the store's domain changed since `store` was read."""
    actions: list[Action] = [StoreItem.domain.set(host), StoreItem.path_prefix.set(path_prefix)]
    if certificate_arn:
        actions.append(StoreItem.certificate_arn.set(certificate_arn))
    elif host != store.domain:
        actions.append(StoreItem.certificate_arn.remove())
    if store.domain and (store.domain, store.path_prefix) != (host, path_prefix):
        actions.append(StoreItem.retiring.add({_entry(store.domain, store.path_prefix)}))
    try:
        with transaction() as tx:
            tx.save(
                DomainItem(_domain_key(host), store_id=store.store_id, domain=host, path_prefix=path_prefix),
                condition=DomainItem.pk.does_not_exist() | (DomainItem.store_id == store.store_id),
            )
            tx.update(StoreItem(store_key(store.store_id)), actions=actions, condition=_as_read(store))
    except WriteConflict as conflict:
        if 0 in _failed_items(conflict):
            raise DomainTaken(str(conflict)) from conflict
        raise StoreChanged(str(conflict)) from conflict


def revert_connect(store: StoreRecord, host: str, path_prefix: str) -> None:
    """Undo `connect_domain(store, host, path_prefix, ...)`: the store points where it did, and `host`
    is released (or its domain item gets back the prefix it had). Only while the store still points at
    `host` + `path_prefix`, so a newer change is never overwritten (StoreChanged then)."""
    actions: list[Action] = [
        StoreItem.domain.set(store.domain) if store.domain else StoreItem.domain.remove(),
        StoreItem.path_prefix.set(store.path_prefix) if store.domain else StoreItem.path_prefix.remove(),
        StoreItem.certificate_arn.set(store.certificate_arn)
        if store.certificate_arn
        else StoreItem.certificate_arn.remove(),
    ]
    if store.domain and (store.domain, store.path_prefix) != (host, path_prefix):
        actions.append(StoreItem.retiring.delete({_entry(store.domain, store.path_prefix)}))
    owner_condition = DomainItem.store_id == store.store_id
    earlier_prefix = store.path_prefix if host == store.domain else None
    if earlier_prefix is None:  # a domain the store left earlier and came back to: it keeps its old item
        earlier_prefix = next((p for h, p in sorted(store.retiring) if h == host), None)
    try:
        with transaction() as tx:
            tx.update(
                StoreItem(store_key(store.store_id)),
                actions=actions,
                condition=(StoreItem.domain == host) & (StoreItem.path_prefix == path_prefix),
            )
            if earlier_prefix is None:
                tx.delete(DomainItem(_domain_key(host)), condition=owner_condition)
            else:
                tx.save(
                    DomainItem(_domain_key(host), store_id=store.store_id, domain=host, path_prefix=earlier_prefix),
                    condition=owner_condition,
                )
    except WriteConflict as conflict:
        raise StoreChanged(str(conflict)) from conflict


def disconnect_domain(store: StoreRecord) -> None:
    """The store no longer has a domain; the one it had goes on its `retiring` list."""
    assert store.domain is not None
    actions: list[Action] = [
        StoreItem.domain.remove(),
        StoreItem.path_prefix.remove(),
        StoreItem.certificate_arn.remove(),
        StoreItem.retiring.add({_entry(store.domain, store.path_prefix)}),
    ]
    try:
        with conditional():
            StoreItem(store_key(store.store_id)).update(actions=actions, condition=_as_read(store))
    except WriteConflict as conflict:
        raise StoreChanged(str(conflict)) from conflict


def forget_retiring(store_id: str, host: str, path_prefixes: Iterable[str]) -> None:
    """Take entries off the store's `retiring` list (their API Gateway side is gone, or not ours)."""
    entries = {_entry(host, p) for p in path_prefixes}
    if entries:
        StoreItem(store_key(store_id)).update(actions=[StoreItem.retiring.delete(entries)])


def release_domain(store_id: str, host: str, path_prefixes: Iterable[str]) -> None:
    """Give up `host` (its API Gateway side is gone): delete its domain item if it is still this
    store's, and take its entries off the `retiring` list, in one transaction."""
    entries = {_entry(host, p) for p in path_prefixes}
    try:
        with transaction() as tx:
            tx.delete(DomainItem(_domain_key(host)), condition=DomainItem.store_id == store_id)
            tx.update(StoreItem(store_key(store_id)), actions=[StoreItem.retiring.delete(entries)])
    except WriteConflict:  # the item is no longer ours (or gone): only the list needs tidying
        forget_retiring(store_id, host, path_prefixes)
