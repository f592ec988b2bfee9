"""A change another feature makes to a stored order (a cancellation request, a return, a tracking event):
read, decide, write with the order's list entries, guarded by the order's version, so two changes at
once never lose one: the second re-reads and decides again on what the first wrote."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from access_center.core import clock
from access_center.core.errors import NotFound
from access_center.core.i18n import N_
from access_center.db.retry import retry_on_conflict
from access_center.orders import acting
from access_center.orders import storage as db
from access_center.orders.logic import TooBusy, listing, view

if TYPE_CHECKING:
    from pynamodb.models import Model

    from access_center.companies.rules import Action
    from access_center.orders.acting import Viewer
    from access_center.orders.shapes import Order, OrderView

# What a decide function answers its caller beyond the order's view (a new return), or None.
AnswerT = TypeVar("AnswerT")


class OrderChange(NamedTuple, Generic[AnswerT]):
    """What a decide function makes of the stored order: the changed order (None: nothing to write), what
    its caller answers, and the items of another feature written in the same transaction (a return's
    index item)."""

    order: Order | None
    answer: AnswerT
    writes: Sequence[Model] = ()


class ChangedOrder(NamedTuple, Generic[AnswerT]):
    """What change_order did: whether it wrote, the order's view as it now stands, the decide function's answer."""

    written: bool
    view: OrderView
    answer: AnswerT


def change_order(
    store_id: str,
    order_id: str,
    decide: Callable[[Order], OrderChange[AnswerT]],
    *,
    by: tuple[Viewer, Action] | None = None,
) -> ChangedOrder[AnswerT]:
    """Apply `decide` (the stored order in, an OrderChange out) to the stored order, guarded by its
    version: a lost race re-reads and decides again, so the answer is always the deciding attempt's.
    `by` (a customer, and what they do): only an order they see (NotFound otherwise, as for one that does
    not exist), and only an action they may take on it (Forbidden: orders.acting), checked on each read."""

    def attempt() -> ChangedOrder[AnswerT]:
        previous = db.get_order(store_id, order_id)
        if previous is None and by is not None:
            raise NotFound(N_("No such order."))
        if previous is None:
            raise NotFound(
                N_("No order %(order_id)s at store %(store_id)s."), order_id=repr(order_id), store_id=repr(store_id)
            )
        if by is not None:
            viewer, action = by
            acting.required(previous.order, previous.listed_for, viewer).require(action)
        decided = decide(previous.order)
        if decided.order is None:
            return ChangedOrder(False, view(order_id, previous.order), decided.answer)
        stored = db.OrderRecord(
            store_id,
            order_id,
            decided.order,
            previous.listed_for,
            previous.created_at,
            clock.iso(clock.now()),
            previous.version,
        )
        db.save_order(stored, listing(order_id, decided.order), previous, decided.writes)
        return ChangedOrder(True, view(order_id, decided.order), decided.answer)

    return retry_on_conflict(attempt, TooBusy)
