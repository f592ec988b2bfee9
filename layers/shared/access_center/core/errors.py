"""Domain errors. Logic raises these; `access_center.web.resolver` maps them to the contract's error shape."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, details: list[Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class BadRequest(DomainError):
    pass


class Unauthorized(DomainError):
    status, code = 401, "unauthorized"


class InvalidCode(DomainError):
    """Wrong, expired, used or missing code: one answer for all (API.md section 2)."""

    status, code = 401, "invalid_code"

    def __init__(self) -> None:
        super().__init__("That code is not valid. Check the latest email or ask for a new code.")


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

    def __init__(self, retry_after: float, message: str = "Too many requests. Try again later.") -> None:
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))


class Unavailable(DomainError):
    """A service we depend on failed or timed out; the same request can be retried as it is."""

    status, code = 503, "unavailable"

    def __init__(self, message: str, *, details: list[Any] | None = None, retry_after: int = 1) -> None:
        super().__init__(message, details=details)
        self.retry_after = retry_after
