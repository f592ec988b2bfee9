"""Issue 27, the local server's S3 (/_dev/s3) refuses what S3 refuses, so a test that passes here does
not rely on something S3 would turn down: another Host than its endpoint's, a policy or query signature
that does not match, a form field the policy does not name. Black-box, over `make dev` (DevServer)."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.harness.browser import demo_customer
from tests.harness.devserver import Answer, Browser, DevServer

PDF = b"%PDF-1.7\n1 0 obj\n"


def _multipart(fields: dict[str, str], content: bytes) -> tuple[str, bytes]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="f.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return f"multipart/form-data; boundary={boundary}", b"".join(parts)


def _post(server: DevServer, upload: dict[str, Any], fields: dict[str, str], host: str | None = None) -> Answer:
    url = urlsplit(upload["url"])
    content_type, body = _multipart(fields, PDF)
    return server.request("POST", url.path, host=host or url.netloc, raw=body, headers=[("Content-Type", content_type)])


@pytest.fixture(scope="module")
def customer(server: DevServer) -> Browser:
    email = demo_customer(server, "s3checker")
    browser = Browser(server, "localhost")
    browser.login(email)
    return browser


def _form(customer: Browser) -> dict[str, Any]:
    started = customer.request(
        "POST", "/api/attachments", {"filename": "label.pdf", "content_type": "application/pdf", "size": len(PDF)}
    )
    assert started.status == 201, started.body
    return dict(started.json())


def test_an_upload_is_taken_only_as_s3_would_take_it(server: DevServer, customer: Browser) -> None:
    upload = _form(customer)["upload"]
    fields = dict(upload["fields"])

    assert _post(server, upload, fields, host="evil.example").status == 400  # not the endpoint's Host
    forged = {**fields, "x-amz-signature": "0" * 64}
    assert _post(server, upload, forged).status == 403
    extra = {**fields, "success_action_redirect": "https://evil.example/"}  # a field the policy does not name
    refused = _post(server, upload, extra)
    assert refused.status == 403
    assert b"Extra input fields" in refused.body
    assert _post(server, upload, {**fields, "x-ignore-note": "fine"}).status == 204  # as S3: x-ignore- is free
    assert _post(server, upload, fields).status == 204


def test_a_download_link_works_only_as_signed(server: DevServer, customer: Browser) -> None:
    started = _form(customer)
    assert _post(server, started["upload"], dict(started["upload"]["fields"])).status == 204
    sent = customer.request(
        "POST", "/api/orders/s3checker-1/messages", {"body": "Label", "attachment_ids": [started["attachment_id"]]}
    )
    assert sent.status == 201, sent.body
    link = urlsplit(customer.request("GET", f"/api/attachments/{started['attachment_id']}").header("Location"))
    target = f"{link.path}?{link.query}"

    assert server.request("GET", target, host=link.netloc).status == 200
    assert server.request("GET", target, host="evil.example").status == 400
    changed = target.replace("response-content-type=application%2Fpdf", "response-content-type=text%2Fhtml")
    assert changed != target
    assert server.request("GET", changed, host=link.netloc).status == 403  # the signature no longer matches
