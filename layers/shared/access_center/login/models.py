"""Login at the edge: asking for a one-time code, trading it for a session, and what those routes answer.

Codes, their counters and sessions are stored in PynamoDB items (access_center.login.items), not in
these models: these describe only what crosses the HTTP edge.
"""

from typing import Annotated, Literal

from pydantic import Field

from access_center.core.fields import Answer, Email, Strict


class CodeRequest(Strict):
    email: Email


class CodeCheck(CodeRequest):
    code: Annotated[str, Field(max_length=32)]


class CodeSent(Answer):
    status: Literal["sent"]


class Customer(Answer):
    email: Email
    name: str = Field(description="The first-created contact's name at this store; may be empty.")


class Verified(Answer):
    customer: Customer
