"""Order emails (API.md section 4): the ChangeNoticesFunction fed with real stream records.

Orders are written through the admin routes; the records the function gets are read back from moto's
DynamoDB stream of OrdersTable (as Lambda's event source mapping would deliver them), and the emails
are what moto's SES accepted, parsed. Assertions are on parsed content: links, amounts, names.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from types import ModuleType
from typing import Any

import pytest
from aws_lambda_powertools import Metrics
from aws_lambda_powertools.utilities.idempotency.exceptions import IdempotencyItemNotFoundError
from botocore.exceptions import ClientError

from access_center.aws import once
from access_center.aws import ses as ses_client
from access_center.notifications import rules as notifications
from access_center.orders import images
from access_center.orders import notices as order_notices
from access_center.orders.models import Fulfilment, StoredOrder
from access_center.stores.logic import Store
from access_center.stores.settings import StoreSettings
from access_center.web.format import format_money
from devtools import template
from devtools.emulator.gateway import LambdaContext, load_handler
from devtools.emulator.outbox import sent_emails
from tests.harness.aws import aws_client
from tests.harness.bodies import order_body, store_settings
from tests.harness.faults import Faults
from tests.harness.streams import TableStream
from tests.harness.support import Client, Shop

FUNCTION = "ChangeNoticesFunction"
TRACK_URL = "https://www.ups.com/track?loc=en_US&tracknum=1Z999AA10123456784"


# ------------------------------------------------------------------------------------------ harness
def _load_container(name: str) -> ModuleType:
    """Another copy of the function's module: what a second, concurrent Lambda container runs."""
    fn = template.functions()[FUNCTION]
    spec = importlib.util.spec_from_file_location(name, fn.code_dir / "app.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Consumer:
    handler: Callable[[dict[str, Any], Any], dict[str, Any]]
    stream: TableStream

    def run(self, records: list[dict[str, Any]]) -> list[str]:
        """Invoke with one batch; the sequence numbers reported failed."""
        reply = self.handler({"Records": records}, LambdaContext(FUNCTION))
        return [failure["itemIdentifier"] for failure in reply["batchItemFailures"]]

    def drain(self) -> list[str]:
        return self.run(self.stream.take())


@pytest.fixture
def consumer(aws: None) -> Consumer:
    return Consumer(load_handler(template.functions()[FUNCTION]), TableStream())


@dataclass
class EmittedMetrics:
    """The metrics the function emitted, by name: summed from the EMF documents Powertools prints at
    the end of each invocation, which CloudWatch reads from the function's log."""

    capsys: pytest.CaptureFixture[str]
    seen: dict[str, int] = field(default_factory=dict)

    def get(self, name: str) -> int | None:
        for line in self.capsys.readouterr().out.splitlines():
            try:
                document = json.loads(line)
            except ValueError:
                continue
            if not isinstance(document, dict) or "_aws" not in document:
                continue
            for directive in document["_aws"]["CloudWatchMetrics"]:
                for metric in directive["Metrics"]:
                    values = document[metric["Name"]]
                    total = sum(values) if isinstance(values, list) else values
                    self.seen[metric["Name"]] = self.seen.get(metric["Name"], 0) + int(total)
        return self.seen.get(name)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> EmittedMetrics:
    """Metrics the function emits, by name (the tests' environment turns metrics off; these turn them on)."""
    monkeypatch.setenv("POWERTOOLS_METRICS_DISABLED", "false")
    Metrics().clear_metrics()  # one metric set per process: none left over from tests that did not flush
    return EmittedMetrics(capsys)


@dataclass
class SesFaults:
    """Makes SES refuse chosen sends, with a real botocore error of the given code."""

    rules: list[dict[str, Any]] = field(default_factory=list)
    attempts: list[str] = field(default_factory=list)  # recipient of every SendEmail call

    def fail(self, code: str, *, to: str | None = None, subject: str | None = None, times: int = 1000) -> None:
        self.rules.append({"code": code, "to": to, "subject": subject, "times": times})

    def clear(self) -> None:
        self.rules.clear()

    def __call__(self, params: dict[str, Any], **_: Any) -> None:
        to = params["Destination"]["ToAddresses"][0]
        raw = params["Content"]["Raw"]["Data"].decode()
        self.attempts.append(to)
        for rule in self.rules:
            if rule["times"] > 0 and rule["to"] in (None, to) and (rule["subject"] is None or rule["subject"] in raw):
                rule["times"] -= 1
                error = {"Error": {"Code": rule["code"], "Message": f"simulated {rule['code']} for {to}"}}
                raise ClientError(error, "SendEmail")


@pytest.fixture
def ses(aws: None) -> Iterator[SesFaults]:
    faults = SesFaults()
    events = ses_client._ses().meta.events
    events.register("before-parameter-build.sesv2.SendEmail", faults, unique_id="test-ses-faults")
    yield faults
    events.unregister("before-parameter-build.sesv2.SendEmail", unique_id="test-ses-faults")


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.images: list[str] = []
        self.text: list[str] = []
        self._href: str | None = None
        self._link_text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("title", "style"):
            self._hidden += 1
        if tag == "a":
            self._href, self._link_text = found.get("href") or "", []
        if tag == "img":
            self.images.append(found.get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "style"):
            self._hidden -= 1
        if tag == "a" and self._href is not None:
            self.links.append((" ".join("".join(self._link_text).split()), self._href))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        self.text.append(data)
        if self._href is not None:
            self._link_text.append(data)


def parse(html: str) -> _Html:
    parsed = _Html()
    parsed.feed(html)
    return parsed


def visible(html: str) -> str:
    return " ".join(" ".join(parse(html).text).split())


def link(html: str, text: str) -> str:
    hrefs = [href for label, href in parse(html).links if label == text]
    assert len(hrefs) == 1, parse(html).links
    return hrefs[0]


def emails(kind: str | None = None) -> list[dict[str, Any]]:
    found = sent_emails()
    if kind == "confirmation":
        return [e for e in found if "confirmed" in e["subject"]]
    if kind == "shipping":
        return [e for e in found if "shipped" in e["subject"] or "tracking" in e["subject"].lower()]
    return found


def sequence(record: dict[str, Any]) -> str:
    return str(record["dynamodb"]["SequenceNumber"])


def ship(shop: Shop, order_id: str, fulfilment_id: str, **fields: Any) -> None:
    reply = shop.fulfil(order_id, fulfilment_id, fields)
    assert reply.status == 200, reply.body


# ------------------------------------------------------------------------------------ confirmation
def test_new_order_sends_one_confirmation_with_items_totals_address_and_view_order_button(
    shop: Shop, consumer: Consumer, counted: EmittedMetrics
) -> None:
    assert shop.put_order("o1").status == 201

    assert consumer.drain() == []

    [email] = emails()
    assert email["to"] == ["ann@example.com"]
    assert email["from"] == "Shop One <orders@shop.example>"
    assert "Shop One" in email["subject"]
    assert "1001" in email["subject"]
    assert link(email["html"], "View Order") == "https://shop.example/store/account/orders/o1"
    shown = visible(email["html"])
    for expected in ("Mug", "Tea", "MUG-1", "€12.50", "€25.00", "€8.00", "€33.00", "€4.95", "€6.27", "€44.22"):
        assert expected in shown, expected
    assert "Ann Example" in shown
    assert "1 Main St" in shown
    assert "Springfield 12345" in shown
    assert "Shop One" in shown
    assert "help@shop.example" in shown
    text = email["text"]
    assert "View Order: https://shop.example/store/account/orders/o1" in text
    assert "Mug" in text
    assert "€25.00" in text
    assert "Total: €44.22" in text
    assert "1 Main St" in text
    assert counted.get("OrderConfirmationsSent") == 1


def test_view_order_link_follows_the_stores_path_prefix(admin: Client, consumer: Consumer) -> None:
    shop = Shop.create(admin, "s2", "other.example", prefix="/products", name="Other Shop")
    assert shop.put_order("o9", order_body(number="77", currency="USD")).status == 201

    assert consumer.drain() == []

    [email] = emails()
    assert link(email["html"], "View Order") == "https://other.example/products/store/account/orders/o9"
    assert "$44.22" in visible(email["html"])
    assert "Other Shop" in email["subject"]
    assert "77" in email["subject"]


def test_zero_decimal_currency_is_shown_without_cents(shop: Shop, consumer: Consumer) -> None:
    body = order_body(currency="JPY")
    body["items"] = [{"line_id": "l1", "sku": "K", "name": "Kettle", "quantity": 1, "unit_price": 4500}]
    body["totals"] = {"subtotal": 4500, "discount": 500, "shipping": 0, "tax": 0, "total": 4000}
    assert shop.put_order("o1", body).status == 201

    consumer.drain()

    shown = visible(emails()[0]["html"])
    assert "¥4,500" in shown
    assert "-¥500" in shown
    assert "¥4,000" in shown
    assert "Shipping ¥0" in shown  # a zero amount, written as the order page writes it


def test_replayed_batch_and_duplicated_record_send_nothing_twice(
    shop: Shop, consumer: Consumer, counted: EmittedMetrics
) -> None:
    shop.put_order("o1")
    shop.put_order("o2", number="1002", email="bob@example.com")
    records = consumer.stream.take()

    assert consumer.run(records) == []
    assert consumer.run(records) == []  # the stream retries the whole batch
    assert consumer.run([records[0], records[0]]) == []  # a record delivered twice

    assert sorted(e["to"][0] for e in emails()) == ["ann@example.com", "bob@example.com"]
    assert counted.get("OrderEmailsAlreadySent") == 4


def test_second_container_does_not_send_while_the_first_is_sending(
    shop: Shop, consumer: Consumer, faults: Faults
) -> None:
    shop.put_order("o1")
    records = consumer.stream.take()
    other = Consumer(_load_container("change_notices_second_container").lambda_handler, consumer.stream)
    seen_by_other: list[list[str]] = []

    def other_container_runs() -> None:  # it gets the same batch while SES takes the first one's email
        seen_by_other.append(other.run(records))

    with faults.on_call("sesv2", "SendEmail", other_container_runs):
        assert consumer.run(records) == []
    assert seen_by_other == [[sequence(records[0])]]  # in progress elsewhere: failed, to be retried
    assert other.run(records) == []  # its retry finds the email sent
    assert len(emails()) == 1


def test_order_update_sends_no_second_confirmation(shop: Shop, consumer: Consumer) -> None:
    shop.put_order("o1")
    consumer.drain()
    assert shop.put_order("o1", status="shipped", customer_name="Ann E.").status == 200

    records = consumer.stream.take()

    assert [r["eventName"] for r in records] == ["MODIFY"]
    assert consumer.run(records) == []
    assert len(emails()) == 1


def test_confirmation_switched_off_sends_nothing(admin: Client, consumer: Consumer, counted: EmittedMetrics) -> None:
    shop = Shop.create(admin, "s2", "other.example", order_confirmation_email=False)
    shop.put_order("o1")

    assert consumer.drain() == []

    assert emails() == []
    assert counted.get("OrderEmailsSwitchedOff") == 1


# ------------------------------------------------------------------------------------ bad records
def _break_items(record: dict[str, Any]) -> None:
    del record["dynamodb"]["NewImage"]["order"]["M"]["items"]


def _break_json(record: dict[str, Any]) -> None:
    record["dynamodb"]["NewImage"]["order"] = {"Q": "not a DynamoDB type"}


def _break_image(record: dict[str, Any]) -> None:
    del record["dynamodb"]["NewImage"]


def _break_quantity(record: dict[str, Any]) -> None:
    record["dynamodb"]["NewImage"]["order"]["M"]["items"]["L"][0]["M"]["quantity"] = {"N": "1.5"}


def _break_email(record: dict[str, Any]) -> None:
    record["dynamodb"]["NewImage"]["order"]["M"]["email"] = {"S": "ann@example.com\r\nBcc: eve@example.com"}


@pytest.mark.parametrize(
    "poison", [_break_items, _break_json, _break_image, _break_quantity, _break_email], ids=lambda f: f.__name__
)
def test_poisoned_record_fails_alone_and_the_rest_of_the_batch_is_sent(
    shop: Shop, consumer: Consumer, counted: EmittedMetrics, poison: Callable[[dict[str, Any]], None]
) -> None:
    for n, email in enumerate(("ann@example.com", "bob@example.com", "cy@example.com")):
        shop.put_order(f"o{n}", number=f"10{n}", email=email)
    records = copy.deepcopy(consumer.stream.take())
    poison(records[1])

    assert consumer.run(records) == [sequence(records[1])]

    assert sorted(e["to"][0] for e in emails()) == ["ann@example.com", "cy@example.com"]
    assert counted.get("OrderEmailBadRecords") == 1


def test_attributes_the_code_does_not_know_do_not_break_the_email(shop: Shop, consumer: Consumer) -> None:
    shop.put_order("o1")
    ship(shop, "o1", "f1", carrier="UPS", tracking_number="1Z1")
    records = copy.deepcopy(consumer.stream.take())
    for record in records:  # what a newer release might have stored: on the item, the order, a line, a parcel
        item = record["dynamodb"]["NewImage"]
        item["expires_at"] = {"N": "1795000000"}
        item["order"]["M"]["gift_note"] = {"S": "Happy birthday"}
        item["order"]["M"]["items"]["L"][0]["M"]["colour"] = {"S": "red"}
        for parcel in item["order"]["M"]["fulfilments"]["L"]:
            parcel["M"]["weight_grams"] = {"N": "1200.5"}

    assert consumer.run(records) == []

    assert [e["subject"] for e in emails()] == [
        "Shop One order #1001 confirmed",
        "Your Shop One order #1001 has shipped",
    ]


def test_a_bad_records_reason_says_what_is_wrong_without_quoting_customer_data() -> None:
    order = {**order_body(customer_name="Ann Secretname " * 20), "fulfilments": []}
    order["email"] = "ann@example.com\r\nBcc: eve@example.com"
    order["items"][0]["quantity"] = Decimal("1.5")  # numbers come from the stream as Decimal
    order["items"][1]["quantity"] = Decimal("1")  # a whole one is an int

    with pytest.raises(notifications.BadRecord) as bad:
        images.order_item({"pk": "s1#o1", "store_id": "s1", "order_id": "o1", "order": order})

    reason = str(bad.value)
    assert reason == (
        "the order image is malformed: order.email: value_error; order.customer_name: string_too_long; "
        "order.items.0.quantity: int_type"
    )
    with pytest.raises(notifications.BadRecord, match=r"^the new image's fulfilments is malformed: order: missing$"):
        images.fulfilments({"store_id": "s1", "order_id": "o1"}, "new")


def test_order_of_an_unknown_store_fails_its_record(shop: Shop, consumer: Consumer, counted: EmittedMetrics) -> None:
    from access_center.orders.items import OrderItem

    shop.put_order("o1")
    order = {**order_body(), "fulfilments": []}
    stamp = "2026-11-20T10:00:00Z"
    OrderItem(
        "ghost#o2", store_id="ghost", order_id="o2", order=order, listed_for={"ann@example.com"},
        created_at=stamp, updated_at=stamp,
    ).save()  # fmt: skip
    records = consumer.stream.take()

    assert consumer.run(records) == [sequence(records[1])]

    assert len(emails()) == 1
    assert counted.get("OrderEmailBadRecords") == 1


def test_store_without_from_email_fails_its_record(shop: Shop, consumer: Consumer) -> None:
    aws_client("dynamodb").update_item(
        TableName="StoresTable", Key={"pk": {"S": "store#s1"}}, UpdateExpression="REMOVE settings.from_email"
    )
    shop.put_order("o1")

    records = consumer.stream.take()

    assert consumer.run(records) == [sequence(records[0])]
    assert emails() == []


def test_store_without_a_connected_domain_fails_its_record(
    admin: Client, consumer: Consumer, counted: EmittedMetrics
) -> None:
    assert admin.put("/admin/stores/s3", store_settings(name="No Domain", domain="third.example")).status == 200
    assert admin.put("/admin/stores/s3/orders/o1", order_body()).status == 201

    records = consumer.stream.take()

    assert consumer.run(records) == [sequence(records[0])]
    assert emails() == []
    assert counted.get("OrderEmailBadRecords") == 1


def test_remove_record_sends_nothing(shop: Shop, consumer: Consumer) -> None:
    shop.put_order("o1")
    consumer.drain()
    aws_client("dynamodb").delete_item(TableName="OrdersTable", Key={"pk": {"S": "s1#o1"}})

    records = consumer.stream.take()

    assert [r["eventName"] for r in records] == ["REMOVE"]
    assert consumer.run(records) == []
    assert len(emails()) == 1


# ------------------------------------------------------------------------------------ SES failures
def test_ses_failure_fails_only_that_record_and_the_retry_sends_it_once(
    shop: Shop, consumer: Consumer, ses: SesFaults, counted: EmittedMetrics
) -> None:
    shop.put_order("o1")
    shop.put_order("o2", number="1002", email="bob@example.com")
    records = consumer.stream.take()
    ses.fail("TooManyRequestsException", to="bob@example.com")

    assert consumer.run(records) == [sequence(records[1])]
    assert [e["to"][0] for e in emails()] == ["ann@example.com"]
    assert counted.get("OrderEmailSendFailures") == 1
    # Powertools removed the failed send's in-progress key, so nothing blocks the retry.
    bob_key = notifications.Notification(order_notices.ORDER_CONFIRMATION, "s1", "o2").idempotency_key()
    with pytest.raises(IdempotencyItemNotFoundError):
        once.persistence(sys.modules[consumer.handler.__module__].idempotency).get_record(data=bob_key)

    ses.clear()
    assert consumer.run(records[1:]) == []  # Lambda retries from the failed record on

    assert sorted(e["to"][0] for e in emails()) == ["ann@example.com", "bob@example.com"]
    assert ses.attempts.count("ann@example.com") == 1


def test_later_record_of_an_order_waits_for_its_failed_earlier_record(
    shop: Shop, consumer: Consumer, ses: SesFaults, counted: EmittedMetrics
) -> None:
    shop.put_order("o1")
    ship(shop, "o1", "f1", carrier="UPS", tracking_number="1Z1", tracking_url=TRACK_URL)
    shop.put_order("o2", number="1002", email="bob@example.com")
    records = consumer.stream.take()
    ses.fail("TooManyRequestsException", subject="confirmed", to="ann@example.com")

    assert consumer.run(records) == [sequence(records[0]), sequence(records[1])]
    assert [e["to"][0] for e in emails()] == ["bob@example.com"]
    assert counted.get("OrderEmailRecordsHeldBack") == 1

    ses.clear()
    assert consumer.run(records) == []

    ann = [e["subject"] for e in emails() if e["to"] == ["ann@example.com"]]
    assert len(ann) == 2
    assert "confirmed" in ann[0]
    assert "shipped" in ann[1]
    assert len(emails()) == 3


def test_message_ses_rejects_is_logged_counted_and_not_retried(
    shop: Shop, consumer: Consumer, ses: SesFaults, counted: EmittedMetrics
) -> None:
    shop.put_order("o1", email="suppressed@example.com")
    records = consumer.stream.take()
    ses.fail("MessageRejected", to="suppressed@example.com")

    assert consumer.run(records) == []  # done: retrying cannot change SES's answer
    assert consumer.run(records) == []  # and a replay does not ask SES again

    assert ses.attempts == ["suppressed@example.com"]
    assert emails() == []
    assert counted.get("OrderEmailsRejected") == 1
    # (An address on the account suppression list is not an error at all: SES accepts the send and
    # turns it into a bounce event, so it is done like any sent email. moto does not model that list.)


# ------------------------------------------------------------------------------------ shipping
def test_fulfilment_with_tracking_sends_shipping_update_with_carrier_tracking_and_items(
    shop: Shop, consumer: Consumer, counted: EmittedMetrics
) -> None:
    shop.put_order("o1")
    consumer.drain()
    ship(shop, "o1", "f1", items=[{"line_id": "l1", "quantity": 1}], carrier="UPS",
         tracking_number="1Z999AA10123456784", tracking_url=TRACK_URL)  # fmt: skip

    assert consumer.drain() == []

    [email] = emails("shipping")
    assert email["to"] == ["ann@example.com"]
    assert "Shop One" in email["subject"]
    assert "1001" in email["subject"]
    assert link(email["html"], "Track your package") == TRACK_URL
    assert link(email["html"], "View Order") == "https://shop.example/store/account/orders/o1"
    shown = visible(email["html"])
    assert "UPS" in shown
    assert "1Z999AA10123456784" in shown
    parcel, rest = shown.split("Not yet shipped")
    assert "Mug" in parcel
    assert "Qty 1" in parcel
    assert "Tea" not in parcel
    assert "Mug Qty 1" in rest  # the other mug and the tea, by the order's one shipping state
    assert "Tea Qty 1" in rest
    text = email["text"]
    assert "Carrier: UPS" in text
    assert "Tracking number: 1Z999AA10123456784" in text
    assert f"Track your package: {TRACK_URL}" in text
    parcel, rest = text.split("NOT YET SHIPPED")
    assert "Mug" in parcel
    assert "Tea" not in parcel
    assert "- Mug - Qty 1" in rest
    assert "- Tea - Qty 1" in rest
    assert counted.get("ShippingUpdatesSent") == 1


def test_each_new_fulfilment_sends_its_own_shipping_update(shop: Shop, consumer: Consumer) -> None:
    shop.put_order("o1")
    ship(shop, "o1", "f1", items=[{"line_id": "l1", "quantity": 2}], carrier="UPS", tracking_number="1Z1")
    ship(shop, "o1", "f2", carrier="DHL", tracking_number="JD2")  # the rest: the tea

    assert consumer.drain() == []

    first, second = emails("shipping")
    assert "Part of your" in first["subject"]
    assert "1Z1" in first["text"]
    parcel, rest = first["text"].split("NOT YET SHIPPED")
    assert "Tea" not in parcel
    assert "- Tea - Qty 1" in rest
    assert second["subject"] == "The rest of your Shop One order #1001 has shipped"
    assert "JD2" in second["text"]
    assert "Tea" in second["text"]
    assert "Mug" not in second["text"]
    assert "NOT YET SHIPPED" not in second["text"]


def test_fulfilment_without_tracking_sends_nothing_until_tracking_is_added(shop: Shop, consumer: Consumer) -> None:
    shop.put_order("o1")
    ship(shop, "o1", "f1", carrier="UPS")
    consumer.drain()
    assert emails("shipping") == []

    ship(shop, "o1", "f1", carrier="UPS", tracking_url=TRACK_URL)
    consumer.drain()

    [email] = emails("shipping")
    assert "has shipped" in email["subject"]
    assert link(email["html"], "Track your package") == TRACK_URL


def test_corrected_tracking_number_sends_one_update_and_other_edits_send_none(shop: Shop, consumer: Consumer) -> None:
    shop.put_order("o1")
    ship(shop, "o1", "f1", carrier="UPS", tracking_number="1Z-WRONG")
    consumer.drain()
    ship(shop, "o1", "f1", carrier="UPS", tracking_number="1Z-WRONG", status="delivered")
    ship(shop, "o1", "f1", carrier="United Parcel Service", tracking_number="1Z-WRONG", status="delivered")
    consumer.drain()
    assert len(emails("shipping")) == 1

    ship(shop, "o1", "f1", carrier="UPS", tracking_number="1Z-RIGHT", status="delivered")
    consumer.drain()

    _first, update = emails("shipping")
    assert "Updated tracking" in update["subject"]
    assert "1001" in update["subject"]
    assert "1Z-RIGHT" in update["text"]
    assert "1Z-WRONG" not in update["text"]


def test_cancelled_fulfilment_sends_no_shipping_update(shop: Shop, consumer: Consumer) -> None:
    shop.put_order("o1")
    ship(shop, "o1", "f1", carrier="UPS", tracking_number="1Z1", status="cancelled")

    assert consumer.drain() == []

    assert emails("shipping") == []


def test_shipping_updates_switched_off_send_nothing(admin: Client, consumer: Consumer) -> None:
    shop = Shop.create(admin, "s2", "other.example", shipping_update_email=False)
    shop.put_order("o1")
    ship(shop, "o1", "f1", carrier="UPS", tracking_number="1Z1")

    assert consumer.drain() == []

    assert [e["subject"] for e in emails()] == ["Shop One order #1001 confirmed"]


def test_replayed_shipping_record_sends_nothing_twice(shop: Shop, consumer: Consumer) -> None:
    shop.put_order("o1")
    ship(shop, "o1", "f1", carrier="UPS", tracking_number="1Z1")
    records = consumer.stream.take()

    consumer.run(records)
    consumer.run(records[1:])

    assert len(emails("shipping")) == 1


def test_tracking_link_that_is_not_http_is_shown_as_text_never_linked(shop: Shop, consumer: Consumer) -> None:
    shop.put_order("o1")
    ship(shop, "o1", "f1", carrier="UPS", tracking_number="1Z1", tracking_url=TRACK_URL)
    records = copy.deepcopy(consumer.stream.take())
    fulfilment = records[1]["dynamodb"]["NewImage"]["order"]["M"]["fulfilments"]["L"][0]["M"]
    fulfilment["tracking_url"] = {"S": "javascript:alert(document.cookie)"}

    assert consumer.run(records) == []

    [email] = emails("shipping")
    assert all(not href.lower().startswith("javascript") for _, href in parse(email["html"]).links)
    assert "javascript:" not in email["html"]
    assert "javascript:" not in email["text"]
    assert "1Z1" in email["text"]


# ------------------------------------------------------------------------------------ content safety
def test_markup_in_order_data_is_escaped_in_every_email(shop: Shop, consumer: Consumer) -> None:
    evil = "<script>alert('x')</script>Mug"
    body = order_body(customer_name="<b>Ann</b>")
    body["items"][0]["name"] = evil
    body["shipping_address"]["line1"] = '<img src=x onerror="alert(1)">'
    shop.put_order("o1", body)
    ship(shop, "o1", "f1", carrier="<script>steal()</script>", tracking_number="1Z1")

    assert consumer.drain() == []

    sent = emails()
    assert len(sent) == 2
    for email in sent:
        html = email["html"]
        assert "<script" not in html.lower()
        assert "<img src=x" not in html
        assert "<b>Ann" not in html
        assert "&lt;script&gt;" in html
        assert evil in visible(html)  # shown to the reader as the text it is
        assert evil in email["text"]  # plain text: literal, and harmless there
    assert "<script>steal()</script>" in visible(sent[1]["html"])


def test_store_logo_and_brand_colour_appear_when_set(admin: Client, consumer: Consumer) -> None:
    shop = Shop.create(
        admin, "s2", "other.example", logo_url="https://cdn.other.example/logo.png", brand_color="#FFD700"
    )
    shop.put_order("o1")

    consumer.drain()

    html = emails()[0]["html"]
    assert parse(html).images == ["https://cdn.other.example/logo.png"]
    assert 'bgcolor="#FFD700"' in html
    assert "color:#111827;text-decoration:none" in html  # dark text on the light button


def test_email_html_stays_under_100_kb_and_script_free_for_the_largest_order() -> None:
    store = Store("s1", StoreSettings(**store_settings(), brand_color="#123456"), "shop.example", "")
    nasty = '"<&>' * 125  # 500 characters that all need escaping
    order = StoredOrder.model_validate(
        {
            **order_body(customer_name=nasty[:200]),
            "items": [
                {"line_id": f"l{i}", "sku": nasty[:100], "name": nasty, "quantity": 1000, "unit_price": 10**9}
                for i in range(500)
            ],
            "shipping_address": {"name": nasty[:100], "line1": nasty, "line2": nasty, "city": nasty[:100]},
        }
    )
    fulfilment = Fulfilment.model_validate(
        {"fulfilment_id": "f1", "items": [{"line_id": f"l{i}", "quantity": 1} for i in range(500)],
         "carrier": nasty[:100], "tracking_number": nasty[:100], "tracking_url": "https://t.example/" + "a" * 2000,
         "shipped_at": "2026-11-21T09:30:00Z"}
    )  # fmt: skip

    for email in (
        order_notices.confirmation_email(store, "o1", order, "en"),
        order_notices.shipping_email(store, "o1", order, fulfilment, "en"),
    ):
        assert len(email.html.encode()) < 100_000
        assert "<script" not in email.html.lower()
        assert "and 470 more lines" in email.html
        assert "and 470 more lines" in email.text


def test_typical_confirmation_is_a_few_kilobytes(shop: Shop, consumer: Consumer) -> None:
    shop.put_order("o1")
    consumer.drain()
    size = len(emails()[0]["html"].encode())
    assert 2_000 < size < 20_000, size


# ------------------------------------------------------------------------------------ money
@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (4422, "EUR", "€44.22"),
        (4422, "USD", "$44.22"),
        (123456789, "USD", "$1,234,567.89"),
        (5, "GBP", "£0.05"),
        (0, "EUR", "€0.00"),
        (-500, "EUR", "-€5.00"),
        (4500, "JPY", "¥4,500"),
        (12345, "KRW", "₩12,345"),
        (1234, "KWD", "KWD\u00a01.234"),
        (1999, "CHF", "CHF\u00a019.99"),
        (1999, "CAD", "CA$19.99"),
    ],
)
def test_money_is_formatted_in_the_currencys_minor_unit(amount: int, currency: str, shown: str) -> None:
    assert format_money(amount, currency) == shown


