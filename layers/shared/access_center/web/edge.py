"""Who is asking: the host the viewer asked for and the address the platform's edge saw, per request.

Behind the platform's CloudFront distribution (StoreEdgeDistribution, infra/template.yaml) every request
reaches API Gateway with the API's own name as `Host` and an edge server as its source address. The
distribution carries what the viewer sent in two headers: `X-Viewer-Host` (its viewer-request function
copies the viewer's Host) and `CloudFront-Viewer-Address` (`ip:port`), and adds `X-Origin-Secret`, the
value of the EdgeOriginSecret secret. Anyone can send those headers straight to API Gateway, so they
count only when `X-Origin-Secret` matches the secret (constant time); otherwise, and wherever no edge
secret is configured (locally, in the tests), `Host` and the API's source address count, as the
socket's peer address does locally (devtools/emulator).

A store's own proxy in front of the edge is the stores layer's (access_center.stores.requests): with
the store's proxy secret, `forwarded_customer` picks the customer out of `X-Forwarded-For`.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
from collections.abc import Mapping
from functools import cache
from typing import NamedTuple

from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEvent

from access_center.core.config import settings
from access_center.core.errors import Forbidden, Unavailable
from access_center.core.i18n import N_

ORIGIN_SECRET = "x-origin-secret"  # noqa: S105 (a header's name)
VIEWER_HOST = "x-viewer-host"
VIEWER_ADDRESS = "cloudfront-viewer-address"
FORWARDED_FOR = "x-forwarded-for"

# A host as a Host header names it: a DNS name or an IPv4 address, or an IPv6 literal in brackets, with
# an optional port. Anything else (a comma, a space, a CR or LF, a path) is not a host.
_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9.])?|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?")
_PORT = re.compile(r"[0-9]{1,5}")
# The longest a header we read can usefully be: a secret (EdgeOriginSecret is 64 characters), an
# address with its port. Longer values are refused before any work is done on them.
_MAX_SECRET = 256
_MAX_ADDRESS = 64
# X-Forwarded-For entries read from the right: the hops' own appends and the one the proxy wrote.
_FORWARDED_READ = 4


class Viewer(NamedTuple):
    host: str  # the Host the viewer asked for, as sent (port and all)
    address: str  # the address the edge saw, in its canonical form
    from_edge: bool  # whether the platform's edge vouched for both
    source: str  # the address API Gateway was reached from (the edge server, behind the edge)


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    """A header by its lower-case name, whatever case the event carries it in."""
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return value
    return None


@cache
def _edge_secret() -> bytes | None:
    """EdgeOriginSecret's value, read once per container, on the first request that presents one.
    Secrets Manager throttling or unreachable is a 503 with Retry-After, as for every AWS call."""
    arn = settings().edge_secret_arn
    if not arn:
        return None
    from aws_lambda_powertools.utilities.parameters.exceptions import GetParameterError

    from access_center.aws.transient import is_transient
    from access_center.core.keys import read_secret  # only where the edge presents its secret

    try:
        return read_secret(arn).encode()
    except GetParameterError as error:  # Powertools wraps the botocore error it caught
        if is_transient(error.__context__):
            raise Unavailable(N_("The service is busy. Retry in a moment."), retry_after=1) from error
        raise


def is_edge_secret(presented: str | None) -> bool:
    """Whether `presented` is the edge's secret. Constant time (hmac.compare_digest): the time taken says
    nothing about how much of a guess was right. No secret configured: nothing is."""
    if not presented or len(presented) > _MAX_SECRET or settings().edge_secret_arn is None:
        return False
    secret = _edge_secret()
    return secret is not None and hmac.compare_digest(presented.encode(), secret)


def from_edge(headers: Mapping[str, str] | None) -> bool:
    """Whether this request came through the platform's edge (its origin secret matches)."""
    return is_edge_secret(_header(headers, ORIGIN_SECRET))


def parse_host(value: str | None) -> str | None:
    """A Host-like header's value if it is one host (with an optional port), else None."""
    if value is None or not _HOST.fullmatch(value):
        return None
    return value


def parse_ip(value: str) -> str | None:
    """An IP address, canonical (IPv6 compressed and lower-case, IPv4-mapped IPv6 as IPv4), or None.
    No zone ids (`fe80::1%eth0`): no viewer on the internet has one."""
    if "%" in value:
        return None
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(address)


