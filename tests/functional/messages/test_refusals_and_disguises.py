"""Issue 27, messages: a refused file says which file and why (type, size, count); a disguised file
never reaches the store under a misleading name (the stored name ends in the checked type's extension,
bidi and control characters are removed, a text file is checked whole); refused messages spend no
budget; no upload form where the store takes no messages; a co-viewer of a sticky-contact order reads
its thread but does not write as its buyer (403); a refused page form comes back with the text kept."""

from __future__ import annotations

import re
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from access_center.messages.models import AttachmentUpload, MessageList, MessageView
from access_center.orders.acting import CO_VIEWER
from devtools.emulator.gateway import Gateway, Reply
from tests.harness.aws import aws_client
from tests.harness.bodies import order_body
from tests.harness.models import answer
from tests.harness.support import Client, Shop

ANN = "ann@example.com"
FIRST, LATER = "first@example.com", "later@example.com"
BUCKET = "filesbucket"
UPLOADS = "/store/account/api/attachments"
PATH = "/store/account/api/orders/o1/messages"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"1 0 obj\n" * 8
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256))


@pytest.fixture
def ann(shop: Shop, customer: Client) -> Client:
    shop.settings(messages_enabled=True)
    assert shop.put_order("o1").status == 201
    shop.login(customer, ANN)
    return customer


def _start(client: Client, **fields: Any) -> Reply:
    return client.post(UPLOADS, {"filename": "receipt.png", "content_type": "image/png", "size": len(PNG), **fields})


def _uploaded(client: Client, content: bytes, **fields: Any) -> str:
    started = answer(AttachmentUpload, _start(client, size=len(content), **fields))
    upload = started["upload"]["fields"]
    aws_client("s3").put_object(Bucket=BUCKET, Key=upload["key"], Body=content, ContentType=upload["Content-Type"])
    return str(started["attachment_id"])


def _keys() -> list[str]:
    return sorted(o["Key"] for o in aws_client("s3").list_objects_v2(Bucket=BUCKET).get("Contents", []))


# --------------------------------------------------------------------- which file, and why


def test_a_text_file_named_png_is_refused_naming_the_file_and_its_real_kind(shop: Shop, ann: Client) -> None:
    attachment_id = _uploaded(ann, b"just some notes", filename="notes.png")

    reply = ann.post(PATH, {"body": "See the photo", "attachment_ids": [attachment_id]})

    assert reply.status == 422, reply.body
    refused = reply.json()
    assert refused["message"] == (
        "notes.png is not a PNG image: its content is something else. Attach it as the kind of file it really is."
    )
    assert refused["details"] == [
        {"attachment_id": attachment_id, "filename": "notes.png", "reason": "not_png", "message": refused["message"]}
    ]


def test_an_11_mb_pdf_is_refused_saying_its_size_and_the_limit(shop: Shop, ann: Client) -> None:
    reply = _start(ann, filename="scan.pdf", content_type="application/pdf", size=11 * 1024 * 1024)

    assert reply.status == 400, reply.body
    assert reply.json()["message"] == "scan.pdf is 11 MB: a file can be at most 10 MB."
    assert reply.json()["details"] == [{"field": "size", "filename": "scan.pdf", "reason": "too_large"}]
    assert _keys() == []


def test_a_type_that_cannot_be_attached_is_refused_naming_the_file(shop: Shop, ann: Client) -> None:
    reply = _start(ann, filename="contract.docx", content_type="application/octet-stream")

    assert reply.status == 400, reply.body
    assert reply.json()["message"] == "contract.docx cannot be attached: only PDF, PNG, JPEG and plain text files can."


def test_six_files_on_one_message_are_refused_saying_how_many(shop: Shop, ann: Client) -> None:
    ids = [_uploaded(ann, PNG, filename=f"photo{n}.png") for n in range(6)]

    reply = ann.post(PATH, {"body": "Photos", "attachment_ids": ids})

    assert reply.status == 400, reply.body
    assert reply.json()["message"] == "A message can carry at most 5 files; this one has 6."
    assert answer(MessageList, ann.get(PATH))["messages"] == []


# ------------------------------------------------------------------------- disguised files


def test_text_followed_by_a_zip_is_not_text_even_past_the_first_4_kib(shop: Shop, ann: Client) -> None:
    content = b"Refund form\n" + b"Please fill in.\n" * 400 + ZIP  # the archive starts past 4 KiB
    assert len(content) > 4096
    attachment_id = _uploaded(ann, content, filename="refund-form.jar", content_type="text/plain")

    reply = ann.post(PATH, {"body": "The form", "attachment_ids": [attachment_id]})

    assert reply.status == 422, reply.body
    assert reply.json()["details"][0]["reason"] == "not_plain"
    assert _keys() == []  # deleted, never attached


def test_a_long_plain_text_file_passes_the_whole_check(shop: Shop, ann: Client) -> None:
    content = ("Zeile mit Umlaut: äöü\r\n" * 20_000).encode()  # ~0.5 MiB, read in several chunks
    attachment_id = _uploaded(ann, content, filename="log.txt", content_type="text/plain")

    assert ann.post(PATH, {"body": "The log", "attachment_ids": [attachment_id]}).status == 201


