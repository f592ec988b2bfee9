"""The one jinja2 Environment for pages (templates/portal/) and emails (templates/email/).

HTML is autoescaped, plain-text email twins are not; an undefined name fails loudly rather than
rendering empty. The formatting filters of web.format (money, dates, addresses, statuses, links; by
the store's locale and time zone) are registered here, and the emails format with the same functions,
so that pages and emails write the same thing the same way.

Imported only by the functions that render (pages, the mailers): the others do not pay for jinja2.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from access_center.core.config import settings
from access_center.web import format


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(settings().templates_dir),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True, default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(format.FILTERS)
    env.globals.update(format.GLOBALS)
    return env


def render_template(name: str, values: dict[str, Any]) -> str:
    """Render `portal/orders.html`, `email/shipping_update.txt`, ... with `values`."""
    return environment().get_template(name).render(values)
