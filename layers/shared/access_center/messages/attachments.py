"""Files on messages: an upload form per file (a presigned POST fixing key, type and size), checked by
its content before a message carries it, downloaded only by the order's customer and its store through
a short-lived link that forces a download (never served from the store's domain).

Owners: a customer's uploads (`customer:{email}`) go on that customer's messages only, a store's
(`store`) on the store's; anyone else's id, a used one or one never uploaded is 422 on the message."""

from __future__ import annotations

import secrets
from typing import Any

from access_center.aws import files
from access_center.core import clock
from access_center.core.errors import NotFound, Unprocessable
from access_center.core.observability import logger
from access_center.db import rates
from access_center.messages import rules
from access_center.messages import storage as db
from access_center.messages.items import AttachmentItem
from access_center.orders import logic as orders
from access_center.stores.logic import Store

PENDING_SECONDS = 24 * 3600  # as the bucket's lifecycle keeps an upload
UPLOADS_PER_HOUR = 30  # per customer and store


def customer_owner(email: str) -> str:
    return f"customer:{email}"


STORE_OWNER = "store"


def view(item: AttachmentItem | dict[str, Any]) -> dict[str, Any]:
    """An attachment as a message answers it (AttachmentView)."""
    values = item if isinstance(item, dict) else item.attribute_values
    return {
        "attachment_id": values["attachment_id"],
        "filename": values["filename"],
        "content_type": values["content_type"],
        "size": int(values["size"]),
    }


def start_upload(store_id: str, owner: str, filename: str, content_type: str, size: int) -> dict[str, Any]:
    """A pending attachment and the form its file goes up with."""
    if owner != STORE_OWNER:
        rates.throttle(
            "upload",
            f"{store_id}#{owner}",
            UPLOADS_PER_HOUR,
            clock.now(),
            message="You have uploaded many files in the last hour. Try again later.",
        )
    attachment_id = "att_" + secrets.token_hex(12)
    now = clock.now()
    db.create_attachment(
        AttachmentItem(
            db.attachment_key(store_id, attachment_id),
            store_id=store_id,
            attachment_id=attachment_id,
            owner=owner,
            filename=filename,
            content_type=content_type,
            size=size,
            status="pending",
            created_at=clock.iso(now),
            expires=int(now) + PENDING_SECONDS,
        )
    )
    form = files.upload_form(files.upload_key(store_id, attachment_id), content_type, rules.MAX_FILE_BYTES)
    logger.info(
        "Upload form issued", extra={"store_id": store_id, "attachment_id": attachment_id, "by": owner.split(":")[0]}
    )
    return {"attachment_id": attachment_id, "upload": form, "expires_at": clock.iso(now + files.UPLOAD_SECONDS)}


def claim(store_id: str, owner: str, attachment_ids: list[str] | None) -> list[AttachmentItem]:
    """The owner's pending attachments, each checked by its content and copied where attached files
    live (a file that is not what it claims is deleted); Unprocessable naming each one that cannot go
    on. The copy comes first and the upload goes after the message is written (`uploaded`), so a
    message never points at a file that is not there: a failed write leaves only a spare copy."""
    if not attachment_ids:
        return []
    if len(set(attachment_ids)) != len(attachment_ids):
        raise Unprocessable("The same attachment is listed twice.")
    found, refused = [], []
    for attachment_id in attachment_ids:
        item = db.get_attachment(store_id, attachment_id)
        if item is None or item.owner != owner or item.status != "pending":
            refused.append({"attachment_id": attachment_id, "reason": "unknown"})
            continue
        upload = files.upload_key(store_id, attachment_id)
        sampled = files.sample(upload, rules.SNIFF_BYTES)
        if sampled is None:
            refused.append({"attachment_id": attachment_id, "reason": "not_uploaded"})
            continue
        size = sampled.size
        if size > rules.MAX_FILE_BYTES or not rules.is_what_it_claims(item.content_type, sampled.head):
            files.delete(upload)
            refused.append({"attachment_id": attachment_id, "reason": "not_" + item.content_type.split("/")[1]})
            continue
        item.size = size
        found.append(item)
    if refused:
        raise Unprocessable("An attachment cannot go on this message.", details=refused)
    for item in found:
        files.copy(files.upload_key(store_id, item.attachment_id), files.attached_key(store_id, item.attachment_id))
    return found


def uploaded(items: list[AttachmentItem]) -> None:
    """Once their message is written: the uploads are copies now (the lifecycle removes any left)."""
    for item in items:
        files.delete(files.upload_key(item.store_id, item.attachment_id))


def _attached(store_id: str, attachment_id: str) -> AttachmentItem:
    item = db.get_attachment(store_id, attachment_id)
    if item is None or item.status != "attached" or not item.order_id:
        raise NotFound("No such attachment.")
    return item


def _download(item: AttachmentItem) -> str:
    where = {"store_id": item.store_id, "attachment_id": item.attachment_id, "order_id": item.order_id}
    logger.info("Download link issued", extra=where)
    return files.download_url(files.attached_key(item.store_id, item.attachment_id), item.filename, item.content_type)


def download_for_customer(store: Store, email: str, attachment_id: str) -> str:
    """The download link of a file on a message of an order this customer sees (NotFound otherwise)."""
    item = _attached(store.store_id, attachment_id)
    orders.get_for_customer(store.store_id, email, str(item.order_id))
    return _download(item)


def download_for_store(store_id: str, attachment_id: str) -> str:
    return _download(_attached(store_id, attachment_id))
