"""Which carrier a tracking number belongs to, and its tracking link. Pure.

The formats and check-digit rules follow jkeen's tracking_number_data (v2.0.0, MIT licence, Copyright
(c) 2017 Jeff Keen), rewritten for numbers with their spaces removed. PyPI's `tracking-numbers`,
generated from an older copy of it, knows 8 of its 18 carriers and names a wrong carrier for some
Purolator and Old Dominion numbers, so the rules live here (tests/unit/test_carriers.py holds them to
the data set's own sample numbers; `make bench` reports the hit rate per carrier).

`identify` answers a carrier only where exactly one carrier's format accepts the number, check digit
included. Many formats are bare digit runs that overlap (a 12-digit number may pass both FedEx's and
Purolator's checks), so an ambiguous number answers None rather than a guess: a wrong link is worse
than none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import quote

if TYPE_CHECKING:
    from access_center.orders.shapes import Fulfilment


# NamedTuples rather than dataclasses: a dataclass costs a cold start ~1 ms to create, and these are
# plain values.
class Carrier(NamedTuple):
    code: str
    name: str
    url: str | None  # `{}` takes the number; None where the carrier has no public page for it

    def tracking_url(self, number: str) -> str | None:
        return self.url.format(quote(number, safe="")) if self.url else None


Check = Callable[[str, str], bool]  # (serial number, check digit) -> valid


def _digit(char: str) -> int:
    # Letters in UPS serials count as (ASCII code - 3) mod 10, as UPS computes them.
    return int(char) if char.isdigit() else (ord(char) - 3) % 10


def mod10(evens: int, odds: int, *, reverse: bool = False) -> Check:
    """Weighted mod 10: `odds` multiplies the 1st, 3rd, ... character, `evens` the 2nd, 4th, ..."""

    def check(serial: str, digit: str) -> bool:
        chars = serial[::-1] if reverse else serial
        total = sum(_digit(c) * (odds if i % 2 else evens) for i, c in enumerate(chars))
        return (10 - total % 10) % 10 == int(digit)

    return check


def mod7(serial: str, digit: str) -> bool:
    return int(serial) % 7 == int(digit)


def weighted(weights: tuple[int, ...], first: int = 11, second: int = 10) -> Check:
    def check(serial: str, digit: str) -> bool:
        total = sum(int(c) * w for c, w in zip(serial, weights, strict=True))
        return total % first % second == int(digit)

    return check


def luhn(serial: str, digit: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(serial + digit)):
        value = int(char) * (2 if i % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def mod37_36(serial: str, digit: str) -> bool:
    """ISO 7064 MOD 37,36 (DPD)."""
    product = 36
    for char in serial:
        total = (product + _ALPHABET.index(char)) % 36 or 36
        product = total * 2 % 37
    return _ALPHABET[(37 - product) % 36] == digit


_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10(serial: str, digit: str) -> bool:
    check = 11 - sum(int(c) * w for c, w in zip(serial, _S10_WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(check, check) == int(digit)


def prepend_unless(prefix: str, check: Check) -> Check:
    """Formats whose check digit covers a prefix that the printed number may leave out."""
    return lambda serial, digit: check(serial if serial.startswith(prefix) else prefix + serial, digit)


class Format(NamedTuple):
    carrier: Carrier
    # Matched against the whole number; groups `serial` and `check`. Kept as text: re compiles (and
    # caches) it on first use, so importing this module costs a cold start nothing.
    pattern: str
    check: Check | None = None
    linked: bool = True  # False: the carrier's page does not take this kind of number

    def accepts(self, number: str) -> bool:
        match = re.fullmatch(self.pattern, number)
        if match is None:
            return False
        return self.check is None or self.check(match["serial"], match["check"])


AMAZON = Carrier("amazon", "Amazon Logistics", None)
CANADA_POST = Carrier(
    "canada_post", "Canada Post", "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={}"
)
CANPAR = Carrier("canpar", "Canpar", "https://www.canpar.com/en/track/tracking.jsp?reference={}&locale=en")
DHL = Carrier("dhl", "DHL", "https://www.dhl.com/en/express/tracking.html?brand=DHL&AWB={}")
DPD = Carrier("dpd", "DPD", "https://www.dpdgroup.com/nl/mydpd/my-parcels/track?lang=en&parcelNumber={}")
FEDEX = Carrier("fedex", "FedEx", "https://www.fedex.com/apps/fedextrack/?tracknumbers={}")
GOFO = Carrier("gofo", "GOFO Express", "https://www.gofoexpress.com/tracking.html?searchID={}")
LANDMARK = Carrier("landmark", "Landmark Global", "https://track.landmarkglobal.com/?search={}")
LASERSHIP = Carrier("lasership", "LaserShip", None)
OLD_DOMINION = Carrier(
    "old_dominion",
    "Old Dominion Freight Line",
    "https://www.odfl.com/us/en/tools/trace-track-ltl-freight/trace.html?proNumbers={}",
)
ONTRAC = Carrier("ontrac", "OnTrac", "https://www.ontrac.com/tracking/?number={}")
PUROLATOR = Carrier("purolator", "Purolator", "https://www.purolator.com/en/shipping/tracker?searchValue={}")
SPEEDEE = Carrier("speedee", "Spee-Dee Delivery", "https://www.speedeedelivery.com/track/?tracking={}")
UPS = Carrier("ups", "UPS", "https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums={}")
USPS = Carrier("usps", "USPS", "https://tools.usps.com/go/TrackConfirmAction?tLabels={}")
YODEL = Carrier("yodel", "Yodel", "https://www.yodel.co.uk/tracking/{}")
YUNEXPRESS = Carrier("yunexpress", "YunExpress", "https://www.yuntrack.com/parcelTracking?id={}")

# S10 (UPU) numbers end in the country of the postal service that issued them. Only posts whose
# tracking page takes the number are listed; any other country's S10 number is left as it came.
S10_POSTS = {
    "US": USPS,
    "CA": CANADA_POST,
    "GB": Carrier("royal_mail", "Royal Mail", "https://www.royalmail.com/track-your-item#/tracking-results/{}"),
    "DE": Carrier(
        "deutsche_post", "Deutsche Post", "https://www.deutschepost.de/sendung/simpleQuery.html?form.sendungsnummer={}"
    ),
    "FR": Carrier("la_poste", "La Poste", "https://www.laposte.fr/outils/suivre-vos-envois?code={}"),
    "NL": Carrier("postnl", "PostNL", "https://postnl.post/tracktrace?barcodes={}"),
    "AU": Carrier("australia_post", "Australia Post", "https://auspost.com.au/mypost/track/details/{}"),
    "CH": Carrier("swiss_post", "Swiss Post", "https://service.post.ch/ekp-web/ui/entry/shipment/{}"),
    "IE": Carrier("an_post", "An Post", "https://www.anpost.com/Post-Parcels/Track/History?item={}"),
    "CN": Carrier("china_post", "China Post", "https://www.ems.com.cn/qps/yjcx?mailNum={}"),
    "JP": Carrier("japan_post", "Japan Post", "https://trackings.post.japanpost.jp/services/srv/search/?requestNo1={}"),
}


FORMATS: tuple[Format, ...] = (
    Format(AMAZON, r"TB[ACM][0-9]{12}"),
    Format(AMAZON, r"[AFC][0-9]{10}"),
    Format(CANADA_POST, r"(?P<serial>[0-9]{15})(?P<check>[0-9])", mod10(3, 1)),
    Format(CANPAR, r"[CDKLSUXZ][0-9]{21}"),
    Format(DHL, r"(?P<serial>[0-9]{9,10})(?P<check>[0-9])", mod7),
    Format(DHL, r"J[A-Z]{2,3}[0-9]{9,10}"),
    Format(DHL, r"(?:GM|LX|RX|UV|CN|SG|TH|IN|HK|MY)(?=[A-Z]*[0-9])[0-9A-Z]{10,39}"),
    Format(DHL, r"[0-9]{14}"),
    Format(DPD, r"(?P<serial>[0-9]{27})(?P<check>[0-9A-Z])", mod37_36),
    Format(DPD, r"(?P<serial>[0-9]{14})(?P<check>[0-9A-Z])", mod37_36),
    Format(FEDEX, r"(?P<serial>[0-9]{11})(?P<check>[0-9])", weighted((3, 1, 7) * 3 + (3, 1))),
    Format(FEDEX, r"[0-8][0-9]{19}(?P<serial>[0-9]{13})(?P<check>[0-9])", weighted((1, 7, 3) * 4 + (1,))),
    Format(
        FEDEX,
        r"3[0-9]{15}(?P<serial>[0-9]{11})(?P<check>[0-9])[0-9]{4}",
        weighted((3, 1, 7) * 3 + (3, 1)),
        linked=False,
    ),
    Format(FEDEX, r"(?P<serial>[0-9]{14})(?P<check>[0-9])", mod10(1, 3)),
    Format(FEDEX, r"[0-9]{2}(?P<serial>[0-9]{15})(?P<check>[0-9])", mod10(3, 1)),
    Format(FEDEX, r"96[0-9]{5}(?P<serial>[0-9]{14})(?P<check>[0-9])", mod10(1, 3)),
    Format(FEDEX, r"96[0-9]{18}(?P<serial>[0-9]{13})(?P<check>[0-9])", weighted((1, 7, 3) * 4 + (1,))),
    Format(GOFO, r"GFUS[0-9]{14}"),
    Format(LANDMARK, r"LTN[0-9]{8}N1"),
    Format(LASERSHIP, r"L[AIEHNX][1-3][0-9]{7}"),
    Format(LASERSHIP, r"1LS7[12][0-9]{10}"),
    Format(LASERSHIP, r"1LS7[12][0-9]{2}01[1-4][0-9]{6}-1"),
    Format(LASERSHIP, r"1LSCX[0-9A-Z]{10}"),
    Format(OLD_DOMINION, r"(?P<serial>(?:77[78]|072|780)[0-9]{7})(?P<check>[0-9])", luhn),
    Format(OLD_DOMINION, r"(?P<serial>80[0-9]{8})(?P<check>[0-9])", luhn),
    Format(ONTRAC, r"C(?P<serial>[0-9]{13})(?P<check>[0-9])", prepend_unless("4", mod10(1, 2))),
    Format(ONTRAC, r"D(?P<serial>[0-9]{13})(?P<check>[0-9])", prepend_unless("5", mod10(1, 2))),
    Format(PUROLATOR, r"(?P<serial>[0-5][0-9]{10})(?P<check>[0-9])", luhn),
    Format(PUROLATOR, r"[A-Z]{3}[0-9]{9}"),
    Format(SPEEDEE, r"SP[0-9]{18}"),
    Format(UPS, r"1Z(?P<serial>[0-9A-Z]{15})(?P<check>[0-9])", mod10(1, 2)),
    Format(UPS, r"[AHJKTV](?P<serial>[0-9]{9})(?P<check>[0-9])", mod10(1, 2)),
    Format(USPS, r"(?P<serial>[0-9]{19})(?P<check>[0-9])", mod10(3, 1)),
    # IMpb: an optional routing prefix (420 + ZIP or ZIP+4), then the package number.
    Format(
        USPS,
        r"(?:420[0-9]{5}(?:[0-9]{4})?)?"
        r"(?P<serial>94[0-9]{3}(?:9[0-9]{8}(?:[0-9]{15}|[0-9]{11}|[0-9]{7})|[0-8][0-9]{5}(?:[0-9]{14}|[0-9]{10})))"
        r"(?P<check>[0-9])",
        mod10(3, 1, reverse=True),
    ),
    Format(
        USPS,
        r"(?:420[0-9]{5}(?:[0-9]{4})?)?(?P<serial>(?:91)?[0-9]{19})(?P<check>[0-9])",
        prepend_unless("91", mod10(3, 1)),
    ),
    Format(
        USPS,
        r"(?:420[0-9]{5}(?:[0-9]{4})?)?"
        r"(?P<serial>(?:92(?=[0-9]{3}9)|93(?=[0-9]{3}[0-8])|95)[0-9]{3}"
        r"(?:9[0-9]{8}(?:[0-9]{11}|[0-9]{7})|[0-8][0-9]{5}(?:[0-9]{14}|[0-9]{10})))"
        r"(?P<check>[0-9])",
        mod10(3, 1),
    ),
    Format(YODEL, r"JJ?D[0-9]{16}"),
    Format(YUNEXPRESS, r"YT[0-9]{16}"),
)
_S10 = r"[A-Z]{2}(?P<serial>[0-9]{8})(?P<check>[0-9])(?P<country>[A-Z]{2})"


def normalise(number: str) -> str:
    """The number as carriers print it without spaces: `1Z 999 AA1` -> `1Z999AA1`."""
    return "".join(number.split()).upper()


def _matches(number: str) -> list[tuple[Carrier, bool]]:
    """(carrier, linked) for every format (and check digit) that accepts the number."""
    found = [(f.carrier, f.linked) for f in FORMATS if f.accepts(number)]
    match = re.fullmatch(_S10, number)
    if match and s10(match["serial"], match["check"]) and match["country"] in S10_POSTS:
        found.append((S10_POSTS[match["country"]], True))
    return found


def candidates(number: str) -> set[Carrier]:
    """Every carrier whose format (and check digit) accepts the number."""
    return {carrier for carrier, _ in _matches(number)}


class Identified(NamedTuple):
    carrier: Carrier
    tracking_url: str | None


def identify(tracking_number: str) -> Identified | None:
    """The one carrier whose format accepts the number, with its tracking link; None if none or several."""
    number = normalise(tracking_number)
    if not 0 < len(number) <= 64:
        return None
    matches = _matches(number)
    if len({carrier for carrier, _ in matches}) != 1:
        return None
    carrier = matches[0][0]
    linked = all(linked for _, linked in matches)
    return Identified(carrier, carrier.tracking_url(number) if linked else None)


def _plain(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalnum())


def _same_carrier(named: str, carrier: Carrier) -> bool:
    """Whether the store's spelling names this carrier (`ups`, `FedEx Ground`, `DHL Express`)."""
    plain = _plain(named)
    return bool(plain) and (plain.startswith(_plain(carrier.name)) or plain == _plain(carrier.code))


def with_derived_carrier(fulfilment: Fulfilment) -> Fulfilment:
    """A fulfilment sent with a tracking number but no link gets its carrier and link from the number,
    marked `carrier_derived`, where the number identifies one carrier (and the store named that one or
    none). Anything else is returned as it came."""
    number = fulfilment.get("tracking_number")
    if not number or fulfilment.get("tracking_url"):
        return fulfilment
    found = identify(number)
    if found is None or (fulfilment.get("carrier") and not _same_carrier(fulfilment["carrier"], found.carrier)):
        return fulfilment
    derived: Fulfilment = {
        **fulfilment,
        "carrier": fulfilment.get("carrier") or found.carrier.name,
        "carrier_derived": True,
    }
    if found.tracking_url:
        derived["tracking_url"] = found.tracking_url
    return derived
