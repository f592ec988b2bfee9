"""A store system's import of a customer's address book (API.md section 8, `PUT /admin/stores/{store_id}/
customers`): the store's list replaces the book. Every address is checked first (one refused: nothing is
written), then the book is brought to the list one conditional step at a time, as the customer's own
changes are: an address already in the book with the same fields keeps its id (so importing the same
list again writes nothing and tells the store nothing), the others are removed, then the new ones added.
The defaults are the addresses flagged (the last one flagged, as if the customer had added them in
order), else the list's first, as for a customer's first address."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from access_center.account import storage as profiles
from access_center.addresses import logic, notices, rules, storage
from access_center.core import clock
from access_center.core.errors import Conflict, Unprocessable
from access_center.core.i18n import N_
from access_center.db.retry import retry_on_conflict
from access_center.stores.logic import Store

if TYPE_CHECKING:
    from access_center.addresses.items import AddressItem
    from access_center.addresses.models import AddressIn

STORE = "store"
Flags = dict[str, bool]


def checked_book(bodies: list[AddressIn]) -> list[tuple[dict[str, str], Flags]]:
    """Each address as its country writes it with the defaults it is to hold; Unprocessable (nothing
    checked further) past the book's limit, or naming each refused field by the address's index."""
    if len(bodies) > rules.MAX_ADDRESSES:
        raise Unprocessable(
            N_("An address book keeps at most %(count)s addresses."),
            details=[{"field": "addresses", "count": len(bodies)}],
            count=rules.MAX_ADDRESSES,
        )
    addresses, details = [], []
    for index, body in enumerate(bodies):
        try:
            addresses.append(logic.checked(body))
        except Unprocessable as refused:
            details += [{"index": index, **detail} for detail in refused.details or []]
    if details:
        raise Unprocessable(
            N_("Check the addresses: some fields are missing or not valid for their country."), details=details
        )
    return list(zip(addresses, _defaults(bodies), strict=True))


def _defaults(bodies: list[AddressIn]) -> list[Flags]:
    chosen = {}
    for name in storage.DEFAULTS:
        flagged = [index for index, body in enumerate(bodies) if getattr(body, name)]
        chosen[name] = flagged[-1] if flagged else 0
    return [{name: chosen[name] == index for name in storage.DEFAULTS} for index in range(len(bodies))]


def _same(item: AddressItem, address: dict[str, str]) -> bool:
    return all((getattr(item, field) or None) == (address.get(field) or None) for field in logic.FIELDS)


def replace_book(store: Store, email: str, book: list[tuple[dict[str, str], Flags]], source: str = STORE) -> None:
    """Bring the customer's book to `book` (from checked_book), publishing each change after its write."""
    stored = storage.list_addresses(store.store_id, email)
    kept: list[str | None] = []
    for address, _ in book:
        match = next((item for item in stored if _same(item, address)), None)
        if match is not None:
            stored.remove(match)
        kept.append(match.address_id if match else None)
    for item in stored:  # first, so that the new ones have room under the limit
        if _remove(store, email, item.address_id):
            notices.address_removed(store.store_id, email, item.address_id, source)
    for (address, flags), address_id in zip(book, kept, strict=True):
        if address_id is None:
            notices.address_changed(notices.ADDED, store.store_id, email, _add(store, email, address, flags), source)
        elif (shown := _flag(store, email, address_id, flags)) is not None:
            notices.address_changed(notices.UPDATED, store.store_id, email, shown, source)


def _remove(store: Store, email: str, address_id: str) -> bool:
    """False when the address was gone already (removed meanwhile: nothing to tell)."""

    def attempt() -> bool:
        if storage.get_address(store.store_id, email, address_id) is None:
            return False
        storage.remove_address(store.store_id, email, address_id, profiles.get_profile(store.store_id, email))
        return True

    return retry_on_conflict(attempt, _busy)


def _add(store: Store, email: str, address: dict[str, str], flags: Flags) -> logic.AddressView:
    address_id = "a" + secrets.token_hex(8)
    key = profiles.profile_key(store.store_id, email)

    def attempt() -> logic.AddressView:
        profile = profiles.get_profile(store.store_id, email)
        now = clock.now()
        item = logic._item(key, address_id, address, created_at=now, updated_at=now)
        storage.add_address(item, flags, profile, rules.MAX_ADDRESSES)
        return logic.written(item, flags)

    return retry_on_conflict(attempt, _busy)


def _flag(store: Store, email: str, address_id: str, flags: Flags) -> logic.AddressView | None:
    """Give a kept address the defaults it is to hold; None when it holds them already."""

    def attempt() -> logic.AddressView | None:
        item = storage.get_address(store.store_id, email, address_id)
        if item is None:
            raise _busy()  # removed meanwhile by the customer: the import is to be sent again
        profile = profiles.get_profile(store.store_id, email)
        holds = {name: getattr(profile, name, None) == address_id for name in storage.DEFAULTS}
        if holds == flags:
            return None
        storage.replace_address(item, flags, profile)
        return logic.written(item, flags)

    return retry_on_conflict(attempt, _busy)


def _busy() -> Exception:
    return Conflict(N_("This customer's address book is being changed elsewhere. Send the import again."))
