"""The store system's side of returns (ReturnUpdatesFunction; store-system API, IAM-signed, scoped to
the caller's store like every store-system route): the list by state, and moving a return on."""

from __future__ import annotations

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.api_gateway import Response, Router
from aws_lambda_powertools.event_handler.openapi.params import Path, Query

from access_center.core.ids import ID_PATTERN
from access_center.returns import logic
from access_center.returns.models import ReturnUpdateIn
from access_center.web import apidoc
from access_center.web.requests import JSON, StoreId, json_response

router = Router()
ReturnId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]


@router.get(
    "/admin/stores/<store_id>/returns",
    summary="The store's returns, newest first, optionally in one state",
    responses=apidoc.store_system(
        {200: apidoc.json_body("ReturnsPage", "A page of returns.")},
        {400: "An unknown `status`, or a cursor not from this list (this store and this `status`)."},
    ),
)
def list_returns(
    store_id: StoreId,
    status: Annotated[Literal["requested", "approved", "declined", "received", "refunded"] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=logic.MAX_PAGE)] = 20,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> Response[JSON]:
    return json_response(200, logic.list_for_store(store_id, status, limit, cursor))


@router.put(
    "/admin/stores/<store_id>/returns/<return_id>",
    summary="Move a return on: approve or decline it, then mark it received, then refunded",
    description=(
        "`message` is shown and emailed to the customer; `label_url` (https) is the return label they print. "
        "Sending the same state again changes nothing."
    ),
    responses=apidoc.store_system(
        {200: apidoc.json_body("Return", "The return as it now stands.")},
        {
            400: None,
            404: "No such return at this store.",
            409: "Not a move this return can make (e.g. refunded before received), or the order is being changed.",
        },
    ),
)
def update_return(store_id: StoreId, return_id: ReturnId, body: ReturnUpdateIn) -> Response[JSON]:
    return json_response(200, logic.update(store_id, return_id, body.status, body.message, body.label_url))
