"""The address book in the Customers table: the customer's address items (one Query) and, in the same
transaction as each change, their profile's count and defaults. A default is the profile's attribute,
so moving it is one conditional write and two defaults cannot exist after a race; the count's condition
keeps the book at its limit however many requests add at once."""

from __future__ import annotations

from typing import Any

from access_center.account.items import ProfileItem
from access_center.account.storage import PROFILE, profile_key
from access_center.addresses.items import PREFIX, AddressItem
from access_center.db.transactions import transaction

DEFAULTS = ("default_shipping", "default_billing")


def list_addresses(store_id: str, email: str) -> list[AddressItem]:
    """Every address of the customer's (50 at most: one page; pages followed all the same)."""
    key = profile_key(store_id, email)
    return list(AddressItem.query(key, AddressItem.sk.startswith(PREFIX), consistent_read=True))


def get_address(store_id: str, email: str, address_id: str) -> AddressItem | None:
    try:
        return AddressItem.get(profile_key(store_id, email), PREFIX + address_id, consistent_read=True)
    except AddressItem.DoesNotExist:
        return None


def _defaults_condition(profile: ProfileItem | None) -> Any:
    """The profile's defaults are still what the caller read (a race re-reads and decides again)."""
    condition: Any = None
    for name in DEFAULTS:
        attribute = getattr(ProfileItem, name)
        current = getattr(profile, name, None) if profile else None
        part = attribute.does_not_exist() if current is None else attribute == current
        condition = part if condition is None else condition & part
    return condition


def _default_actions(address_id: str, wanted: dict[str, bool], profile: ProfileItem | None) -> list[Any]:
    actions = []
    for name, on in wanted.items():
        current = getattr(profile, name, None) if profile else None
        if on and current != address_id:
            actions.append(getattr(ProfileItem, name).set(address_id))
        elif not on and current == address_id:
            actions.append(getattr(ProfileItem, name).remove())
    return actions


def add_address(item: AddressItem, wanted: dict[str, bool], profile: ProfileItem | None, limit: int) -> None:
    """Store a new address and count it; WriteConflict when the book is at `limit` or the profile's
    defaults changed since `profile` was read."""
    store_profile = ProfileItem(item.pk, PROFILE)
    room = ProfileItem.address_count.does_not_exist() | (ProfileItem.address_count < limit)
    actions = [ProfileItem.address_count.add(1), *_default_actions(item.address_id, wanted, profile)]
    with transaction() as tx:
        tx.save(item, condition=AddressItem.sk.does_not_exist())
        tx.update(store_profile, actions=actions, condition=room & _defaults_condition(profile))


def replace_address(item: AddressItem, wanted: dict[str, bool], profile: ProfileItem | None) -> None:
    """Write the address over the stored one (WriteConflict when it is gone) and move the defaults."""
    actions = _default_actions(item.address_id, wanted, profile)
    with transaction() as tx:
        tx.save(item, condition=AddressItem.sk.exists())
        if actions:
            tx.update(ProfileItem(item.pk, PROFILE), actions=actions, condition=_defaults_condition(profile))


def remove_address(store_id: str, email: str, address_id: str, profile: ProfileItem | None) -> None:
    """Delete the address, uncount it and drop it as a default (WriteConflict when it is gone)."""
    key = profile_key(store_id, email)
    actions = [
        ProfileItem.address_count.add(-1),
        *_default_actions(address_id, dict.fromkeys(DEFAULTS, False), profile),
    ]
    with transaction() as tx:
        tx.delete(AddressItem(key, PREFIX + address_id), condition=AddressItem.sk.exists())
        tx.update(ProfileItem(key, PROFILE), actions=actions, condition=_defaults_condition(profile))
