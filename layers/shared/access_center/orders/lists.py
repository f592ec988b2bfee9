"""The customer's order lists (API.md sections 2, 6 and 11): their own, or their company's, a page at a
time, searched and filtered; each list one Query on its own partition, its cursors bound to it."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from access_center.companies.rules import Action
from access_center.companies.storage import company_key
from access_center.core import cursor
from access_center.core.errors import Forbidden, NotFound
from access_center.core.i18n import N_
from access_center.orders import search
from access_center.orders import storage as db
from access_center.orders.search import OrderQuery

if TYPE_CHECKING:
    from access_center.orders.acting import Viewer
    from access_center.orders.shapes import EntryPage

_PAGE_ONLY = frozenset({"first_items", search.SHIPPING_FIELD})  # a list entry's, beyond the contract's summary


class Scope(StrEnum):
    """Whose orders a list shows: the customer's own, or their company's (API.md section 11)."""

    MINE = "mine"
    COMPANY = "company"


NOT_FOR_ROLE = N_("Your role in your company does not let you see its orders.")
NO_COMPANY = N_("You do not belong to a company at this store.")


def list_key(viewer: Viewer, scope: Scope = Scope.MINE) -> str:
    """The partition of the list `scope` names for the viewer: NotFound outside any company, Forbidden
    for a role that may not see the company's orders (its membership read now, from its item)."""
    if scope is Scope.MINE:
        return db.customer_key(viewer.store_id, viewer.email)
    member = viewer.membership
    if member is None:
        raise NotFound(NO_COMPANY)
    if not member.may(Action.VIEW_ORDER):
        raise Forbidden(NOT_FOR_ROLE)
    return company_key(viewer.store_id, member.company_id)


def list_for_customer(
    viewer: Viewer,
    limit: int,
    after: str | None,
    query: OrderQuery = search.PLAIN,
    zone: str = "UTC",
    scope: Scope = Scope.MINE,
) -> dict[str, Any]:
    """The JSON list: a page of summaries, newest first (or as `query` sorts and filters them), and the
    cursor for the next page; `scope` company: the company's, each with `placed_by`."""
    page = page_for_customer(list_key(viewer, scope), limit, after=after, query=query, zone=zone)
    # The contract's summary fields only (the entries' first lines are for the orders page).
    orders = [{k: v for k, v in entry.items() if k not in _PAGE_ONLY} for entry in page["orders"]]
    return {"orders": orders, "next_cursor": page["next_cursor"]}


def page_for_customer(
    list_pk: str,
    limit: int,
    *,
    after: str | None = None,
    before: str | None = None,
    query: OrderQuery = search.PLAIN,
    zone: str = "UTC",
) -> EntryPage:
    """A page of the list under `list_pk` (list_key) in the list's order (newest first, or by `query`),
    either after `after` or before `before` (both cursors from an earlier page of the same list and
    query), with cursors for the next and the previous pages. `zone`: the store's time zone, in which
    `query`'s days begin."""
    # A cursor answers only for its list (a customer's or a company's) and its query
    # (search.OrderQuery.fingerprint): one from another list is a 400.
    partition = list_pk
    if fingerprint := query.fingerprint():
        partition = f"{partition}\n{fingerprint}"
    where = query.entry_filter(zone)
    start: str | None
    if before:
        start = cursor.decode(partition, before)
        page = db.list_entries(list_pk, limit, start, forwards=False, where=where)
        onwards, back = True, page.more  # the later page this one came from is still there
    else:
        start = cursor.decode(partition, after) if after else None
        page = db.list_entries(list_pk, limit, start, where=where)
        onwards, back = page.more, start is not None
    # An empty page of a filtered list (nothing matched within the read budget) still leads on from
    # where it began.
    last, first = page.last or start, page.first or start
    return {
        "orders": page.summaries,
        "next_cursor": cursor.encode(partition, last) if onwards and last else None,
        "prev_cursor": cursor.encode(partition, first) if back and first else None,
    }
