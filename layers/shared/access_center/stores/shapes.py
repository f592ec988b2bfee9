"""The domain answer as the code passes it (API.md section 14), kept in step with stores.domain_models.DomainOut
by tests/unit/test_stored_shapes.py."""

from typing import Literal, NotRequired, TypedDict

DomainStatus = Literal["pending", "active", "failed"]


class DnsRecord(TypedDict):
    name: str
    type: str
    value: str


class DomainValidation(TypedDict):
    url: str
    redirect_to: str


class DomainAnswer(TypedDict):
    store_id: str
    domain: str
    path_prefix: str
    url: str | None
    status: DomainStatus
    message: NotRequired[str]
    dns_records: list[DnsRecord]
    validation: NotRequired[DomainValidation]
    dns_target: str | None
    dns_target_zone_id: str | None
