"""The order list's query parameters (API.md section 6), shared by its JSON route and its page; what
they mean is orders.search."""

from __future__ import annotations

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.openapi.params import Query

SearchText = Annotated[
    str | None,
    Query(
        max_length=100,
        description="Order number, SKU or product name, case-insensitive: every word, in any order, anywhere in the order.",
    ),
]
StatusFilter = Annotated[str | None, Query(max_length=50, description="The order's status, case-insensitive.")]
FulfilmentFilter = Annotated[
    Literal["unfulfilled", "partially_fulfilled", "fulfilled", ""] | None,
    Query(
        description="What has shipped, by the one shipping state (a cancelled order with nothing shipped is in none; empty: any)."
    ),
]
FromDay = Annotated[
    str | None,
    Query(alias="from", max_length=10, description="Placed on or after this day (YYYY-MM-DD, the store's time zone)."),
]
ToDay = Annotated[
    str | None,
    Query(alias="to", max_length=10, description="Placed on or before this day (YYYY-MM-DD, the store's time zone)."),
]
ScopeParam = Annotated[
    Literal["mine", "company", ""] | None,
    Query(
        description="`mine` (default): the customer's own orders; `company`: every order of their company, each"
        " with `placed_by` (403 for a role that may not see them, 404 outside any company)."
    ),
]
SortOrder = Annotated[
    Literal["newest", "expected_delivery", ""] | None,
    Query(description="`newest` (default) or `expected_delivery`: orders on their way, nearest delivery first."),
]
