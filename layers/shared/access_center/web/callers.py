"""Store-system callers: which stores a SigV4-signed caller may address. Fails closed.

API Gateway's IAM authorization proves who signed; this decides what they may address:
- a principal named in PLATFORM_PRINCIPALS (the template's PlatformPrincipalArns: role or user ARNs)
  may address every store;
- a role or user named exactly `access-center-store-{store_id}` may address that one store (its own
  policy should also limit execute-api:Invoke to `.../admin/stores/{store_id}*`);
- anyone else (other roles, federated users, a name that only looks like a store role) is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware

from access_center.core.config import settings
from access_center.core.errors import Forbidden

STORE_ROLE_PREFIX = "access-center-store-"
# IAM names are `[\w+=,.@-]`; store ids are `[A-Za-z0-9][A-Za-z0-9._:-]*`: only their common part scopes.
_STORE = r"(?P<store>[A-Za-z0-9][A-Za-z0-9._-]{0,63})"
_SCOPED = (
    re.compile(rf"^arn:aws[a-z-]*:sts::\d{{12}}:assumed-role/{STORE_ROLE_PREFIX}{_STORE}/[\w+=,.@-]{{2,64}}$"),
    re.compile(rf"^arn:aws[a-z-]*:iam::\d{{12}}:(?:role|user)/(?:[\w+=,.@-]+/)*{STORE_ROLE_PREFIX}{_STORE}$"),
)
_ASSUMED_ROLE = re.compile(r"^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role/([\w+=,.@-]+)/[\w+=,.@-]+$")


@dataclass(frozen=True)
class Scope:
    """Every store (`store_id` None), or just one."""

    store_id: str | None

    def allows(self, store_id: str | None) -> bool:
        return self.store_id is None or self.store_id == store_id


def _role_arn(user_arn: str) -> str:
    """An assumed-role session's role (`arn:aws:iam::123456789012:role/name`), or the ARN as it is."""
    match = _ASSUMED_ROLE.fullmatch(user_arn)
    return f"arn:{match.group(1)}:iam::{match.group(2)}:role/{match.group(3)}" if match else user_arn


def caller_scope(user_arn: str | None) -> Scope | None:
    """What a store-system caller may address; None: nothing at all."""
    if not user_arn:
        return None
    if user_arn in settings().platform_principals or _role_arn(user_arn) in settings().platform_principals:
        return Scope(None)
    for pattern in _SCOPED:
        match = pattern.fullmatch(user_arn)
        if match:
            return Scope(match.group("store"))
    return None


def caller_store_scope(user_arn: str | None) -> str | None:
    """The one store a store-scoped caller is limited to (None for platform-wide and refused callers)."""
    scope = caller_scope(user_arn)
    return scope.store_id if scope else None


def only_own_store(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[Any]:
    scope = caller_scope(app.current_event.request_context.identity.user_arn)
    if scope is None:
        raise Forbidden("This caller may not use the store-system API.")
    if not scope.allows((app.current_event.path_parameters or {}).get("store_id")):
        raise Forbidden("This caller may only change its own store.")
    return next_middleware(app)
