"""`make dev` (devtools.emulator.server) driven over real HTTP, in subprocesses, as a black-box tool would.

Two servers start in parallel for the module: one on the real template, one on a temporary copy of it
that adds an echo route and a stream consumer (written into a temp dir), the way a developer would add
them. A third pair of runs checks --persist across a restart.
"""

from __future__ import annotations

import base64
import http.client
import json
import re
import signal
import socket
import textwrap
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import playwright.sync_api as playwright_api
import pytest

from devtools import template
from devtools.demo.seed import DEMO_EMAIL
from devtools.emulator import streams
from tests.harness import backends
from tests.harness.bodies import order_body, store_settings
from tests.harness.browser import CHROMIUM, CHROMIUM_ARGS, log_in, t
from tests.harness.devserver import Browser, DevServer, connect_store, wait_for

ROOT = template.ROOT
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

# ---------------------------------------------------------------------------------------------- the probe template
ECHO_APP = """
import base64
import json


class ProbeError(Exception):
    pass


def lambda_handler(event, context):
    proxy = (event.get("pathParameters") or {}).get("proxy")
    if proxy == "boom":
        raise ProbeError("the probe exploded on purpose")
    if proxy == "binary":
        return {
            "statusCode": 200,
            "headers": {"Content-Type": "application/octet-stream"},
            "body": base64.b64encode(bytes(range(256))).decode(),
            "isBase64Encoded": True,
        }
    return {
        "statusCode": 207,
        "headers": {"Content-Type": "application/json", "X-Probe": "echo"},
        "multiValueHeaders": {"Set-Cookie": ["first=1; Path=/", "second=2; Path=/"]},
        "body": json.dumps({"event": event, "request_id": context.aws_request_id}),
        "isBase64Encoded": False,
    }
"""

CONSUMER_APP = """
import json
import os
import time

_failed_once = set()


def lambda_handler(event, context):
    failed = []
    for record in event["Records"]:
        sequence = record["dynamodb"]["SequenceNumber"]
        image = record["dynamodb"].get("NewImage", {})
        number = image.get("order", {}).get("M", {}).get("number", {}).get("S")
        if number == "FAIL-ONCE" and sequence not in _failed_once:
            _failed_once.add(sequence)
            failed.append(sequence)
        elif number == "FAIL-ALWAYS":
            failed.append(sequence)
    with open(os.environ["PROBE_LOG"], "a") as log:
        log.write(json.dumps({"at": time.time(), "event": event, "failed": failed}) + "\\n")
    return {"batchItemFailures": [{"itemIdentifier": sequence} for sequence in failed]}
"""

PROBE_RESOURCES = """
  ProbeEchoFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: {echo}
      Handler: app.lambda_handler
      Events:
        Echo:
          Type: Api
          Properties:
            RestApiId: !Ref CustomerApi
            Path: /api/probe/{{proxy+}}
            Method: any

  ProbeStreamFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: {consumer}
      Handler: app.lambda_handler
      Events:
        Orders:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt OrdersTable.StreamArn
            StartingPosition: LATEST
            BatchSize: 10
            MaximumRetryAttempts: 2
            FunctionResponseTypes: [ReportBatchItemFailures]
            DestinationConfig:
              OnFailure:
                Type: SQS
                Destination: !GetAtt ProbeDeadLetters.Arn

  ProbeDeadLetters:
    Type: AWS::SQS::Queue

"""


def write_probe_template(directory: Path) -> Path:
    for name, code in (("echo", ECHO_APP), ("consumer", CONSUMER_APP)):
        (directory / name).mkdir(parents=True, exist_ok=True)
        (directory / name / "app.py").write_text(textwrap.dedent(code))
    text = template.TEMPLATE.read_text()
    extra = PROBE_RESOURCES.format(echo=directory / "echo", consumer=directory / "consumer")
    assert "\nOutputs:" in text
    path = directory / "template.yaml"
    path.write_text(text.replace("\nOutputs:", extra + "Outputs:", 1))
    return path


