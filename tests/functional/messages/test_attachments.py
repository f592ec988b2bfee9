"""Files on messages (issue 17): an upload form per file (S3 presigned POST: key, type and size fixed),
the file checked by its first bytes before a message carries it, downloads only for the order's
customer and its store, through a short-lived link that forces a download."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from access_center.messages.models import AttachmentUpload, MessageList, MessageView
from devtools.emulator.gateway import Reply
from devtools.emulator.outbox import sent_emails
from tests.harness.aws import aws_client
from tests.harness.models import answer
from tests.harness.streams import drain_message_stream, drain_order_stream
from tests.harness.support import Client, Shop

ANN, BOB = "ann@example.com", "bob@example.com"
BUCKET = "filesbucket"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"1 0 obj\n" * 8
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    shop.settings(messages_enabled=True)
    assert shop.put_order("o1").status == 201
    shop.login(customer, ANN)
    drain_order_stream()
    return customer


def _start(client: Client, path: str = "/store/account/api/attachments", **fields: Any) -> Reply:
    body = {"filename": "receipt.png", "content_type": "image/png", "size": len(PNG), **fields}
    return client.post(path, body)


def _upload(upload: dict[str, Any], content: bytes) -> None:
    """What the browser's POST leaves in S3 (the form's key and type)."""
    fields = upload["fields"]
    aws_client("s3").put_object(Bucket=BUCKET, Key=fields["key"], Body=content, ContentType=fields["Content-Type"])


def _uploaded(client: Client, content: bytes = PNG, **fields: Any) -> str:
    started = answer(AttachmentUpload, _start(client, **fields))
    _upload(started["upload"], content)
    return str(started["attachment_id"])


def _keys() -> list[str]:
    return sorted(o["Key"] for o in aws_client("s3").list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_the_upload_form_fixes_the_key_the_type_and_at_most_10_mib(shop: Shop, ann: Client) -> None:
    started = answer(AttachmentUpload, _start(ann))

    fields = started["upload"]["fields"]
    assert started["attachment_id"].startswith("att_")
    assert fields["key"] == f"uploads/s1/{started['attachment_id']}"
    assert fields["Content-Type"] == "image/png"
    policy = json.loads(base64.b64decode(fields["policy"]))
    assert {"Content-Type": "image/png"} in policy["conditions"]
    assert {"key": fields["key"]} in policy["conditions"]
    assert ["content-length-range", 1, 10 * 1024 * 1024] in policy["conditions"]
    assert started["upload"]["url"] == f"https://{BUCKET}.s3.us-east-1.amazonaws.com/"


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"content_type": "text/html"}, id="html"),
        pytest.param({"content_type": "image/svg+xml"}, id="svg"),
        pytest.param({"size": 10 * 1024 * 1024 + 1}, id="over 10 MiB"),
        pytest.param({"size": 0}, id="empty"),
        pytest.param({"filename": "../"}, id="no name left"),
        pytest.param({"size": "12"}, id="size as text"),
    ],
)
def test_an_upload_that_cannot_be_is_400_and_stores_nothing(shop: Shop, ann: Client, fields: dict[str, Any]) -> None:
    reply = _start(ann, **fields)

    assert reply.status == 400, reply.body
    assert reply.json()["error"] == "bad_request"
    assert _keys() == []


def test_a_path_in_the_file_name_is_dropped(shop: Shop, ann: Client) -> None:
    attachment_id = _uploaded(ann, filename="C:\\Users\\ann\\receipt.png")
    message = answer(
        MessageView,
        ann.post("/store/account/api/orders/o1/messages", {"body": "See attached", "attachment_ids": [attachment_id]}),
    )

    assert message["attachments"][0]["filename"] == "receipt.png"


def test_an_attachment_says_the_size_of_what_was_uploaded_not_what_was_announced(shop: Shop, ann: Client) -> None:
    larger = PNG + b"\0" * 5000  # the form allows any size up to 10 MiB; the stored file decides
    attachment_id = _uploaded(ann, larger)

    reply = ann.post("/store/account/api/orders/o1/messages", {"body": "Photo", "attachment_ids": [attachment_id]})

    assert reply.status == 201, reply.body
    assert answer(MessageView, reply)["attachments"][0]["size"] == len(larger)


def test_a_message_carries_the_checked_file_and_both_sides_can_download_it(shop: Shop, ann: Client) -> None:
    attachment_id = _uploaded(ann)

    reply = ann.post(
        "/store/account/api/orders/o1/messages", {"body": "Broken on arrival", "attachment_ids": [attachment_id]}
    )

    assert reply.status == 201, reply.body
    message = answer(MessageView, reply)
    assert message["attachments"] == [
        {"attachment_id": attachment_id, "filename": "receipt.png", "content_type": "image/png", "size": len(PNG)}
    ]
    assert _keys() == [f"attached/s1/{attachment_id}"]  # the upload is gone, the file is the message's
    for client, path in (
        (ann, f"/store/account/api/attachments/{attachment_id}"),
        (shop.admin, f"/admin/stores/s1/attachments/{attachment_id}"),
    ):
        download = client.get(path)
        assert download.status == 303, download.body
        assert download.header("Cache-Control") == "no-store"
        link = urlsplit(download.header("Location"))
        query = parse_qs(link.query)
        assert link.netloc == f"{BUCKET}.s3.us-east-1.amazonaws.com"
        assert link.path == f"/attached/s1/{attachment_id}"
        assert query["response-content-disposition"] == [
            "attachment; filename=\"receipt.png\"; filename*=UTF-8''receipt.png"
        ]
        assert query["response-content-type"] == ["image/png"]
        assert query["X-Amz-Expires"] == ["300"]


@pytest.mark.parametrize(
    ("content_type", "content", "reason"),
    [
        pytest.param("image/png", b"<html><script>alert(1)</script>", "not_png", id="html named png"),
        pytest.param("image/jpeg", PNG, "not_jpeg", id="png named jpeg"),
        pytest.param("application/pdf", b"MZ\x90\x00 an exe", "not_pdf", id="exe named pdf"),
        pytest.param("text/plain", b"text\x00with NUL", "not_plain", id="binary named text"),
        pytest.param("text/plain", b"\xff\xfe\x00bad utf-8", "not_plain", id="not utf-8"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_422_and_deleted(
    shop: Shop, ann: Client, content_type: str, content: bytes, reason: str
) -> None:
    attachment_id = _uploaded(ann, content, content_type=content_type, filename="f", size=len(content))

    reply = ann.post("/store/account/api/orders/o1/messages", {"body": "Look", "attachment_ids": [attachment_id]})

    assert reply.status == 422, reply.body
    (refused,) = reply.json()["details"]
    assert (refused["attachment_id"], refused["reason"]) == (attachment_id, reason)
    assert _keys() == []
    assert answer(MessageList, ann.get("/store/account/api/orders/o1/messages"))["messages"] == []


@pytest.mark.parametrize(
    ("content_type", "content"),
    [("application/pdf", PDF), ("image/jpeg", JPEG), ("text/plain", "Café au lait\r\nline two\t☕".encode())],
)
def test_each_allowed_type_passes_its_check(shop: Shop, ann: Client, content_type: str, content: bytes) -> None:
    attachment_id = _uploaded(ann, content, content_type=content_type, filename="f", size=len(content))

    reply = ann.post("/store/account/api/orders/o1/messages", {"body": "Here", "attachment_ids": [attachment_id]})

    assert reply.status == 201, reply.body


def test_an_attachment_never_uploaded_is_422(shop: Shop, ann: Client) -> None:
    started = answer(AttachmentUpload, _start(ann))

    reply = ann.post(
        "/store/account/api/orders/o1/messages", {"body": "x", "attachment_ids": [started["attachment_id"]]}
    )

    assert reply.status == 422
    assert reply.json()["details"][0]["reason"] == "not_uploaded"


def test_a_file_goes_on_one_message_only(shop: Shop, ann: Client) -> None:
    attachment_id = _uploaded(ann)
    path = "/store/account/api/orders/o1/messages"
    assert ann.post(path, {"body": "first", "attachment_ids": [attachment_id]}).status == 201

    again = ann.post(path, {"body": "second", "attachment_ids": [attachment_id]})

    assert again.status == 422
    assert len(answer(MessageList, ann.get(path))["messages"]) == 1


def test_another_customers_upload_cannot_go_on_my_message_nor_the_stores(shop: Shop, ann: Client, gateway: Any) -> None:
    assert shop.put_order("o2", number="1002", email=BOB).status == 201
    bob = Client(gateway, shop.domain, ip="198.51.100.9")
    shop.login(bob, BOB)
    bobs = _uploaded(bob)

    assert ann.post("/store/account/api/orders/o1/messages", {"body": "x", "attachment_ids": [bobs]}).status == 422
    assert shop.admin.post("/admin/stores/s1/orders/o1/messages", {"body": "x", "attachment_ids": [bobs]}).status == 422
    stores = _uploaded(shop.admin, path="/admin/stores/s1/attachments")
    assert ann.post("/store/account/api/orders/o1/messages", {"body": "x", "attachment_ids": [stores]}).status == 422


def test_only_the_orders_customer_and_store_download_a_file(
    shop: Shop, ann: Client, gateway: Any, admin: Client
) -> None:
    attachment_id = _uploaded(ann)
    ann.post("/store/account/api/orders/o1/messages", {"body": "x", "attachment_ids": [attachment_id]})
    assert shop.put_order("o2", number="1002", email=BOB).status == 201
    bob = Client(gateway, shop.domain, ip="198.51.100.9")
    shop.login(bob, BOB)
    Shop.create(admin, "s2", "other.example", name="Shop Two")
    stranger = Client(gateway, shop.domain)

    assert bob.get(f"/store/account/api/attachments/{attachment_id}").status == 404
    assert admin.get(f"/admin/stores/s2/attachments/{attachment_id}").status == 404
    assert stranger.get(f"/store/account/api/attachments/{attachment_id}").status == 401
    assert ann.get("/store/account/api/attachments/att_000000000000000000000000").status == 404


def test_an_upload_not_yet_on_a_message_downloads_for_nobody(shop: Shop, ann: Client) -> None:
    attachment_id = _uploaded(ann)

    assert ann.get(f"/store/account/api/attachments/{attachment_id}").status == 404
    assert shop.admin.get(f"/admin/stores/s1/attachments/{attachment_id}").status == 404


def test_the_store_attaches_its_own_file_and_the_customer_is_told(shop: Shop, ann: Client) -> None:
    attachment_id = _uploaded(
        shop.admin,
        PDF,
        path="/admin/stores/s1/attachments",
        filename="label.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )

    reply = shop.admin.post(
        "/admin/stores/s1/orders/o1/messages", {"body": "Your return label", "attachment_ids": [attachment_id]}
    )

    assert reply.status == 201, reply.body
    assert drain_message_stream() == []
    (email,) = [e for e in sent_emails() if "wrote about" in e["subject"]]
    assert "With 1 attachment, on the order page." in email["text"]
    assert ann.get(f"/store/account/api/attachments/{attachment_id}").status == 303


def test_thirty_uploads_an_hour_then_429(shop: Shop, ann: Client) -> None:
    for _ in range(30):
        assert _start(ann).status == 201

    refused = _start(ann)
    assert refused.status == 429
    assert int(refused.header("Retry-After")) > 0
