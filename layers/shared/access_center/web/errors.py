"""Domain errors become HTTP here and nowhere else: the contract's error body for every failure."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import Response
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError

from access_center.core.errors import DomainError
from access_center.core.field_errors import FieldError
from access_center.core.i18n import _


def error_body(status: int, code: str, message: str, details: list[Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"error": code, "message": message}
    if details is not None:
        body["details"] = details
    return body


def error_response(
    status: int, code: str, message: str, details: list[Any] | None = None, headers: dict[str, str] | None = None
) -> Response[Any]:
    return Response(
        status_code=status,
        content_type="application/json",
        body=json.dumps(error_body(status, code, message, details)),
        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", **(headers or {})},
    )


def domain_error_response(error: DomainError) -> Response[Any]:
    retry_after = getattr(error, "retry_after", None)
    headers = {"Retry-After": str(retry_after)} if retry_after else None
    return error_response(error.status, error.code, error.translated(), error.details, headers)


def _field_message(error: dict[str, Any]) -> str:
    """A field error's `msg`: pydantic's own words (English), but a customer-facing validator's
    FieldError in the current language where that language has its own words for it."""
    msg = str(error.get("msg", ""))
    raised = (error.get("ctx") or {}).get("error")
    if isinstance(raised, FieldError):
        translated = raised.translated()
        return msg if translated == str(raised) else translated
    return msg


def validation_error_response(error: RequestValidationError) -> Response[Any]:
    details = [
        {"loc": list(e.get("loc", ())), "msg": _field_message(e), "type": str(e.get("type", ""))}
        for e in error.errors()
    ]
    return error_response(400, "bad_request", _("The request is not valid."), details)


def early_error(error: DomainError) -> dict[str, Any]:
    retry_after = getattr(error, "retry_after", None)
    return {
        "statusCode": error.status,
        "headers": {
            "Content-Type": "application/json",
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            **({"Retry-After": str(retry_after)} if retry_after else {}),
        },
        "body": json.dumps(error_body(error.status, error.code, error.translated())),
        "isBase64Encoded": False,
    }
