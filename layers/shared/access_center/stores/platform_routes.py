"""What only the platform sets about a store: the AWS account that may address it and its own fair
share (StoreSettingsFunction; store-system API, IAM-signed). See stores.callers and web.fair_share."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.stores import logic
from access_center.stores.callers import require_platform
from access_center.stores.models import StorePlatformIn
from access_center.web import apidoc
from access_center.web.requests import JSON, StoreId, json_response

router = Router()
_ANSWER = "The store's pinned AWS account and its own fair share (null: none set)."


@router.put(
    "/admin/stores/<store_id>/platform",
    summary="Pin the store's AWS account and set its fair share (platform principals only)",
    description=(
        "Replaces both fields (one left out is unset). Only the platform's principals (`PlatformPrincipalArns`) "
        "may call it; a store's own callers get 403 and nothing is written."
    ),
    responses=apidoc.store_system(
        {200: apidoc.json_body("StorePlatformOut", _ANSWER)},
        {
            403: "The caller is not one of the platform's principals.",
            404: "No such store: create it with its settings first.",
        },
    ),
)
def put_platform(store_id: StoreId, body: StorePlatformIn) -> Response[JSON]:
    require_platform(router)
    return json_response(200, logic.save_platform(store_id, body))


@router.get(
    "/admin/stores/<store_id>/platform",
    summary="The store's pinned AWS account and fair share",
    responses=apidoc.store_system({200: apidoc.json_body("StorePlatformOut", _ANSWER)}, {404: "No such store."}),
)
def get_platform(store_id: StoreId) -> Response[JSON]:
    return json_response(200, logic.platform_view(logic.get_store(store_id)))
