"""Messages at the edge (API.md section 6): what a customer or a store system writes on an order, and
the message as answered. Bodies are plain text: line breaks kept (CR LF and CR become LF), shown
escaped, never as HTML; other control characters are refused."""

from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, StrictInt

from access_center.core.fields import Answer, Identifier, Strict, Timestamp
from access_center.messages.rules import MAX_BODY_CHARS, MAX_FILE_BYTES, clean_body, clean_filename
from access_center.web.models import UploadForm

MAX_ATTACHMENTS = 5


Body = Annotated[
    str,
    Field(
        min_length=1,
        max_length=2 * MAX_BODY_CHARS,
        description="Plain text, line breaks kept: at most 5,000 characters once trimmed (a CR LF counts as one).",
    ),
    AfterValidator(clean_body),
]
AttachmentIds = Annotated[
    list[Identifier],
    Field(
        max_length=MAX_ATTACHMENTS,
        description="Files uploaded with `POST /store/account/api/attachments` (a customer's) and not yet on a message.",
    ),
]
Sender = Literal["customer", "store"]


class MessageIn(Strict):
    multiline_fields = frozenset({"body"})
    body: Body
    attachment_ids: AttachmentIds | None = None


class AttachmentView(Answer):
    attachment_id: Identifier
    filename: Annotated[str, Field(min_length=1, max_length=255)]
    content_type: str
    size: Annotated[int, Field(ge=0)]


class MessageView(Answer):
    model_config = ConfigDict(serialize_by_alias=True)  # `from` is a keyword: the field is `from_`
    multiline_fields = frozenset({"body"})
    message_id: Identifier
    from_: Sender = Field(alias="from", description="Who wrote it: the customer, or the store.")
    body: str
    attachments: list[AttachmentView]
    sent_at: Timestamp


class MessageList(Answer):
    messages: list[MessageView] = Field(description="Oldest first.")


FileType = Literal["application/pdf", "image/png", "image/jpeg", "text/plain"]


class AttachmentIn(Strict):
    """A file about to be uploaded: its name, type and size as the browser reports them. The upload
    form fixes the type and caps the size; the file's first bytes are checked against the type
    before a message carries it."""

    filename: Annotated[
        str,
        Field(min_length=1, max_length=255, description="Saved under this name on download."),
        AfterValidator(clean_filename),
    ]
    content_type: FileType
    size: Annotated[StrictInt, Field(ge=1, le=MAX_FILE_BYTES, description="Bytes; at most 10 MiB.")]


class AttachmentUpload(Answer):
    attachment_id: Identifier
    upload: UploadForm
    expires_at: Timestamp = Field(description="Upload before this; list `attachment_id` on a message within a day.")
