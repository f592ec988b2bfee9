"""Which offered language a request reads (web.languages): Accept-Language by q-value, regions served
their language, refusals and malformed ranges ignored, the picker's cookie only for an offered language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from access_center.web.languages import MAX_HEADER, accepted, best_match, cookie_language, json_language

OFFERED = ("en", "de", "fr")


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("de-AT,en;q=0.5", "de"),  # a region is served its language
        ("de-at", "de"),  # case does not matter
        ("fr;q=0.4, de;q=0.9", "de"),  # by q-value, not by order
        ("nl, fr;q=0.8", "fr"),  # what the store does not offer is passed over
        ("es", None),  # nothing offered: the caller falls back to the store's default
        ("*", "en"),  # anything: the store's first
        ("de;q=0, *", "en"),  # q=0 refuses
        ("de;q=0.000", None),
        ("en;q=0.5, de;q=0.5", "en"),  # a tie keeps the header's order
        ("x-klingon, de", "de"),
        ("de;q=2", "de"),  # an out-of-range q is not read: the range counts as q=1
        ("", None),
        (None, None),
        ("; ; ,,, ;q=1", None),
        ("de\r\nSet-Cookie: x=1", None),  # CR/LF is no language range
    ],
)
def test_the_best_offered_language_by_accept_language(header: str | None, chosen: str | None) -> None:
    assert best_match(header, OFFERED) == chosen


def test_an_offered_regional_language_serves_its_language() -> None:
    assert best_match("de", ("en", "de-CH")) == "de-CH"


def test_ranges_are_most_wanted_first_without_refusals() -> None:
    assert accepted("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5, nl;q=0") == ["fr-ch", "fr", "en", "de", "*"]


def test_a_header_longer_than_any_browser_sends_is_read_as_absent() -> None:
    assert best_match("de," + "x" * MAX_HEADER, OFFERED) is None


def test_the_cookie_counts_only_for_a_language_the_store_offers() -> None:
    assert cookie_language("de", OFFERED) == "de"
    assert cookie_language("nl", OFFERED) is None  # the store stopped offering it
    assert cookie_language("", OFFERED) is None


def test_json_messages_follow_accept_language_among_the_shipped_languages() -> None:
    assert json_language("nl-BE,en;q=0.1") == "nl"
    assert json_language("ja") == "en"
    assert json_language(None) == "en"


@pytest.fixture
def pseudo_allowed(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[None]:
    from access_center.core.config import settings

    monkeypatch.setenv("PSEUDO_LOCALE", getattr(request, "param", "true"))
    settings.cache_clear()
    try:
        yield
    finally:
        monkeypatch.undo()
        settings.cache_clear()


def test_json_messages_reach_the_pseudo_locale_only_by_its_tag_and_where_allowed(pseudo_allowed: None) -> None:
    assert json_language("en-XA,en;q=0.5") == "en-XA"
    assert json_language("en-US") == "en"  # English's region is still English
    assert json_language("de") == "de"


@pytest.mark.parametrize("pseudo_allowed", ["false"], indirect=True)
def test_json_messages_never_reach_the_pseudo_locale_where_it_is_not_allowed(pseudo_allowed: None) -> None:
    assert json_language("en-XA") == "en"
