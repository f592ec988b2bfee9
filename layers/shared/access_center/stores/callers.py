"""Store-system callers: who may address which store. Fails closed.

API Gateway's IAM authorization proves who signed (any AWS principal may sign: the store API's
resource policy lets every account invoke it); this decides what they may address:
- a principal named in PLATFORM_PRINCIPALS (the template's PlatformPrincipalArns: role or user ARNs;
  a session of a listed role counts as the role) may address every store, existing or not;
- any principal of the AWS account a store pins (`aws_account_id`, set by the platform only) may
  address that store, and no other;
- anyone else, and everyone but the platform while a store pins no account, is refused (403).
The store is read on every request (one GetItem, never cached), so a changed or removed account takes
effect at once in every container. A request let through counts against its store's fair share.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, cast

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEvent
from aws_lambda_powertools.utilities.data_classes.common import APIGatewayEventIdentity

from access_center.core.config import settings
from access_center.core.errors import Forbidden
from access_center.core.i18n import N_
from access_center.core.ids import ID_PATTERN
from access_center.stores import storage as db
from access_center.web.fair_share import fair_share, share_of

# `arn:aws:sts::123456789012:assumed-role/name/session` or `arn:aws:iam::123456789012:user/path/name`
_ARN = re.compile(r"^arn:(aws[a-z-]*):(?:iam|sts)::(\d{12}):(\S+)$")
_ASSUMED_ROLE = re.compile(r"^assumed-role/([\w+=,.@-]+)/[\w+=,.@-]+$")
_REFUSED = N_("This caller may not address this store.")
_STORE_ID = re.compile(ID_PATTERN)


def _role_arn(user_arn: str) -> str:
    """An assumed-role session's role (`arn:aws:iam::123456789012:role/name`), or the ARN as it is."""
    arn = _ARN.fullmatch(user_arn)
    role = _ASSUMED_ROLE.fullmatch(arn.group(3)) if arn else None
    return f"arn:{arn.group(1)}:iam::{arn.group(2)}:role/{role.group(1)}" if arn and role else user_arn


def is_platform(user_arn: str | None) -> bool:
    principals = settings().platform_principals
    return bool(user_arn) and (user_arn in principals or _role_arn(user_arn or "") in principals)


def caller_account(identity: APIGatewayEventIdentity) -> str | None:
    """The signer's AWS account: API Gateway's `identity.accountId`, where the signer's ARN names the
    same account (anything else is not a caller this check understands: None)."""
    account, arn = identity.account_id, _ARN.fullmatch(identity.user_arn or "")
    return account if arn and account == arn.group(2) else None


def may_address(identity: APIGatewayEventIdentity, store: db.StoreRecord | None) -> bool:
    if is_platform(identity.user_arn):
        return True
    account = caller_account(identity)
    return store is not None and account is not None and store.aws_account_id == account


def require_platform(router: BaseRouter) -> None:
    """For what only the platform may do (create a store is covered by only_own_store; this is for
    setting what the platform pins on a store, stores.platform_routes)."""
    event = cast(APIGatewayProxyEvent, router.current_event)
    if not is_platform(event.request_context.identity.user_arn):
        raise Forbidden(N_("Only the platform's principals may change this."))


def only_own_store(event: Mapping[str, Any]) -> None:
    """Every store-system route, before its body is read (a web.resolver gate): refuse a caller who may
    not address the path's store, then count the request against that store's fair share."""
    request = APIGatewayProxyEvent(dict(event))
    store_id = (request.path_parameters or {}).get("store_id") or ""
    valid = _STORE_ID.fullmatch(store_id) is not None  # else the route answers 400, to the platform
    store = db.get_store(store_id) if valid else None
    if not may_address(request.request_context.identity, store):
        raise Forbidden(_REFUSED)
    if valid:
        fair_share().admit(store_id, share_of(store.requests_per_minute if store else None))
