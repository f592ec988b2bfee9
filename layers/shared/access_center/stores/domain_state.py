"""What a way of serving store domains (stores.tenant_domains, stores.gateway_domains) tells
stores.domains: the state of one domain, and why a step failed, in words of its own (no boto3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from access_center.stores.shapes import DnsRecord, DomainStatus, DomainValidation

FailureKind = Literal["refused", "taken", "raced", "throttled", "unreachable"]


@dataclass(frozen=True)
class DomainState:
    status: DomainStatus
    dns_records: list[DnsRecord] = field(default_factory=list)
    message: str | None = None
    validation: DomainValidation | None = None
    dns_target: str | None = None
    dns_target_zone_id: str | None = None


class StepFailed(Exception):
    """A step at AWS failed: `refused` (the request cannot work as given), `taken` (not ours), `raced`
    (changed meanwhile), `throttled`, or `unreachable` (failed or timed out: the same request can be sent
    again)."""

    def __init__(self, kind: FailureKind, message: str) -> None:
        super().__init__(message)
        self.kind: FailureKind = kind
        self.message = message
