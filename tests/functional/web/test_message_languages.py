"""JSON `message`s in the customer's language (API.md section 9): a customer route answers by
Accept-Language among the shipped languages; the store API answers in English whatever it asks; a
container that answered in German answers the next request in its own language."""

from __future__ import annotations

from access_center.core import i18n
from access_center.core.errors import InvalidCode
from tests.harness.support import Client, Shop

ANN = "ann@example.com"
WRONG_CODE = InvalidCode().text  # the marked English text


def _refused(shop: Shop, customer: Client, language: str | None) -> str:
    headers = {"Accept-Language": language} if language else {}
    reply = shop.verify(customer, ANN, "000000", headers=headers)
    assert reply.status == 401
    return str(reply.json()["message"])


def test_a_customer_json_message_follows_accept_language(shop: Shop, customer: Client) -> None:
    german = i18n.translate(WRONG_CODE, "de")
    assert german != WRONG_CODE, "the German catalog has the text"
    assert _refused(shop, customer, "de-AT,en;q=0.5") == german
    assert _refused(shop, customer, "fr;q=0.9, nl") == i18n.translate(WRONG_CODE, "nl")
    assert _refused(shop, customer, "ja") == WRONG_CODE  # nothing shipped: English
    assert _refused(shop, customer, None) == WRONG_CODE  # the German answer before set nothing for this one


def test_the_store_api_answers_in_english_whatever_it_asks(shop: Shop, admin: Client) -> None:
    missing = f"/admin/stores/{shop.store_id}/returns/ret_0000000000000000"
    reply = admin.put(missing, {"status": "approved"}, headers={"Accept-Language": "de"})
    assert reply.status == 404
    assert reply.json()["message"] == "No return 'ret_0000000000000000' at store 's1'."