def probe_log(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


# ---------------------------------------------------------------------------------------------- fixtures
@dataclass
class Servers:
    main: DevServer
    probe: DevServer
    probe_log: Path


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    work = tmp_path_factory.mktemp("dev")
    log_path = work / "consumer.jsonl"
    probe_template = write_probe_template(work / "probe")
    main = DevServer.launch(work / "main")
    probe = DevServer.launch(work / "probe-run", "--template", str(probe_template), env={"PROBE_LOG": str(log_path)})
    try:
        main.wait_ready()
        probe.wait_ready()
        yield Servers(main, probe, log_path)
    finally:
        main_code = main.stop(signal.SIGINT)
        probe_code = probe.stop(signal.SIGTERM)
    assert main_code == 0, main.log()
    assert probe_code == 0, probe.log()
    assert "Stopped." in main.output()
    assert "Stopped." in probe.output()


@pytest.fixture
def server(servers: Servers) -> DevServer:
    return servers.main


@pytest.fixture(scope="module")
def demo(servers: Servers) -> Browser:
    """The demo customer, logged in once for the module: codes for one email go out 30 s apart."""
    browser = Browser(servers.main, f"localhost:{servers.main.port}")
    browser.login(DEMO_EMAIL)
    return browser


def _email_consumers() -> list[str]:
    return [m.function.name for m in streams.mappings(template.functions()) if m.table == "OrdersTable"]


# ---------------------------------------------------------------------------------------------- tests
def test_dev_routes_are_not_in_the_deployed_template() -> None:
    text = template.TEMPLATE.read_text()
    assert "/_dev" not in text
    assert all(not route.path.startswith("/_dev") for fn in template.functions().values() for route in fn.routes)


def test_banner_names_url_demo_login_and_outbox(server: DevServer) -> None:
    banner = server.output()
    assert f"http://127.0.0.1:{server.port}" in banner
    assert "demo@example.com" in banner
    assert "/_dev/outbox" in banner


def test_the_banners_first_address_is_the_demo_stores_page(server: DevServer) -> None:
    """The first address people see is one to open in a browser: the orders page, which sends a
    visitor to the login page (the server's root is no page: a JSON 404)."""
    first = re.search(r"http://\S+", server.output())
    assert first, server.output()
    url = urlsplit(first.group(0))
    assert url.path == "/store/account/orders"
    opened = server.request("GET", url.path, host=url.netloc)
    assert opened.status == 303, opened.body
    login = urlsplit(opened.header("Location") or "")
    assert login.path == "/store/account/login"
    page = server.request("GET", f"{login.path}?{login.query}", host=url.netloc)
    assert page.status == 200, page.body
    assert (page.header("Content-Type") or "").startswith("text/html")


def test_admin_puts_show_up(server: DevServer) -> None:
    connect_store(server, "s-http", "shop-http.example")
    answer = server.admin_put("/admin/stores/s-http/orders/o-1", order_body(number="5001"))
    assert answer.status == 201, answer.body
    assert answer.header("x-amzn-RequestId")
    assert server.admin_put("/admin/stores/s-http/orders/o-1", order_body(number="5001")).status == 200
    if _email_consumers():  # the order confirmation consumer is in the template: the order emails its customer
        found = wait_for(
            lambda: [m for m in server.outbox() if "5001" in m["subject"] and m["to"] == ["ann@example.com"]],
            timeout=5,
            what="the order confirmation",
        )
        assert "shop-http.example" in found[0]["html"]
    browser = Browser(server, "shop-http.example")
    browser.login("ann@example.com")
    listed = browser.request("GET", "/api/orders")
    assert listed.status == 200, listed.body
    assert [o["order_id"] for o in listed.json()["orders"]] == ["o-1"]


def test_login_to_order_detail_over_http(server: DevServer) -> None:
    connect_store(server, "s-login", "login-shop.example")
    assert server.admin_put("/admin/stores/s-login/orders/o-9", order_body("bo@example.com", "9001")).status == 201
    fulfilment = {"items": [{"line_id": "l1", "quantity": 1}], "carrier": "DHL", "tracking_number": "JD0001"}
    answer = server.admin_put("/admin/stores/s-login/orders/o-9/fulfilments/f-1", fulfilment)
    assert answer.status == 200, answer.body

    browser = Browser(server, "login-shop.example")
    assert browser.request("GET", "/api/orders").status == 401
    sent = browser.request("POST", "/api/otp", {"email": "Bo@Example.com "})
    assert sent.status == 202
    assert sent.json() == {"status": "sent"}
    code = server.code_for("bo@example.com")
    verified = browser.request("POST", "/api/otp/verify", {"email": "bo@example.com", "code": code})
    assert verified.status == 200, verified.body
    assert verified.json()["customer"]["email"] == "bo@example.com"
    cookie = verified.header("Set-Cookie") or ""
    assert "HttpOnly" in cookie
    assert "Path=/store/account" in cookie

    listed = browser.request("GET", "/api/orders")
    assert listed.status == 200, listed.body
    assert [o["order_id"] for o in listed.json()["orders"]] == ["o-9"]
    detail = browser.request("GET", "/api/orders/o-9")
    assert detail.status == 200, detail.body
    view = detail.json()
    assert view["fulfilment_status"] == "partially_fulfilled"
    assert view["fulfilments"][0]["tracking_number"] == "JD0001"
    assert browser.request("GET", "/api/orders/nope").status == 404
    # The same cookie is useless on another store.
    assert browser.request("GET", "/api/orders", host="shop-http.example").status == 401


def test_demo_store_answers_on_localhost_and_127(server: DevServer, demo: Browser) -> None:
    browser = demo
    on_localhost = browser.request("GET", "/api/orders")
    assert on_localhost.status == 200, on_localhost.body
    orders = on_localhost.json()["orders"]
    assert len(orders) >= 5
    assert {o["fulfilment_status"] for o in orders} >= {"unfulfilled", "partially_fulfilled", "fulfilled"}
    assert "cancelled" in {o["status"] for o in orders}
    # The same store on the other host: same session, same orders.
    on_ip = browser.request("GET", "/api/orders", host=f"127.0.0.1:{server.port}")
    assert on_ip.status == 200, on_ip.body
    assert on_ip.json()["orders"] == orders
    partial = next(o for o in orders if o["fulfilment_status"] == "partially_fulfilled")
    detail = browser.request("GET", f"/api/orders/{partial['order_id']}", host=f"127.0.0.1:{server.port}").json()
    assert detail["fulfilments"][0]["tracking_url"].startswith("https://")
    assert detail["fulfilments"][0]["carrier"]


def test_the_demo_customer_has_two_pages_of_orders_over_months(demo: Browser) -> None:
    first = demo.request("GET", "/api/orders")
    assert first.status == 200, first.body
    assert len(first.json()["orders"]) == 20
    cursor = first.json()["next_cursor"]
    assert cursor
    second = demo.request("GET", f"/api/orders?cursor={quote(cursor)}")
    assert second.status == 200, second.body
    assert second.json()["next_cursor"] is None
    orders = first.json()["orders"] + second.json()["orders"]
    assert len(orders) == 30
    placed = [o["placed_at"] for o in orders]
    assert placed == sorted(placed, reverse=True)
    assert datetime.fromisoformat(placed[0]) - datetime.fromisoformat(placed[-1]) > timedelta(days=180)
    assert sum(o["fulfilment_status"] != "unfulfilled" for o in orders) >= 4


def test_the_demo_parcel_on_its_way_has_a_timeline_and_an_estimate(demo: Browser) -> None:
    """Posted by the seed through the store-system events route, as a tracking integration would."""
    detail = demo.request("GET", "/api/orders/demo-1002").json()
    parcel = detail["fulfilments"][0]
    assert parcel["tracking_status"] == "in_transit"
    assert [e["location"] for e in parcel["events"]] == ["Denver, CO", "Salt Lake City, UT", "Portland, OR"]
    listed = demo.request("GET", "/api/orders?sort=expected_delivery").json()["orders"]
    assert listed[0]["order_id"] == "demo-1002"
    assert listed[0]["estimated_delivery"] == parcel["estimated_delivery"]
    found = demo.request("GET", "/api/orders?q=grinder").json()["orders"]
    assert [o["order_id"] for o in found] == ["demo-1002"]


def test_the_newest_demo_orders_are_confirmed_and_the_history_is_not(server: DevServer) -> None:
    """Orders placed over a week before they arrive are an import (no confirmation): the seed's
    newest orders are recent enough to send theirs, its year of history sends none."""

    def subjects_naming(number: str) -> list[str]:
        return [m["subject"] for m in server.outbox() if m["to"] == [DEMO_EMAIL] and f"#{number}" in m["subject"]]

    for number in ("1002", "1003", "1004"):
        wait_for(lambda number=number: subjects_naming(number), timeout=10, what=f"the confirmation of #{number}")
    assert subjects_naming("998") == []  # a history order without a parcel: no email at all


def test_a_store_on_a_localhost_name_is_served_there(server: DevServer) -> None:
    """`*.localhost` names are this machine's (browsers resolve them to loopback without DNS), so the
    local server answers /admin and /_dev on them too, and a store connected there is served there."""
    host = f"shop.localhost:{server.port}"
    answer = server.request(
        "PUT", "/admin/stores/s-localhost", store_settings("Local Shop", "shop.localhost"), host=host
    )
    assert answer.status == 200, answer.body
    answer = server.request("PUT", "/admin/stores/s-localhost/domain", {"domain": "shop.localhost"}, host=host)
    assert answer.status == 200, answer.body
    assert answer.json()["url"] == f"http://{host}/store/account/orders"
    # no CloudFront here: active at once, nothing to publish, and GET says the same
    assert (answer.json()["status"], answer.json()["dns_records"]) == ("active", [])
    status = server.request("GET", "/admin/stores/s-localhost/domain", host=host)
    assert (status.status, status.json()["status"]) == (200, "active")
    assert (
        server.request("PUT", "/admin/stores/s-localhost/orders/o-1", order_body("lo@example.com", "L-1")).status == 201
    )
    page = server.request("GET", "/store/account/login", host=host)
    assert page.status == 200, page.body
    assert (page.header("Content-Type") or "").startswith("text/html")
    assert "Local Shop" in page.body.decode()
    assert server.request("GET", "/_dev/outbox", host=host).status == 200
    browser = Browser(server, host)
    browser.login("lo@example.com")
    assert [o["order_id"] for o in browser.request("GET", "/api/orders").json()["orders"]] == ["o-1"]


def test_a_browser_logs_in_on_a_localhost_store_not_on_a_made_up_domain_over_http(
    server: DevServer, playwright: Any
) -> None:
    """Why the README's other stores are `*.localhost`: a browser treats them as a secure context and
    keeps the pages' Secure cookies over http; on a made-up name mapped to this machine it drops them,
    so no form there can work."""
    connect_store(server, "s-lh-browser", "lh-browser.localhost")
    connect_store(server, "s-made-up", "made-up.example")
    assert server.admin_put("/admin/stores/s-lh-browser/orders/o-1", order_body("lb@example.com", "LB-1")).status == 201
    chromium = playwright.chromium.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP made-up.example 127.0.0.1"]
    )
    try:
        page = chromium.new_page()
        page.goto(f"http://made-up.example:{server.port}/store/account/login")
        assert page.evaluate("window.isSecureContext") is False
        assert page.context.cookies() == []  # the CSRF cookie, refused
        page.context.close()

        page = chromium.new_page()
        page.goto(f"http://lh-browser.localhost:{server.port}/store/account/login")
        assert page.evaluate("window.isSecureContext") is True
        log_in(page, server, "lb@example.com")
        playwright_api.expect(page.get_by_role("heading", name=t("Orders"))).to_be_visible()
        assert page.url == f"http://lh-browser.localhost:{server.port}/store/account/orders"
        assert "cac_session" in {c["name"] for c in page.context.cookies()}
    finally:
        chromium.close()


