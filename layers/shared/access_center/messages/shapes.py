"""An order's thread as it travels inside the product, as TypedDicts: a message as the Messages table
keeps it (`StoredMessage`, messages.items.MessageItem's attributes but its keys), as the routes answer
it (`Message`, messages.models.MessageView), an attachment on it (`Attachment`, AttachmentView), an
upload form for one (`AttachmentUpload`), and the message the stream's image is checked into before its
email is written (`Notified`, messages.notices).

Typing only: product modules import this under `if TYPE_CHECKING:`. tests/unit/test_stored_shapes.py
keeps each TypedDict's keys its model's fields (and `StoredMessage`'s the item's attributes)."""

from typing import Literal, NotRequired, TypedDict

from access_center.aws.shapes import UploadForm

Sender = Literal["customer", "store"]


class Attachment(TypedDict):
    """messages.models.AttachmentView: a file on a message, as stored and as answered."""

    attachment_id: str
    filename: str
    content_type: str
    size: int


class StoredMessage(TypedDict):
    """messages.items.MessageItem: one message of a thread, with what its emails need (the order's
    number, the customer), so the stream consumer reads no order."""

    store_id: str
    order_id: str
    order_number: str
    customer_email: str
    customer_name: NotRequired[str]
    message_id: str
    sender: Sender
    body: str
    attachments: list[Attachment]
    sent_at: str
    acted_by: NotRequired[str]  # a company member writing about a colleague's order (API.md section 11)


# messages.models.MessageView: `from` is a keyword, hence the functional form.
Message = TypedDict(
    "Message",
    {
        "message_id": str,
        "from": Sender,
        "body": str,
        "attachments": list[Attachment],
        "sent_at": str,
        "acted_by": NotRequired[str],
    },
)


class Thread(TypedDict):
    """messages.models.MessageList: the thread, oldest first."""

    messages: list[Message]


class AttachmentUpload(TypedDict):
    """messages.models.AttachmentUpload: a pending attachment's id and the form its file goes up with."""

    attachment_id: str
    upload: UploadForm
    expires_at: str


class NamedFile(TypedDict):
    """An attachment as a message's email names it."""

    filename: str


class Notified(TypedDict):
    """A new message's stream image once checked (messages.notices): what its event and email use."""

    store_id: str
    order_id: str
    order_number: str
    customer_email: str
    customer_name: str  # "" where the order has none
    message_id: str
    sender: Sender
    body: str
    sent_at: str
    attachments: list[NamedFile]
    acted_by: NotRequired[str]
