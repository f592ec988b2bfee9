"""The one formatting layer (access_center.web.format, .addresses, .colours, .locales): money by locale
on Babel, dates in the store's time zone, addresses, the link rule and the text-colour-on-brand rule."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from access_center.stores.settings import StoreSettings
from access_center.web import format as fmt
from access_center.web.addresses import address_lines
from access_center.web.colours import DARK_TEXT, LIGHT_TEXT, contrast_ratio, text_colour_on
from access_center.web.locales import babel_locale, format_locale, time_zone

SHARED = Path(__file__).resolve().parents[2] / "layers" / "shared"
NBSP, NNBSP = "\u00a0", "\u202f"


# ------------------------------------------------------------------------------------------ money
@pytest.mark.parametrize(
    ("amount", "currency", "locale", "shown"),
    [
        (4422, "EUR", "en-US", "€44.22"),
        (123456789, "USD", "en-US", "$1,234,567.89"),
        (4422, "EUR", "de-DE", f"44,22{NBSP}€"),
        (123456789, "EUR", "de-DE", f"1.234.567,89{NBSP}€"),
        (4422, "EUR", "fr-FR", f"44,22{NBSP}€"),
        (123456789, "EUR", "fr-FR", f"1{NNBSP}234{NNBSP}567,89{NBSP}€"),
        (150000, "JPY", "ja-JP", "￥150,000"),
        (4422, "USD", "ja-JP", "$44.22"),
        (1234, "KWD", "en-US", f"KWD{NBSP}1.234"),  # 3 digits; a letter symbol stands apart
        (1200, "KWD", "en-US", f"KWD{NBSP}1.200"),  # and all three are always shown
        (1234, "KWD", "de-DE", f"1,234{NBSP}KWD"),
        (4500, "JPY", "en-US", "¥4,500"),  # 0 digits
        (4500, "jpy", "de-DE", f"4.500{NBSP}¥"),
        (0, "EUR", "en-US", "€0.00"),
        (1999, "CAD", "en-US", "CA$19.99"),  # a symbol ending in a sign: no space
    ],
)
def test_money_is_written_by_the_locale_in_the_currencys_own_digits(
    amount: int, currency: str, locale: str, shown: str
) -> None:
    assert fmt.format_money(amount, currency, locale) == shown


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "shown"),
    [
        (-500, "EUR", "en-US", "-€5.00"),
        (-500, "EUR", "de-DE", f"-5,00{NBSP}€"),
        (-500, "EUR", "fr-FR", f"-5,00{NBSP}€"),
        (-500, "JPY", "ja-JP", "-￥500"),
        (-1234, "KWD", "en-US", f"-KWD{NBSP}1.234"),
    ],
)
def test_negative_amounts_keep_their_sign(amount: int, currency: str, locale: str, shown: str) -> None:
    assert fmt.format_money(amount, currency, locale) == shown


@pytest.mark.parametrize("amount", [12.5, 12.0, Decimal("12"), "12", True, None])
def test_money_is_only_ever_an_integer_of_minor_units(amount: Any) -> None:
    with pytest.raises(TypeError, match="integer number of minor units"):
        fmt.format_money(amount, "EUR")


def test_minor_units_follow_iso_4217_where_cldr_shows_fewer_digits() -> None:
    """CLDR (Babel) shows RSD and IQD without decimals; the stored integer still counts ISO 4217's minor
    units, so 1050 RSD minor units are 10.50, never "RSD 1,050" nor a rounded "RSD 11"."""
    assert fmt.exponent("RSD") == 2
    assert fmt.exponent("IQD") == 3
    assert fmt.exponent("KWD") == 3
    assert fmt.exponent("JPY") == 0
    assert fmt.exponent("EUR") == 2
    assert fmt.exponent("CLF") == 4
    assert fmt.format_money(1050, "RSD", "en-US") == f"RSD{NBSP}10.50"
    assert fmt.format_money(1234, "IQD", "en-US") == f"IQD{NBSP}1.234"


def test_every_iso_override_is_needed() -> None:
    """The table lists only the currencies where Babel's digits are not ISO 4217's minor unit."""
    from babel.numbers import get_currency_precision

    for code, digits in fmt._ISO_EXPONENTS.items():
        assert get_currency_precision(code) != digits, code


def test_an_unknown_currency_is_shown_with_its_code_and_two_digits() -> None:
    assert fmt.format_money(4422, "XYZ", "en-US") == f"XYZ{NBSP}44.22"


# ------------------------------------------------------------------------------------------ dates
def test_a_time_near_midnight_falls_on_the_stores_own_day() -> None:
    late_evening_in_new_york = "2026-12-01T02:30:00Z"
    assert fmt.format_date(late_evening_in_new_york, "en-US", "UTC") == "December 1, 2026"
    assert fmt.format_date(late_evening_in_new_york, "en-US", "America/New_York") == "November 30, 2026"
    next_morning_in_tokyo = "2026-11-30T20:00:00Z"
    assert fmt.format_date(next_morning_in_tokyo, "en-US", "UTC") == "November 30, 2026"
    assert fmt.format_date(next_morning_in_tokyo, "ja-JP", "Asia/Tokyo") == "2026年12月1日"
    assert fmt.format_date(next_morning_in_tokyo, "de-DE", "Asia/Tokyo") == "1. Dezember 2026"


def test_dates_are_written_by_the_locale() -> None:
    stamp = "2026-11-20T10:00:00Z"
    assert fmt.format_date(stamp, "en-US") == "November 20, 2026"
    assert fmt.format_date(stamp, "en-GB") == "20 November 2026"
    assert fmt.format_date(stamp, "de-DE") == "20. November 2026"
    assert fmt.format_date(stamp, "fr-FR") == "20 novembre 2026"


def test_a_naive_time_is_utc_and_a_bare_date_never_shifts() -> None:
    assert fmt.format_date("2026-12-01T02:30:00", "en-US", "America/New_York") == "November 30, 2026"
    assert fmt.format_date("2026-12-01", "en-US", "America/New_York") == "December 1, 2026"
    assert fmt.format_date("2026-12-01", "en-US", "Pacific/Kiritimati") == "December 1, 2026"


def test_date_times_are_in_the_stores_zone() -> None:
    stamp = "2026-12-01T02:30:00Z"
    assert fmt.format_datetime(stamp, "de-DE", "Europe/Berlin") == "1. Dezember 2026, 03:30"
    assert fmt.format_datetime(stamp, "en-US", "Asia/Tokyo") == f"December 1, 2026, 11:30{NNBSP}AM"
    assert fmt.format_datetime(stamp, "en-US", "America/Los_Angeles") == f"November 30, 2026, 6:30{NNBSP}PM"
    assert fmt.format_datetime("2026-12-01", "en-US", "Asia/Tokyo") == "December 1, 2026"


def test_text_that_is_no_date_is_shown_as_it_is_on_one_line() -> None:
    assert fmt.format_date("soon\r\nish", "en-US") == "soon ish"
    assert fmt.format_datetime("tomorrow", "de-DE", "Europe/Berlin") == "tomorrow"


# ---------------------------------------------------------------------------------- fallbacks
@pytest.mark.parametrize(
    ("tag", "used"),
    [("de-DE", "de_DE"), ("de-XX", "de"), ("xx-YY", "en_US"), ("", "en_US"), ("123", "en_US"), ("en_GB", "en_GB")],
)
def test_an_unknown_locale_falls_back_to_its_language_then_english(tag: str, used: str) -> None:
    assert str(babel_locale(tag)) == used


@pytest.mark.parametrize(
    ("store_locale", "used"),
    [
        ("de-DE", "en-DE"),
        ("fr-FR", "en-FR"),
        ("en-GB", "en-GB"),
        ("en-US", "en-US"),
        ("de_AT", "en-AT"),
        ("ja-JP", "en"),  # CLDR has no en_JP
        ("pt-BR", "en"),
        ("de", "en"),
        ("", "en"),
        ("de-D3", "en"),
    ],
)
def test_pages_and_emails_are_formatted_in_english_for_the_stores_region(store_locale: str, used: str) -> None:
    """API.md section 9: `<language>-<store region>` where CLDR has it, else `<language>`; the pages and
    emails are English until they are translated, so a German store shows no German month in English text."""
    assert format_locale(store_locale) == used
    written = fmt.StoreFormat.of(StoreSettings.from_stored({"locale": store_locale}))
    assert written.locale == (used if store_locale else "en-US")


@pytest.mark.parametrize(
    ("store_locale", "day", "money"),
    [
        ("de-DE", "7 December 2026", f"12,50{NBSP}€"),
        ("en-US", "December 7, 2026", "€12.50"),
        ("ja-JP", "December 7, 2026", "€12.50"),
        ("fr-FR", "7 December 2026", f"12,50{NBSP}€"),
    ],
)
def test_a_stores_dates_and_money_read_as_english(store_locale: str, day: str, money: str) -> None:
    written = fmt.StoreFormat.of(StoreSettings(locale=store_locale))
    assert written.date("2026-12-07T10:00:00Z") == day
    assert written.money(1250, "EUR") == money


def test_formatting_under_an_unknown_locale_or_zone_is_english_and_utc() -> None:
    assert fmt.format_money(4422, "USD", "xx-YY") == "$44.22"
    assert fmt.format_money(4422, "EUR", "de-XX") == f"44,22{NBSP}€"
    for zone in ("Mars/Olympus_Mons", "../../etc/passwd", "/etc/localtime", "", "UTC+3", "Europe"):
        assert str(time_zone(zone)) == "UTC", zone
        assert fmt.format_date("2026-12-01T02:30:00Z", "en-US", zone) == "December 1, 2026", zone


def test_store_settings_choose_locale_and_zone_with_defaults() -> None:
    written = fmt.StoreFormat.of(StoreSettings(locale="de-DE", timezone="America/New_York"))
    assert written.money(4422, "EUR") == f"44,22{NBSP}€"
    assert written.date("2026-12-01T02:30:00Z") == "30 November 2026"  # English, as a German region writes it
    default = fmt.StoreFormat.of(StoreSettings.from_stored({"locale": None, "timezone": None}))
    assert default == fmt.StoreFormat("en-US", "UTC")
    assert default.date("2026-12-01T02:30:00Z") == "December 1, 2026"


def test_template_filters_read_the_stores_locale_and_zone_from_the_context() -> None:
    from access_center.web.render import environment

    template = environment().from_string(
        "{{ 4422 | money('EUR') }} | {{ stamp | date }} | {{ address | address_lines | join(' / ') }}"
    )
    address = {"name": "Ann", "city": "Berlin", "postal_code": "10115", "country_code": "DE"}
    values = {"stamp": "2026-12-01T02:30:00Z", "address": address}
    german = StoreSettings(locale="de-DE", timezone="America/New_York")
    assert template.render(store=german, **values) == f"44,22{NBSP}€ | 30 November 2026 | Ann / 10115 Berlin / Germany"
    english = template.render(store=StoreSettings(), **values)
    assert english == "€44.22 | December 1, 2026 | Ann / 10115 Berlin / Germany"


def test_the_money_filter_takes_whole_decimals_and_refuses_fractions() -> None:
    from access_center.web.render import environment

    template = environment().from_string("{{ amount | money('EUR') }}")
    assert template.render(store=StoreSettings(), amount=Decimal("4422")) == "€44.22"  # as DynamoDB returns numbers
    assert template.render(store=StoreSettings(), amount=4422) == "€44.22"
    for fraction in (Decimal("44.22"), 44.22):
        with pytest.raises(TypeError, match="integer number of minor units"):
            template.render(store=StoreSettings(), amount=fraction)


def test_a_missing_date_prints_nothing() -> None:
    assert fmt.format_date(None) == ""  # type: ignore[arg-type]
    assert fmt.format_datetime(None) == ""  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------ addresses
US = {"name": "Ann Example", "company": "Acme", "line1": "1 Main St", "line2": "Apt 2",
      "city": "Springfield", "region": "OR", "postal_code": "97403", "country_code": "US"}  # fmt: skip


def test_an_address_is_printed_in_one_order_with_the_place_as_its_country_writes_it() -> None:
    assert address_lines(US) == ["Ann Example", "Acme", "1 Main St", "Apt 2", "Springfield, OR 97403", "United States"]
    german = {"name": "Bea", "line1": "Hauptstr. 1", "city": "Berlin", "postal_code": "10115", "country_code": "DE"}
    assert address_lines(german) == ["Bea", "Hauptstr. 1", "10115 Berlin", "Germany"]
    british = {"line1": "10 Downing St", "city": "London", "postal_code": "SW1A 2AA", "country": "United Kingdom"}
    # The country's own text names it, so it is written the Royal Mail's way: the postcode on its own line.
    assert address_lines(british) == ["10 Downing St", "London", "SW1A 2AA", "United Kingdom"]


def test_each_country_family_is_written_in_its_own_layout() -> None:
    hk = {"name": "Chan Tai Man", "line1": "1 Queen's Road Central", "region": "Hong Kong Island", "country": "HK"}
    assert address_lines(hk) == ["Chan Tai Man", "1 Queen's Road Central", "Hong Kong Island", "Hong Kong SAR China"]
    gb = {"name": "Ann", "line1": "10 Downing St", "city": "London", "postal_code": "SW1A 2AA", "country": "GB"}
    assert address_lines(gb, "de-DE") == ["Ann", "10 Downing St", "London", "SW1A 2AA", "Vereinigtes Königreich"]
    us = {"name": "Ann", "line1": "1 Main St", "city": "Springfield", "region": "OR", "postal_code": "97403-1234"}
    assert address_lines({**us, "country": "US"})[-2:] == ["Springfield, OR 97403-1234", "United States"]
    assert address_lines({**us, "region": "", "country": "US"})[-2] == "Springfield 97403-1234"
    de = {"name": "Bea", "line1": "Hauptstr. 1", "line2": "Hinterhaus", "city": "Berlin", "postal_code": "10115"}
    assert address_lines({**de, "country": "DE"}, "de-DE") == [
        "Bea",
        "Hauptstr. 1",
        "Hinterhaus",
        "10115 Berlin",
        "Deutschland",
    ]
    # Japan in its script: postal code first, the name last; in Latin letters, the name first and the
    # prefecture by its Latin name; the city, which the layout has no place for, after the place.
    japanese = {
        "name": "山田太郎",
        "line1": "道玄坂1-2-3",
        "city": "渋谷区",
        "region": "東京都",
        "postal_code": "150-0043",
    }
    assert address_lines({**japanese, "country": "JP"}) == [
        "〒150-0043",
        "東京都",
        "渋谷区",
        "道玄坂1-2-3",
        "山田太郎",
        "Japan",
    ]
    latin = {
        "name": "Taro Yamada",
        "line1": "1-2-3 Dogenzaka",
        "region": "東京都",
        "postal_code": "150-0043",
        "country": "JP",
    }
    assert address_lines(latin) == ["Taro Yamada", "1-2-3 Dogenzaka, Tokyo", "150-0043", "Japan"]
    chinese = {"name": "张三", "line1": "建国路1号", "city": "朝阳区", "region": "北京市", "postal_code": "100022"}
    assert address_lines({**chinese, "country_code": "CN"}) == ["100022", "北京市朝阳区", "建国路1号", "张三", "China"]


def test_a_part_the_layout_has_no_place_for_is_still_printed_and_no_text_is_read_as_a_layout() -> None:
    bavaria = {"name": "Bea", "line1": "Hauptstr. 1", "city": "München", "region": "Bayern", "postal_code": "80331"}
    assert address_lines({**bavaria, "country": "DE"})[2:4] == ["80331 München", "Bayern"]
    assert address_lines({"line1": "%N %Z", "name": "%C", "city": "x", "postal_code": "1", "country_code": "QQ"}) == [
        "%C", "%N %Z", "x", "1", "QQ"
    ]  # fmt: skip


def test_the_country_is_named_in_the_stores_language_and_its_own_text_wins() -> None:
    assert address_lines(US, "de-DE")[-1] == "Vereinigte Staaten"
    assert address_lines(US, "fr-FR")[-1] == "États-Unis"
    assert address_lines({**US, "country": "USA"}, "de-DE")[-1] == "USA"
    assert address_lines({**US, "country_code": "QQ"})[-1] == "QQ"


def test_an_address_without_a_country_is_read_as_in_the_stores_country() -> None:
    bare = {"line1": "Hauptstr. 1", "city": "Berlin", "postal_code": "10115"}
    assert address_lines(bare, "de-DE") == ["Hauptstr. 1", "10115 Berlin"]
    assert address_lines(bare, "en-US") == ["Hauptstr. 1", "Berlin 10115"]


def test_address_parts_are_one_line_each_and_empty_parts_vanish() -> None:
    class Image:  # the emails pass an object with attributes, the pages a dict
        name = " Ann\r\nBcc: eve@example.com "
        line1 = "1 Main St"
        line2 = "   "
        city = "Springfield"
        postal_code = "12345"
        country_code = "US"

    assert address_lines(Image()) == ["Ann Bcc: eve@example.com", "1 Main St", "Springfield 12345", "United States"]
    assert address_lines(None) == []
    assert address_lines({}) == []


# ------------------------------------------------------------------------------------------ links
@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://www.ups.com/track?tracknum=1Z9", "https://www.ups.com/track?tracknum=1Z9"),
        ("  https://t.example/x  ", "https://t.example/x"),
        ("HTTPS://T.EXAMPLE/x", "HTTPS://T.EXAMPLE/x"),
        ("http://t.example/x", None),  # https only: the pages and emails link nothing over http
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("https://t.example/\tx", None),
        ("https://t.example/a b", None),
        ("https://t.example/\u202egnp.exe", None),  # right-to-left override
        ("https://t.example/\x00", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("https:///no-host", None),
        ("https:no-host", None),
        ("//t.example/x", None),
        ("/orders/o1", None),
        ("https://[::1", None),  # urlsplit refuses it
        ("", None),
        (None, None),
        (42, None),
    ],
)
def test_only_clean_absolute_https_urls_become_links(url: object, link: str | None) -> None:
    assert fmt.web_link(url) == link


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("http://plain.example/X1", "http://plain.example/X1"),
        ("https://t.example/a b", "https://t.example/a b"),
        ("https://t.example/x", None),  # a link, not text
        ("javascript:alert(1)", None),
        ("data:text/plain,hi", None),
        ("http://", None),
        (None, None),
    ],
)
def test_an_http_url_that_is_no_link_is_shown_as_text_and_nothing_else_is(url: object, text: str | None) -> None:
    assert fmt.plain_url(url) == text


# ------------------------------------------------------------------------------------------ colours
@pytest.mark.parametrize(
    ("brand", "text"),
    [("#ffcc00", DARK_TEXT), ("#FFD700", DARK_TEXT), ("#ffffff", DARK_TEXT), ("#1f2937", LIGHT_TEXT),
     ("#000000", LIGHT_TEXT), ("#123456", LIGHT_TEXT), ("#d32f2f", LIGHT_TEXT), ("#7dd3fc", DARK_TEXT)],
)  # fmt: skip
def test_text_on_the_brand_colour_is_dark_or_white(brand: str, text: str) -> None:
    assert text_colour_on(brand) == text
    assert fmt.text_colour_on(brand) == text  # the name brand.css calls


def test_the_text_colour_is_always_the_one_with_more_contrast() -> None:
    for level in range(0, 256, 5):
        for brand in (
            f"#{level:02x}{level:02x}{level:02x}",
            f"#{level:02x}0000",
            f"#00{level:02x}00",
            f"#0000{level:02x}",
        ):
            chosen = text_colour_on(brand)
            other = LIGHT_TEXT if chosen == DARK_TEXT else DARK_TEXT
            assert contrast_ratio(brand, chosen) >= contrast_ratio(brand, other), brand


def test_contrast_ratio_is_wcags() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the AA grey


@pytest.mark.parametrize("bad", ["red", "#fff", "#12345g", "", "#1234567", "#ffffff\n", " #ffffff"])
def test_a_colour_that_is_not_rrggbb_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="#rrggbb"):
        text_colour_on(bad)


# ------------------------------------------------------------------------------------------ imports
def _fresh(code: str, **env: str) -> Any:
    environ = {**os.environ, "PYTHONPATH": str(SHARED), **env}
    done = subprocess.run([sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True)  # noqa: S603
    return json.loads(done.stdout)


def test_importing_the_formatting_loads_no_babel_until_something_is_formatted() -> None:
    code = (
        "import json, sys\n"
        "from access_center.web import format, colours\n"
        "before = sorted(m for m in sys.modules if m.startswith('babel'))\n"
        "format.text_colour_on('#ffcc00')\n"
        "after_colour = sorted(m for m in sys.modules if m.startswith('babel'))\n"
        "format.format_money(1, 'EUR')\n"
        "print(json.dumps([before, after_colour, 'babel.numbers' in sys.modules]))\n"
    )
    assert _fresh(code) == [[], [], True]


def test_babel_dates_work_under_lambdas_tz_setting() -> None:
    """Lambda sets TZ=:/etc/localtime, which older Babel failed on when babel.dates was imported."""
    code = "import json; from access_center.web import format; print(json.dumps(format.format_date('2026-12-01T02:30:00Z')))"
    assert _fresh(code, TZ=":/etc/localtime") == "December 1, 2026"


def test_the_last_moment_of_the_calendar_is_shown_east_of_utc_without_an_error() -> None:
    # 9999-12-31T23:59:59Z is past the year 9999 in Berlin: shown as given, not a 500 on the order page.
    assert fmt.format_datetime("9999-12-31T23:59:59Z", "de-DE", "Europe/Berlin") == "31. Dezember 9999, 23:59"
    assert fmt.format_datetime("1000-01-01T00:00:00Z", "en-US", "America/New_York") == "December 31, 999, 7:03\u202fPM"


def test_a_store_locale_outside_the_supported_languages_is_written_in_en_us() -> None:
    assert fmt.format_money(4422, "EUR", "sw-KE") == fmt.format_money(4422, "EUR", "en-US") == "€44.22"