def test_concurrent_requests_each_see_their_own_store_and_session(server: DevServer) -> None:
    browsers = []
    for n in range(3):
        connect_store(server, f"s-par-{n}", f"par-{n}.example")
        email = f"par{n}@example.com"
        assert server.admin_put(f"/admin/stores/s-par-{n}/orders/o-par-{n}", order_body(email, f"P{n}")).status == 201
        browser = Browser(server, f"par-{n}.example")
        browser.login(email)
        browsers.append(browser)

    def orders_of(n: int) -> list[str]:
        answer = browsers[n].request("GET", "/api/orders")
        assert answer.status == 200, answer.body
        return [o["order_id"] for o in answer.json()["orders"]]

    with ThreadPoolExecutor(max_workers=12) as pool:
        seen = list(pool.map(lambda i: (i % 3, orders_of(i % 3)), range(36)))
    assert all(found == [f"o-par-{n}"] for n, found in seen), seen


def test_a_rebound_host_cannot_read_the_outbox_or_write_stores(server: DevServer) -> None:
    """DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 talks to us with its
    own Host. The outbox holds login codes; /admin writes stores. Neither answers it."""
    for method, path in [("GET", "/_dev/outbox"), ("GET", "/_dev/outbox.html"), ("PUT", "/admin/stores/evil")]:
        answer = server.request(method, path, host="evil.example")
        assert answer.status == 403, (path, answer.body)
        assert answer.json()["error"] == "forbidden"
    assert server.request("GET", "/_dev/outbox", host="localhost").status == 200
    assert server.request("GET", "/_dev/outbox", host="shop.localhost:3000").status == 200
    assert server.request("GET", "/_dev/outbox", host="[::1]").status == 200


