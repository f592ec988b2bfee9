"""The pages' static files and the store's brand colours (PagesFunction)."""

from __future__ import annotations

from pathlib import Path

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.core.config import settings
from access_center.core.errors import NotFound
from access_center.core.i18n import N_
from access_center.stores.requests import customer_store
from access_center.web import apidoc, format
from access_center.web.colours import DEFAULT_BRAND
from access_center.web.pages import SECURITY_HEADERS, PageResponse

router = Router()
_ASSETS = {
    "portal.css": "text/css; charset=utf-8",
    "portal.js": "text/javascript; charset=utf-8",
    # The pages' icon where the store has no logo (base.html uses the logo where it has one).
    "favicon.svg": "image/svg+xml",
}


@router.get(
    "/assets/brand.css",
    summary="Page asset: the store's brand colours",
    responses=apidoc.page({200: {"description": "CSS.", "content": {"text/css": {"schema": {"type": "string"}}}}}),
)
def brand_css() -> PageResponse:
    brand = customer_store(router).settings.brand_color or DEFAULT_BRAND
    css = f":root {{ --brand: {brand}; --on-brand: {format.text_colour_on(brand)}; }}\n"
    return Response(
        200, "text/css; charset=utf-8", css, headers={**SECURITY_HEADERS, "Cache-Control": "public, max-age=300"}
    )


@router.get(
    "/assets/<name>",
    summary="Page asset: the pages' stylesheet, script and default icon",
    responses=apidoc.page(
        {
            200: {
                "description": "portal.css, portal.js or favicon.svg.",
                "content": {
                    "text/css": {"schema": {"type": "string"}},
                    "text/javascript": {"schema": {"type": "string"}},
                    "image/svg+xml": {"schema": {"type": "string"}},
                },
            }
        },
        {404: "No such file."},
    ),
)
def asset(name: str) -> PageResponse:
    if name not in _ASSETS:
        raise NotFound(N_("No such file."))
    body = (Path(settings().templates_dir) / "portal" / "assets" / name).read_text()
    return Response(200, _ASSETS[name], body, headers={**SECURITY_HEADERS, "Cache-Control": "public, max-age=3600"})
