"""Gift registries, the store system's side (API.md section 12): a registry with its owner's email and
shipping address (read from the owner's address book at that moment: an address changed since is sent
as it is now, one removed is null), and the purchases the store records. A purchase counts once per order
and SKU (the same again changes nothing; another quantity for them is a conflict); purchases racing each
other all count. The owner sees how many were bought, never by whom. No event: the store knows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from access_center.addresses import storage as address_book
from access_center.core import clock
from access_center.core.errors import Conflict, NotFound, Unprocessable
from access_center.core.i18n import N_
from access_center.db.retry import retry_on_conflict
from access_center.registries import logic, rules, storage

if TYPE_CHECKING:
    from access_center.registries.models import RegistryPurchaseIn
    from access_center.registries.shapes import AddressShown, PurchaseView, StoreRegistryView

NO_SUCH_REGISTRY = N_("There is no such gift registry.")
ADDRESS_FIELDS = ("name", "company", "line1", "line2", "city", "region", "postal_code", "country", "phone")


def _address(store_id: str, email: str, address_id: str | None) -> AddressShown | None:
    found = address_book.get_address(store_id, email, address_id) if address_id else None
    if found is None:
        return None
    shown: AddressShown = {}
    for name in ADDRESS_FIELDS:
        value = getattr(found, name)
        if value:
            shown[name] = value  # type: ignore[literal-required]
    return shown


def for_store(store_id: str, registry_id: str) -> StoreRegistryView:
    """The registry as the store system reads it; NotFound where this store has no such registry."""
    stored = storage.get_registry(store_id, registry_id) if rules.is_registry_id(registry_id) else None
    if stored is None:
        raise NotFound(NO_SUCH_REGISTRY)
    head = stored.head
    return {
        "registry_id": head.registry_id,
        "email": head.email,
        "title": head.title,
        "event_date": head.event_date,
        "message": head.message or "",
        "closed": rules.is_closed(bool(head.closed), head.event_date, clock.now()),
        "shipping_address": _address(store_id, head.email, head.address_id),
        "items": logic.lines_of(stored, {}),  # the names when added: the store has its own catalog
    }


def record(store_id: str, registry_id: str, body: RegistryPurchaseIn) -> tuple[PurchaseView, bool]:
    """The purchase of `quantity` of `sku` by order `order_id`, and whether it was new. NotFound for no
    such registry; Unprocessable for a SKU not on it; Conflict for another quantity of a recorded one."""
    if not rules.is_registry_id(registry_id):
        raise NotFound(NO_SUCH_REGISTRY)

    def attempt() -> bool:
        if storage.get_head(store_id, registry_id) is None:
            raise NotFound(NO_SUCH_REGISTRY)
        recorded = storage.get_purchase(store_id, registry_id, body.order_id, body.sku)
        if recorded is not None:
            if int(recorded.quantity) != body.quantity:
                raise Conflict(
                    N_("Order %(order_id)s's purchase of %(sku)s is recorded with another quantity."),
                    order_id=body.order_id,
                    sku=body.sku,
                )
            return False
        if storage.get_line(store_id, registry_id, body.sku) is None:
            raise Unprocessable(
                N_("%(sku)s is not on this gift registry."),
                sku=body.sku,
                details=[{"field": "sku", "problem": "not_on_registry"}],
            )
        storage.record_purchase(store_id, registry_id, body.order_id, body.sku, body.quantity)
        return True

    created = retry_on_conflict(attempt, logic.busy)
    line = storage.get_line(store_id, registry_id, body.sku)
    shown: PurchaseView = {
        "registry_id": registry_id,
        "order_id": body.order_id,
        "sku": body.sku,
        "quantity": body.quantity,
        "wanted": int(line.wanted) if line else 0,
        "purchased": int(line.purchased or 0) if line else body.quantity,
    }
    return shown, created
