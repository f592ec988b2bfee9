"""Who may see an order, and what they may do with it (API.md sections 3 and 11), decided here for every
route and page:
- its buyer (the email it was placed with): everything;
- another email it is listed for (sticky contact): reads it only;
- a member of the order's company (`company_id`): what companies.rules gives their role, the table every
  route asks; a role that may not see the company's orders does not see it at all.
Anyone else does not see it: NotFound, as for an order that does not exist. An action the viewer may
not take on an order they see is Forbidden."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from access_center.companies import rules
from access_center.companies.logic import Membership, membership
from access_center.companies.rules import Action, Role
from access_center.core.errors import Forbidden, NotFound
from access_center.core.i18n import N_

if TYPE_CHECKING:
    from collections.abc import Collection

    from access_center.account.customer import SignedIn
    from access_center.orders.shapes import AnyOrder

CO_VIEWER = N_("This order was placed with another email: you can see it here, but only its buyer can act on it.")
READ_ONLY_ROLE = N_("Your role in your company lets you see this order, but not change it.")
NO_SUCH_ORDER = N_("No such order.")


class Viewer:
    """The signed-in customer asking about orders: their email, and their company membership, read
    from its item the first time an order of a company asks for it (once per request: a role changed
    since applies to the next request)."""

    def __init__(self, store_id: str, email: str) -> None:
        self.store_id = store_id
        self.email = email

    @classmethod
    def of(cls, who: SignedIn) -> Viewer:
        """The signed-in customer of a request, as a viewer of orders."""
        return cls(who.store.store_id, who.email)

    @cached_property
    def membership(self) -> Membership | None:
        return membership(self.store_id, self.email)


@dataclass(frozen=True)
class OrderAccess:
    """What the viewer may do with one order they see."""

    email: str  # the viewer's
    own: bool  # placed with the viewer's email
    role: Role | None  # the viewer's role, where they see the order as their company's

    def may(self, action: Action) -> bool:
        if self.own:
            return True
        if self.role is not None and rules.may(self.role, action):
            return True
        return action == Action.VIEW_ORDER  # listed for them (sticky contact), or the role's view

    def why_not(self, action: Action) -> str | None:
        """The sentence (to translate) saying why the viewer may not take `action`; None where they may."""
        if self.may(action):
            return None
        return READ_ONLY_ROLE if self.role is not None else CO_VIEWER

    def require(self, action: Action) -> None:
        """Forbidden where the viewer may not take `action` on this order."""
        if self.may(action):
            return
        if self.role is not None:
            raise Forbidden(READ_ONLY_ROLE)
        raise Forbidden(CO_VIEWER)

    @property
    def acted_by(self) -> str | None:
        """The viewer's email where they act on someone else's order (events and records say who), else None."""
        return None if self.own else self.email


def access(order: AnyOrder, listed_for: Collection[str], viewer: Viewer) -> OrderAccess | None:
    """What `viewer` may do with the order (listed for the emails in `listed_for`), or None where they
    may not see it. The membership is read only for an order of a company that is not the viewer's own."""
    own = order["email"] == viewer.email
    company_id = order.get("company_id")
    role = None
    if company_id and not own:
        member = viewer.membership
        if member is not None and member.company_id == company_id and member.may(Action.VIEW_ORDER):
            role = member.role
    if not own and role is None and viewer.email not in listed_for:
        return None
    return OrderAccess(viewer.email, own, role)


def required(order: AnyOrder, listed_for: Collection[str], viewer: Viewer) -> OrderAccess:
    """The viewer's access to the order; NotFound where they may not see it (as for no such order)."""
    found = access(order, listed_for, viewer)
    if found is None:
        raise NotFound(NO_SUCH_ORDER)
    return found
