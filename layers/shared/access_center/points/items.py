"""The Customers table's reward points (points.storage), four kinds of item, written together when a
store pushes a new entry:
- the entry (`{store_id}#points-entry#{entry_id}`, sk `entry`): what the store pushed, whose it is, and
  the digest of its content (a re-push of the same content changes nothing; different content is a 409);
- the customer's ledger entry (`{store_id}#{email}`, sk `points#{occurred_at}#{entry_id}`): the same
  fields, so the ledger is one Query, newest first;
- the expiry index (`{store_id}#{email}`, sk `points-expiry#{expires_at}#{entry_id}`), for earning
  entries with an `expires_at`: what expires soon is one Query between now and now + 30 days;
- the balance (`{store_id}#{email}`, sk `points`): the sum of the entries and how many, a cache of the
  ledger that only an ADD in the entry's own transaction changes."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta

ENTRY_SK = "entry"
BALANCE_SK = "points"
LEDGER_PREFIX = "points#"
EXPIRY_PREFIX = "points-expiry#"  # not under LEDGER_PREFIX: "points-" never begins with "points#"


class _CustomersTable(ItemMeta):
    table_name = settings().customers_table


class PointsEntryItem(Model):
    """The entry under the store's id for it: the one the transaction's condition is on."""

    class Meta(_CustomersTable):
        pass

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#points-entry#{entry_id}`: an entry id is the store's
    sk = UnicodeAttribute(range_key=True, default=ENTRY_SK)
    entry_id = UnicodeAttribute()
    email = UnicodeAttribute()  # whose entry it is: fixed once pushed (another email is a 409)
    points = NumberAttribute()
    reason = UnicodeAttribute()
    order_id = UnicodeAttribute(null=True)
    occurred_at = UnicodeAttribute()
    expires_at = UnicodeAttribute(null=True)
    digest = UnicodeAttribute()  # sha256 of the canonical content (points.rules.digest)
    created_at = NumberAttribute()


class PointsLedgerItem(Model):
    """The customer's ledger line of one entry."""

    class Meta(_CustomersTable):
        pass

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#{email}`, the customer's key
    sk = UnicodeAttribute(range_key=True)  # `points#{occurred_at}#{entry_id}`
    entry_id = UnicodeAttribute()
    points = NumberAttribute()
    reason = UnicodeAttribute()
    order_id = UnicodeAttribute(null=True)
    occurred_at = UnicodeAttribute()
    expires_at = UnicodeAttribute(null=True)


class PointsExpiryItem(Model):
    """An earning entry's place in the customer's expiry index."""

    class Meta(_CustomersTable):
        pass

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#{email}`
    sk = UnicodeAttribute(range_key=True)  # `points-expiry#{expires_at}#{entry_id}`
    entry_id = UnicodeAttribute()
    points = NumberAttribute()
    expires_at = UnicodeAttribute()


class PointsBalanceItem(Model):
    class Meta(_CustomersTable):
        pass

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#{email}`
    sk = UnicodeAttribute(range_key=True, default=BALANCE_SK)
    balance = NumberAttribute(default=0)
    entry_count = NumberAttribute(default=0)
