"""Gift registries, the owner's side (API.md section 12): up to 20 per customer, up to 200 SKUs each, 1 to
999 wanted of a SKU (the same SKU again sets how many are wanted). Each has a public page from its start
(registries.links); the owner may close it, and its event date passing closes it too, decided at each
request. Item names come from the catalog when read (one BatchGet), else the name when added. A store
that has not switched registries on has none (404). A refused change writes nothing; a change publishes
its event after the write (registries.notices)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from access_center.addresses import storage as address_book
from access_center.catalog import logic as catalog
from access_center.core import clock
from access_center.core.errors import Conflict, NotFound, Unprocessable
from access_center.core.i18n import N_
from access_center.db.retry import retry_on_conflict
from access_center.registries import notices, rules, sharing, storage
from access_center.registries.items import RegistryItem, RegistryLineItem, item_sk, registry_key
from access_center.registries.storage import StoredRegistry
from access_center.stores.logic import Store

if TYPE_CHECKING:
    from access_center.catalog.shapes import Product
    from access_center.registries.models import RegistryChanges, RegistryIn
    from access_center.registries.shapes import RegistryLine, RegistryList, RegistryView

NOT_OFFERED = N_("This store does not offer gift registries.")
NO_SUCH_REGISTRY = N_("There is no such gift registry.")
NO_SUCH_ITEM = N_("This item is not on the gift registry.")
NOT_IN_CATALOG = N_("The store has no product %(sku)s.")
NO_SUCH_ADDRESS = N_("That address is not in your address book.")
PAST_DATE = N_("The event date cannot be in the past.")


def require_on(store: Store) -> None:
    """NotFound where the store has not switched gift registries on: the feature does not exist there."""
    if not store.settings.registries_enabled:
        raise NotFound(NOT_OFFERED)


def busy() -> Exception:
    return Conflict(N_("This gift registry is being changed elsewhere. Try again."))


def share_url(store: Store, head: RegistryItem) -> str:
    token = sharing.link_token(head.pk, head.registry_id, head.share_nonce)
    return store.public_url(f"/registries/shared/{token}") or ""


def lines_of(stored: StoredRegistry, products: dict[str, Product]) -> list[RegistryLine]:
    newest_first = sorted(stored.lines, key=lambda line: -float(line.added_at))
    return [
        {
            "sku": line.sku,
            "name": products[line.sku]["name"] if line.sku in products else line.name,
            "wanted": int(line.wanted),
            "purchased": int(line.purchased or 0),
        }
        for line in newest_first
    ]


def products_of(store: Store, stored: StoredRegistry) -> dict[str, Product]:
    return catalog.products(store.store_id, [line.sku for line in stored.lines])


def view(store: Store, stored: StoredRegistry, products: dict[str, Product]) -> RegistryView:
    head = stored.head
    shown: RegistryView = {
        "registry_id": head.registry_id,
        "title": head.title,
        "event_date": head.event_date,
        "message": head.message or "",
        "closed": rules.is_closed(bool(head.closed), head.event_date, clock.now()),
        "share_url": share_url(store, head),
        "items": lines_of(stored, products),
    }
    if head.address_id:
        shown["address_id"] = head.address_id
    return shown


def stored_of(store: Store, email: str, registry_id: str) -> StoredRegistry:
    """The owner's registry with its items; NotFound for anyone else's (another customer's or store's)."""
    found = storage.get_registry(store.store_id, registry_id) if rules.is_registry_id(registry_id) else None
    if found is None or found.head.email != email:
        raise NotFound(NO_SUCH_REGISTRY)
    return found


def _head(store: Store, email: str, registry_id: str) -> RegistryItem:
    head = storage.get_head(store.store_id, registry_id) if rules.is_registry_id(registry_id) else None
    if head is None or head.email != email:
        raise NotFound(NO_SUCH_REGISTRY)
    return head


def registries(store: Store, email: str) -> RegistryList:
    """The customer's registries, newest first, each with its items (API.md section 12's registry): their
    entries (one Query), each registry's Query (20 at most) and one catalog read for every item's name."""
    require_on(store)
    found = sorted(storage.entries(store.store_id, email), key=lambda entry: -float(entry.created_at))
    stored = [one for entry in found if (one := storage.get_registry(store.store_id, entry.registry_id)) is not None]
    skus = [line.sku for registry in stored for line in registry.lines]
    products = catalog.products(store.store_id, skus)
    return {"registries": [view(store, registry, products) for registry in stored if registry.head.email == email]}


def one(store: Store, email: str, registry_id: str) -> RegistryView:
    require_on(store)
    stored = stored_of(store, email, registry_id)
    return view(store, stored, products_of(store, stored))


def _check_address(store: Store, email: str, address_id: str | None) -> None:
    if address_id and address_book.get_address(store.store_id, email, address_id) is None:
        raise Unprocessable(NO_SUCH_ADDRESS, details=[{"field": "address_id", "problem": "not_in_address_book"}])


def _check_date(event_date: str) -> None:
    if rules.has_passed(event_date, clock.now()):
        raise Unprocessable(PAST_DATE, details=[{"field": "event_date", "problem": "in_the_past"}])


def create(store: Store, email: str, body: RegistryIn) -> RegistryView:
    """A new, empty, open registry with its public page; Conflict past 20 registries."""
    require_on(store)
    _check_date(body.event_date)
    _check_address(store, email, body.address_id)
    registry_id = "r" + secrets.token_hex(8)

    def attempt() -> RegistryItem:
        if storage.registry_count(store.store_id, email) >= rules.MAX_REGISTRIES:
            raise Conflict(
                N_("You have %(count)s gift registries, the most you can keep. Delete one to start another."),
                count=rules.MAX_REGISTRIES,
            )
        now = clock.now()
        head = RegistryItem(
            registry_key(store.store_id, registry_id),
            "registry",
            registry_id=registry_id,
            email=email,
            title=body.title,
            event_date=body.event_date,
            message=body.message or None,
            address_id=body.address_id or None,
            closed=False,
            share_nonce=sharing.new_nonce(),
            item_count=0,
            created_at=now,
            updated_at=now,
        )
        storage.create(store.store_id, head, rules.MAX_REGISTRIES)
        return head

    head = retry_on_conflict(attempt, busy)
    notices.created(store.store_id, email, registry_id, head.title, head.event_date)
    return view(store, StoredRegistry(head), {})


def _wanted_changes(head: RegistryItem, changes: RegistryChanges) -> dict[str, Any]:
    """The fields the PATCH changes, as stored (None removes message or address_id)."""
    sent = changes.model_fields_set
    wanted: dict[str, Any] = {}
    for name in ("title", "event_date", "closed"):
        value = getattr(changes, name)
        if name in sent and value is not None and value != getattr(head, name):
            wanted[name] = value
    for name in ("message", "address_id"):
        value = getattr(changes, name) or None
        if name in sent and value != getattr(head, name):
            wanted[name] = value
    return wanted


def change(store: Store, email: str, registry_id: str, changes: RegistryChanges) -> RegistryView:
    """Retitle, move the date, change the message or shipping address, close or reopen."""
    require_on(store)
    if changes.event_date is not None:
        _check_date(changes.event_date)
    if changes.address_id:
        _check_address(store, email, changes.address_id)

    def attempt() -> dict[str, Any]:
        head = _head(store, email, registry_id)
        wanted = _wanted_changes(head, changes)
        if wanted:
            storage.change(store.store_id, head, wanted, clock.now())
        return wanted

    done = retry_on_conflict(attempt, busy)
    if done.get("closed") is True:
        notices.closed(store.store_id, email, registry_id)
    if set(done) - {"closed"} or done.get("closed") is False:
        notices.updated(store.store_id, email, registry_id, sorted(done))
    return one(store, email, registry_id)


def delete(store: Store, email: str, registry_id: str) -> None:
    """The registry, its items, purchases, entry and public page; its page is 404 from then on."""
    require_on(store)

    def attempt() -> None:
        head = _head(store, email, registry_id)
        storage.delete(store.store_id, head, counted=storage.registry_count(store.store_id, email) > 0)

    retry_on_conflict(attempt, busy)
    notices.deleted(store.store_id, email, registry_id)


def add_item(store: Store, email: str, registry_id: str, sku: str, wanted: int) -> tuple[RegistryView, bool]:
    """`wanted` of `sku` on the registry: a new item (True) or the wanted count of the one there set
    (False). Unprocessable for a SKU the catalog lacks; Conflict past 200 items."""
    require_on(store)
    _head(store, email, registry_id)
    product = catalog.products(store.store_id, [sku]).get(sku)
    if product is None:
        raise Unprocessable(NOT_IN_CATALOG, sku=sku, details=[{"field": "sku", "problem": "not_in_catalog"}])

    def attempt() -> bool:
        head = _head(store, email, registry_id)
        line = storage.get_line(store.store_id, registry_id, sku)
        if line is not None:
            storage.set_wanted(line, wanted)
            return False
        if int(head.item_count or 0) >= rules.MAX_ITEMS:
            raise Conflict(
                N_("This gift registry holds %(count)s items, the most it can. Remove one to add another."),
                count=rules.MAX_ITEMS,
            )
        line = RegistryLineItem(
            head.pk, item_sk(sku), sku=sku, name=product["name"], wanted=wanted, purchased=0, added_at=clock.now()
        )
        storage.add_line(line, rules.MAX_ITEMS)
        return True

    created = retry_on_conflict(attempt, busy)
    notices.item_added(store.store_id, email, registry_id, sku, wanted)
    return one(store, email, registry_id), created


def remove_item(store: Store, email: str, registry_id: str, sku: str) -> None:
    require_on(store)

    def attempt() -> None:
        _head(store, email, registry_id)
        if storage.get_line(store.store_id, registry_id, sku) is None:
            raise NotFound(NO_SUCH_ITEM)
        storage.remove_line(store.store_id, registry_id, sku)

    retry_on_conflict(attempt, busy)
    notices.item_removed(store.store_id, email, registry_id, sku)
