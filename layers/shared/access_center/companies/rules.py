"""Who in a company may do what with the company's orders and invoices (API.md section 11): the one
permission table, role x action, that every route and page asks (companies.access applies it to an
order). tests/unit/test_company_permissions.py walks every cell.

The table is about the company's orders placed by someone else. A member's own orders (placed with
their email) are theirs to act on whatever their role, as any customer's are (orders.acting)."""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class Role(StrEnum):
    BUYER = "buyer"  # their own orders only
    MANAGER = "manager"  # every order of the company: view and act
    FINANCE = "finance"  # the company's invoices, and every order read-only
    ADMIN = "admin"  # as manager and finance, and sees the members


class Action(StrEnum):
    VIEW_ORDER = "view_order"  # see a colleague's order, in the company list and by id (its attachments too)
    ORDER_AGAIN = "order_again"
    CANCEL = "cancel"
    RETURN = "return"
    MESSAGE = "message"
    VIEW_INVOICES = "view_invoices"  # the company's invoices, listed and downloaded
    SEE_MEMBERS = "see_members"


# What each action on a colleague's order changes: any of these on an order a role may only see is 403.
ACTS_ON_ORDER: Final = frozenset({Action.ORDER_AGAIN, Action.CANCEL, Action.RETURN, Action.MESSAGE})

_ORDERS: Final = frozenset({Action.VIEW_ORDER, *ACTS_ON_ORDER})

PERMISSIONS: Final[dict[Role, frozenset[Action]]] = {
    Role.BUYER: frozenset(),
    Role.MANAGER: _ORDERS,
    Role.FINANCE: frozenset({Action.VIEW_ORDER, Action.VIEW_INVOICES}),
    Role.ADMIN: frozenset(Action),
}


def may(role: Role, action: Action) -> bool:
    """Whether a member with `role` may take `action` on the company's orders, invoices or members."""
    return action in PERMISSIONS[role]
