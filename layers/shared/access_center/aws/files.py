"""The files bucket (S3): the only code that talks to it. Message attachments go up straight from the
browser with a presigned POST, are checked here before they are attached, and come down through
short-lived presigned GETs that force a download; invoice documents are put here by the store API.

Keys (the template's IAM grants each function only its prefixes):
- `uploads/{store_id}/{attachment_id}`: what a browser or store system uploaded; expired by the bucket's
  lifecycle after a day; attaching copies it to `attached/` and then deletes it here;
- `attached/{store_id}/{attachment_id}`: the file of a message;
- `invoices/{store_id}/{invoice_id}.pdf`: an invoice's document;
- `exports/{store_id}/{export_id}.json`: a customer's privacy export (a random id, never the email);
  expired by the bucket's lifecycle after a day.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from access_center.core.config import settings
from access_center.core.timeouts import budget

if TYPE_CHECKING:
    from access_center.aws.shapes import UploadForm

UPLOAD_SECONDS = 600  # an upload form's life
DOWNLOAD_SECONDS = 300  # a download link's life


@cache
def _s3() -> Any:
    """For the calls this code makes; created on first use, once per container."""
    import boto3

    return boto3.client("s3", region_name=settings().region, config=budget("s3").client_config())


@cache
def _signer() -> Any:
    """For the URLs browsers use: the bucket's regional virtual-hosted name in AWS (what the pages'
    Content-Security-Policy allows), the local server's /_dev/s3 locally. Signing makes no call."""
    import boto3
    from botocore.config import Config

    cfg = settings()
    if cfg.files_public_endpoint:
        config = Config(signature_version="s3v4", s3={"addressing_style": "path"})
        return boto3.client("s3", region_name=cfg.region, endpoint_url=cfg.files_public_endpoint, config=config)
    config = Config(signature_version="s3v4", s3={"addressing_style": "virtual"})
    endpoint = f"https://s3.{cfg.region}.amazonaws.com"
    return boto3.client("s3", region_name=cfg.region, endpoint_url=endpoint, config=config)


def browser_origin() -> str:
    """Where browsers send uploads (for the pages' connect-src)."""
    cfg = settings()
    if cfg.files_public_endpoint:
        parts = urlsplit(cfg.files_public_endpoint)
        return f"{parts.scheme}://{parts.netloc}"
    return f"https://{cfg.files_bucket}.s3.{cfg.region}.amazonaws.com"


def upload_key(store_id: str, attachment_id: str) -> str:
    return f"uploads/{store_id}/{attachment_id}"


def attached_key(store_id: str, attachment_id: str) -> str:
    return f"attached/{store_id}/{attachment_id}"


def upload_form(key: str, content_type: str, max_bytes: int) -> UploadForm:
    """A presigned POST for exactly this key, this content type and at most `max_bytes`."""
    form: dict[str, Any] = _signer().generate_presigned_post(
        Bucket=settings().files_bucket,
        Key=key,
        Fields={"Content-Type": content_type},
        Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, max_bytes]],
        ExpiresIn=UPLOAD_SECONDS,
    )
    return {"url": form["url"], "fields": form["fields"]}


@dataclass(frozen=True)
class Sample:
    size: int  # the whole object's, in bytes
    head: bytes  # its first bytes (all of it when smaller than asked)


def sample(key: str, count: int) -> Sample | None:
    """The object's size and first `count` bytes, in one ranged GET (its Content-Range says the size);
    None when there is none (never uploaded, or expired)."""
    from botocore.exceptions import ClientError

    try:
        answer = _s3().get_object(Bucket=settings().files_bucket, Key=key, Range=f"bytes=0-{count - 1}")
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code")
        if code in ("404", "NoSuchKey", "NotFound"):
            return None
        if code == "InvalidRange":  # no byte 0: an empty object
            return Sample(0, b"")
        raise
    data: bytes = answer["Body"].read()
    whole = str(answer.get("ContentRange") or "").rpartition("/")[2]
    return Sample(int(whole) if whole.isdigit() else int(answer["ContentLength"]), data)


def stream(key: str, chunk: int = 256 * 1024) -> Iterator[bytes]:
    """The whole object in chunks (one GET, read as it comes: a 10 MiB file is never held at once)."""
    body = _s3().get_object(Bucket=settings().files_bucket, Key=key)["Body"]
    try:
        yield from body.iter_chunks(chunk)
    finally:
        body.close()


def first_bytes(key: str, count: int) -> bytes | None:
    """The object's first `count` bytes; None when there is none."""
    found = sample(key, count)
    return found.head if found else None


def copy(source: str, target: str) -> None:
    bucket = settings().files_bucket
    _s3().copy_object(Bucket=bucket, Key=target, CopySource={"Bucket": bucket, "Key": source})


def delete(key: str) -> None:
    _s3().delete_object(Bucket=settings().files_bucket, Key=key)


def put(key: str, body: bytes, content_type: str) -> None:
    _s3().put_object(Bucket=settings().files_bucket, Key=key, Body=body, ContentType=content_type)


def export_key(store_id: str, export_id: str) -> str:
    return f"exports/{store_id}/{export_id}.json"


def put_file(key: str, body: IO[bytes], content_type: str) -> None:
    """Upload a file of any size from disk (a multipart upload past 8 MiB: memory stays bounded)."""
    _s3().upload_fileobj(body, settings().files_bucket, key, ExtraArgs={"ContentType": content_type})


def download_url(key: str, filename: str, content_type: str) -> str:
    """A presigned GET valid DOWNLOAD_SECONDS that makes the browser save the file under its name
    (`Content-Disposition: attachment`, RFC 6266 with an ASCII fallback) rather than show it."""
    fallback = "".join(c if c.isascii() and (c.isalnum() or c in "._- ") else "_" for c in filename) or "file"
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
    url: str = _signer().generate_presigned_url(
        "get_object",
        Params={
            "Bucket": settings().files_bucket,
            "Key": key,
            "ResponseContentDisposition": disposition,
            "ResponseContentType": content_type,
        },
        ExpiresIn=DOWNLOAD_SECONDS,
    )
    return url
