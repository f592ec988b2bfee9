"""Domain errors. Logic raises these; `access_center.web.resolver` maps them to the contract's error shape.

A message is a marked English text (`N_("No order %(order_id)s.")`, core.i18n) and its values as keywords
(`order_id=...`): `message` is it in English (logs, the store API), `translated()` in the request's
language (a customer's JSON answer, web.errors)."""

from __future__ import annotations

from typing import Any

from access_center.core import i18n
from access_center.core.i18n import N_


class DomainError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, details: list[Any] | None = None, **values: object) -> None:
        self.text = message
        self.values = values
        self.message = message % values if values else message
        self.details = details
        super().__init__(self.message)

    def translated(self) -> str:
        """The message in the current language (core.i18n), its values filled in."""
        return i18n.translate(self.text, i18n.current_language(), **self.values)


class BadRequest(DomainError):
    pass


class Unauthorized(DomainError):
    status, code = 401, "unauthorized"


class InvalidCode(DomainError):
    """Wrong, expired, used or missing code: one answer for all (API.md section 2)."""

    status, code = 401, "invalid_code"

    def __init__(self) -> None:
        super().__init__(N_("That code is not valid. Check the latest email or ask for a new code."))


class Forbidden(DomainError):
    status, code = 403, "forbidden"


class NotFound(DomainError):
    status, code = 404, "not_found"


class Conflict(DomainError):
    status, code = 409, "conflict"


class PayloadTooLarge(DomainError):
    status, code = 413, "payload_too_large"


class Unprocessable(DomainError):
    status, code = 422, "unprocessable"


class RateLimited(DomainError):
    status, code = 429, "rate_limited"

    def __init__(
        self, retry_after: float, message: str = N_("Too many requests. Try again later."), **values: object
    ) -> None:
        super().__init__(message, details=None, **values)
        self.retry_after = max(1, int(retry_after))


class Unavailable(DomainError):
    """A service we depend on failed or timed out; the same request can be retried as it is."""

    status, code = 503, "unavailable"

    def __init__(
        self, message: str, *, details: list[Any] | None = None, retry_after: int = 1, **values: object
    ) -> None:
        super().__init__(message, details=details, **values)
        self.retry_after = retry_after
