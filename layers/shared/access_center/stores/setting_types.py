"""The store settings' value types at the edge: a time zone, a locale the product writes, a domain and its
path prefix, and the cart link template (its `{items}` and `{registry_id}`), each with its check
(stores.models' fields)."""

from functools import cache
from typing import Annotated

from pydantic import AfterValidator, Field

from access_center.core.fields import HttpsUrl
from access_center.web.locales import is_supported


@cache
def _zone_names() -> frozenset[str]:
    """The IANA zone names as the pinned `tzdata` package ships them: the same set on every machine,
    whatever the OS has in /usr/share/zoneinfo (`localtime`, `posix/...`, or nothing at all)."""
    from importlib import resources  # on the first settings with a zone, not at every cold start

    return frozenset(resources.files("tzdata").joinpath("zones").read_text().split())


def _time_zone(value: str) -> str:
    from zoneinfo import ZoneInfo

    # The name check first: zoneinfo alone takes `localtime` where the OS has it, and raises OSError
    # (a 500, not a 400) for a directory such as `Europe`.
    if value in _zone_names():
        try:
            ZoneInfo(value)  # from the OS's files where it has them, else from tzdata's
        except (KeyError, OSError, ValueError):
            pass
        else:
            return value
    raise ValueError("must be an IANA time zone name, like Europe/Berlin")


TimeZone = Annotated[
    str,
    Field(min_length=1, max_length=64, description="An IANA time zone name, like `Europe/Berlin`."),
    AfterValidator(_time_zone),
]
DomainName = Annotated[str, Field(min_length=1, max_length=253)]


def _supported_locale(value: str) -> str:
    if not is_supported(value):
        raise ValueError("the locale's language is not one the access center writes (see docs/deploying.md, Locales)")
    return value


StoreLocale = Annotated[
    str,
    Field(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$", description="A language, optionally with its region: `de-DE`."),
    AfterValidator(_supported_locale),
]
PathPrefix = Annotated[str, Field(max_length=200)]


CART_ITEMS = "{items}"
REGISTRY_ID = "{registry_id}"  # filled for a purchase from a gift registry, else empty (API.md section 12)


def _cart_url_template(value: str) -> str:
    """`{items}` exactly once, after the host, and `{registry_id}` at most once, after the host too: what
    fills them (SKUs and a registry's id, percent-encoded) never picks the site."""
    head, found, _ = value.partition(CART_ITEMS)
    if not found or value.count(CART_ITEMS) != 1:
        raise ValueError("must contain {items} once: the cart's sku:quantity pairs go there")
    if not any(mark in head[len("https://") :] for mark in "/?#"):
        raise ValueError("{items} must come after the host, in the path or the query")
    if value.count(REGISTRY_ID) > 1:
        raise ValueError("may contain {registry_id} once: a gift registry's id goes there")
    before, found, _ = value.partition(REGISTRY_ID)
    if found and not any(mark in before[len("https://") :] for mark in "/?#"):
        raise ValueError("{registry_id} must come after the host, in the path or the query")
    return value


CartUrlTemplate = Annotated[
    HttpsUrl,
    Field(
        description=(
            "The store's cart link (https) with `{items}` where `sku:quantity` pairs go, joined by `,`, "
            "e.g. `https://shop.example/cart/{items}`; SKUs are percent-encoded. It may also hold `{registry_id}` "
            "once, filled with a gift registry's id for a purchase from it, else empty. "
            'Without it, "order again" shows the lines but cannot fill a cart.'
        )
    ),
    AfterValidator(_cart_url_template),
]
