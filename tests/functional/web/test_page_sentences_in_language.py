"""The sentences a page route writes (the code page's notice, the lockout page, a refused form's message)
are whole catalogued sentences in the page's language, their values (a wait, a number) in it too; a
refused form's page is in the page's language (the picker's choice), not only the browser's.

The expected text is the German catalog's (core.i18n.translate); each is also checked to differ from
the English, so a sentence left outside the catalogs, or not yet translated, fails here."""

from __future__ import annotations

import re
from html import unescape

import pytest

from access_center.core import i18n
from devtools.emulator.gateway import Reply
from devtools.emulator.outbox import sent_emails
from tests.harness.clock import Clock
from tests.harness.streams import drain_order_stream
from tests.harness.support import Client, Shop

ANN = "ann@example.com"
BASE = "/store/account"
GERMAN = {"Accept-Language": "de"}


@pytest.fixture
def shop(admin: Client) -> Shop:
    """Store `s1` offering German and English."""
    return Shop.create(admin, "s1", "shop.example", languages=["de", "en"])


def _german(msgid: str, **values: object) -> str:
    """`msgid` as the German catalog says it, which must not be the English."""
    german = i18n.translate(msgid, "de", **values)
    assert german != (msgid % values if values else msgid), f"not translated into German: {msgid!r}"
    return german


def _german_wait(seconds: int) -> str:
    """A wait under a minute and a half, as the German catalog says it ("25 Sekunden")."""
    said = i18n.translations("de").ngettext("%(count)s second", "%(count)s seconds", seconds) % {"count": seconds}
    assert said != f"{seconds} seconds", "the seconds' plural is not translated into German"
    return said


def _text(reply: Reply) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", reply.body.decode())))


def _csrf(reply: Reply) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', reply.body.decode())
    assert found, "no form token on the page"
    return unescape(found.group(1))


def _ask_for_code(customer: Client, headers: dict[str, str]) -> str:
    """The email form posted (its 303 to the code page); the form's token."""
    csrf = _csrf(customer.get(f"{BASE}/login", headers=headers))
    sent = customer.form(f"{BASE}/login", {"csrf": csrf, "email": ANN}, headers=headers)
    assert (sent.status, sent.header("Location")) == (303, f"{BASE}/login/code")
    return csrf


def _emailed_code() -> str:
    """The code in the newest email to Ann (German: the harness's reader looks for the English words)."""
    newest = [m for m in sent_emails() if ANN in m["to"][0]][-1]
    found = re.search(r"\b(\d{6})\b", newest["text"])
    assert found, "no code in the newest email"
    return found.group(1)


@pytest.fixture
def ann(shop: Shop) -> Shop:
    assert shop.put_order("o1", email=ANN).status == 201
    return shop


def test_the_code_pages_notice_is_german_with_its_wait(ann: Shop, customer: Client, clock: Clock) -> None:
    csrf = _ask_for_code(customer, GERMAN)
    clock.advance(5)
    fields = {"csrf": csrf, "email": ANN, "resend": "1"}
    assert customer.form(f"{BASE}/login", fields, headers=GERMAN).status == 303
    page = customer.get(f"{BASE}/login/code", headers=GERMAN)
    assert page.status == 200
    notice = _german(
        "We did not send another code: the one sent earlier still works. You can ask for a new one in %(wait)s.",
        wait=_german_wait(25),
    )
    assert notice in _text(page)
    assert page.header("Retry-After") == "25"


def test_the_lockout_page_is_german_with_its_wait(ann: Shop, customer: Client, clock: Clock) -> None:
    csrf = _ask_for_code(customer, GERMAN)
    wrong = f"{(int(_emailed_code()) + 1) % 1_000_000:06d}"
    clock.advance(10)
    for _ in range(5):
        page = customer.form(f"{BASE}/verify", {"csrf": csrf, "email": ANN, "code": wrong}, headers=GERMAN)
    assert page.status == 401
    text = _text(page)
    assert f"<h1>{_german('Too many wrong codes')}</h1>" in page.body.decode()
    wait = _german_wait(20)  # the first code was sent 10 s ago: 30 s apart
    assert (
        _german("Or ask for a new code in %(wait)s: that is how soon this email can be sent another one.", wait=wait)
        in text
    )


def test_a_refused_code_form_is_in_the_language_the_picker_chose(ann: Shop, customer: Client) -> None:
    """The refused form's page is answered before the middleware that sets a page's language: it sets
    it itself, so the picker's German wins over the browser's English there too."""
    customer.cookies["cac_lang"] = "de"
    english = {"Accept-Language": "en"}
    csrf = _ask_for_code(customer, english)
    refused = customer.form(f"{BASE}/verify", {"csrf": csrf, "email": ANN, "code": "1" * 40}, headers=english)
    assert refused.status == 400
    assert _german("Enter the 6-digit code from the email.") in _text(refused)


# ------------------------------------------------------------------------ refused order page forms
@pytest.fixture
def shipped(shop: Shop, customer: Client) -> Client:
    """Ann, logged in, with order o1 whose two mugs (l1) shipped, at a store taking returns and messages."""
    shop.settings(languages=["de", "en"], returns_enabled=True, messages_enabled=True)
    assert shop.put_order("o1").status == 201
    assert shop.fulfil("o1", "f1", {"items": [{"line_id": "l1", "quantity": 2}], "carrier": "UPS"}).status == 200
    shop.login(customer, ANN)
    drain_order_stream()
    return customer


def _refused(shipped: Client, form: str, **fields: str) -> str:
    """The order page again (400) after posting `form` refused, in German: the message beside the form."""
    page = shipped.get(f"{BASE}/orders/o1", headers=GERMAN)
    reply = shipped.form(f"{BASE}/orders/o1/{form}", {"csrf": _csrf(page), **fields}, headers=GERMAN)
    assert reply.status == 400, reply.body[:300]
    found = re.search(rf'<span class="field-error" id="{form}-error">([^<]*)</span>', reply.body.decode())
    assert found, f"no message beside the {form} form"
    return unescape(found.group(1))


def test_a_refused_return_form_says_what_is_wrong_in_german(shipped: Client) -> None:
    said = _refused(shipped, "returns", **{"quantity:l1": "1", "reason:l1": "damaged", "comment": "bad\x1b[31m"})
    assert said == _german("The comment must be text without control or invisible direction characters.")


def test_a_long_message_is_refused_in_german_with_the_number_as_german_writes_it(shipped: Client) -> None:
    said = _refused(shipped, "messages", body="y" * 5001)
    assert said == _german("The message must be at most %(count)s characters.", count="5.000")
