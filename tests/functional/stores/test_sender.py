"""The store's sending identity (API.md section 7): a store sends as its `from_email` only from a
domain SES verified for that store; until then the platform's address sends for it, under the
store's name, with replies to the store's support email."""

from __future__ import annotations

from email import message_from_string
from email.policy import default
from typing import Any

import pytest

from devtools.emulator.outbox import sent_emails
from tests.harness.backends import table_items
from tests.harness.bodies import order_body
from tests.harness.streams import drain_order_stream
from tests.harness.support import Client, Shop

PLATFORM = "access-center@platform.example"


def _last_headers() -> Any:
    from moto.ses.models import ses_backends

    raw = ses_backends["123456789012"]["us-east-1"].sent_messages[-1].raw_data
    return message_from_string(raw, policy=default)


def _unverified(monkeypatch: pytest.MonkeyPatch) -> None:
    """SES as it is before the store publishes its DNS records: the identity exists, unverified."""
    from moto.ses.models import SESBackend

    created = SESBackend.create_email_identity_v2

    def pending(self: Any, email_identity: str, *args: Any, **kwargs: Any) -> Any:
        identity = created(self, email_identity, *args, **kwargs)
        identity.verified_for_sending_status = False
        identity.dkim_attributes["Status"] = "PENDING"
        return identity

    monkeypatch.setattr(SESBackend, "create_email_identity_v2", pending)


def test_an_unverified_store_sends_from_the_platform_under_its_name_replying_to_its_support(admin: Client) -> None:
    shop = Shop.create(admin, "s1", "shop.example", verify_sender=False, support_email="help@shop.example")
    shop.put_order("o1")
    drain_order_stream()
    (email,) = sent_emails()
    assert email["from"] == f"Shop One <{PLATFORM}>"
    assert _last_headers()["Reply-To"] == "help@shop.example"


def test_a_store_cannot_send_as_another_stores_address(shop: Shop, admin: Client) -> None:
    impostor = Shop.create(admin, "s2", "other.example", verify_sender=False, from_email="orders@shop.example")
    reply = admin.put("/admin/stores/s2/sender", {"domain": "shop.example"})
    assert reply.status == 409
    assert reply.json()["error"] == "conflict"
    impostor.put_order("o1")
    drain_order_stream()
    assert sent_emails()[-1]["from"] == f"Shop One <{PLATFORM}>"  # s2's name, the platform's address
    assert reply.json()["message"]


def test_the_platforms_own_domain_is_nobodys_to_verify(shop: Shop, admin: Client) -> None:
    assert admin.put("/admin/stores/s1/sender", {"domain": "platform.example"}).status == 409


def test_put_sender_answers_pending_and_the_records_then_get_follows_ses(
    admin: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    _unverified(monkeypatch)
    shop = Shop.create(admin, "s1", "shop.example", verify_sender=False)
    started = admin.put("/admin/stores/s1/sender", {"domain": "shop.example"})
    assert started.status == 200, started.body
    assert started.json()["status"] == "pending"
    assert admin.get("/admin/stores/s1/sender").json()["status"] == "pending"
    shop.put_order("o1")
    drain_order_stream()
    assert sent_emails()[-1]["from"] == f"Shop One <{PLATFORM}>"  # not yet verified

    from moto.ses.models import ses_backends

    ses_backends["123456789012"]["us-east-1"].email_identities["shop.example"].verified_for_sending_status = True
    assert admin.get("/admin/stores/s1/sender").json()["status"] == "verified"
    shop.put_order("o2", order_body(number="1002"))
    drain_order_stream()
    assert sent_emails()[-1]["from"] == "Shop One <orders@shop.example>"


def test_a_verified_store_sends_as_itself_and_gets_its_dkim_records(shop: Shop, admin: Client) -> None:
    answer = admin.get("/admin/stores/s1/sender").json()
    assert answer["status"] == "verified"
    assert len(answer["dns_records"]) == 3
    assert all(r["type"] == "CNAME" and r["name"].endswith("._domainkey.shop.example") for r in answer["dns_records"])
    shop.put_order("o1")
    drain_order_stream()
    assert sent_emails()[-1]["from"] == "Shop One <orders@shop.example>"


def test_a_from_email_off_the_verified_domain_goes_from_the_platform(admin: Client) -> None:
    shop = Shop.create(admin, "s1", "shop.example")  # shop.example verified for s1
    reply = admin.put("/admin/stores/s1", {"name": "Shop", "from_email": "sales@other.example"})
    assert reply.status == 200, reply.body
    shop.put_order("o1")
    drain_order_stream()
    assert sent_emails()[-1]["from"] == f"Shop <{PLATFORM}>"  # the new settings' name


def test_a_failing_ses_call_leaves_no_claim_behind(admin: Client, faults: Any) -> None:
    Shop.create(admin, "s1", "shop.example", verify_sender=False)
    Shop.create(admin, "s2", "other.example", verify_sender=False)
    with faults.throttle("sesv2", "CreateEmailIdentity"):
        assert admin.put("/admin/stores/s1/sender", {"domain": "third.example"}).status == 503
    assert not [i for i in table_items("StoresTable") if i["pk"]["S"] == "sender#third.example"]
    assert admin.put("/admin/stores/s2/sender", {"domain": "third.example"}).status == 200


def test_a_store_name_with_a_line_break_is_refused(admin: Client) -> None:
    reply = admin.put("/admin/stores/s1", {"name": "Shop\r\nBcc: everyone@example.com", "from_email": "a@shop.example"})
    assert reply.status == 400
