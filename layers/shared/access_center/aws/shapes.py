"""What the AWS helpers hand back to the routes, as TypedDicts: an upload form (aws.files.upload_form,
what web.models.UploadForm describes). Typing only, imported under `if TYPE_CHECKING:`;
tests/unit/test_stored_shapes.py keeps the keys the model's fields."""

from typing import TypedDict


class UploadForm(TypedDict):
    """web.models.UploadForm: an S3 presigned POST (where to post, and the fields to post first)."""

    url: str
    fields: dict[str, str]
