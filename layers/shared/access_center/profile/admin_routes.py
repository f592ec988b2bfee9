"""A customer as the store's systems see them (StoreCustomersFunction; store-system API, IAM-signed,
scoped to the caller's store like every store-system route): read one to prefill a checkout, import one
from the store's own records (profile.customers)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Response, Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from access_center.core.fields import Email
from access_center.profile import customers
from access_center.profile.models import StoreCustomerIn
from access_center.web import apidoc
from access_center.web.requests import JSON, StoreId, json_response

router = Router()
CustomerEmail = Annotated[Email, Query(description="The customer's email address (trimmed, lower-cased).")]
REFUSED = (
    "A phone number that is not a valid number or a language the store does not offer (`details` names the "
    "field), more than 50 addresses, or addresses not valid for their country (`details` names each one's "
    "`index` and `field`); nothing is written."
)


@router.get(
    "/admin/stores/<store_id>/customers",
    summary="A customer's profile and address book, to prefill the store's checkout",
    responses=apidoc.store_system(
        {200: apidoc.json_body("StoreCustomer", "The profile and every address, defaults first.")},
        {
            400: "A missing or invalid `email`.",
            404: "The store keeps nothing for this email (no profile, address or order), or there is no such store.",
        },
    ),
)
def get_customer(store_id: StoreId, email: CustomerEmail) -> Response[JSON]:
    return json_response(200, customers.find(store_id, email))


@router.put(
    "/admin/stores/<store_id>/customers",
    summary="Import a customer from the store's own records",
    description=(
        "Only the fields sent change; `addresses` replaces the address book (an address sent as it is stored "
        "keeps its `address_id`, so sending the same import again changes nothing). The store hears the "
        'same events as for the customer\'s own changes, with `source: "store"`.'
    ),
    responses=apidoc.store_system(
        {200: apidoc.json_body("StoreCustomer", "The customer as it now stands.")},
        {
            400: None,
            404: "No such store.",
            409: "The customer's profile or address book is being changed elsewhere (send it again).",
            422: REFUSED,
        },
    ),
)
def import_customer(store_id: StoreId, email: CustomerEmail, body: StoreCustomerIn) -> Response[JSON]:
    return json_response(200, customers.import_customer(store_id, email, body))
