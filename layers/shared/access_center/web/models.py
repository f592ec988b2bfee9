"""The error body every JSON route answers with (access_center.web.errors builds it as a plain dict)."""

from typing import Any

from pydantic import Field

from access_center.core.fields import Answer


class ErrorBody(Answer):
    """Every error: a stable code, a sentence for people, and for validation errors the details."""

    error: str = Field(description="bad_request, unauthorized, invalid_code, forbidden, not_found, conflict, ...")
    message: str
    details: list[Any] | None = None
