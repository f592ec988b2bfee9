"""The Orders item as the table's stream delivers it, validated before any email is decided or rendered
(the order's notices, and the features' that concern an order: cancellations, returns, tracking).

The item is read with the stored-order models (access_center.orders.models), skipping attributes
they do not know (`extra="ignore"`): the item has keys and a version, and the stored order may grow.
Numbers arrive as Decimal: whole ones become ints first (db.values.whole_numbers), and a fraction stays a
Decimal, which an integer field refuses.
"""

from collections.abc import Mapping
from typing import Any

from pydantic import Field, ValidationError

from access_center.core.fields import Strict
from access_center.db.values import whole_numbers
from access_center.notifications.rules import BadRecord
from access_center.orders.models import Fulfilment, StoredOrderItem


class _OrderFulfilments(Strict):
    fulfilments: list[Fulfilment] = Field(default_factory=list)


class _ItemFulfilments(Strict):
    order: _OrderFulfilments


def _invalid(what: str, error: ValidationError) -> BadRecord:
    # Locations and error types only: pydantic's own message quotes the input (emails, names).
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['type']}" for e in error.errors())
    return BadRecord(f"{what} is malformed: {problems}")


def raw_order_field(image: Mapping[str, Any], name: str) -> Any:
    """`order[name]` of an image as the stream gives it, before any model is built (None where absent):
    what a feature's notices look at first, since most records do not concern it."""
    order = image.get("order") if image else None
    return order.get(name) if isinstance(order, Mapping) else None


def order_item(image: Mapping[str, Any]) -> StoredOrderItem:
    if not image:
        raise BadRecord("the record has no new image")
    try:
        return StoredOrderItem.model_validate(whole_numbers(image), extra="ignore")
    except ValidationError as error:
        raise _invalid("the order image", error) from None


def fulfilments(image: Mapping[str, Any], which: str) -> list[Fulfilment]:
    if not image:
        return []
    try:
        return _ItemFulfilments.model_validate(whole_numbers(image), extra="ignore").order.fulfilments
    except ValidationError as error:
        raise _invalid(f"the {which} image's fulfilments", error) from None
