"""What the browser tests share: Chromium's flags, the two screen sizes, the language the suite runs in,
and the steps a customer takes through the forms (log in, open an order on a device) against a running
`make dev` (DevServer).

The suite runs in one language, BROWSER_LANGUAGE (en by default; `make suite-languages` runs de and the
pseudo-locale en-XA): every browser context asks for it (Accept-Language), the demo store offers it, and
every text a test looks for goes through `t` (and `tn`, `tp`), the English source text translated with the
same catalogs the pages use. So a test finds a button by what a German customer reads, and a page whose
text is not yet translated still passes as long as its catalog and the page agree.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from access_center.core import i18n
from access_center.web.format import StoreFormat
from access_center.web.locales import format_locale
from tests.harness.bodies import address, order_body, order_line, recent
from tests.harness.devserver import DevServer, wait_for

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The language the whole run reads its pages in: one of core.i18n.LANGUAGES, or its pseudo-locale.
LANGUAGE = os.environ.get("BROWSER_LANGUAGE", i18n.DEFAULT_LANGUAGE)
if LANGUAGE not in (*i18n.LANGUAGES, i18n.PSEUDO):
    raise ValueError(f"BROWSER_LANGUAGE={LANGUAGE!r}: one of {', '.join(i18n.LANGUAGES)} or {i18n.PSEUDO}")


_TAG = re.compile(r"<[^>]+>")


def _shown(translated: str, values: dict[str, object]) -> str:
    """What a reader sees of a translated text: its markup (`<strong>`, `<time>`, a visually hidden
    span's tags) removed before the values go in, so a value's own `<` stays."""
    visible = _TAG.sub("", translated)
    return visible % values if values else visible


def t(text: str, language: str = LANGUAGE, **values: object) -> str:
    """`text`, a marked English source text (the msgid: `%(name)s` where a value goes, a `{% trans %}`
    block's markup included), as the page shows it in the run's language (or `language`)."""
    return _shown(i18n.translations(language).gettext(text), values)


def tn(singular: str, plural: str, n: int, language: str = LANGUAGE, **values: object) -> str:
    """A plural text for `n`, `count` filled in (as `{% trans count=n %}` and ngettext do), then `values`."""
    return _shown(i18n.translations(language).ngettext(singular, plural, n), {"count": n, **values})


def tp(context: str, text: str, language: str = LANGUAGE, **values: object) -> str:
    """A text marked with a context (pgettext): a short word that reads two ways in English."""
    return _shown(i18n.translations(language).pgettext(context, text), values)


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


_HIDDEN = re.compile(r'<span class="visually-hidden">(.*?)</span>', re.S)


def named(text: str, language: str = LANGUAGE, **values: object) -> str:
    """`text` as an accessible name (a link's, a button's) for get_by_role: what `t` gives, except that
    a visually hidden span, being out of the flow, is read as a separate word (Chromium puts a space
    around it: "Herunterladen<span ...>: Rechnung 7</span>" is named "Herunterladen : Rechnung 7")."""
    spaced = _HIDDEN.sub(r" \1 ", i18n.translations(language).gettext(text))
    return " ".join(_shown(spaced, values).split())


def part(text: str, plural: str | None = None, n: int = 2, language: str = LANGUAGE, **values: object) -> str:
    """The longest stretch of a translated sentence that does not depend on an unknown value: for a
    test that looks for "You asked to cancel this order" without knowing the date the sentence holds
    (each language puts its values elsewhere). `values` known are filled in first; with `plural`, the
    form for `n`."""
    catalog = i18n.translations(language)
    translated = catalog.ngettext(text, plural, n) if plural else catalog.gettext(text)
    visible = _TAG.sub("", translated)
    pieces = _PLACEHOLDER.split(visible)  # literal, name, literal, name, ...
    stretches, current = [], pieces[0]
    for name, literal in zip(pieces[1::2], pieces[2::2], strict=True):
        if name in values:
            current += str(values[name]) + literal
        else:
            stretches.append(current)
            current = literal
    stretches.append(current)
    return max((stretch.strip() for stretch in stretches), key=len)


def matching(text: str, plural: str | None = None, language: str = LANGUAGE, **patterns: str) -> re.Pattern[str]:
    """A regular expression for a translated text whose values are not known exactly: each
    placeholder matches its pattern in `patterns` (a placeholder not given matches any text on one
    line), the rest literally; with `plural`, any of the language's plural forms (`count` then
    defaults to digits). For "You can ask for a new one in 30 seconds" without knowing the wait."""
    catalog = i18n.translations(language)
    if plural is None:
        forms = {catalog.gettext(text)}
    else:  # every form the language has: a plural rule never needs more than these counts to show them
        forms = {catalog.ngettext(text, plural, n) for n in (*range(0, 200), 1000, 1001, 1_000_000)}
        patterns = {"count": r"\d+", **patterns}
    alternatives = []
    for form in sorted(forms):
        pieces = _PLACEHOLDER.split(_TAG.sub("", form))  # literal, name, literal, name, ...
        regex = re.escape(pieces[0])
        for name, literal in zip(pieces[1::2], pieces[2::2], strict=True):
            regex += f"(?:{patterns.get(name, '.+?')})" + re.escape(literal)
        alternatives.append(regex)
    return re.compile("|".join(f"(?:{alternative})" for alternative in alternatives))


def store_format(language: str = LANGUAGE, store_locale: str = "en-US", zone: str = "UTC") -> StoreFormat:
    """Money and dates as the pages write them for a store (the demo store: en-US, UTC) in `language`
    (the pseudo-locale formats as English)."""
    return StoreFormat(format_locale(store_locale, language.split("-")[0]), zone)


def accepting(language: str = LANGUAGE) -> dict[str, Any]:
    """What a browser context needs to ask for `language`: Playwright's locale is Chromium's
    Accept-Language (checked by test_a_context_asks_for_the_runs_language)."""
    return {"locale": language}


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Bea's order, which the screenshots in docs/screenshots/ show.
BEA_ORDER = {
    "customer_name": "Bea Browser",
    "placed_at": recent(hours_ago=3),  # a fresh order: one placed over 7 days before arriving is an import
    "currency": "USD",
    "items": [
        order_line("l1", "BEAN-1KG", "Espresso Beans 1 kg", 2, 2400),
        order_line("l2", "FLT-100", "Paper Filters (100)", 1, 650),
    ],
    "totals": {"subtotal": 5450, "discount": 500, "shipping": 0, "tax": 396, "total": 5346},
    "shipping_address": address("Bea Browser", "1 Test Way", "Portland", "97201"),
}


def bea_order(number: str, email: str, **extra: Any) -> dict[str, Any]:
    return order_body(email, number, **{**BEA_ORDER, **extra})


def put_order(server: DevServer, order_id: str, body: dict[str, Any]) -> None:
    answer = server.admin_put(f"/admin/stores/demo/orders/{order_id}", body)
    assert answer.status in (200, 201), answer.body


def demo_customer(server: DevServer, name: str, **order: Any) -> str:
    """A customer of the demo store with one order (`{name}-1`, number N-{name}): each test logs in
    as its own customer, since codes for one email are throttled to one per 30 seconds."""
    email = f"{name}@example.com"
    put_order(server, f"{name}-1", bea_order(f"N-{name}", email, **order))
    return email


def log_in(page: Any, server: DevServer, email: str) -> None:
    """From the login page (already open) to logged in, through the forms."""
    sent = len(server.outbox())
    page.get_by_label(t("Email")).fill(email)
    page.get_by_role("button", name=t("Email me a code")).click()
    page.get_by_label(t("6-digit code")).fill(server.code_for(email, sent))
    page.get_by_role("button", name=t("Log in")).click()


def view_order_link(server: DevServer, email: str, number: str) -> str:
    def find() -> str | None:
        for message in server.outbox():
            if email in message["to"] and number in message["subject"]:
                found = re.search(r'href="(http://[^"]+/store/account/orders/[^"]+)"', message["html"])
                if found:
                    return found.group(1)
        return None

    return wait_for(find, what="the confirmation email")


def device_context(chromium: Any, server: DevServer, device: str, javascript: bool = True) -> Any:
    """A browser context as a phone (390 px, touch) or a desktop, with or without JavaScript."""
    return chromium.new_context(
        viewport=PHONE if device == "phone" else DESKTOP,
        is_mobile=device == "phone",
        has_touch=device == "phone",
        java_script_enabled=javascript,
        base_url=f"http://localhost:{server.port}",
        **accepting(),
    )


@contextmanager
def signed_in(
    chromium: Any, server: DevServer, email: str, order_id: str, device: str, javascript: bool = True
) -> Iterator[Any]:
    """A page on the device, logged in through the forms as `email`, on the order's page."""
    context = device_context(chromium, server, device, javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"/store/account/login?next=/store/account/orders/{order_id}")
        log_in(page, server, email)
        yield page
    finally:
        context.close()


# The three ways a customer meets a flow: a desktop, a phone, and a phone without JavaScript. CI runs the
# journeys in two languages (suite-moto in English, suite-languages in the pseudo-locale), each in one way:
# the two phones, where a page has least room and, without JavaScript, least help. Desktops are the other
# browser tests' (test_pages_on_devices.py, test_login_truth.py, test_accessibility.py run both sizes). The
# whole matrix took 5 minutes of CI's 15. Any other language, e.g. BROWSER_LANGUAGE=fr, runs all three.
_WAYS = {"desktop": ("desktop", True), "phone": ("phone", True), "phone-without-javascript": ("phone", False)}
_WAY_OF_RUN = {"en": "phone-without-javascript", i18n.PSEUDO: "phone"}
_RUN_WAYS = [_WAY_OF_RUN[LANGUAGE]] if LANGUAGE in _WAY_OF_RUN else list(_WAYS)
DEVICES = pytest.mark.parametrize(("device", "javascript"), [_WAYS[way] for way in _RUN_WAYS], ids=_RUN_WAYS)


def dev_events(server: DevServer, detail_type: str) -> list[dict[str, Any]]:
    answer = server.request("GET", "/_dev/events", host="localhost")
    assert answer.status == 200, answer.body
    return [event["detail"] for event in answer.json() if event["detail_type"] == detail_type]


def fits_the_screen(page: Any) -> bool:
    """Nothing sticks out sideways: the page is no wider than its viewport."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
