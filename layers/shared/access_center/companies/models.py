"""Companies at the edge (API.md section 11): what a store system pushes, and a company as the store and
as a member are answered."""

from typing import Annotated, Self

from pydantic import Field, model_validator

from access_center.companies.rules import Role
from access_center.core.fields import Answer, Email, Identifier, Strict

# One transaction writes the company and every membership that changes: replacing every member by new
# ones is 2 x 49 + 1 writes, inside DynamoDB's 100 per transaction.
MAX_MEMBERS = 49

CompanyName = Annotated[str, Field(min_length=1, max_length=200)]


class MemberIn(Strict):
    email: Email
    role: Role = Field(description="`buyer`, `manager`, `finance` or `admin`.")


class CompanyIn(Strict):
    name: CompanyName
    members: Annotated[list[MemberIn], Field(max_length=MAX_MEMBERS)] = Field(
        default_factory=list, description=f"Replaces the member list; at most {MAX_MEMBERS}, each email once."
    )

    @model_validator(mode="after")
    def _each_email_once(self) -> Self:
        emails = [member.email for member in self.members]
        if len(set(emails)) != len(emails):
            raise ValueError("each member's email must appear once")
        return self


class Member(Answer):
    email: Email
    role: Role


class CompanyView(Answer):
    """A company as its store's systems read it back."""

    company_id: Identifier
    name: str
    members: list[Member] = Field(description="By email.")


class MyCompany(Answer):
    """The signed-in customer's company, as they may see it."""

    company_id: Identifier
    name: str
    role: Role
    members: list[Member] | None = Field(default=None, description="For an `admin` only, by email.")
