"""The customer pages' own rules: where `next` may point, CSRF tokens, forms, and rendering.

No HTTP objects here: functions/pages/app.py turns these into responses.
"""

from __future__ import annotations

import base64
import hmac
import re
import secrets
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from access_center.core.errors import BadRequest
from access_center.core.keys import mac
from access_center.stores.logic import Store
from access_center.web.render import render as render_template

CSRF_COOKIE = "cac_csrf"
MAX_FORM_FIELDS = 10
_SAFE_NEXT = re.compile(r"^/(?:orders(?:/[A-Za-z0-9._:-]{1,128})?)?(?:\?[A-Za-z0-9=&._:%-]{0,600})?$")


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
    return render_template(f"portal/{page}.html", values)
