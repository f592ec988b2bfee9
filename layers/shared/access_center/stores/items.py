"""The Stores table's items: a store's settings (`store#{store_id}`) and who owns a domain (`domain#{host}`)."""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
)
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta

_cfg = settings()


class StoreItem(Model):
    class Meta(ItemMeta):
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
    # The store's SES tenant (aws.ses_tenants: its own sending reputation), and the sending domains it
    # has left whose SES identity is still to be deleted (stores.sender finishes them on its next change).
    email_tenant = UnicodeAttribute(null=True)
    retiring_senders = UnicodeSetAttribute(null=True)
    # The domain the store sends email from once SES has verified it for this store (stores.sender).
    sender_domain = UnicodeAttribute(null=True)
    sender_status = UnicodeAttribute(null=True)
    # The SHA-256 digest of the store's write-only proxy secret (stores.proxy); never the secret.
    proxy_secret_digest = UnicodeAttribute(null=True)
    # Set only by the platform's principals (stores.platform_routes): the AWS account whose principals
    # may address this store (stores.callers), and the store's own fair share (web.fair_share).
    aws_account_id = UnicodeAttribute(null=True)
    requests_per_minute = NumberAttribute(null=True)


class DomainItem(Model):
    class Meta(ItemMeta):
        table_name = _cfg.stores_table

    pk = UnicodeAttribute(hash_key=True)
    store_id = UnicodeAttribute()
    domain = UnicodeAttribute()
    path_prefix = UnicodeAttribute()


class SenderItem(Model):
    """`sender#{domain}`: the one store that may send from a domain (claimed before SES is asked)."""

    class Meta(ItemMeta):
        table_name = _cfg.stores_table

    pk = UnicodeAttribute(hash_key=True)
    store_id = UnicodeAttribute()
