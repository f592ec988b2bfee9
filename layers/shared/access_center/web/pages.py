"""The customer pages' own rules: where `next` may point, CSRF tokens, forms, and rendering.

No HTTP objects here: functions/pages/app.py turns these into responses.
"""

from __future__ import annotations

import base64
import hmac
import os
import re
import secrets
from datetime import datetime
from functools import cache
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context

from access_center.core.config import settings
from access_center.core.errors import BadRequest
from access_center.core.keys import mac
from access_center.stores.logic import Store
from access_center.web.format import format_money

CSRF_COOKIE = "cac_csrf"
MAX_FORM_FIELDS = 10
_SAFE_NEXT = re.compile(r"^/(?:orders(?:/[A-Za-z0-9._:-]{1,128})?)?(?:\?[A-Za-z0-9=&._:%-]{0,600})?$")
_BADGES = {
    "unfulfilled": "Not shipped yet",
    "partially_fulfilled": "Partly shipped",
    "fulfilled": "Shipped",
}


def safe_next(store: Store, raw: str | None) -> str:
    """The public path to go to after login: only ever inside this store's access center.

    Accepts the public form (`{prefix}/store/account/orders/o1`) and answers in it; anything else
    (another host, `//evil`, backslashes, `..`, another store's prefix) falls back to the orders page.
    """
    fallback = store.account_path + "/orders"
    if not raw or len(raw) > 700 or "\\" in raw or ".." in raw:
        return fallback
    parts = urlsplit(raw)
    if parts.scheme or parts.netloc or not raw.startswith(store.account_path + "/"):
        return fallback
    rest = raw[len(store.account_path) :]
    return store.account_path + rest if _SAFE_NEXT.match(rest) else fallback


def new_csrf_seed() -> str:
    return secrets.token_urlsafe(24)


def csrf_token(seed: str) -> str:
    """The form token for a seed (the pre-session cookie): an attacker who cannot read the cookie
    cannot compute it."""
    return base64.urlsafe_b64encode(mac("csrf", seed)[:18]).decode()


def csrf_ok(seed: str | None, token: str | None) -> bool:
    if not seed or not token or len(seed) > 64:
        return False
    return hmac.compare_digest(csrf_token(seed).encode(), token.encode())  # bytes: any text compares


def text_colour_on(background: str) -> str:
    """Black or white, whichever reads better on the brand colour (WCAG relative luminance)."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(background[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#ffffff"


def parse_form(body: str | None) -> dict[str, str]:
    """application/x-www-form-urlencoded -> first value per field (a handful of fields at most)."""
    try:
        fields = parse_qs(body or "", keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS)
    except ValueError:  # more fields than any of our forms has
        raise BadRequest("The form has too many fields.") from None
    return {key: values[0] for key, values in fields.items()}


def login_path(store: Store, next_path: str | None = None, email: str | None = None) -> str:
    query = []
    if email:
        query.append(f"email={quote(email, safe='@')}")
    if next_path:
        query.append(f"next={quote(next_path, safe='/')}")
    return f"{store.account_path}/login" + (f"?{'&'.join(query)}" if query else "")


@pass_context
def _money(context: Context, amount: int, currency: str) -> str:
    """Money in the order's currency, written the store's way (its locale)."""
    return format_money(int(amount), currency, str(context.get("store", {}).get("locale") or "en-US"))


def _date(value: str) -> str:
    try:
        return datetime.fromisoformat(value).strftime("%-d %b %Y")
    except ValueError:
        return value


def _status_label(value: str) -> str:
    return value.replace("_", " ").capitalize()


def _web_link(url: str | None) -> str | None:
    """Only https links become links; anything else is shown as text."""
    return url if url and url.lower().startswith("https://") else None


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(os.path.join(settings().templates_dir, "portal")),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(money=_money, date=_date, status=_status_label, web_link=_web_link)
    env.globals["badges"] = _BADGES
    # A cancelled or refunded order will not ship: a "Not shipped yet" badge would mislead.
    env.globals["closed_statuses"] = ("cancelled", "refunded")
    return env


_OPTIONAL_SETTINGS = {"support_email": None, "logo_url": None, "brand_color": None, "locale": "en-US"}


def render(page: str, store: Store, **context: Any) -> str:
    values = {
        "store": {**_OPTIONAL_SETTINGS, **store.settings},
        "base": store.account_path,
        "lang": str(store.settings.get("locale", "en-US")).split("-")[0],
        "logged_in": False,
        "csrf": "",
        **context,
    }
    return _environment().get_template(f"{page}.html").render(values)