def test_unknown_paths_are_404_in_the_error_shape(server: DevServer) -> None:
    for host, path in [
        ("localhost", "/nope"),
        ("localhost", "/store/account/api/nope"),
        ("unknown-store.example", "/store/account/api/me"),
        ("localhost", "/_dev/nope"),
        ("localhost", "/admin/nope"),
    ]:
        answer = server.request("GET", path, host=host)
        assert answer.status == 404, (host, path, answer.body)
        assert answer.json()["error"] == "not_found"
        assert answer.json()["message"]


def test_bodies_over_10_mb_are_refused_before_reading(server: DevServer) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(
            b"PUT /admin/stores/big HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {10 * 1024 * 1024 + 1}\r\n\r\n".encode()
        )
        response = http.client.HTTPResponse(sock)
        response.begin()
        assert response.status == 413
        assert json.loads(response.read())["error"] == "payload_too_large"
        assert (response.getheader("Connection") or "").lower() == "close"
    answer = server.request("PUT", "/admin/stores/big", headers=[("Content-Length", "-5")])
    assert answer.status == 400
    assert answer.json()["error"] == "bad_request"


def test_outbox_shape(server: DevServer) -> None:
    connect_store(server, "s-outbox", "outbox-shop.example")
    assert server.admin_put("/admin/stores/s-outbox/orders/o-1", order_body("cy@example.com", "8001")).status == 201
    browser = Browser(server, "outbox-shop.example")
    assert browser.request("POST", "/api/otp", {"email": "nobody-here@example.com"}).status == 202
    assert browser.request("POST", "/api/otp", {"email": "cy@example.com"}).status == 202
    server.code_for("cy@example.com")
    emails = server.outbox()
    for message in emails:
        # `reply_to` where the message has one (API.md section 12).
        assert set(message) - {"reply_to"} == {"to", "from", "subject", "html", "text", "sent_at"}
        assert isinstance(message.get("reply_to", ""), str)
        assert isinstance(message["to"], list)
        assert all(isinstance(message[key], str) for key in ("from", "subject", "html", "text", "sent_at"))
        assert ISO.match(message["sent_at"]), message["sent_at"]
    assert [m["sent_at"] for m in emails] == sorted(m["sent_at"] for m in emails)
    assert all("nobody-here" not in m["to"][0] for m in emails)  # no order, no code
    page = server.request("GET", "/_dev/outbox.html", host="localhost")
    assert page.status == 200
    assert (page.header("Content-Type") or "").startswith("text/html")
    text = page.body.decode()
    assert "<iframe sandbox" in text
    assert "srcdoc=" in text
    assert text.count("<article>") >= len(emails)  # more may have been sent since
    assert server.request("POST", "/_dev/outbox", {}).status == 405


