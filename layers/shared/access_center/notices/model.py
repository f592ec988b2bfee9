"""What a change to a customer's request (RequestsTable) tells the world: the store-system event and the
emails, each sent once per state change. Features that keep requests there (cancellations, returns)
register a builder per `sk` kind; RequestNoticesFunction (the table's stream consumer) decodes each
record into a RequestChange, asks the kind's builder for its notices, and publishes and sends each one
at most once per `Notice.key`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RequestChange:
    """One RequestsTable stream record, decoded: the item before and after (None where absent)."""

    store_id: str
    order_id: str
    sk: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None

    @property
    def kind(self) -> str:
        """`cancellation`, `return`, ...: the part of the sort key before the first `#`."""
        return self.sk.split("#", 1)[0]


@dataclass(frozen=True)
class StoreEvent:
    """Published to the store events bus (access_center.aws.events); `detail` always has `store_id`."""

    detail_type: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class EmailNotice:
    """One email: templates/email/{template}.html and .txt rendered with `context` for one recipient,
    from the store's sending identity (access_center.stores.sender)."""

    to: str
    template: str
    subject: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Notice:
    """Everything one state change tells: `key` is unique per change (e.g. store, order, request, new
    state), so a replayed stream record publishes and sends nothing twice."""

    key: str
    store_id: str
    event: StoreEvent | None = None
    emails: tuple[EmailNotice, ...] = ()


NoticeBuilder = Callable[[RequestChange], list[Notice]]
BUILDERS: dict[str, NoticeBuilder] = {}


def register(kind: str, build: NoticeBuilder) -> None:
    """A feature's builder for the request items whose sort key starts with `{kind}#`."""
    BUILDERS[kind] = build
