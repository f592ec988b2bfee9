"""What JSON routes of several features answer alike: the error body (access_center.web.errors builds it
as a plain dict) and a browser upload form (access_center.aws.files.upload_form)."""

from typing import Any

from pydantic import Field

from access_center.core.fields import Answer


class ErrorBody(Answer):
    """Every error: a stable code, a sentence for people, and for validation errors the details."""

    error: str = Field(description="bad_request, unauthorized, invalid_code, forbidden, not_found, conflict, ...")
    message: str
    details: list[Any] | None = None


class UploadForm(Answer):
    """An S3 presigned POST: the key, the exact Content-Type and the size range are fixed by its policy."""

    url: str = Field(description="POST the file here as multipart/form-data: `fields` first, then `file`.")
    fields: dict[str, str]
