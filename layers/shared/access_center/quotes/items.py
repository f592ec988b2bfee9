"""The Customers table's quote items, two per quote, written together (quotes.storage):
- the quote (`{store_id}#quote#{quote_id}`, sk `quote`): what the store pushed, where the customer's
  answer stands (status, decided_at, decline_reason), where its list entry is, and a version;
- the customer's list entry (`{store_id}#{email}`, sk `quote#{created_at}#{quote_id}`): the summary the
  Quotes page shows, so the list is one Query, newest first. `created_at` is when the store first pushed
  the quote: a later push changes the summary, never where it sorts."""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import ListAttribute, MapAttribute, NumberAttribute, UnicodeAttribute, VersionAttribute
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta

QUOTE_SK = "quote"
ENTRY_PREFIX = "quote#"


class _CustomersTable(ItemMeta):
    table_name = settings().customers_table


class QuoteItem(Model):
    class Meta(_CustomersTable):
        pass

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#quote#{quote_id}`
    sk = UnicodeAttribute(range_key=True, default=QUOTE_SK)
    store_id = UnicodeAttribute()
    quote_id = UnicodeAttribute()
    email = UnicodeAttribute()
    number = UnicodeAttribute()
    kind = UnicodeAttribute()
    valid_until = UnicodeAttribute(null=True)  # ISO 8601 UTC: compared as text in the answer's condition
    currency = UnicodeAttribute()
    lines = ListAttribute[Any]()  # maps: line_id, sku, name, quantity, unit_price, options [{name, value}]
    totals = MapAttribute[str, Any]()
    status = UnicodeAttribute()  # open, accepted or declined (expired is decided when read)
    decided_at = UnicodeAttribute(null=True)
    decline_reason = UnicodeAttribute(null=True)
    entry_sk = UnicodeAttribute()
    created_at = UnicodeAttribute()  # first pushed
    updated_at = UnicodeAttribute()  # last changed by the store
    version = VersionAttribute()


class QuoteEntryItem(Model):
    """A quote's line in its customer's list."""

    class Meta(_CustomersTable):
        pass

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#{email}`, the customer's key
    sk = UnicodeAttribute(range_key=True)  # `quote#{created_at}#{quote_id}`
    quote_id = UnicodeAttribute()
    number = UnicodeAttribute()
    kind = UnicodeAttribute()
    valid_until = UnicodeAttribute(null=True)
    currency = UnicodeAttribute()
    total = NumberAttribute()
    status = UnicodeAttribute()
    created_at = UnicodeAttribute()
