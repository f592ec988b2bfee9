"""The store's sending identity (StoreSenderFunction; store-system API, IAM-signed): see stores.sender."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.stores import sender
from access_center.stores.models import SenderIn
from access_center.web import apidoc
from access_center.web.requests import JSON, StoreId, json_response

router = Router()
_ANSWER = "The domain, its status (`pending`, `verified`, `failed`) and the DNS records to publish."


@router.put(
    "/admin/stores/<store_id>/sender",
    summary="Start verifying the store's sending domain",
    description="Until SES has verified it, the store's emails go from the platform's address (Reply-To: support_email).",
    responses=apidoc.store_system(
        {200: apidoc.json_body("SenderOut", _ANSWER)},
        {400: "Not a domain name.", 404: "No such store.", 409: "Another store (or the platform) sends from it."},
    ),
)
def put_sender(store_id: StoreId, body: SenderIn) -> Response[JSON]:
    return json_response(200, sender.connect_sender(store_id, body.domain))


@router.get(
    "/admin/stores/<store_id>/sender",
    summary="The store's sending domain and its verification status",
    responses=apidoc.store_system(
        {200: apidoc.json_body("SenderOut", _ANSWER)}, {404: "No such store, or no sending domain yet."}
    ),
)
def get_sender(store_id: StoreId) -> Response[JSON]:
    return json_response(200, sender.sender_status(store_id))
