"""Files on messages: an upload form per file (a presigned POST fixing key, type and size), checked by
its content before a message carries it, downloaded only by the order's customer and its store through
a short-lived link that forces a download (never served from the store's domain).

Owners: a customer's uploads (`customer:{email}`) go on that customer's messages only, a store's
(`store`) on the store's; anyone else's id, a used one or one never uploaded is 422 on the message."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, NoReturn

from access_center.aws import files
from access_center.core import clock, i18n
from access_center.core.errors import BadRequest, NotFound, Unprocessable
from access_center.core.i18n import N_
from access_center.core.observability import logger
from access_center.db import rates
from access_center.messages import rules
from access_center.messages import storage as db
from access_center.messages.items import AttachmentItem
from access_center.orders import logic as orders
from access_center.stores.logic import Store
from access_center.web.locales import format_list

if TYPE_CHECKING:
    from access_center.messages.shapes import Attachment, AttachmentUpload
    from access_center.orders.acting import Viewer

PENDING_SECONDS = 24 * 3600  # as the bucket's lifecycle keeps an upload
UPLOADS_PER_HOUR = 30  # per customer and store


def customer_owner(email: str) -> str:
    return f"customer:{email}"


STORE_OWNER = "store"


def view(item: AttachmentItem | Attachment) -> Attachment:
    """An attachment as a message answers it (AttachmentView)."""
    values = item if isinstance(item, dict) else item.attribute_values
    return {
        "attachment_id": values["attachment_id"],
        "filename": values["filename"],
        "content_type": values["content_type"],
        "size": int(values["size"]),
    }


def start_for_customer(store: Store, email: str, filename: str, content_type: str, size: int) -> AttachmentUpload:
    """A customer's upload form: only where the store takes messages (a file can go nowhere else)."""
    why = rules.refused(store)
    if why is not None:
        raise why
    return start_upload(store.store_id, customer_owner(email), filename, content_type, size)


def check_file(filename: str, content_type: str, size: int) -> None:
    """BadRequest naming the file and saying what is wrong with its type or size."""
    if content_type not in rules.CONTENT_TYPES:
        raise BadRequest(
            N_("%(filename)s cannot be attached: only PDF, PNG, JPEG and plain text files can."),
            filename=filename,
            details=[{"field": "content_type", "filename": filename, "reason": "type"}],
        )
    if size > rules.MAX_FILE_BYTES:
        raise BadRequest(
            N_("%(filename)s is %(size)s: a file can be at most %(most)s."),
            filename=filename,
            size=rules.megabytes(size),
            most=rules.megabytes(rules.MAX_FILE_BYTES),
            details=[{"field": "size", "filename": filename, "reason": "too_large"}],
        )
    if size < 1:
        raise BadRequest(
            N_("%(filename)s is empty."),
            filename=filename,
            details=[{"field": "size", "filename": filename, "reason": "empty"}],
        )


def start_upload(store_id: str, owner: str, filename: str, content_type: str, size: int) -> AttachmentUpload:
    """A pending attachment and the form its file goes up with. The name it is saved under ends in
    its type's extension: a message carries it only once its content is checked to be of that type."""
    check_file(filename, content_type, size)
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
            filename=rules.named_as(filename, content_type),
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


# One whole sentence per reason (`not_<subtype>`: the content is not of its declared type), so that a
# translation may put the file's name anywhere.
_WHY = {
    "unknown": N_("%(filename)s is not a file you uploaded for a message, or is already on one."),
    "not_uploaded": N_("%(filename)s did not finish uploading (or the upload expired): attach it again."),
    "not_pdf": N_(
        "%(filename)s is not a PDF: its content is something else. Attach it as the kind of file it really is."
    ),
    "not_png": N_(
        "%(filename)s is not a PNG image: its content is something else. Attach it as the kind of file it really is."
    ),
    "not_jpeg": N_(
        "%(filename)s is not a JPEG image: its content is something else. Attach it as the kind of file it really is."
    ),
    "not_plain": N_(
        "%(filename)s is not plain text: its content is something else. Attach it as the kind of file it really is."
    ),
}


