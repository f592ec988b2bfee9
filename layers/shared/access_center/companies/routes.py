"""The customer's company, JSON (CustomerAccountFunction): its name, their role, and the members for an
admin (API.md section 11). The Company page is companies.pages."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.account.customer import customer, signed_in
from access_center.companies import logic
from access_center.web import apidoc
from access_center.web.requests import JSON, json_response

router = Router()


@router.get(
    "/api/company",
    summary="The customer's company at this store, and their role in it",
    description="`members` only for an `admin`. The role is read on each request: a change by the store applies at once.",
    security=apidoc.SESSION,
    responses=apidoc.customer(
        {200: apidoc.json_body("MyCompany", "The company.")},
        {401: None, 404: "The customer belongs to no company at this store."},
    ),
    middlewares=[signed_in],
)
def get_company() -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.my_company(who.store.store_id, who.email))
