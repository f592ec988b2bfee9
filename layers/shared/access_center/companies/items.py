"""The Customers table's company items (API.md section 11):
- the company (`{store_id}#company#{company_id}`, sk `company`): its name, its members (email -> role)
  and a version, so a store's two PUTs at once never lose one;
- each member's membership (`{store_id}#{email}`, sk `company`, beside their profile and order entries):
  which company and role, read on each request that needs it (a role change applies to the next one),
  and the one item that says an email belongs to a company: written only where it is absent or the same
  company's, so an email is in at most one company per store;
- the company's list entries (`{store_id}#company#{company_id}`, sk `order#...` and `invoice#...`):
  orders.items.OrderEntryItem and invoices.items.InvoiceEntryItem under the company's key, written in
  the order's and the invoice's own transactions.

Ids match core.ids (no `@`), emails always have one: a company's key is never a customer's."""

from __future__ import annotations

from pynamodb.attributes import MapAttribute, NumberAttribute, UnicodeAttribute, VersionAttribute
from pynamodb.models import Model

from access_center.core.config import settings
from access_center.db.connection import ItemMeta

COMPANY = "company"  # the sort key of both the company and a membership


class CompanyItem(Model):
    class Meta(ItemMeta):
        table_name = settings().customers_table

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#company#{company_id}`
    sk = UnicodeAttribute(range_key=True, default=COMPANY)
    company_id = UnicodeAttribute()
    name = UnicodeAttribute()
    members = MapAttribute[str, str]()  # email -> role
    updated_at = NumberAttribute()
    version = VersionAttribute()


class MembershipItem(Model):
    class Meta(ItemMeta):
        table_name = settings().customers_table

    pk = UnicodeAttribute(hash_key=True)  # `{store_id}#{email}`, the customer's key
    sk = UnicodeAttribute(range_key=True, default=COMPANY)
    company_id = UnicodeAttribute()
    role = UnicodeAttribute()
    joined_at = NumberAttribute()
