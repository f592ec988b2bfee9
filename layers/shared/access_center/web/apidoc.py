"""What the routes answer, for the OpenAPI description (`openapi.json`, `make openapi`).

Each route decorator passes `responses=...` built here: every status the route can answer, with the
contract's error body for 4xx and 5xx. Documentation only: plain dicts naming response schemas by
`$ref` (`#/components/schemas/<Name>`, the answer models of the features' `models` modules), so
nothing is imported or validated when a request is served. devtools/docs/openapi.py supplies the schemas
and checks every name.
"""

from __future__ import annotations

from typing import Any, cast

from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse

JSON_TYPE = "application/json"
HTML_TYPE = "text/html"

# One status of a route in the OpenAPI description (a Response Object), and a route's, by status.
ResponseDoc = dict[str, Any]
ResponseDocs = dict[int, ResponseDoc]

# What each error status means, whichever route answers it (API.md, conventions).
ERRORS = {
    400: "`bad_request`: the request is not valid; validation errors list what in `details`.",
    401: "`unauthorized`: no live session for this store.",
    403: "`forbidden`.",
    404: "`not_found`.",
    409: "`conflict`.",
    413: "`payload_too_large`: the body is over 64 KiB.",
    422: "`unprocessable`.",
    429: "`rate_limited`: wait `Retry-After` seconds.",
    503: "`unavailable`: a service behind the API failed or is throttling; send the same request again.",
}

RETRY_AFTER = {
    "description": "Seconds to wait before sending again.",
    "required": True,
    "schema": {"type": "integer", "minimum": 1},
}
# A 503 may say how long to wait.
RETRY_AFTER_MAYBE = {**RETRY_AFTER, "required": False}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def json_body(schema: str, description: str, headers: dict[str, Any] | None = None) -> ResponseDoc:
    """A JSON answer whose body is the named schema."""
    answer: ResponseDoc = {"description": description, "content": {JSON_TYPE: {"schema": ref(schema)}}}
    if headers:
        answer["headers"] = headers
    return answer


def no_body(description: str, headers: dict[str, Any] | None = None) -> ResponseDoc:
    answer: ResponseDoc = {"description": description, "content": {}}
    if headers:
        answer["headers"] = headers
    return answer


def error(status: int, description: str | None = None) -> ResponseDoc:
    """The contract's error body (`ErrorBody`), with `Retry-After` where the contract wants it."""
    text = ERRORS[status] + (f" {description}" if description else "")
    answer: ResponseDoc = {"description": text, "content": {JSON_TYPE: {"schema": ref("ErrorBody")}}}
    if status in (429, 503):
        answer["headers"] = {"Retry-After": RETRY_AFTER if status == 429 else RETRY_AFTER_MAYBE}
    return answer


def page_error(status: int, description: str | None = None) -> ResponseDoc:
    """A page's error: an HTML page saying what went wrong. The API answers some before the page
    runs, in JSON (400 for a body that is no form, 413, a cross-site 403, a Host no store has: 404), and a page that cannot tell the
    store answers 404 in plain text."""
    if status in (400, 403, 404, 413):
        answer = error(status, description)
    else:
        answer = {"description": "An HTML page saying what went wrong." + (f" {description}" if description else "")}
        if status in (429, 503):
            answer["headers"] = {"Retry-After": RETRY_AFTER if status == 429 else RETRY_AFTER_MAYBE}
    content: dict[str, Any] = {} if status == 413 else {HTML_TYPE: {"schema": {"type": "string"}}}
    if status == 404:
        content["text/plain"] = {"schema": {"type": "string"}}
    answer["content"] = {**content, **answer.get("content", {})}
    return answer


# What the route decorators take: the answers above, typed as Powertools declares them.
Responses = dict[int, OpenAPIResponse]


def _merge(ok: ResponseDocs, errors: dict[int, str | None], common: dict[int, str | None], html: bool) -> Responses:
    answers = dict(ok)
    for status in sorted({*common, *errors}):
        description = " ".join(text for text in (errors.get(status), common.get(status)) if text)
        answers[status] = (page_error if html else error)(status, description or None)
    return cast(Responses, answers)


# Every customer-facing route: the Host names no store (404), a browser acting for another site (403),
# an oversize body (413), a dependency failing (503).
_NOT_JSON = "A body sent as another `Content-Type` than application/json (for pages: than a form) is refused."
_CUSTOMER = {
    400: _NOT_JSON,
    403: (
        "A browser request on behalf of another origin, a sibling subdomain included (`Origin` naming another "
        "host, or `Sec-Fetch-Site` other than same-origin or none)."
    ),
    404: "No store has connected this `Host` (with this path prefix).",
    413: None,
    429: "The store has had its fair share of requests for now (both APIs together); `Retry-After` says when to retry.",
    503: None,
}
# Every store-system route: IAM refusal (API Gateway's own body there), oversize, dependency failing.
_STORE_SYSTEM = {
    400: _NOT_JSON,
    403: (
        "The signer is neither one of the platform's principals nor of the AWS account the store pins "
        "(`aws_account_id`; none pinned: platform principals only). In AWS, API Gateway refuses a request "
        'without a valid SigV4 signature before the function runs (its body is then `{"message": ...}`).'
    ),
    413: None,
    429: "The store has had its fair share of requests for now (both APIs together); `Retry-After` says when to retry.",
    503: None,
}


def customer(ok: ResponseDocs, errors: dict[int, str | None] | None = None) -> Responses:
    """A customer JSON route's answers: `ok`, the route's own `errors` ({status: extra text}) and the
    ones every customer route can give."""
    return _merge(ok, errors or {}, _CUSTOMER, html=False)


def page(ok: ResponseDocs, errors: dict[int, str | None] | None = None, *, form: bool = False) -> Responses:
    """A customer page's answers (see page_error). Only form posts (`form=True`) are refused cross-site."""
    common = _CUSTOMER if form else {k: v for k, v in _CUSTOMER.items() if k != 403}
    return _merge(ok, errors or {}, common, html=True)


def store_system(ok: ResponseDocs, errors: dict[int, str | None] | None = None) -> Responses:
    return _merge(ok, errors or {}, _STORE_SYSTEM, html=False)


def html_page(description: str, headers: dict[str, Any] | None = None) -> ResponseDoc:
    answer: ResponseDoc = {"description": description, "content": {HTML_TYPE: {"schema": {"type": "string"}}}}
    if headers:
        answer["headers"] = headers
    return answer


REDIRECT = {"Location": {"description": "Where to go.", "required": True, "schema": {"type": "string"}}}
SET_COOKIE = {
    "Set-Cookie": {
        "description": "The session cookie `cac_session` (`HttpOnly; Secure; SameSite=Lax`, path `{prefix}/store/account`).",
        "required": True,
        "schema": {"type": "string"},
    }
}

# Sessions: the cookie set by POST .../api/otp/verify (or the verify page).
SESSION: list[dict[str, list[str]]] = [{"session": []}]
