"""Companies as the store's systems push them (StoreCustomersFunction; store-system API, IAM-signed,
scoped to the caller's store like every store-system route): the company and its whole member list."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.companies import logic
from access_center.companies.models import CompanyIn
from access_center.web import apidoc
from access_center.web.requests import JSON, CompanyId, StoreId, json_response

router = Router()
NO_SUCH = "No such store, or no such company at it."


@router.put(
    "/admin/stores/<store_id>/companies/<company_id>",
    summary="Create or replace a company and its members",
    description=(
        "`members` replaces the member list: each email with its role (`buyer`: own orders; `manager`: every "
        "order of the company, to view and act on; `finance`: the company's invoices and every order read-only; "
        "`admin`: as manager and finance, and sees the members). A member's email becomes a contact of the store "
        "(it may log in). An email belongs to at most one company per store. Sending the same body again changes "
        "nothing."
    ),
    responses=apidoc.store_system(
        {200: apidoc.json_body("CompanyView", "The company as it now stands.")},
        {
            400: None,
            404: "No such store.",
            409: "A member belongs to another company of this store (`details` names each email; nothing is "
            "written), or the company is being changed by another request (send it again).",
        },
    ),
)
def put_company(store_id: StoreId, company_id: CompanyId, body: CompanyIn) -> Response[JSON]:
    return json_response(200, logic.put_company(store_id, company_id, body))


@router.get(
    "/admin/stores/<store_id>/companies/<company_id>",
    summary="A company and its members",
    responses=apidoc.store_system({200: apidoc.json_body("CompanyView", "The company.")}, {400: None, 404: NO_SUCH}),
)
def get_company(store_id: StoreId, company_id: CompanyId) -> Response[JSON]:
    return json_response(200, logic.get_company(store_id, company_id))


@router.delete(
    "/admin/stores/<store_id>/companies/<company_id>",
    summary="Remove a company and every membership in it",
    description="Its orders and invoices stay the store's, still carrying the company's id.",
    responses=apidoc.store_system({204: apidoc.no_body("Removed.")}, {400: None, 404: NO_SUCH, 409: None}),
)
def delete_company(store_id: StoreId, company_id: CompanyId) -> Response[None]:
    logic.delete_company(store_id, company_id)
    return Response(status_code=204, body=None, headers={"Cache-Control": "no-store"})
