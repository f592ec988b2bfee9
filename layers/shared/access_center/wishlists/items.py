"""The Customers table's wish list items (API.md section 12), all under the customer's key, so a list and
its items are one Query:

- a list: sk `wishlist#{list_id}` (its name, dates, how many items it holds, and its share token while
  shared); how many lists the customer has is the profile's `wishlist_count` (account.items.ProfileItem);
- an item of a list: sk `wishlist#{list_id}#item#{sku}` (the name the catalog gave it when added, since
  the catalog may drop the product later);
- a shared list's link: pk `{store_id}#wishlist-share#{sha256 of the token}`, sk `share`, naming the owner
  and the list, so the read-only page finds the list by one key lookup. Only the hash is a key: the token
  itself is the list's attribute (its owner sees the link again)."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta

PREFIX = "wishlist#"
ITEM_INFIX = "#item#"
SHARE_SK = "share"


def list_sk(list_id: str) -> str:
    return f"{PREFIX}{list_id}"


def entry_sk(list_id: str, sku: str) -> str:
    return f"{PREFIX}{list_id}{ITEM_INFIX}{sku}"


def share_key(store_id: str, token_hash: str) -> str:
    return f"{store_id}#wishlist-share#{token_hash}"


class WishlistItem(Model):
    """One wish list of a customer's."""

    class Meta(ItemMeta):
        table_name = settings().customers_table

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#{email}`, the customer's key
    sk = UnicodeAttribute(range_key=True)  # `wishlist#{list_id}`
    list_id = UnicodeAttribute()
    name = UnicodeAttribute()
    created_at = NumberAttribute()
    updated_at = NumberAttribute()
    item_count = NumberAttribute(default=0)
    share_nonce = UnicodeAttribute(null=True)  # set only while the list is shared (wishlists.sharing)


class WishlistEntryItem(Model):
    """One SKU on a wish list."""

    class Meta(ItemMeta):
        table_name = settings().customers_table

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#{email}`
    sk = UnicodeAttribute(range_key=True)  # `wishlist#{list_id}#item#{sku}`
    list_id = UnicodeAttribute()
    sku = UnicodeAttribute()
    name = UnicodeAttribute()  # the catalog's name when added: shown once the catalog has no such product
    quantity = NumberAttribute()
    added_at = NumberAttribute()


class WishlistShareItem(Model):
    """A shared list's link: which customer's list a share token opens."""

    class Meta(ItemMeta):
        table_name = settings().customers_table

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#wishlist-share#{sha256 hex of the token}`
    sk = UnicodeAttribute(range_key=True)  # SHARE_SK
    email = UnicodeAttribute()
    list_id = UnicodeAttribute()
    shared_at = NumberAttribute()
