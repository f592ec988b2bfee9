"""Messages at the edge (API.md section 6): what a customer or a store system writes on an order, and
the message as answered. Bodies are plain text: line breaks kept (CR LF and CR become LF), shown
escaped, never as HTML; other control characters are refused."""

from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, StrictInt

from access_center.core.fields import Answer, Email, Identifier, Strict, Timestamp
from access_center.messages.rules import (
    CONTENT_TYPES,
    MAX_ATTACHMENTS,
    MAX_BODY_CHARS,
    MAX_FILE_BYTES,
    clean_body,
    clean_filename,
)
from access_center.web.models import UploadForm

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
        # Documented, and checked by messages.attachments.claim, which says how many there are in words.
        json_schema_extra={"maxItems": MAX_ATTACHMENTS},
        description=(
            "Files uploaded with `POST /store/account/api/attachments` (a customer's) and not yet on a message;"
            f" at most {MAX_ATTACHMENTS}."
        ),
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
    acted_by: Email | None = Field(
        default=None,
        description="The company member who wrote, where it was not the order's buyer.",
    )


class MessageList(Answer):
    messages: list[MessageView] = Field(description="Oldest first.")


class AttachmentIn(Strict):
    """A file about to be uploaded: its name, type and size as the browser reports them. The upload
    form fixes the type and caps the size; the file's content is checked against the type before a
    message carries it. A type or size that cannot be is refused by messages.attachments with a
    message naming the file (not here, where the answer could only be "the request is not valid")."""

    # The name's control and bidi characters are removed by clean_filename rather than refused.
    cleaned_fields = frozenset({"filename"})
    filename: Annotated[
        str,
        Field(
            min_length=1,
            max_length=255,
            description=(
                "Saved under this name on download, without control or bidi characters and ending in the extension"
                " of `content_type`."
            ),
        ),
        AfterValidator(clean_filename),
    ]
    content_type: Annotated[
        str, Field(max_length=255, json_schema_extra={"enum": list(CONTENT_TYPES)}, description="The file's type.")
    ]
    size: Annotated[
        StrictInt,
        Field(json_schema_extra={"minimum": 1, "maximum": MAX_FILE_BYTES}, description="Bytes; at most 10 MiB."),
    ]


class AttachmentUpload(Answer):
    attachment_id: Identifier
    upload: UploadForm
    expires_at: Timestamp = Field(description="Upload before this; list `attachment_id` on a message within a day.")