def test_money_refuses_non_integer_amounts() -> None:
    with pytest.raises(TypeError):
        format_money(12.5, "EUR")  # type: ignore[arg-type]


def test_template_wires_the_stream_with_partial_failures_retries_and_a_failure_queue() -> None:
    resources = template.load()["Resources"]
    events = template.functions()[FUNCTION].streams
    assert [e["Stream"]["Fn::GetAtt"] for e in events] == [
        ["OrdersTable", "StreamArn"],
        ["MessagesTable", "StreamArn"],
        ["InvoicesTable", "StreamArn"],
    ]
    for event in events:
        _assert_retried_then_parked(event, resources)
    ses_config = resources["EmailConfigurationSet"]["Properties"]
    assert ses_config["ReputationOptions"]["ReputationMetricsEnabled"] is True
    assert ses_config["SuppressionOptions"]["SuppressedReasons"] == ["BOUNCE", "COMPLAINT"]
    assert re.search(r"expiration", str(resources["IdempotencyTable"]["Properties"]["TimeToLiveSpecification"]))


def _assert_retried_then_parked(event: dict[str, Any], resources: dict[str, Any]) -> None:
    assert event["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert event["BisectBatchOnFunctionError"] is True
    assert event["MaximumRetryAttempts"] > 0
    assert event["MaximumRecordAgeInSeconds"] > 0
    bucket = event["DestinationConfig"]["OnFailure"]["Destination"]["Fn::GetAtt"][0]
    assert resources[bucket]["Properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert template.functions()[FUNCTION].environment["IDEMPOTENCY_TABLE"] == "IdempotencyTable"
