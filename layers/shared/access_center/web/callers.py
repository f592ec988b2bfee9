"""Store-system callers: which store a signed caller may address."""

from __future__ import annotations

import re
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware

from access_center.core.errors import Forbidden

# A store system calling with a role (or user) named `access-center-store-{store_id}` may only touch
# that store: API Gateway's IAM authorization proves who signed, this checks what they may address
# (the role's own policy should also limit execute-api:Invoke to .../admin/stores/{store_id}*).
STORE_ROLE_PREFIX = "access-center-store-"
_SCOPED_CALLER = re.compile(
    r"^arn:aws[a-z-]*:(?:sts::\d+:assumed-role|iam::\d+:(?:role|user))/(?:[^/]+/)*"
    + re.escape(STORE_ROLE_PREFIX)
    + r"([A-Za-z0-9._:-]+?)(?:/[^/]*)?$"
)


def caller_store_scope(user_arn: str | None) -> str | None:
    """The one store a store-system caller is limited to, or None for callers not scoped to a store."""
    match = _SCOPED_CALLER.match(user_arn or "")
    return match.group(1) if match else None


def only_own_store(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[Any]:
    scope = caller_store_scope(app.current_event.request_context.identity.user_arn)
    store_id = (app.current_event.path_parameters or {}).get("store_id")
    if scope is not None and store_id != scope:
        raise Forbidden("This caller may only change its own store.")
    return next_middleware(app)
