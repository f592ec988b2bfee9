"""The store-settings route (StoreSettingsFunction; store-system API, IAM-signed)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.stores import logic
from access_center.stores.models import StoreSettingsIn
from access_center.web import apidoc
from access_center.web.requests import JSON, StoreId, json_response

router = Router()


@router.put(
    "/admin/stores/<store_id>",
    summary="Create or replace a store's settings",
    responses=apidoc.store_system({200: apidoc.json_body("StoreSettingsOut", "The stored settings.")}, {400: None}),
)
def put_store(store_id: StoreId, body: StoreSettingsIn) -> Response[JSON]:
    return json_response(200, logic.save_settings(store_id, body))
