"""Carriers from numbers (API.md section 6): a fulfilment sent with a tracking number but no link gets
its carrier and link derived from the number, marked `carrier_derived`, where the number identifies
one carrier; ambiguous or unknown numbers are shown as sent, without a link."""

from __future__ import annotations

from typing import Any

from access_center.orders.models import OrderView
from devtools.emulator.gateway import Reply
from tests.harness.models import answer
from tests.harness.support import Client, Shop

ANN = "ann@example.com"
UPS_NUMBER = "1Z999AA10123456784"


def _parcel(reply: Reply) -> dict[str, Any]:
    assert reply.status == 200, reply.body
    return dict(answer(OrderView, reply)["fulfilments"][0])


def test_a_number_alone_gets_its_carrier_and_link(shop: Shop) -> None:
    assert shop.put_order("o1").status == 201
    parcel = _parcel(shop.fulfil("o1", "f1", {"tracking_number": "1Z 999 AA1 01 2345 6784"}))
    assert parcel["carrier"] == "UPS"
    assert parcel["tracking_url"] == f"https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums={UPS_NUMBER}"
    assert parcel["carrier_derived"] is True
    assert parcel["tracking_number"] == "1Z 999 AA1 01 2345 6784"  # as the store sent it


def test_the_stores_own_link_and_carrier_stand(shop: Shop) -> None:
    assert shop.put_order("o1").status == 201
    sent = {"carrier": "Parcel Co", "tracking_number": UPS_NUMBER, "tracking_url": "https://parcel.example/t/1"}
    parcel = _parcel(shop.fulfil("o1", "f1", sent))
    assert (parcel["carrier"], parcel["tracking_url"], parcel["carrier_derived"]) == (
        "Parcel Co",
        "https://parcel.example/t/1",
        False,
    )


def test_an_ambiguous_number_is_shown_without_a_link(shop: Shop, customer: Client) -> None:
    assert shop.put_order("o1").status == 201
    parcel = _parcel(shop.fulfil("o1", "f1", {"tracking_number": "320610804900"}))  # FedEx and Purolator
    assert "carrier" not in parcel or parcel["carrier"] is None
    assert parcel.get("tracking_url") is None
    assert parcel["carrier_derived"] is False
    shop.login(customer, ANN)
    html = customer.get("/store/account/orders/o1").body.decode()
    assert "320610804900" in html
    assert "Track this parcel" not in html


def test_the_order_page_links_a_derived_carrier_and_says_so(shop: Shop, customer: Client) -> None:
    assert shop.put_order("o1").status == 201
    assert shop.fulfil("o1", "f1", {"tracking_number": UPS_NUMBER}).status == 200
    shop.login(customer, ANN)
    html = customer.get("/store/account/orders/o1").body.decode()
    assert "with UPS" in html
    assert "recognised from the tracking number" in html
    assert f'href="https://wwwapps.ups.com/WebTracking/track?track=yes&amp;trackNums={UPS_NUMBER}"' in html


def test_a_later_update_with_the_stores_link_drops_the_derived_mark(shop: Shop) -> None:
    assert shop.put_order("o1").status == 201
    assert _parcel(shop.fulfil("o1", "f1", {"tracking_number": UPS_NUMBER}))["carrier_derived"] is True
    parcel = _parcel(
        shop.fulfil(
            "o1", "f1", {"carrier": "UPS", "tracking_number": UPS_NUMBER, "tracking_url": "https://ups.example/x"}
        )
    )
    assert parcel["tracking_url"] == "https://ups.example/x"
    assert parcel["carrier_derived"] is False