@pytest.mark.parametrize(
    ("filename", "content_type", "content", "saved_as"),
    [
        pytest.param("label\u202efdp.hta", "application/pdf", PDF, "labelfdp.pdf", id="U+202E and .hta"),
        pytest.param("receipt.pdf.js", "application/pdf", PDF, "receipt.pdf", id="double extension"),
        pytest.param("refund-form.jar", "text/plain", b"Name:\nOrder:\n", "refund-form.txt", id="jar of text"),
        pytest.param("photo", "image/png", PNG, "photo.png", id="no extension"),
        pytest.param("scan.JPEG", "image/jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "scan.JPEG", id="its own"),
        pytest.param("a\r\nb\u2066.png\u2069 . ", "image/png", PNG, "ab.png", id="controls and isolates"),
    ],
)
def test_the_saved_name_has_no_hidden_characters_and_ends_in_the_checked_types_extension(
    shop: Shop, ann: Client, filename: str, content_type: str, content: bytes, saved_as: str
) -> None:
    attachment_id = _uploaded(ann, content, filename=filename, content_type=content_type)

    message = answer(MessageView, ann.post(PATH, {"body": "Attached", "attachment_ids": [attachment_id]}))

    assert message["attachments"][0]["filename"] == saved_as
    download = ann.get(f"/store/account/api/attachments/{attachment_id}")
    (disposition,) = parse_qs(urlsplit(download.header("Location")).query)["response-content-disposition"]
    assert disposition.endswith(f"filename*=UTF-8''{saved_as}")


# ---------------------------------------------------------------------------- budgets, forms


def test_refused_messages_spend_none_of_the_hourly_budget(shop: Shop, ann: Client) -> None:
    for _ in range(25):  # more refusals than the budget of 20
        wrong = _uploaded(ann, b"not an image", filename="x.png")
        assert ann.post(PATH, {"body": "x", "attachment_ids": [wrong]}).status == 422

    for n in range(20):
        assert ann.post(PATH, {"body": f"message {n}"}).status == 201, n
    assert ann.post(PATH, {"body": "one more"}).status == 429


def test_no_upload_form_at_a_store_that_takes_no_messages(shop: Shop, ann: Client) -> None:
    shop.settings(messages_enabled=False)

    reply = _start(ann)

    assert reply.status == 409, reply.body
    assert reply.json()["error"] == "conflict"
    assert "does not take messages" in reply.json()["message"]


def _csrf(page: Reply) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page.body.decode())
    assert found, "no form token on the page"
    return unescape(found.group(1))


def test_a_refused_page_form_shows_the_order_page_again_with_the_text_and_the_reason_beside_it(
    shop: Shop, ann: Client
) -> None:
    page = ann.get("/store/account/orders/o1")
    typed = "Where is it?\x1b[31m"  # ESC: not plain text

    posted = ann.form("/store/account/orders/o1/messages", {"csrf": _csrf(page), "body": typed})

    assert posted.status == 400
    html = unescape(posted.body.decode())
    assert "Order #" in html  # the order page, not an error page
    reason = "The message must be plain text: line breaks and tabs only, no other control characters."
    error = re.search(r'<span class="field-error" id="messages-error">([^<]*)</span>', html)
    assert error, "no error beside the field"
    assert error.group(1) == reason
    textarea = re.search(r"<textarea id=\"message-body\"[^>]*>([^<]*)</textarea>", html, re.S)
    assert textarea, "no message field"
    assert textarea.group(1) == typed
    assert 'aria-invalid="true" aria-describedby="messages-error"' in textarea.group(0)
    assert answer(MessageList, ann.get(PATH))["messages"] == []


# ------------------------------------------------------------------------------- co-viewer


@pytest.fixture
def sticky(admin: Client) -> Shop:
    """first@ ordered in a browser session, later@ ordered in the same one: first@ sees later@'s order."""
    shop = Shop.create(admin, "sticky", "sticky.example", sticky_contact=True, messages_enabled=True)
    assert shop.put_order("mine", order_body(FIRST, "1", browser_session_id="b-1")).status == 201
    assert shop.put_order("theirs", order_body(LATER, "2", browser_session_id="b-1")).status == 201
    return shop


def test_a_co_viewer_reads_the_thread_but_cannot_write_as_the_buyer(sticky: Shop, gateway: Gateway) -> None:
    first = Client(gateway, "sticky.example", ip="198.51.100.31")
    sticky.login(first, FIRST)
    assert sticky.admin.post("/admin/stores/sticky/orders/theirs/messages", {"body": "Shipped soon."}).status == 201
    path = "/store/account/api/orders/theirs/messages"

    assert [m["body"] for m in answer(MessageList, first.get(path))["messages"]] == ["Shipped soon."]
    refused = first.post(path, {"body": "Send it to me instead"})
    assert refused.status == 403, refused.body
    assert refused.json() == {"error": "forbidden", "message": CO_VIEWER}

    page = first.get("/store/account/orders/theirs")
    html = unescape(page.body.decode())
    assert "Shipped soon." in html
    assert CO_VIEWER in html
    assert 'id="message-body"' not in html  # no form offered
    posted = first.form("/store/account/orders/theirs/messages", {"csrf": _csrf(page), "body": "Me too"})
    assert posted.status == 403
    assert len(answer(MessageList, first.get(path))["messages"]) == 1
    assert first.post("/store/account/api/orders/mine/messages", {"body": "About my own"}).status == 201
