"""Emails SES accepted, read back from moto's SES backend in the contract's outbox shape.

`[{"to": [...], "from", "subject", "html", "text", "sent_at"}]`, oldest first (API.md section 5), with
`reply_to` where the message has one (section 12).
moto keeps no send time, so the local server stamps each message as SES accepts it (`stamp`, called
from devtools.emulator.aws); a message nobody stamped gets the time it was first read here.
"""

from __future__ import annotations

import html as html_lib
import json
import re
import threading
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from typing import Any

ACCOUNT, REGION = "123456789012", "us-east-1"

_lock = threading.Lock()
_first_seen: dict[int, str] = {}  # id(message) -> sent_at, for messages nobody stamped
_restored: list[dict[str, Any]] = []  # emails of earlier runs (devtools.emulator.persist), older than any live one


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")  # the contract's time form


def stamp(message: Any) -> None:
    """Record when SES accepted `message` (a moto message object)."""
    if message is not None and not hasattr(message, "dev_sent_at"):
        message.dev_sent_at = _now()


def _sent_at(message: Any) -> str:
    found = getattr(message, "dev_sent_at", None)
    if found:
        return str(found)
    with _lock:
        return _first_seen.setdefault(id(message), _now())


def _parts(raw: str) -> dict[str, Any]:
    message = message_from_bytes(raw.encode(), policy=default)
    assert isinstance(message, EmailMessage)
    html = message.get_body(preferencelist=("html",))
    text = message.get_body(preferencelist=("plain",))
    return {
        "to": [addr.strip() for addr in str(message.get("To", "")).split(",") if addr.strip()],
        "from": str(message.get("From", "")),
        "subject": str(message.get("Subject", "")),
        "html": _lines(html.get_content()) if html is not None else "",
        "text": _lines(text.get_content()) if text is not None else "",
        # Where replies go, where the message says (API.md section 12: a contact message's is its sender).
        **({"reply_to": str(message["Reply-To"])} if message.get("Reply-To") else {}),
    }


def _lines(content: str) -> str:
    """A part as a mail client shows it: the wire's CRLF line ends become newlines."""
    return content.replace("\r\n", "\n")


def _shape(message: Any) -> dict[str, Any]:
    """The message in the outbox's shape, parsed once: a sent message never changes, and parsing every
    MIME message again on each read made a test polling for its code wait on hundreds of parses."""
    shaped = getattr(message, "dev_shape", None)
    if shaped is None:
        shaped = message.dev_shape = _parsed(message)
    return dict(shaped)


def _parsed(message: Any) -> dict[str, Any]:
    if getattr(message, "raw_data", None):
        found = _parts(message.raw_data)
    elif hasattr(message, "body"):
        found = {
            "to": list(message.destinations.get("ToAddresses", [])),
            "from": message.source,
            "subject": message.subject,
            "html": message.body,
            "text": "",
        }
    else:  # a templated send: moto keeps the template's name and data, not the rendered mail
        destinations = message.destinations
        to = destinations.get("ToAddresses", []) if isinstance(destinations, dict) else []
        found = {
            "to": list(to),
            "from": message.source,
            "subject": f"(SES template {message.template})",
            "html": "",
            "text": str(message.template_data),
        }
    found["sent_at"] = _sent_at(message)
    return found


def sent_emails(account: str = ACCOUNT, region: str = REGION, since: int = 0) -> list[dict[str, Any]]:
    """Every email SES accepted, oldest first (those restored from an earlier run first), from the
    `since`-th on (0: all)."""
    from moto.ses.models import ses_backends

    restored = [dict(entry) for entry in _restored[since:]]
    live = list(ses_backends[account][region].sent_messages)[max(since - len(_restored), 0) :]
    return restored + [_shape(message) for message in live]


def restore(entries: list[dict[str, Any]]) -> None:
    """Emails of an earlier run (already in the outbox shape), shown before this run's."""
    _restored[:] = [dict(entry) for entry in entries]


def as_json(emails: list[dict[str, Any]]) -> bytes:
    return json.dumps(emails, indent=1).encode()


_PAGE_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0;background:#f4f4f5;color:#18181b}
header{background:#18181b;color:#fff;padding:12px 20px}header a{color:#a5b4fc}
main{max-width:980px;margin:0 auto;padding:16px}
article{background:#fff;border:1px solid #e4e4e7;border-radius:8px;margin:0 0 16px;padding:12px 16px}
h2{font-size:17px;margin:0 0 4px}.meta{color:#52525b;font-size:13px;margin:0 0 8px}
.code{font:700 22px ui-monospace,monospace;letter-spacing:3px;background:#eef2ff;padding:2px 8px;border-radius:4px}
iframe{width:100%;height:420px;border:1px solid #e4e4e7;border-radius:4px;background:#fff}
details{margin-top:8px}pre{white-space:pre-wrap;background:#fafafa;padding:8px;border-radius:4px}
"""


def as_html(emails: list[dict[str, Any]]) -> bytes:
    """A page a person can read codes on and click the emails' buttons from, newest first.

    HTML bodies are shown in sandboxed iframes (srcdoc): no scripts, no access to this origin; links
    open in the top window, so "View Order" lands on the order page as it would from a mail client.
    """
    esc = html_lib.escape
    cards = []
    for number, email in reversed(list(enumerate(emails, 1))):
        code = re.search(r"\b(\d{6})\b", email.get("text") or "")
        badge = (
            f' <span class="code">{esc(code.group(1))}</span>' if code and "code" in email["subject"].lower() else ""
        )
        body = email.get("html") or ""
        frame = ""
        if body:
            doc = '<base target="_top">' + body
            frame = (
                '<iframe sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"'
                f' referrerpolicy="no-referrer" srcdoc="{esc(doc, quote=True)}"></iframe>'
            )
        cards.append(
            f"<article><h2>#{number} {esc(email['subject'])}{badge}</h2>"
            f'<p class="meta">{esc(email.get("sent_at") or "")} · from {esc(email["from"])}'
            f" · to {esc(', '.join(email['to']))}"
            + (f" · reply to {esc(email['reply_to'])}" if email.get("reply_to") else "")
            + f"</p>{frame}"
            f"<details{'' if body else ' open'}><summary>Plain text</summary><pre>{esc(email.get('text') or '')}</pre>"
            "</details></article>"
        )
    listing = "".join(cards) or "<p>No emails yet. Ask for a login code, or put an order through the store API.</p>"
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>Outbox ({len(emails)})</title><style>{_PAGE_STYLE}</style></head><body>"
        f"<header><strong>Local outbox</strong> · {len(emails)} email(s), newest first · "
        '<a href="">refresh</a> · <a href="/_dev/outbox">JSON</a></header>'
        f"<main>{listing}</main></body></html>"
    )
    return page.encode()
