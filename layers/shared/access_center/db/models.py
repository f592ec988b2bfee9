"""PynamoDB models of the stored items. Key schemas match infra/template.yaml (a test pins that).

| table     | hash key                         | range key                          | item              |
|-----------|----------------------------------|------------------------------------|-------------------|
| Stores    | `store#{store_id}`               |                                    | store settings    |
| Stores    | `domain#{host}`                  |                                    | domain -> store   |
| Orders    | `{store_id}#{order_id}`          |                                    | the order (stream)|
| Customers | `{store_id}#{email}`             | `contact`                          | first contact     |
| Customers | `{store_id}#{email}`             | `order#{placed_at}#{order_id}`     | list entry        |
| Customers | `{store_id}#browser#{session}`   | `browser`                          | sticky session    |
| Codes     | `{store_id}#{email}`             |                                    | login code state  |
| Codes     | `rate#{kind}#{ip}#{hour}`        |                                    | per-IP counter    |
| Sessions  | sha256(token)                    |                                    | customer session  |
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    VersionAttribute,
)
from pynamodb.models import Model

from access_center.core.config import settings

_cfg = settings()


class _Connection:
    """Connection settings every model's Meta inherits."""

    region = _cfg.region
    host = _cfg.dynamodb_endpoint
    connect_timeout_seconds = 2
    read_timeout_seconds = 4
    max_retry_attempts = 3


class StoreItem(Model):
    class Meta(_Connection):
        table_name = _cfg.stores_table

    pk = UnicodeAttribute(hash_key=True)
    store_id = UnicodeAttribute()
    settings = MapAttribute[str, Any]()
    domain = UnicodeAttribute(null=True)
    path_prefix = UnicodeAttribute(null=True)
    certificate_arn = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute()
    # Domains (`host` or `host/prefix`) the store has left whose API Gateway mapping and domain item
    # are still to be removed; see access_center.stores.domains.
    retiring = UnicodeSetAttribute(null=True)


class DomainItem(Model):
    class Meta(_Connection):
        table_name = _cfg.stores_table

    pk = UnicodeAttribute(hash_key=True)
    store_id = UnicodeAttribute()
    domain = UnicodeAttribute()
    path_prefix = UnicodeAttribute()


class OrderItem(Model):
    class Meta(_Connection):
        table_name = _cfg.orders_table

    pk = UnicodeAttribute(hash_key=True)
    store_id = UnicodeAttribute()
    order_id = UnicodeAttribute()
    # The order exactly as the store sent it (validated), plus `fulfilments`.
    order = MapAttribute[str, Any]()
    # Every email whose order list shows this order (the placing email, plus a sticky contact's).
    listed_for = UnicodeSetAttribute()
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class ContactItem(Model):
    class Meta(_Connection):
        table_name = _cfg.customers_table

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    # Sortable "first created" rank: `{created_at}#{contact_id}`; the lowest wins.
    rank = UnicodeAttribute()
    contact_id = UnicodeAttribute(null=True)
    name = UnicodeAttribute()


class OrderEntryItem(Model):
    class Meta(_Connection):
        table_name = _cfg.customers_table

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    summary = MapAttribute[str, Any]()


class BrowserSessionItem(Model):
    class Meta(_Connection):
        table_name = _cfg.customers_table

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    email = UnicodeAttribute()


class CodeItem(Model):
    class Meta(_Connection):
        table_name = _cfg.codes_table

    pk = UnicodeAttribute(hash_key=True)
    # HOTP counter for the live code; the code itself is HOTP(secret(store, email), counter), so this
    # item alone does not reveal it. Absent: no live code.
    counter = NumberAttribute(null=True)
    expires_at = NumberAttribute(null=True)
    sends = ListAttribute[Any](of=NumberAttribute, default=list)
    failures = NumberAttribute(default=0)
    failures_since = NumberAttribute(default=0)
    ttl = NumberAttribute()
    version = VersionAttribute()


class RateItem(Model):
    class Meta(_Connection):
        table_name = _cfg.codes_table

    pk = UnicodeAttribute(hash_key=True)
    hits = NumberAttribute(default=0)
    ttl = NumberAttribute()


class SessionItem(Model):
    class Meta(_Connection):
        table_name = _cfg.sessions_table

    token_hash = UnicodeAttribute(hash_key=True)
    store_id = UnicodeAttribute()
    email = UnicodeAttribute()
    created_at = NumberAttribute()
    last_seen_at = NumberAttribute()
    expires_at = NumberAttribute()
    revoked = BooleanAttribute(default=False)
    ttl = NumberAttribute()
