"""A customer as the store's systems see them (API.md section 8, profile.admin_routes): the profile and
the address book in one answer, to prefill their checkout, and the import of a customer from the store's
own records (source "store" in every event, as the customer's own changes publish them)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from access_center.account import storage as profiles
from access_center.addresses import imports
from access_center.addresses import logic as addresses
from access_center.addresses import storage as address_book
from access_center.companies.storage import get_membership
from access_center.core.errors import NotFound
from access_center.core.i18n import N_
from access_center.orders.storage import get_contact
from access_center.profile import logic
from access_center.stores.logic import get_store

if TYPE_CHECKING:
    from access_center.profile.models import StoreCustomerIn

# One answer for an unknown email and an unknown store alike: a caller learns nothing from which it was.
NO_CUSTOMER = N_("No such customer at this store.")


class CustomerView(TypedDict):
    profile: logic.ProfileView
    addresses: list[addresses.AddressView]


def find(store_id: str, email: str) -> CustomerView:
    """The customer, or NotFound when the store keeps nothing for this email (no profile, no address, no
    contact from an order, no company membership). The same key reads whether or not the store exists,
    then the store's, so an unknown store answers as an unknown email does and after the same reads."""
    known = (
        profiles.get_profile(store_id, email) is not None
        or get_contact(store_id, email) is not None
        or get_membership(store_id, email) is not None
        or bool(address_book.list_addresses(store_id, email))
    )
    if not known:
        raise NotFound(NO_CUSTOMER)
    try:
        store = get_store(store_id)
    except NotFound:  # a store removed with its customers' items left: as unknown
        raise NotFound(NO_CUSTOMER) from None
    return {"profile": logic.read(store, email), "addresses": addresses.book(store, email)}


def import_customer(store_id: str, email: str, body: StoreCustomerIn) -> CustomerView:
    """Write what the store sent: everything is checked before anything is written (a refused address or
    profile field: 422, nothing stored), then the profile, then the address book (replaced when sent)."""
    store = get_store(store_id)
    book = imports.checked_book(body.addresses) if body.addresses is not None else None
    if body.phone is not None:
        logic.checked_phone(store, body.phone)
    if body.language is not None:
        logic.checked_language(store, body.language)
    logic.change(store, email, body, source=logic.STORE)
    if book is not None:
        imports.replace_book(store, email, book, source=logic.STORE)
    return {"profile": logic.read(store, email), "addresses": addresses.book(store, email)}
