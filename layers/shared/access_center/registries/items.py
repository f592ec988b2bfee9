"""The Customers table's gift registry items (API.md section 12). A registry lives under its own key, so
the store system finds it by its id alone and a guest's purchase never touches the owner's items:

- the registry: pk `{store_id}#registry#{registry_id}`, sk `registry` (its owner's email, title, date,
  message, shipping address id, whether the owner closed it, the share link's nonce, how many items);
- an item: same pk, sk `item#{sku}` (the catalog's name when added, how many are wanted and bought);
- a purchase: same pk, sk `purchase#{order_id}#{sku}` (how many), written once with its item's count;
- the owner's entry: pk `{store_id}#{email}`, sk `registry#{registry_id}` (title, date, closed), so the
  customer's registries are one Query; how many they have is the profile's `registry_count`;
- the share link: pk `{store_id}#registry-share#{sha256 of the token}`, sk `share`, naming the registry,
  so the public page finds it by one key lookup (the token itself is stored nowhere: registries.sharing)."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta

HEAD_SK = "registry"
ITEM_PREFIX = "item#"
PURCHASE_PREFIX = "purchase#"
ENTRY_PREFIX = "registry#"
SHARE_SK = "share"


def registry_key(store_id: str, registry_id: str) -> str:
    return f"{store_id}#registry#{registry_id}"


def item_sk(sku: str) -> str:
    return f"{ITEM_PREFIX}{sku}"


def purchase_sk(order_id: str, sku: str) -> str:
    return f"{PURCHASE_PREFIX}{order_id}#{sku}"


def entry_sk(registry_id: str) -> str:
    return f"{ENTRY_PREFIX}{registry_id}"


def share_key(store_id: str, token_hash: str) -> str:
    return f"{store_id}#registry-share#{token_hash}"


class RegistryItem(Model):
    """One gift registry."""

    class Meta(ItemMeta):
        table_name = settings().customers_table

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#registry#{registry_id}`
    sk = UnicodeAttribute(range_key=True)  # HEAD_SK
    registry_id = UnicodeAttribute()
    email = UnicodeAttribute()  # the owner's
    title = UnicodeAttribute()
    event_date = UnicodeAttribute()  # YYYY-MM-DD
    message = UnicodeAttribute(null=True)
    address_id = UnicodeAttribute(null=True)  # an address of the owner's book, read when the store asks
    closed = BooleanAttribute(default=False)  # closed by its owner (a past event_date closes it too)
    share_nonce = UnicodeAttribute()  # the share link's (registries.sharing)
    item_count = NumberAttribute(default=0)
    created_at = NumberAttribute()
    updated_at = NumberAttribute()


class RegistryLineItem(Model):
    """One SKU on a registry."""

    class Meta(ItemMeta):
        table_name = settings().customers_table

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)  # `item#{sku}`
    sku = UnicodeAttribute()
    name = UnicodeAttribute()  # the catalog's name when added: shown once the catalog has no such product
    wanted = NumberAttribute()
    purchased = NumberAttribute(default=0)
    added_at = NumberAttribute()


class RegistryPurchaseItem(Model):
    """A store's purchase from a registry: the order and SKU are its key, so it counts once."""

    class Meta(ItemMeta):
        table_name = settings().customers_table

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)  # `purchase#{order_id}#{sku}`
    order_id = UnicodeAttribute()
    sku = UnicodeAttribute()
    quantity = NumberAttribute()
    recorded_at = NumberAttribute()


class RegistryEntryItem(Model):
    """The owner's entry of a registry, under the customer's key."""

    class Meta(ItemMeta):
        table_name = settings().customers_table

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#{email}`
    sk = UnicodeAttribute(range_key=True)  # `registry#{registry_id}`
    registry_id = UnicodeAttribute()
    title = UnicodeAttribute()
    event_date = UnicodeAttribute()
    closed = BooleanAttribute(default=False)
    created_at = NumberAttribute()


class RegistryShareItem(Model):
    """A registry's share link: which registry a token opens."""

    class Meta(ItemMeta):
        table_name = settings().customers_table

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#registry-share#{sha256 hex of the token}`
    sk = UnicodeAttribute(range_key=True)  # SHARE_SK
    registry_id = UnicodeAttribute()
