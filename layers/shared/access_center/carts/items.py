"""The Customers table's saved carts, two items per cart, written together (carts.storage):
- the cart (`{store_id}#cart#{cart_id}`, sk `cart`): what the store pushed, whose it is, the name the
  customer sees, where its list entry is, and a version that every write is conditioned on;
- the customer's list entry (`{store_id}#{email}`, sk `cart#{saved_at}#{cart_id}`): the same name, lines
  and time, so the customer's list is one Query, newest saved first."""

from __future__ import annotations

from pynamodb.attributes import ListAttribute, MapAttribute, NumberAttribute, UnicodeAttribute, VersionAttribute
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta

CART_SK = "cart"
ENTRY_PREFIX = "cart#"


class _CustomersTable(ItemMeta):
    table_name = settings().customers_table


class CartLineAttribute(MapAttribute[str, object]):
    """One line of a saved cart: a SKU and how many (prices are the catalog's, read when shown)."""

    sku = UnicodeAttribute()
    quantity = NumberAttribute()


class SavedCartItem(Model):
    class Meta(_CustomersTable):
        pass

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#cart#{cart_id}`: a cart id is the store's, per store
    sk = UnicodeAttribute(range_key=True, default=CART_SK)
    cart_id = UnicodeAttribute()
    email = UnicodeAttribute()  # whose cart it is: fixed once pushed (a different email is a 409)
    name = UnicodeAttribute(null=True)  # what the customer sees: the store's name, or the customer's rename
    pushed_name = UnicodeAttribute(null=True)  # the name the store last sent (a resend must not undo a rename)
    items = ListAttribute(of=CartLineAttribute)
    saved_at = UnicodeAttribute()
    entry_sk = UnicodeAttribute()  # where its list entry is (it moves when saved_at does)
    updated_at = NumberAttribute()
    # A new random id per write: a cart deleted and pushed again starts at version 1 again, so a writer
    # that read the old cart's version 1 would pass a version condition alone (and leave an entry behind).
    write_id = UnicodeAttribute(null=True)
    version = VersionAttribute()


class SavedCartEntryItem(Model):
    """The customer's list entry of one cart."""

    class Meta(_CustomersTable):
        pass

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#{email}`, the customer's key
    sk = UnicodeAttribute(range_key=True)  # `cart#{saved_at}#{cart_id}`
    cart_id = UnicodeAttribute()
    name = UnicodeAttribute(null=True)
    items = ListAttribute(of=CartLineAttribute)
    saved_at = UnicodeAttribute()
