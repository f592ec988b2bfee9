"""Companies (API.md section 11): store systems push them whole; a member reads their company, by role.

A membership is read from its item on each request that needs it (no cache): a role changed or a member
removed by the store is what the member's next request sees."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from access_center.companies import rules
from access_center.companies import storage as db
from access_center.companies.items import CompanyItem
from access_center.companies.rules import Action, Role
from access_center.core import clock
from access_center.core.errors import Conflict, NotFound
from access_center.core.i18n import N_
from access_center.db.retry import retry_on_conflict
from access_center.stores.logic import get_store

if TYPE_CHECKING:
    from access_center.companies.models import CompanyIn

NO_COMPANY = N_("You do not belong to a company at this store.")
NO_SUCH_COMPANY = N_("No company %(company_id)s at store %(store_id)s.")


class MemberView(TypedDict):
    email: str
    role: str


class CompanyView(TypedDict):
    company_id: str
    name: str
    members: list[MemberView]


class MyCompanyView(TypedDict, total=False):
    company_id: str
    name: str
    role: str
    members: list[MemberView]


@dataclass(frozen=True)
class Membership:
    """A customer's place in a company at a store, as stored when read."""

    company_id: str
    role: Role

    def may(self, action: Action) -> bool:
        return rules.may(self.role, action)


def membership(store_id: str, email: str) -> Membership | None:
    """The customer's company and role now (one key lookup), or None outside any company."""
    item = db.get_membership(store_id, email)
    if item is None:
        return None
    return Membership(str(item.company_id), Role(str(item.role)))


class TooBusy(Conflict):
    def __init__(self) -> None:
        super().__init__(N_("The company is being changed by another request right now; retry."))


def _members(item: CompanyItem) -> list[MemberView]:
    return [{"email": email, "role": role} for email, role in sorted(db.members_of(item).items())]


def _view(item: CompanyItem) -> CompanyView:
    return {"company_id": str(item.company_id), "name": str(item.name), "members": _members(item)}


def put_company(store_id: str, company_id: str, body: CompanyIn) -> CompanyView:
    """Create or replace the company and its member list. 409, with nothing written, when a member
    belongs to another company of this store (`details` names each such email)."""
    get_store(store_id)  # NotFound for an unknown store
    wanted = {member.email: member.role.value for member in body.members}

    def attempt() -> CompanyView:
        previous = db.get_company(store_id, company_id)
        before = db.members_of(previous) if previous is not None else {}
        joining = sorted(set(wanted) - set(before))
        taken = sorted(
            email for email, item in db.memberships(store_id, joining).items() if str(item.company_id) != company_id
        )
        if taken:
            raise Conflict(
                N_("An email belongs to at most one company per store: remove it from its company first."),
                details=[{"email": email} for email in taken],
            )
        changes = [db.MemberChange(email, role) for email, role in sorted(wanted.items()) if before.get(email) != role]
        changes += [db.MemberChange(email, None) for email in sorted(set(before) - set(wanted))]
        if previous is not None and previous.name == body.name and not changes:
            return _view(previous)
        now = clock.now()
        item = previous or CompanyItem(db.company_key(store_id, company_id), company_id=company_id)
        item.name, item.members, item.updated_at = body.name, wanted, now
        db.save_company(item, store_id, changes, now)
        return _view(item)

    return retry_on_conflict(attempt, TooBusy)


def get_company(store_id: str, company_id: str) -> CompanyView:
    item = db.get_company(store_id, company_id)
    if item is None:
        raise NotFound(NO_SUCH_COMPANY, company_id=repr(company_id), store_id=repr(store_id))
    return _view(item)


def delete_company(store_id: str, company_id: str) -> None:
    """The company and its memberships; its orders and invoices stay the store's, listed under the
    company's id (a company pushed again with the same id finds them)."""

    def attempt() -> None:
        item = db.get_company(store_id, company_id)
        if item is None:
            raise NotFound(NO_SUCH_COMPANY, company_id=repr(company_id), store_id=repr(store_id))
        db.delete_company(item, store_id)

    retry_on_conflict(attempt, TooBusy)


def my_company(store_id: str, email: str) -> MyCompanyView:
    """The customer's company: name and role, and the members for a role that may see them."""
    found = membership(store_id, email)
    item = db.get_company(store_id, found.company_id) if found is not None else None
    if found is None or item is None:
        raise NotFound(NO_COMPANY)
    view: MyCompanyView = {"company_id": found.company_id, "name": str(item.name), "role": found.role.value}
    if found.may(Action.SEE_MEMBERS):
        view["members"] = _members(item)
    return view
