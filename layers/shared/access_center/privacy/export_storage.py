"""The privacy export's reads: what privacy.holdings lists for one store+email, each a key lookup, a
BatchGetItem of keys or a Query (pages followed by the iterators as they are consumed), nothing else.
The order-bound reads go a page of order entries at a time, so a customer with thousands of orders is
read with memory bounded by a page, never whole."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any

from access_center.account.items import ProfileItem, SessionEntryItem
from access_center.account.storage import get_profile, session_entries
from access_center.addresses.items import AddressItem
from access_center.addresses.storage import list_addresses
from access_center.companies.items import CompanyItem, MembershipItem
from access_center.companies.storage import get_company, get_membership
from access_center.invoices.items import ENTRY_PREFIX as INVOICE_PREFIX
from access_center.invoices.items import InvoiceEntryItem
from access_center.invoices.storage import customer_key as invoice_customer_key
from access_center.login.items import CodeItem
from access_center.login.storage import code_key
from access_center.messages.items import THREAD_SK, ThreadItem
from access_center.messages.storage import messages, thread_key
from access_center.orders.items import ContactItem, OrderEntryItem, OrderItem
from access_center.orders.storage import ENTRY_PREFIX as ORDER_PREFIX
from access_center.orders.storage import customer_key, get_contact

PAGE = 100  # order entries read, and orders fetched, per round: BatchGetItem's most keys per call


def profile(store_id: str, email: str) -> ProfileItem | None:
    return get_profile(store_id, email)


def addresses(store_id: str, email: str) -> list[AddressItem]:
    return list_addresses(store_id, email)  # 50 at most


def sessions(store_id: str, email: str) -> list[SessionEntryItem]:
    return session_entries(store_id, email)


def contact(store_id: str, email: str) -> ContactItem | None:
    return get_contact(store_id, email)


def membership(store_id: str, email: str) -> MembershipItem | None:
    return get_membership(store_id, email)


def company(store_id: str, company_id: str) -> CompanyItem | None:
    return get_company(store_id, company_id)


def login_code(store_id: str, email: str) -> CodeItem | None:
    try:
        return CodeItem.get(code_key(store_id, email), consistent_read=True)
    except CodeItem.DoesNotExist:
        return None


def order_id_pages(store_id: str, email: str) -> Iterator[list[str]]:
    """The ids of the customer's orders, newest first, PAGE at a time, from their order entries (a
    paged Query, followed as it is consumed)."""
    found = OrderEntryItem.query(
        customer_key(store_id, email),
        OrderEntryItem.sk.startswith(ORDER_PREFIX),
        scan_index_forward=False,
        attributes_to_get=["pk", "sk"],
    )
    ids = (str(entry.sk).rpartition("#")[2] for entry in found)  # `order#{placed_at}#{order_id}`
    while page := list(islice(ids, PAGE)):
        yield page


def orders(store_id: str, order_ids: list[str]) -> list[dict[str, Any]]:
    """These orders (PAGE at most) as stored, in the order asked, with one BatchGetItem: the order's map
    with its id and its item's dates."""
    found = {str(item.order_id): item for item in OrderItem.batch_get([f"{store_id}#{i}" for i in order_ids])}
    return [
        {
            "order_id": i,
            **found[i].order.as_dict(),
            "created_at": found[i].created_at,
            "updated_at": found[i].updated_at,
        }
        for i in order_ids
        if i in found
    ]


def threads(store_id: str, order_ids: list[str]) -> Iterator[tuple[str, list[Any]]]:
    """(order id, its messages oldest first) of each of these orders (PAGE at most) that has a
    conversation: one BatchGetItem of their thread headers, then one Query per thread that exists."""
    keys = [(thread_key(store_id, order_id), THREAD_SK) for order_id in order_ids]
    present = {str(item.pk) for item in ThreadItem.batch_get(keys, attributes_to_get=["pk", "sk"])}
    for order_id in order_ids:
        if thread_key(store_id, order_id) in present:
            yield order_id, list(messages(store_id, order_id))


def invoices(store_id: str, email: str) -> Iterator[dict[str, Any]]:
    """The invoice of each of the customer's invoice entries as stored, newest first (a paged Query,
    followed as it is consumed)."""
    found = InvoiceEntryItem.query(
        invoice_customer_key(store_id, email),
        InvoiceEntryItem.sk.startswith(INVOICE_PREFIX),
        scan_index_forward=False,
    )
    for entry in found:
        yield entry.data.as_dict()
