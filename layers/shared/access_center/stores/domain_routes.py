"""Connecting a store's domain (ConnectDomainFunction; store-system API, IAM-signed). Connecting creates
the API Gateway custom domain and mapping; see stores.domains for the order of operations."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.stores import domains
from access_center.stores.models import DomainIn
from access_center.web import apidoc
from access_center.web.requests import JSON, StoreId, json_response

router = Router()


@router.put(
    "/admin/stores/<store_id>/domain",
    summary="Connect the store's domain",
    description=(
        "Creates (or reuses) the API Gateway custom domain and its `{prefix}/store/account` mapping; the same "
        "request again creates nothing new. A new domain or prefix moves the store. See docs/store-systems.md."
    ),
    responses=apidoc.store_system(
        {200: apidoc.json_body("DomainOut", "Connected.")},
        {
            400: "Not a domain name, path prefix or ACM certificate in this region, or API Gateway refused it.",
            404: "No such store.",
            409: "Another store (or another owner in API Gateway) has the domain or mapping, or another certificate.",
            429: "API Gateway is throttling: send the same request again.",
        },
    ),
)
def put_domain(store_id: StoreId, body: DomainIn) -> Response[JSON]:
    return json_response(200, domains.connect(store_id, body))


@router.delete(
    "/admin/stores/<store_id>/domain",
    summary="Disconnect the store's domain",
    description="Removes the mapping, the custom domain name if nothing else is mapped on it, and the domain item.",
    responses=apidoc.store_system(
        {204: apidoc.no_body("Disconnected.")},
        {
            400: None,
            404: "No such store, or it has no domain connected.",
            409: "The store's domain changed while this request ran.",
            429: "API Gateway is throttling: send the same request again.",
        },
    ),
)
def delete_domain(store_id: StoreId) -> Response[None]:
    domains.disconnect(store_id)
    return Response(status_code=204, body=None, headers={"Cache-Control": "no-store"})
