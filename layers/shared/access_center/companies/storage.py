"""Companies and memberships in the Customers table (companies.items). A company's PUT writes the
company and every membership that changes in one transaction: each membership's condition keeps an
email in at most one company per store, the company's version keeps two PUTs from losing one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from access_center.companies.items import COMPANY, CompanyItem, MembershipItem
from access_center.db.transactions import transaction


def company_key(store_id: str, company_id: str) -> str:
    return f"{store_id}#company#{company_id}"


def member_key(store_id: str, email: str) -> str:
    return f"{store_id}#{email}"  # the customer's key (orders.storage.customer_key)


def get_company(store_id: str, company_id: str) -> CompanyItem | None:
    try:
        return CompanyItem.get(company_key(store_id, company_id), COMPANY, consistent_read=True)
    except CompanyItem.DoesNotExist:
        return None


def members_of(item: CompanyItem) -> dict[str, str]:
    """The company's members as stored: email -> role."""
    found: dict[str, str] = item.members.as_dict()
    return found


def get_membership(store_id: str, email: str) -> MembershipItem | None:
    """The email's membership at this store (a strongly consistent key lookup: a role changed a moment
    ago is the role this request sees)."""
    try:
        return MembershipItem.get(member_key(store_id, email), COMPANY, consistent_read=True)
    except MembershipItem.DoesNotExist:
        return None


def memberships(store_id: str, emails: list[str]) -> dict[str, MembershipItem]:
    """The memberships of these emails (BatchGetItem, 100 keys a call), by email."""
    keys = [(member_key(store_id, email), COMPANY) for email in emails]
    prefix = len(store_id) + 1
    return {str(item.pk)[prefix:]: item for item in MembershipItem.batch_get(keys, consistent_read=True)}


@dataclass(frozen=True)
class MemberChange:
    email: str
    role: str | None  # None: removed from the company


def save_company(item: CompanyItem, store_id: str, changes: list[MemberChange], now: float) -> None:
    """The company as `item` holds it, and each membership in `changes`, in one transaction. WriteConflict
    when the company changed since it was read, or an email joined another company meanwhile."""
    company_id = str(item.company_id)
    with transaction() as tx:
        tx.save(item)  # the version condition
        for change in changes:
            key = member_key(store_id, change.email)
            if change.role is None:
                tx.delete(MembershipItem(key, COMPANY), condition=MembershipItem.company_id == company_id)
                continue
            free = MembershipItem.pk.does_not_exist() | (MembershipItem.company_id == company_id)
            actions: list[Any] = [
                MembershipItem.company_id.set(company_id),
                MembershipItem.role.set(change.role),
                MembershipItem.joined_at.set(MembershipItem.joined_at | now),  # kept through a role change
            ]
            tx.update(MembershipItem(key, COMPANY), actions=actions, condition=free)


def delete_company(item: CompanyItem, store_id: str) -> None:
    """The company and every membership in it, in one transaction (WriteConflict if it changed since read)."""
    company_id = str(item.company_id)
    with transaction() as tx:
        tx.delete(item)  # the version condition
        for email in sorted(members_of(item)):
            tx.delete(
                MembershipItem(member_key(store_id, email), COMPANY), condition=MembershipItem.company_id == company_id
            )