def _port(value: str) -> bool:
    return bool(_PORT.fullmatch(value)) and int(value) <= 65535


def parse_socket_address(value: str | None) -> str | None:
    """The IP of an `ip:port` value, or None. CloudFront-Viewer-Address writes IPv4 as `1.2.3.4:5678`
    and IPv6 unbracketed, the port after the last colon (`2001:db8::1:5678`); `[2001:db8::1]:5678` is
    read too. The port is required: a value without one is not CloudFront's."""
    if value is None or len(value) > _MAX_ADDRESS:
        return None
    if value.startswith("["):
        inside, bracket, port = value[1:].partition("]:")
        return parse_ip(inside) if bracket and ":" in inside and _port(port) else None
    ip, colon, port = value.rpartition(":")
    if not colon or not _port(port):
        return None
    return parse_ip(ip)


def _forwarded_entry(value: str) -> str | None:
    """One X-Forwarded-For entry: a bare IP, or (as some proxies write it) `1.2.3.4:5678` or
    `[2001:db8::1]:5678`. An unbracketed IPv6 entry is a bare address, never an address and a port."""
    entry = value.strip()
    if len(entry) > _MAX_ADDRESS:
        return None
    if entry.startswith("[") or (entry.count(":") == 1):
        return parse_socket_address(entry)
    return parse_ip(entry)


def forwarded_customer(forwarded_for: str | None, edge_saw: str, source_ip: str) -> str | None:
    """The entry a trusted proxy wrote last in X-Forwarded-For: its customer's address, or None.

    Each hop appends the address it was reached from. The proxy appends its customer; CloudFront, when
    the request crossed it, appends the proxy (the viewer, `edge_saw`); API Gateway's regional endpoint
    appends its own peer (the source address: CloudFront's edge server, or the proxy without the edge).
    So, read from the right, drop what our own hops added, at most one each (the source address, then
    the address the edge saw), and the next entry is the proxy's. What lies further left is whatever
    the customer's browser sent, and is never read. Locally nothing is appended (the emulator passes the
    header as sent), and dropping nothing leaves the proxy's entry last, as well.
    None when no entry is left (the proxy wrote none) or the proxy's entry is not an address."""
    if not forwarded_for:
        return None
    entries = forwarded_for.rsplit(",", _FORWARDED_READ)[-_FORWARDED_READ:]
    parsed = [_forwarded_entry(entry) for entry in entries]
    for hop in (source_ip, edge_saw):
        if parsed and parsed[-1] == hop:
            parsed.pop()
    return parsed[-1] if parsed else None


def _host(headers: Mapping[str, str] | None, edge: bool) -> str:
    host = _header(headers, "host") or ""
    return (parse_host(_header(headers, VIEWER_HOST)) or host) if edge else host


def viewer(event: APIGatewayProxyEvent) -> Viewer:
    """This request's viewer: the edge's word for its host and address when the edge vouches for it,
    else the request's own Host and source address. A header the edge sent that does not parse is
    ignored (its fallback counts), never an error. Where the edge is the only way in (EDGE_ONLY, with
    its secret configured), a request that did not come through it is refused: it went around the
    edge's WAF and its per-store rule."""
    headers = event.headers
    edge = from_edge(headers)
    if not edge and settings().edge_only and settings().edge_secret_arn:
        raise Forbidden(N_("This service answers customers only at their store's own address."))
    source = parse_ip(str(event.request_context.identity.source_ip or "")) or "unknown"
    address = (parse_socket_address(_header(headers, VIEWER_ADDRESS)) or source) if edge else source
    return Viewer(_host(headers, edge), address, edge, source)


def counted_address(address: str) -> str:
    """What a per-address limit counts for `address`: an IPv4 address itself, an IPv6 address's /64.
    One IPv6 subscriber is usually given a whole /64 and can use any of its 2^64 addresses, so counting
    single IPv6 addresses would let one client rotate past every limit."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address  # "unknown": counted as it is
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return address


def viewer_host(headers: Mapping[str, str] | None) -> str:
    """The host the viewer asked for, from the raw event headers (the cross-site check reads it before
    Powertools has parsed the event)."""
    return _host(headers, from_edge(headers))