def test_a_route_added_to_a_template_copy_is_served(servers: Servers) -> None:
    probe = servers.probe
    answer = probe.request(
        "GET",
        "/store/account/api/probe/a/b?x=1&x=2&y=%20z",
        host="localhost",
        headers=[("X-Multi", "one"), ("X-Multi", "two"), ("Cookie", "c1=v1; c2=v2")],
    )
    assert answer.status == 207, answer.body
    assert answer.headers_named("Set-Cookie") == ["first=1; Path=/", "second=2; Path=/"]
    assert answer.header("X-Probe") == "echo"
    event = answer.json()["event"]
    assert event["resource"] == "/api/probe/{proxy+}"
    assert event["path"] == "/store/account/api/probe/a/b"
    assert event["pathParameters"] == {"proxy": "a/b"}
    assert event["multiValueQueryStringParameters"] == {"x": ["1", "2"], "y": [" z"]}
    assert event["queryStringParameters"]["x"] == "2"
    assert event["multiValueHeaders"]["X-Multi"] == ["one", "two"]
    assert event["headers"]["Host"] == "localhost"
    assert event["headers"]["Cookie"] == "c1=v1; c2=v2"
    assert event["requestContext"]["identity"]["sourceIp"] == "127.0.0.1"
    assert event["requestContext"]["requestId"] == answer.header("x-amzn-RequestId")

    binary_in = bytes(range(256))
    posted = probe.request("POST", "/store/account/api/probe/echo", raw=binary_in, host="127.0.0.1")
    assert posted.status == 207
    echoed = posted.json()["event"]
    assert echoed["isBase64Encoded"] is True
    assert base64.b64decode(echoed["body"]) == binary_in

    binary_out = probe.request("GET", "/store/account/api/probe/binary", host="localhost")
    assert binary_out.status == 200
    assert binary_out.body == bytes(range(256))
    # Not on the real template's server.
    assert servers.main.request("GET", "/store/account/api/probe/a/b", host="localhost").status == 404


