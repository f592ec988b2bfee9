"""The address book stays whole when the customer and the store change it at once: the profile's count
is the number of address items, at most 50, and each default names an address that exists (API.md
section 8: "never two defaults after a race"). The logic is raced directly (tests.harness.support.race)."""

from __future__ import annotations

from typing import Any

from access_center.account.storage import get_profile
from access_center.addresses import imports, logic
from access_center.addresses.models import AddressIn
from access_center.addresses.storage import list_addresses
from access_center.stores.logic import get_store
from tests.harness.support import Client, Shop, race

ANN = "ann@example.com"
BERLIN = {"name": "Ann Example", "city": "Berlin", "postal_code": "10117", "country": "DE"}


def _book_is_whole() -> list[Any]:
    items = list_addresses("s1", ANN)
    profile = get_profile("s1", ANN)
    assert profile is not None
    ids = {item.address_id for item in items}
    assert int(profile.address_count or 0) == len(items) <= 50
    for default in (profile.default_shipping, profile.default_billing):
        assert default is None or default in ids
    return items


def test_the_customer_adding_while_the_store_imports_leaves_a_whole_book(shop: Shop, customer: Client) -> None:
    store = get_store("s1")
    imported = imports.checked_book(
        [AddressIn(**BERLIN, line1=f"Store Street {i}", default_shipping=i == 1) for i in range(3)]
    )

    def work(i: int) -> object:
        if i == 0:
            imports.replace_book(store, ANN, imported)
            return "imported"
        return logic.add(store, ANN, AddressIn(**BERLIN, line1=f"Own Street {i}", default_shipping=True))["address_id"]

    results = race(work, 6)
    assert all(r == "imported" or isinstance(r, str) or r == 409 for r in results), results
    items = _book_is_whole()
    assert {f"Store Street {i}" for i in range(3)} <= {item.line1 for item in items}


def test_racing_removals_and_defaults_leave_a_whole_book(shop: Shop, customer: Client) -> None:
    store = get_store("s1")
    ids = [logic.add(store, ANN, AddressIn(**BERLIN, line1=f"Street {i}"))["address_id"] for i in range(6)]

    def work(i: int) -> object:
        if i % 2:
            logic.remove(store, ANN, ids[i])
            return "removed"
        body = AddressIn(**BERLIN, line1=f"Street {i}", default_shipping=True, default_billing=True)
        return logic.replace(store, ANN, ids[i + 1 if i + 1 < len(ids) else i], body)["address_id"]

    race(work, 6)
    _book_is_whole()
