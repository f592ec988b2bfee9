"""The resolver every API function uses: Powertools' REST resolver with the checks that come before
any body is parsed, and every failure answered in the contract's shape (web.errors)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Mapping
from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext
from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.exceptions import PynamoDBException

from access_center.aws.transient import is_transient
from access_center.core import i18n
from access_center.core.config import settings
from access_center.core.errors import BadRequest, DomainError, Forbidden, PayloadTooLarge, Unavailable
from access_center.core.i18n import N_, _
from access_center.core.observability import logger, metrics
from access_center.web.csrf import is_cross_site, is_foreign
from access_center.web.errors import domain_error_response, early_error, error_response, validation_error_response
from access_center.web.languages import json_language
from access_center.web.paths import ACCOUNT_BASE

# A check of the raw event that runs before any route or body validation (stores.apis adds the
# store-system caller check): it refuses by raising a DomainError, answered in the contract's shape.
Gate = Callable[[Mapping[str, Any]], None]
JSON_BODY = frozenset({"application/json"})
FORM_BODY = frozenset({"application/x-www-form-urlencoded"})


def _media_type(headers: Mapping[str, str] | None) -> str:
    content_type = next((v for k, v in (headers or {}).items() if k.lower() == "content-type"), "")
    return content_type.split(";", 1)[0].strip().lower()


def _json_body(text: str) -> Any:
    """Powertools' body parsing, with the inputs json.loads fails on in other ways than a syntax error
    (nesting deeper than the interpreter's stack, an integer over 4,300 digits) refused as a 400."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise  # Powertools answers it as a validation error (400)
    except (RecursionError, ValueError):
        raise BadRequest(
            N_("The body is not JSON this service accepts: nested too deep, or a number too long.")
        ) from None


def _is_utf8(base64_body: str) -> bool:
    """A binary body (base64 in the event) that Powertools would fail to decode with a 500."""
    try:
        base64.b64decode(base64_body, validate=True).decode("utf-8")
    except ValueError:
        return False
    return True


class Resolver(APIGatewayRestResolver):
    """Powertools' REST resolver with the checks that must come before anything parses the body:
    the size limit, the body's media type, and (where asked) refusing browsers acting for another site."""

    def __init__(
        self,
        *,
        body_types: frozenset[str],
        refuse_methods: frozenset[str] = frozenset(),
        refuse: Callable[[Mapping[str, str] | None], bool] = is_foreign,
        customer_facing: bool = False,
        **kwargs: Any,
    ) -> None:
        self.customer_facing = customer_facing
        super().__init__(json_body_deserializer=_json_body, **kwargs)
        self.body_types = body_types
        self.refuse_methods = refuse_methods
        self.refuse = refuse
        self.gates: list[Gate] = []

    def resolve(self, event: Mapping[str, Any], context: Any) -> dict[str, Any]:
        # Every request sets its language (a container keeps the last one): a customer's JSON answers
        # follow Accept-Language (web.languages), a page its own choice (account.pages), the store API
        # answers in English.
        headers = event.get("headers") or {}
        wanted = next((v for k, v in headers.items() if k.lower() == "accept-language"), None)
        i18n.set_language(json_language(wanted) if self.customer_facing else i18n.DEFAULT_LANGUAGE)
        body = event.get("body") or ""
        size = len(body) * 3 // 4 if event.get("isBase64Encoded") else len(body.encode())
        if size > settings().max_body_bytes:
            return early_error(
                PayloadTooLarge(N_("The body is over %(limit)s bytes."), limit=settings().max_body_bytes)
            )
        try:
            refused = event.get("httpMethod") in self.refuse_methods and self.refuse(event.get("headers"))
        except DomainError as error:  # the edge's secret could not be read (web.edge): 503, Retry-After
            return early_error(error)
        if refused:
            return early_error(Forbidden(N_("Cross-site requests are refused.")))
        if body and _media_type(event.get("headers")) not in self.body_types:
            if self.body_types == JSON_BODY:
                return early_error(BadRequest(N_("Send the body as JSON (Content-Type: application/json).")))
            return early_error(BadRequest(N_("Send the body as a form.")))
        if body and event.get("isBase64Encoded") and not _is_utf8(body):
            return early_error(BadRequest(N_("The body is not UTF-8 text.")))
        refused_at_gate = self._through_gates(event)
        if refused_at_gate is not None:
            return refused_at_gate
        return super().resolve(event, context)

    def _through_gates(self, event: Mapping[str, Any]) -> dict[str, Any] | None:
        """The gates' refusal, or None: every gate let the request through."""
        for gate in self.gates:
            try:
                gate(event)
            except DomainError as refused:
                return early_error(refused)
            except (BotoCoreError, ClientError, PynamoDBException) as error:
                if not is_transient(error):
                    raise
                logger.warning("a dependency is throttling or unavailable", extra={"error": type(error).__name__})
                return early_error(Unavailable(N_("The service is busy. Retry in a moment."), retry_after=1))
        return None


ALL_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def create_resolver(*, customer_facing: bool, pages: bool = False) -> Resolver:
    """The resolver every API function builds on (through stores.apis, which adds what needs the store:
    the caller check, the fair share). Customer-facing JSON routes refuse browsers acting for any other
    origin on every method; pages refuse cross-site form posts only, so links from emails work."""
    if pages:
        body_types, refuse_methods, refuse = FORM_BODY, frozenset({"POST"}), is_cross_site
    else:
        body_types, refuse_methods, refuse = JSON_BODY, ALL_METHODS if customer_facing else frozenset(), is_foreign
    app = Resolver(
        enable_validation=True,
        strip_prefixes=[ACCOUNT_BASE] if customer_facing else None,
        body_types=body_types,
        refuse_methods=refuse_methods,
        refuse=refuse,
        customer_facing=customer_facing,
    )
    app.exception_handler(DomainError)(domain_error_response)
    app.exception_handler(RequestValidationError)(validation_error_response)

    @app.not_found
    def _not_found(_error: Exception) -> Response[Any]:
        return error_response(404, "not_found", _("No such route."))

    def unexpected(error: Exception) -> Response[Any]:
        logger.exception("unhandled error")
        request_id = app.current_event.request_context.request_id
        message = _("Something went wrong on our side (request %(request_id)s).") % {"request_id": request_id}
        return error_response(500, "internal", message)

    @app.exception_handler(PynamoDBException)
    @app.exception_handler(BotoCoreError)
    @app.exception_handler(ClientError)
    def _dependency(error: Exception) -> Response[Any]:
        if not is_transient(error):
            return unexpected(error)
        logger.warning("a dependency is throttling or unavailable", extra={"error": type(error).__name__})
        return domain_error_response(Unavailable(N_("The service is busy. Retry in a moment."), retry_after=1))

    app.exception_handler(Exception)(unexpected)
    return app


def lambda_handler_for(app: Resolver) -> Callable[[dict[str, Any], LambdaContext], dict[str, Any]]:
    """The Lambda entry point of an API function: logs carry the request id, metrics are flushed."""

    @logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
    @metrics.log_metrics
    def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        return app.resolve(event, context)

    return lambda_handler
