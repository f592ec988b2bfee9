"""Connecting a store's domain (ConnectDomainFunction; store-system API, IAM-signed). Connecting creates
the store's CloudFront distribution tenant (or, in `custom-domains` deployments, its API Gateway custom
domain and mapping); see stores.domains for the order of operations."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.stores import domains
from access_center.stores.domain_models import DomainIn
from access_center.web import apidoc
from access_center.web.requests import JSON, StoreId, json_response

router = Router()


@router.put(
    "/admin/stores/<store_id>/domain",
    summary="Connect the store's domain",
    description=(
        "Creates (or reuses) the store's CloudFront distribution tenant with a CloudFront-managed certificate "
        "(in `custom-domains` deployments: the API Gateway custom domain and its `{prefix}/store/account` "
        "mapping); the same request again creates nothing new. Answers the DNS records to publish or, with "
        "`storefront_cdn`, the validation redirect, and the status. A new domain or prefix moves the store; "
        "the previous domain is taken off the edge. See docs/store-systems.md."
    ),
    responses=apidoc.store_system(
        {
            200: apidoc.json_body(
                "DomainOut", "Connected: publish `dns_records` (or serve `validation`), then GET until `active`."
            )
        },
        {
            400: "Not a domain name or path prefix (or, with custom domains, an ACM certificate in this region), or the edge refused it.",
            404: "No such store.",
            409: "Another store (or something not the access center's at the edge) has the domain, or it changed meanwhile.",
            429: "The edge's control plane is throttling: send the same request again.",
        },
    ),
)
def put_domain(store_id: StoreId, body: DomainIn) -> Response[JSON]:
    return json_response(200, domains.connect(store_id, body))


@router.get(
    "/admin/stores/<store_id>/domain",
    summary="The store's domain and its status",
    description=(
        "The same body as the PUT, with the status as the edge has it now: `pending` until the certificate is "
        "issued and deployed, then `active`; `failed` says why. Also finishes taking previous domains off the edge."
    ),
    responses=apidoc.store_system(
        {200: apidoc.json_body("DomainOut", "The domain and its status.")},
        {
            400: None,
            404: "No such store, or it has no domain connected.",
            429: "The edge's control plane is throttling: send the same request again.",
        },
    ),
)
def get_domain(store_id: StoreId) -> Response[JSON]:
    return json_response(200, domains.status(store_id))


@router.delete(
    "/admin/stores/<store_id>/domain",
    summary="Disconnect the store's domain",
    description=(
        "Takes the domain off the edge (its tenant disabled, then deleted once that has deployed; or its mapping and "
        "custom domain name) and releases it. A removal still deploying finishes on a later PUT, GET or DELETE."
    ),
    responses=apidoc.store_system(
        {204: apidoc.no_body("Disconnected.")},
        {
            400: None,
            404: "No such store, or it has no domain connected.",
            409: "The store's domain changed while this request ran.",
            429: "The edge's control plane is throttling: send the same request again.",
        },
    ),
)
def delete_domain(store_id: StoreId) -> Response[None]:
    domains.disconnect(store_id)
    return Response(status_code=204, body=None, headers={"Cache-Control": "no-store"})
