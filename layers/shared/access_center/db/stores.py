"""Stores and their domains (Stores table)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from access_center.db.errors import transaction
from access_center.db.models import DomainItem, StoreItem


@dataclass(frozen=True)
class StoreRecord:
    store_id: str
    settings: dict[str, Any]
    domain: str | None
    path_prefix: str


def _store_key(store_id: str) -> str:
    return f"store#{store_id}"


def _domain_key(host: str) -> str:
    return f"domain#{host}"


def get_store(store_id: str) -> StoreRecord | None:
    try:
        item = StoreItem.get(_store_key(store_id))
    except StoreItem.DoesNotExist:
        return None
    return StoreRecord(item.store_id, item.settings.as_dict(), item.domain, item.path_prefix or "")


def put_settings(store_id: str, settings: dict[str, Any], now: str) -> StoreRecord:
    """Create or replace a store's settings; its domain stays as it is."""
    item = StoreItem(_store_key(store_id))
    item.update(
        actions=[
            StoreItem.store_id.set(store_id),
            StoreItem.settings.set(settings),
            StoreItem.updated_at.set(now),
        ]
    )
    return StoreRecord(store_id, item.settings.as_dict(), item.domain, item.path_prefix or "")


def store_for_domain(host: str) -> tuple[str, str] | None:
    """(store_id, path_prefix) of the store that connected `host`."""
    try:
        item = DomainItem.get(_domain_key(host))
    except DomainItem.DoesNotExist:
        return None
    return item.store_id, item.path_prefix


def connect_domain(store: StoreRecord, host: str, path_prefix: str, certificate_arn: str | None) -> None:
    """Point `host` at the store in one transaction: claim the domain (one owner), record it on the
    store, and release the store's previous domain. Raises WriteConflict if another store owns it."""
    with transaction() as tx:
        tx.save(
            DomainItem(_domain_key(host), store_id=store.store_id, domain=host, path_prefix=path_prefix),
            condition=DomainItem.pk.does_not_exist() | (DomainItem.store_id == store.store_id),
        )
        tx.update(
            StoreItem(_store_key(store.store_id)),
            actions=[
                StoreItem.domain.set(host),
                StoreItem.path_prefix.set(path_prefix),
                StoreItem.certificate_arn.set(certificate_arn)
                if certificate_arn
                else StoreItem.certificate_arn.remove(),
            ],
            condition=StoreItem.pk.exists(),
        )
        if store.domain and store.domain != host:
            tx.delete(DomainItem(_domain_key(store.domain)), condition=DomainItem.store_id == store.store_id)
