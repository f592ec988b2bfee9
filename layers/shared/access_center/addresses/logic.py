"""The customer's address book (API.md section 8): up to 50 addresses, each checked by its country's
rules (addresses.rules), one default shipping and one default billing address (the profile's, moved in
the same transaction as the change). The first address becomes both defaults where there are none. A
refused address writes nothing; a change publishes its event after the write."""

from __future__ import annotations

import secrets
from typing import TypedDict

from access_center.account import storage as profiles
from access_center.account.items import ProfileItem
from access_center.addresses import notices, rules, storage
from access_center.addresses.items import PREFIX, AddressItem
from access_center.addresses.models import AddressIn
from access_center.core import clock, phones
from access_center.core.errors import Conflict, NotFound, Unprocessable
from access_center.core.i18n import N_
from access_center.db.retry import retry_on_conflict
from access_center.stores.logic import Store

ACCOUNT = "account"
NO_SUCH_ADDRESS = N_("No such address in your address book.")
FIELDS = ("name", "company", "line1", "line2", "city", "region", "postal_code", "country", "phone")


class AddressView(TypedDict, total=False):
    address_id: str
    name: str
    company: str
    line1: str
    line2: str
    city: str
    region: str
    postal_code: str
    country: str
    phone: str
    default_shipping: bool
    default_billing: bool


def _view(item: AddressItem, profile: ProfileItem | None) -> AddressView:
    shown: AddressView = {"address_id": item.address_id}
    for field in FIELDS:
        value = getattr(item, field)
        if value:
            shown[field] = value  # type: ignore[literal-required]
    shown["default_shipping"] = bool(profile and profile.default_shipping == item.address_id)
    shown["default_billing"] = bool(profile and profile.default_billing == item.address_id)
    return shown


def written(item: AddressItem, wanted: dict[str, bool]) -> AddressView:
    """The address as a write with these default flags left it: the flags are exactly the defaults it
    holds after that write (set moves the default to it, unset takes it away), so no read is needed."""
    shown = _view(item, None)
    shown["default_shipping"] = wanted["default_shipping"]
    shown["default_billing"] = wanted["default_billing"]
    return shown


def book(store: Store, email: str) -> list[AddressView]:
    """Every address, the defaults first, then newest first."""
    profile = profiles.get_profile(store.store_id, email)
    items = sorted(storage.list_addresses(store.store_id, email), key=lambda item: -item.created_at)
    shown = [_view(item, profile) for item in items]
    return sorted(shown, key=lambda a: not (a["default_shipping"] or a["default_billing"]))


def one(store: Store, email: str, address_id: str) -> AddressView:
    item = storage.get_address(store.store_id, email, address_id)
    if item is None:
        raise NotFound(NO_SUCH_ADDRESS)
    return _view(item, profiles.get_profile(store.store_id, email))


def checked(body: AddressIn) -> dict[str, str]:
    """The address as its country writes it; Unprocessable naming each field it refuses."""
    fields = {field: getattr(body, field).strip() for field in FIELDS}
    result = rules.check_address({k: v for k, v in fields.items() if k != "phone"})
    problems = dict(result.problems)
    address = {k: v for k, v in result.address.items() if v}
    if fields["phone"]:
        phone = phones.e164(fields["phone"], address.get("country") or None)
        if phone is None:
            problems["phone"] = "invalid"
        else:
            address["phone"] = phone
    if problems:
        details = [
            {"field": field, "problem": problem, "message": _problem_text(field, problem)}
            for field, problem in problems.items()
        ]
        raise Unprocessable(
            N_("Check the address: some fields are missing or not valid for its country."), details=details
        )
    return address


def _problem_text(field: str, problem: str) -> str:
    from access_center.core import i18n

    text = phones.NOT_A_NUMBER if field == "phone" else rules.problem_text(field, problem)
    return i18n.translate(text, i18n.current_language())


def _wanted(body: AddressIn, profile: ProfileItem | None, first: bool) -> dict[str, bool]:
    wanted = {"default_shipping": body.default_shipping, "default_billing": body.default_billing}
    if first:  # an address book's first address is where things go until the customer says otherwise
        for name in wanted:
            wanted[name] = wanted[name] or not getattr(profile, name, None)
    return wanted


def add(store: Store, email: str, body: AddressIn, source: str = ACCOUNT) -> AddressView:
    address = checked(body)
    address_id = "a" + secrets.token_hex(8)
    key = profiles.profile_key(store.store_id, email)

    def attempt() -> AddressView:
        profile = profiles.get_profile(store.store_id, email)
        count = int(profile.address_count or 0) if profile else 0
        if count >= rules.MAX_ADDRESSES:
            raise Conflict(
                N_("Your address book is full: it keeps %(count)s addresses. Remove one to add another."),
                count=rules.MAX_ADDRESSES,
            )
        now = clock.now()
        item = _item(key, address_id, address, created_at=now, updated_at=now)
        wanted = _wanted(body, profile, first=count == 0)
        storage.add_address(item, wanted, profile, rules.MAX_ADDRESSES)
        return written(item, wanted)

    shown = retry_on_conflict(attempt, _busy)
    notices.address_changed(notices.ADDED, store.store_id, email, shown, source)
    return shown


def replace(store: Store, email: str, address_id: str, body: AddressIn, source: str = ACCOUNT) -> AddressView:
    address = checked(body)

    def attempt() -> AddressView:
        stored = storage.get_address(store.store_id, email, address_id)
        if stored is None:
            raise NotFound(NO_SUCH_ADDRESS)
        profile = profiles.get_profile(store.store_id, email)
        item = _item(stored.pk, address_id, address, created_at=stored.created_at, updated_at=clock.now())
        wanted = {"default_shipping": body.default_shipping, "default_billing": body.default_billing}
        storage.replace_address(item, wanted, profile)
        return written(item, wanted)

    shown = retry_on_conflict(attempt, _busy)
    notices.address_changed(notices.UPDATED, store.store_id, email, shown, source)
    return shown


def remove(store: Store, email: str, address_id: str, source: str = ACCOUNT) -> None:
    def attempt() -> None:
        if storage.get_address(store.store_id, email, address_id) is None:
            raise NotFound(NO_SUCH_ADDRESS)
        storage.remove_address(store.store_id, email, address_id, profiles.get_profile(store.store_id, email))

    retry_on_conflict(attempt, _busy)
    notices.address_removed(store.store_id, email, address_id, source)


def _item(key: str, address_id: str, address: dict[str, str], *, created_at: float, updated_at: float) -> AddressItem:
    item = AddressItem(key, PREFIX + address_id, address_id=address_id, created_at=created_at, updated_at=updated_at)
    for field in FIELDS:
        setattr(item, field, address.get(field) or None)
    return item


def _busy() -> Exception:
    return Conflict(N_("Your address book is being changed elsewhere. Try again."))