def _refused(attachment_id: str, reason: str, item: AttachmentItem | None = None) -> dict[str, str]:
    """A refused attachment as `details` lists it, with a sentence naming the file (in the current language:
    `details` are read as they are)."""
    name = str(item.filename) if item is not None else attachment_id
    message = i18n.translate(_WHY[reason], i18n.current_language(), filename=name)
    return {"attachment_id": attachment_id, "filename": name, "reason": reason, "message": message}


def _raise_refused(refused: list[dict[str, str]]) -> NoReturn:
    """Unprocessable: one file's own sentence, or for several their names (`details` says each one's why)."""
    if len(refused) == 1:
        raise Unprocessable(_WHY[refused[0]["reason"]], filename=refused[0]["filename"], details=refused)
    names = format_list([r["filename"] for r in refused], i18n.current_language().split("-")[0])
    raise Unprocessable(
        N_("These files cannot be attached: %(names)s. Each one's reason is in details."), names=names, details=refused
    )


def _is_what_it_claims(upload: str, content_type: str, head: bytes) -> bool:
    if content_type == "text/plain":  # text is text all the way through, not only its start
        return rules.is_plain_text(files.stream(upload))
    return rules.is_what_it_claims(content_type, head)


def claim(store_id: str, owner: str, attachment_ids: list[str] | None) -> list[AttachmentItem]:
    """The owner's pending attachments, each checked by its content and copied where attached files
    live (a file that is not what it claims is deleted); Unprocessable naming each one that cannot go
    on, and why. The copy comes first and the upload goes after the message is written (`uploaded`), so
    a message never points at a file that is not there: a failed write leaves only a spare copy."""
    if not attachment_ids:
        return []
    if len(attachment_ids) > rules.MAX_ATTACHMENTS:
        raise BadRequest(
            N_("A message can carry at most %(most)s files; this one has %(count)s."),
            most=rules.MAX_ATTACHMENTS,
            count=len(attachment_ids),
            details=[{"field": "attachment_ids", "reason": "too_many"}],
        )
    if len(set(attachment_ids)) != len(attachment_ids):
        raise Unprocessable(N_("The same attachment is listed twice."))
    found: list[AttachmentItem] = []
    refused: list[dict[str, str]] = []
    for attachment_id in attachment_ids:
        item = db.get_attachment(store_id, attachment_id)
        if item is None or item.owner != owner or item.status != "pending":
            refused.append(_refused(attachment_id, "unknown"))
            continue
        upload = files.upload_key(store_id, attachment_id)
        sampled = files.sample(upload, rules.SNIFF_BYTES)
        if sampled is None:
            refused.append(_refused(attachment_id, "not_uploaded", item))
            continue
        if sampled.size > rules.MAX_FILE_BYTES or not _is_what_it_claims(upload, item.content_type, sampled.head):
            files.delete(upload)
            refused.append(_refused(attachment_id, "not_" + item.content_type.split("/")[1], item))
            continue
        item.size = sampled.size
        found.append(item)
    if refused:
        _raise_refused(refused)
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
        raise NotFound(N_("No such attachment."))
    return item


def _download(item: AttachmentItem) -> str:
    where = {"store_id": item.store_id, "attachment_id": item.attachment_id, "order_id": item.order_id}
    logger.info("Download link issued", extra=where)
    return files.download_url(files.attached_key(item.store_id, item.attachment_id), item.filename, item.content_type)


def download_for_customer(viewer: Viewer, attachment_id: str) -> str:
    """The download link of a file on a message of an order this customer sees (NotFound otherwise):
    whoever may see the order may read its attachments (API.md section 11)."""
    item = _attached(viewer.store_id, attachment_id)
    orders.get_for_customer(viewer, str(item.order_id))
    return _download(item)


def download_for_store(store_id: str, attachment_id: str) -> str:
    return _download(_attached(store_id, attachment_id))
