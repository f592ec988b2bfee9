"""Store systems push their customers' reward points ledger entries (StoreListsFunction; store-system API,
IAM-signed, scoped to the caller's store like every store-system route; API.md section 12). Accepted
whether or not the store shows points to its customers (`points_enabled`)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Response, Router
from aws_lambda_powertools.event_handler.openapi.params import Path

from access_center.core.ids import ID_PATTERN
from access_center.points import logic
from access_center.points.models import PointsEntryIn
from access_center.web import apidoc
from access_center.web.requests import JSON, StoreId, json_response

router = Router()
EntryId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]


@router.put(
    "/admin/stores/<store_id>/points/<entry_id>",
    summary="Record a reward points ledger entry (earned, spent or expired)",
    description=(
        "`points` is signed (negative: spent, or expired: a store expires points by pushing a negative entry), "
        "never 0, at most 10,000,000 either way; the customer's balance is the sum of their entries. An entry "
        "is pushed once: the same body again changes nothing (200), a different one under the same id is a "
        "409 (correct with a new entry). No event: the store knows what it pushed."
    ),
    responses=apidoc.store_system(
        {
            201: apidoc.json_body("StoredPointsEntry", "Recorded."),
            200: apidoc.json_body("StoredPointsEntry", "The same entry was recorded already: nothing changed."),
        },
        {
            400: (
                "A field missing or invalid: points 0 or past 10,000,000 either way, a reason over 200 characters,"
                " a bad `occurred_at`, an `expires_at` not after it."
            ),
            404: "No such store.",
            409: "Another entry (or another email) is stored under this id, or it is being written (send it again).",
        },
    ),
)
def put_entry(store_id: StoreId, entry_id: EntryId, body: PointsEntryIn) -> Response[JSON]:
    created, stored = logic.put(store_id, entry_id, body)
    return json_response(201 if created else 200, stored)
