"""The files bucket for the local server and the tests: the template's buckets created in moto, and
`/_dev/s3/...`, where browsers upload with the presigned POSTs and download with the presigned GETs
the product signs (FILES_PUBLIC_ENDPOINT points its signer here).

What S3 itself enforces on those URLs is enforced here too, so a page that works locally is not
relying on something S3 would refuse: the POST's policy (its expiry, the fixed key, the exact
`Content-Type`, the size range) and the GET's expiry; `response-content-disposition` and
`response-content-type` are answered as S3 answers them. As S3 does, it also answers only at its own
endpoint (the Host of FILES_PUBLIC_ENDPOINT), checks each SigV4 signature (the POST policy's, the GET's
query signature) against the credentials the functions sign with, and refuses a form field the policy
does not name, so a test catches here what S3 would refuse.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from devtools import template
from devtools.emulator.gateway import Reply

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


# Form fields S3 does not require a policy condition for (plus any `x-ignore-` one).
_UNCONDITIONED = frozenset({"policy", "x-amz-signature", "file"})


def _signing_key(credential: str) -> tuple[bytes, str] | None:
    """The SigV4 key for `credential` (`{access key}/{date}/{region}/s3/aws4_request`) and its scope,
    when the access key is the one the functions sign with; None otherwise."""
    parts = credential.split("/")
    if len(parts) != 5 or parts[0] != os.environ.get("AWS_ACCESS_KEY_ID") or parts[3:] != ["s3", "aws4_request"]:
        return None
    key = ("AWS4" + os.environ.get("AWS_SECRET_ACCESS_KEY", "")).encode()
    for part in parts[1:]:
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key, "/".join(parts[1:])


def _signed(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def _post_refusal(fields: dict[str, str]) -> str | None:
    """Why S3 would refuse the form before its policy's conditions: a bad signature, or a field the
    policy does not name."""
    found = _signing_key(fields.get("x-amz-credential", ""))
    if found is None or not hmac.compare_digest(
        _signed(found[0], fields.get("policy", "")), fields.get("x-amz-signature", "")
    ):
        return "The request signature we calculated does not match the signature you provided."
    policy = json.loads(base64.b64decode(fields["policy"]))
    named = set()
    for condition in policy.get("conditions", []):
        if isinstance(condition, dict):
            named.update(name.lower() for name in condition)
        elif condition[0] in ("eq", "starts-with"):
            named.add(str(condition[1]).lstrip("$").lower())
    for name in fields:
        lowered = name.lower()
        if lowered not in _UNCONDITIONED and not lowered.startswith("x-ignore-") and lowered not in named:
            return f"Invalid according to Policy: Extra input fields: {name}"
    return None


def _get_refusal(path: str, query: str, host: str) -> str | None:
    """Why S3 would refuse a presigned GET's signature (SigV4, query form, host the only signed header)."""
    params = parse_qs(query, keep_blank_values=True)
    given = params.pop("X-Amz-Signature", [""])[0]
    found = _signing_key(params.get("X-Amz-Credential", [""])[0])
    if found is None or params.get("X-Amz-SignedHeaders", [""])[0] != "host":
        return "The request signature we calculated does not match the signature you provided."
    canonical_query = "&".join(
        f"{quote(name, safe='-_.~')}={quote(value, safe='-_.~')}"
        for name, values in sorted(params.items())
        for value in values
    )
    canonical = "\n".join(["GET", path, canonical_query, f"host:{host}", "", "host", "UNSIGNED-PAYLOAD"])
    to_sign = "\n".join(
        [
            "AWS4-HMAC-SHA256",
            params.get("X-Amz-Date", [""])[0],
            found[1],
            hashlib.sha256(canonical.encode()).hexdigest(),
        ]
    )
    if not hmac.compare_digest(_signed(found[0], to_sign), given):
        return "The request signature we calculated does not match the signature you provided."
    return None


def _endpoint_host() -> str | None:
    endpoint = os.environ.get("FILES_PUBLIC_ENDPOINT")
    return urlsplit(endpoint).netloc if endpoint else None


def handle(method: str, target: str, headers: dict[str, str], body: bytes, s3: Any) -> Reply:
    """One browser request to /_dev/s3/{bucket}[/{key}] (path-style, as the signer addresses it)."""
    path, _, query = target.partition("?")
    bucket, _, key = unquote(path[len(PREFIX) :]).partition("/")
    cors = [("Access-Control-Allow-Origin", "*")]
    if method == "OPTIONS":  # a browser's preflight of the upload
        allow = [("Access-Control-Allow-Methods", "POST"), ("Access-Control-Allow-Headers", "*")]
        return Reply(200, cors + allow, b"")
    now = datetime.now(UTC)
    host = headers.get("host", "")
    if _endpoint_host() and host != _endpoint_host():  # S3 answers at its own endpoint only
        return _error(400, "InvalidHost", f"This endpoint answers as {_endpoint_host()}, not {host}.")
    if method == "POST" and not key:
        fields, file = _form_parts(headers.get("content-type", ""), body)
        if file is None or "key" not in fields:
            return _error(400, "InvalidArgument", "A POST upload needs its fields and then a file.")
        signature = _post_refusal(fields)
        if signature:
            return _error(403, "AccessDenied", signature)
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
        signature = _get_refusal(path, query, host)
        if signature:
            return _error(403, "SignatureDoesNotMatch", signature)
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
