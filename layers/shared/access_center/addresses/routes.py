"""The customer's address book, JSON (CustomerAccountFunction). The account pages' forms post to the
same logic (addresses.pages)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Response, Router
from aws_lambda_powertools.event_handler.openapi.params import Path

from access_center.account.customer import customer, signed_in
from access_center.addresses import logic
from access_center.addresses.models import AddressIn
from access_center.core.ids import ID_PATTERN
from access_center.web import apidoc
from access_center.web.requests import JSON, json_response

router = Router()
AddressId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
NOT_YOURS = "No such address in this customer's book (another customer's or store's address ids included)."
REFUSED = "Not a valid address for its country: `details` names each field (`field`, `problem`, `message`)."


@router.get(
    "/api/addresses",
    summary="The customer's address book, defaults first",
    security=apidoc.SESSION,
    responses=apidoc.customer({200: apidoc.json_body("AddressList", "Every address.")}, {401: None}),
    middlewares=[signed_in],
)
def list_addresses() -> Response[JSON]:
    who = customer(router)
    return json_response(200, {"addresses": logic.book(who.store, who.email)})


@router.post(
    "/api/addresses",
    summary="Add an address (the first one becomes the default shipping and billing address)",
    description="Making it a default takes that flag from any other address. The store hears `AddressAdded`.",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {201: apidoc.json_body("SavedAddress", "Added.")},
        {400: None, 401: None, 409: "The book already has 50 addresses.", 422: REFUSED},
    ),
    middlewares=[signed_in],
)
def add_address(body: AddressIn) -> Response[JSON]:
    who = customer(router)
    return json_response(201, logic.add(who.store, who.email, body))


@router.put(
    "/api/addresses/<address_id>",
    summary="Replace an address (and its default flags)",
    description="The store hears `AddressUpdated`.",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {200: apidoc.json_body("SavedAddress", "The address as it now stands.")},
        {400: None, 401: None, 404: NOT_YOURS, 422: REFUSED},
    ),
    middlewares=[signed_in],
)
def replace_address(address_id: AddressId, body: AddressIn) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.replace(who.store, who.email, address_id, body))


@router.delete(
    "/api/addresses/<address_id>",
    summary="Remove an address",
    description="A default it was is left unset. The store hears `AddressRemoved`.",
    security=apidoc.SESSION,
    responses=apidoc.customer({204: apidoc.no_body("Removed.")}, {400: None, 401: None, 404: NOT_YOURS}),
    middlewares=[signed_in],
)
def remove_address(address_id: AddressId) -> Response[None]:
    who = customer(router)
    logic.remove(who.store, who.email, address_id)
    return Response(status_code=204, body=None, headers={"Cache-Control": "no-store"})
