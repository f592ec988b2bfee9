"""The files bucket for the local server and the tests: the template's buckets created in moto, and
`/_dev/s3/...`, where browsers upload with the presigned POSTs and download with the presigned GETs
the product signs (FILES_PUBLIC_ENDPOINT points its signer here).

What S3 itself enforces on those URLs is enforced here too, so a page that works locally is not
relying on something S3 would refuse: the POST's policy (its expiry, the fixed key, the exact
`Content-Type`, the size range) and the GET's expiry; `response-content-disposition` and
`response-content-type` are answered as S3 answers them. Signatures are not checked (nothing here is
reachable from another machine, and moto does not check them either).
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qs, unquote

from devtools import template
from devtools.gateway import Reply

PREFIX = "/_dev/s3/"
MAX_UPLOAD_BODY = 11 * 1024 * 1024  # a 10 MiB file and its form fields


def create_buckets(client: Any, spec: dict[str, Any] | None = None) -> None:
    """Every AWS::S3::Bucket of the template, under its local name (devtools.template.bucket_name)."""
    for logical_id in template.resources(spec or template.load(), "AWS::S3::Bucket"):
        client.create_bucket(Bucket=template.bucket_name(logical_id))


def _error(status: int, code: str, message: str) -> Reply:
    body = f"<Error><Code>{code}</Code><Message>{message}</Message></Error>".encode()
    return Reply(status, [("Content-Type", "application/xml"), ("Access-Control-Allow-Origin", "*")], body)


def _form_parts(content_type: str, body: bytes) -> tuple[dict[str, str], bytes | None]:
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    fields: dict[str, str] = {}
    file: bytes | None = None
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name == "file":
            file = part.get_payload(decode=True) or b""
            break  # S3 ignores what follows the file
        if isinstance(name, str):
            fields[name] = (part.get_payload(decode=True) or b"").decode()
    return fields, file


def _policy_refusal(fields: dict[str, str], key: str, size: int, now: datetime) -> str | None:
    try:
        policy = json.loads(base64.b64decode(fields["policy"]))
    except (KeyError, ValueError):
        return "the form has no readable policy"
    if datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00")) < now:
        return "the policy has expired"
    for condition in policy.get("conditions", []):
        if isinstance(condition, dict):
            ((name, value),) = condition.items()
            given = key if name == "key" else fields.get(name)
            if name != "bucket" and given != value:
                return f"{name} is not what the policy fixes"
        elif condition[0] == "content-length-range" and not condition[1] <= size <= condition[2]:
            return "the file's size is outside the policy's range"
        elif condition[0] == "starts-with" and not str(fields.get(condition[1].lstrip("$"), "")).startswith(
            condition[2]
        ):
            return f"{condition[1]} does not start as the policy says"
    return None


def handle(method: str, target: str, headers: dict[str, str], body: bytes, s3: Any) -> Reply:
    """One browser request to /_dev/s3/{bucket}[/{key}] (path-style, as the signer addresses it)."""
    path, _, query = target.partition("?")
    bucket, _, key = unquote(path[len(PREFIX) :]).partition("/")
    cors = [("Access-Control-Allow-Origin", "*")]
    if method == "OPTIONS":  # a browser's preflight of the upload
        allow = [("Access-Control-Allow-Methods", "POST"), ("Access-Control-Allow-Headers", "*")]
        return Reply(200, cors + allow, b"")
    now = datetime.now(UTC)
    if method == "POST" and not key:
        fields, file = _form_parts(headers.get("content-type", ""), body)
        if file is None or "key" not in fields:
            return _error(400, "InvalidArgument", "A POST upload needs its fields and then a file.")
        refusal = _policy_refusal(fields, fields["key"], len(file), now)
        if refusal:
            return _error(403, "AccessDenied", f"Invalid according to Policy: {refusal}.")
        s3.put_object(Bucket=bucket, Key=fields["key"], Body=file, ContentType=fields.get("Content-Type", ""))
        return Reply(204, cors, b"")
    if method in ("GET", "HEAD") and key:
        params = {name: values[0] for name, values in parse_qs(query).items()}
        signed = params.get("X-Amz-Date")
        if not signed:
            return _error(403, "AccessDenied", "Only presigned links are served here.")
        issued = datetime.strptime(signed, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        if (now - issued).total_seconds() > int(params.get("X-Amz-Expires", "0")):
            return _error(403, "AccessDenied", "Request has expired")
        try:
            found = s3.get_object(Bucket=bucket, Key=key)
        except s3.exceptions.NoSuchKey:
            return _error(404, "NoSuchKey", "The specified key does not exist.")
        answer = [("Content-Type", params.get("response-content-type") or found.get("ContentType", ""))]
        if "response-content-disposition" in params:
            answer.append(("Content-Disposition", params["response-content-disposition"]))
        answer.append(("X-Content-Type-Options", "nosniff"))
        return Reply(200, answer, found["Body"].read())
    return _error(405, "MethodNotAllowed", "Uploads are POSTs to the bucket, downloads presigned GETs.")
