"""The contact form at the edge (API.md section 12): what a visitor or a signed-in customer sends, and the
answer. The subject is one line (CR, LF and every other control character are refused: it becomes part of
the store's email subject, a header); the body is plain text with its line breaks."""

from typing import Annotated, Literal

from pydantic import Field

from access_center.core.fields import Answer, Email, Identifier, Strict

MAX_SUBJECT = 200
MAX_BODY = 5000

Subject = Annotated[str, Field(min_length=1, max_length=MAX_SUBJECT, description="One line, at most 200 characters.")]
Body = Annotated[
    str,
    Field(
        min_length=1,
        max_length=MAX_BODY,
        description="Plain text, line breaks kept: at most 5,000 characters once trimmed (a CR LF counts as one).",
    ),
]


class ContactIn(Strict):
    """A message for the store. Signed in, it goes from the session's email: `email` may be left out or
    name that same email (any other is 422); signed out, `email` is required and is where the store
    replies (nothing is ever sent to it). `order_id` only signed in, and only an order the customer sees."""

    multiline_fields = frozenset({"body"})
    subject: Subject
    body: Body
    email: Email | None = Field(default=None, description="Signed out: required, the address the store replies to.")
    order_id: Identifier | None = Field(
        default=None, description="Signed in only: one of the customer's orders, named in the store's email."
    )


class ContactSent(Answer):
    status: Literal["sent"] = Field(description="Accepted: the store's support address is emailed shortly.")
