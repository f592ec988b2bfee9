"""The permission table (companies.rules), every cell: each role against each action, allowed and refused,
as API.md section 11 words it; and how orders.acting applies it to one order (own, sticky co-viewer,
colleague by role, stranger)."""

from __future__ import annotations

from typing import Any

import pytest

from access_center.companies.logic import Membership
from access_center.companies.rules import PERMISSIONS, Action, Role, may
from access_center.core.errors import Forbidden
from access_center.orders.acting import CO_VIEWER, READ_ONLY_ROLE, Viewer, access

A = Action
# The contract's words, cell by cell: buyer (own orders), manager (every order of the company: view,
# order again, cancel, return, message), finance (the company's invoices, and every order read-only),
# admin (as manager and finance, and sees the members).
EXPECTED: dict[Role, set[Action]] = {
    Role.BUYER: set(),
    Role.MANAGER: {A.VIEW_ORDER, A.ORDER_AGAIN, A.CANCEL, A.RETURN, A.MESSAGE},
    Role.FINANCE: {A.VIEW_ORDER, A.VIEW_INVOICES},
    Role.ADMIN: {A.VIEW_ORDER, A.ORDER_AGAIN, A.CANCEL, A.RETURN, A.MESSAGE, A.VIEW_INVOICES, A.SEE_MEMBERS},
}
CELLS = [(role, action) for role in Role for action in Action]


def test_the_table_has_a_row_for_every_role_and_names_only_known_actions() -> None:
    assert set(PERMISSIONS) == set(Role)
    assert all(allowed <= set(Action) for allowed in PERMISSIONS.values())


@pytest.mark.parametrize(("role", "action"), CELLS, ids=[f"{r.value}-{a.value}" for r, a in CELLS])
def test_every_cell_allows_or_refuses_as_the_contract_says(role: Role, action: Action) -> None:
    assert may(role, action) is (action in EXPECTED[role])
    assert Membership("c1", role).may(action) is (action in EXPECTED[role])


def _member(email: str, company_id: str | None = None, role: Role | None = None) -> Viewer:
    """A viewer whose membership this request has already read (Viewer keeps it for the request); without
    a company, one that has read nothing yet (the read itself is companies.storage's, tested on tables)."""
    viewer = Viewer("s1", email)
    if company_id and role:
        viewer.__dict__["membership"] = Membership(company_id, role)
    return viewer


def _read_membership(viewer: Viewer) -> bool:
    return "membership" in viewer.__dict__


def _order(email: str, company_id: str | None = "c1") -> dict[str, Any]:
    return {"email": email, **({"company_id": company_id} if company_id else {})}


ACTS = [A.ORDER_AGAIN, A.CANCEL, A.RETURN, A.MESSAGE]


def test_a_members_own_order_is_theirs_to_act_on_and_reads_no_membership() -> None:
    viewer = _member("ann@example.com")
    found = access(_order("ann@example.com"), {"ann@example.com"}, viewer)
    assert found is not None
    assert all(found.may(action) for action in [A.VIEW_ORDER, *ACTS])
    assert found.acted_by is None
    assert not _read_membership(viewer)


@pytest.mark.parametrize(("role", "action"), [(r, a) for r in Role for a in ACTS])
def test_a_colleagues_order_is_seen_and_acted_on_as_the_role_allows(role: Role, action: Action) -> None:
    viewer = _member("bob@example.com", "c1", role)
    found = access(_order("ann@example.com"), {"ann@example.com"}, viewer)
    if not may(role, A.VIEW_ORDER):
        assert found is None  # a buyer does not see a colleague's order at all: 404
        return
    assert found is not None
    assert found.may(action) is may(role, action)
    assert found.acted_by == "bob@example.com"
    if may(role, action):
        found.require(action)
    else:
        assert found.why_not(action) == READ_ONLY_ROLE
        with pytest.raises(Forbidden):
            found.require(action)


@pytest.mark.parametrize("role", list(Role))
def test_another_companys_order_is_never_seen_whatever_the_role(role: Role) -> None:
    viewer = _member("bob@example.com", "c2", role)
    assert access(_order("ann@example.com", "c1"), {"ann@example.com"}, viewer) is None


def test_an_order_of_no_company_is_never_a_colleagues() -> None:
    viewer = _member("bob@example.com")
    assert access(_order("ann@example.com", None), {"ann@example.com"}, viewer) is None
    assert not _read_membership(viewer)


def test_a_sticky_co_viewer_reads_but_does_not_act() -> None:
    viewer = _member("bob@example.com")
    found = access(_order("ann@example.com", None), {"ann@example.com", "bob@example.com"}, viewer)
    assert found is not None
    assert found.may(A.VIEW_ORDER)
    assert [found.why_not(action) for action in ACTS] == [CO_VIEWER] * len(ACTS)