def test_a_function_that_raises_is_a_5xx_with_a_request_id(servers: Servers) -> None:
    answer = servers.probe.request("GET", "/store/account/api/probe/boom", host="localhost")
    assert answer.status in (500, 502)
    body = answer.json()
    request_id = answer.header("x-amzn-RequestId")
    assert request_id
    assert request_id in body["message"]
    assert set(body) == {"error", "message"}
    assert "Traceback" not in answer.body.decode()
    assert "exploded" not in answer.body.decode()
    wait_for(lambda: "the probe exploded on purpose" in servers.probe.log(), timeout=5, what="the traceback")
    assert "Traceback" in servers.probe.log()


def _deliveries(log_path: Path, number: str) -> list[dict[str, Any]]:
    """Invocations whose batch held the order numbered `number`, with that record's position."""
    found = []
    for entry in probe_log(log_path):
        for index, record in enumerate(entry["event"]["Records"]):
            image = record["dynamodb"].get("NewImage", {})
            if image.get("order", {}).get("M", {}).get("number", {}).get("S") == number:
                found.append({**entry, "index": index, "record": record})
    return found


def test_stream_records_reach_the_consumer_and_failed_records_are_retried(servers: Servers) -> None:
    probe, log_path = servers.probe, servers.probe_log
    connect_store(probe, "s-stream", "stream-shop.example")

    before = time.time()
    assert probe.admin_put("/admin/stores/s-stream/orders/ok-1", order_body(number="OK-1")).status == 201
    first = wait_for(lambda: _deliveries(log_path, "OK-1"), timeout=5, what="delivery of OK-1")[0]
    latency = first["at"] - before
    assert latency < 1.0, f"delivered after {latency:.3f} s"
    record = first["record"]
    assert set(record) == {
        "eventID",
        "eventName",
        "eventVersion",
        "eventSource",
        "awsRegion",
        "dynamodb",
        "eventSourceARN",
    }
    assert record["eventName"] == "INSERT"
    assert record["eventVersion"] == "1.1"
    assert record["eventSource"] == "aws:dynamodb"
    assert record["awsRegion"] == "us-east-1"
    assert re.match(r"^arn:aws:dynamodb:us-east-1:\d{12}:table/OrdersTable/stream/", record["eventSourceARN"])
    dynamodb = record["dynamodb"]
    assert dynamodb["Keys"] == {"pk": {"S": "s-stream#ok-1"}}
    assert dynamodb["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    assert isinstance(dynamodb["ApproximateCreationDateTime"], int)
    assert dynamodb["SequenceNumber"].isdigit()
    assert "OldImage" not in dynamodb

    # An update is a MODIFY with both images.
    changed = order_body(number="OK-1", status="shipped")
    assert probe.admin_put("/admin/stores/s-stream/orders/ok-1", changed).status == 200
    modify = wait_for(
        lambda: [d for d in _deliveries(log_path, "OK-1") if d["record"]["eventName"] == "MODIFY"],
        timeout=5,
        what="the MODIFY",
    )[0]["record"]["dynamodb"]
    assert modify["OldImage"]["order"]["M"]["status"]["S"] == "processing"
    assert modify["NewImage"]["order"]["M"]["status"]["S"] == "shipped"

    # A record reported failed is retried, and the retry starts from it.
    assert probe.admin_put("/admin/stores/s-stream/orders/fail-once", order_body(number="FAIL-ONCE")).status == 201
    tries = wait_for(lambda: len(_deliveries(log_path, "FAIL-ONCE")) >= 2 and _deliveries(log_path, "FAIL-ONCE"))
    sequence = tries[0]["record"]["dynamodb"]["SequenceNumber"]
    assert tries[0]["failed"] == [sequence]
    assert tries[1]["index"] == 0
    assert tries[1]["record"]["eventID"] == tries[0]["record"]["eventID"]
    assert tries[1]["failed"] == []

    # One that always fails is given up after MaximumRetryAttempts (2), and the stream moves on.
    assert probe.admin_put("/admin/stores/s-stream/orders/fail-always", order_body(number="FAIL-ALWAYS")).status == 201

    def dropped() -> list[Any]:
        status = probe.request("GET", "/_dev/streams").json()
        consumer = next(s for s in status if s["function"] == "ProbeStreamFunction")
        return [d for d in consumer["dropped"] if d["reason"].startswith("retries exhausted")]

    (gave_up,) = wait_for(dropped, timeout=10, what="the failing record to be dropped")
    assert gave_up["destination"] == "ProbeDeadLetters"
    assert len(_deliveries(log_path, "FAIL-ALWAYS")) == 3
    assert probe.admin_put("/admin/stores/s-stream/orders/ok-2", order_body(number="OK-2")).status == 201
    wait_for(lambda: _deliveries(log_path, "OK-2"), timeout=5, what="delivery after the dropped record")


def test_persist_keeps_data_sessions_and_outbox_across_restarts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = DevServer.launch(tmp_path / "run1", "--persist", str(data)).wait_ready()
    try:
        connect_store(first, "s-keep", "keep-shop.example")
        assert first.admin_put("/admin/stores/s-keep/orders/o-1", order_body(number="7001")).status == 201
        browser = Browser(first, "keep-shop.example")
        browser.login("ann@example.com")
        emails = first.outbox()
    finally:
        assert first.stop(signal.SIGTERM) == 0, first.log()
    if backends.backend() == "dynamodb-local":  # the server ran DynamoDB Local, which keeps its own files
        assert any((data / "dynamodb-local").iterdir())
    else:
        assert (data / "tables" / "OrdersTable.json").exists()
    if template.functions()["ConnectDomainFunction"].environment.get("CUSTOMER_API_ID"):
        saved = json.loads((data / "custom_domains.json").read_text())
        assert "keep-shop.example" in [d["DomainName"] for d in saved]

    second = DevServer.launch(tmp_path / "run2", env={"DEV_PERSIST_DIR": str(data)}).wait_ready()
    try:
        browser.server = second
        listed = browser.request("GET", "/api/orders")  # the old session cookie still works
        assert listed.status == 200, listed.body
        assert [o["order_id"] for o in listed.json()["orders"]] == ["o-1"]
        assert second.outbox()[: len(emails)] == emails  # restored (and the demo store not seeded again)
        assert "restored" in second.output()
        connect_store(second, "s-keep", "keep-shop.example")  # connecting it again is still a no-op success
    finally:
        assert second.stop(signal.SIGINT) == 0, second.log()


# ---------------------------------------------------------------------------------------------- streams, in-process
def _pending(*sequences: str) -> list[streams._Pending]:
    return [
        streams._Pending({"dynamodb": {"SequenceNumber": s}, "eventName": "INSERT"}, time.monotonic())
        for s in sequences
    ]


def _poller(invoke: streams.Invoke, **props: Any) -> streams.Poller:
    fn = template.Function("Consumer", ROOT, "app.handler", {})
    fn.streams.append({"Stream": {"Fn::GetAtt": ["OrdersTable", "StreamArn"]}, **props})
    (mapping,) = streams.mappings({"Consumer": fn})
    poller = streams.Poller(mapping, "us-east-1", threading.Event(), invoke)
    return poller


def test_mapping_settings_come_from_the_template_event() -> None:
    poller = _poller(
        lambda fn, event: None,
        BatchSize=7,
        MaximumRetryAttempts=1,
        BisectBatchOnFunctionError=True,
        FunctionResponseTypes=["ReportBatchItemFailures"],
        FilterCriteria={"Filters": [{"Pattern": '{"eventName": ["INSERT"]}'}]},
    )
    mapping = poller.mapping
    assert (mapping.table, mapping.batch_size, mapping.max_retries) == ("OrdersTable", 7, 1)
    assert mapping.bisect_on_error
    assert mapping.report_item_failures
    assert streams.matches(mapping.filters[0], {"eventName": "INSERT"})
    assert not streams.matches(mapping.filters[0], {"eventName": "REMOVE"})
    assert streams.matches(
        {"dynamodb": {"NewImage": {"status": {"S": [{"anything-but": ["cancelled"]}]}}}},
        {"dynamodb": {"NewImage": {"status": {"S": "shipped"}}}},
    )
    assert streams.stream_table("arn:aws:dynamodb:us-east-1:1:table/Other/stream/x") == "Other"


def test_partial_failure_checkpoints_before_the_first_failed_record() -> None:
    answers = iter([{"batchItemFailures": [{"itemIdentifier": "3"}, {"itemIdentifier": "2"}]}, None])
    poller = _poller(lambda fn, event: next(answers), FunctionResponseTypes=["ReportBatchItemFailures"])
    poller.pending = _pending("1", "2", "3", "4")
    poller.deliver(list(poller.pending))
    assert [p.record["dynamodb"]["SequenceNumber"] for p in poller.pending] == ["2", "3", "4"]
    assert poller.retry_at > 0
    poller.deliver(list(poller.pending))
    assert poller.pending == []
    assert poller.stats.delivered == 4


def test_an_invalid_item_identifier_fails_the_whole_batch_and_retries_run_out() -> None:
    poller = _poller(
        lambda fn, event: {"batchItemFailures": [{"itemIdentifier": ""}]},
        FunctionResponseTypes=["ReportBatchItemFailures"],
        MaximumRetryAttempts=1,
    )
    poller.pending = _pending("1", "2")
    poller.deliver(list(poller.pending))
    assert len(poller.pending) == 2
    poller.deliver(list(poller.pending))
    assert poller.pending == []
    assert poller.stats.dropped == [{"reason": "retries exhausted (1)", "sequence_numbers": ["1", "2"]}]


def test_a_raising_function_is_retried_and_bisected() -> None:
    seen: list[list[str]] = []

    def invoke(fn: template.Function, event: dict[str, Any]) -> None:
        batch = [r["dynamodb"]["SequenceNumber"] for r in event["Records"]]
        seen.append(batch)
        if "3" in batch:
            raise RuntimeError("poison")

    poller = _poller(invoke, BisectBatchOnFunctionError=True, MaximumRetryAttempts=0)
    poller.pending = _pending("1", "2", "3", "4")
    for _ in range(6):
        if poller.pending:
            poller.deliver(poller.pending[: poller.limit])
    assert seen[:4] == [["1", "2", "3", "4"], ["1", "2"], ["3", "4"], ["3"]]
    assert poller.stats.dropped[0]["sequence_numbers"] == ["3"]
    assert seen[4] == ["4"]
    assert poller.pending == []
    assert poller.limit == poller.mapping.batch_size
