"""The store's sending identity (StoreSenderFunction; store-system API, IAM-signed): see stores.sender."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.stores import sender
from access_center.stores.domain_models import SenderIn
from access_center.web import apidoc
from access_center.web.requests import JSON, StoreId, json_response

router = Router()
_ANSWER = "The domain, its status (`pending`, `verified`, `failed`) and the DNS records to publish."
_PUT_NOTE = (
    "Until SES has verified it, the store's emails go from the platform's address (Reply-To: support_email). "
    "From the first PUT the store's emails go through its own SES tenant (its own sending reputation). A domain "
    "the store had before has its SES identity deleted (if this deployment created it) once no store uses it."
)


@router.put(
    "/admin/stores/<store_id>/sender",
    summary="Start verifying the store's sending domain",
    description=_PUT_NOTE,
    responses=apidoc.store_system(
        {200: apidoc.json_body("SenderOut", _ANSWER)},
        {
            400: "Not a domain name.",
            404: "No such store.",
            409: "Another store (or the platform) sends from it, or SES has an identity for it this deployment did not create.",
        },
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


@router.delete(
    "/admin/stores/<store_id>/sender",
    summary="Stop sending from the store's own domain",
    description=(
        "The store's emails go from the platform's address again (Reply-To: support_email). The domain's SES "
        "identity is deleted (if this deployment created it) and the domain released; the store's SES tenant "
        "is closed. A store without a sending domain answers the same. A 503 left a step undone: send the same "
        "request again (a later PUT also finishes deleting identities the store has left)."
    ),
    responses=apidoc.store_system(
        {204: apidoc.no_body("The store sends from the platform's address.")}, {404: "No such store."}
    ),
)
def delete_sender(store_id: StoreId) -> Response[None]:
    sender.disconnect_sender(store_id)
    return Response(status_code=204, body=None, headers={"Cache-Control": "no-store"})
