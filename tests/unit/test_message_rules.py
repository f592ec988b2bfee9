"""The rules of messages (messages.rules), as pure functions: who may write, what a body may be, and what
an attachment may be (type by content, whole-file text, the name it is saved under, the size as stated)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from access_center.messages import rules
from access_center.stores.logic import Store
from access_center.stores.settings import StoreSettings

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _store(**settings_: Any) -> Store:
    return Store(store_id="s1", settings=StoreSettings(name="Bean There", **settings_), domain=None, path_prefix="")


# ------------------------------------------------------------------------------ who may write
def test_messages_are_off_unless_the_store_switches_them_on() -> None:
    assert rules.refusal(_store()) == "Bean There does not take messages here. Contact the store another way."
    assert rules.refusal(_store(messages_enabled=False)) is not None
    assert rules.refusal(_store(messages_enabled=True)) is None


# ------------------------------------------------------------------------------ a body
def test_a_body_is_trimmed_and_its_line_breaks_become_lf() -> None:
    assert rules.clean_body("  Hello,\r\nwhere is\rmy\tparcel?\n\n ") == "Hello,\nwhere is\nmy\tparcel?"


@pytest.mark.parametrize("blank", ["", " ", "\r\n", "\t \n"])
def test_an_empty_body_is_refused(blank: str) -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        rules.clean_body(blank)


def test_a_body_may_have_up_to_the_most_characters_once_trimmed() -> None:
    assert rules.clean_body("x" * rules.MAX_BODY_CHARS + "   ") == "x" * rules.MAX_BODY_CHARS
    assert rules.clean_body("é" * rules.MAX_BODY_CHARS) == "é" * rules.MAX_BODY_CHARS  # characters, not bytes
    with pytest.raises(ValueError, match="at most 5,000 characters"):
        rules.clean_body("x" * (rules.MAX_BODY_CHARS + 1))


@pytest.mark.parametrize("control", ["\x00", "\x08", "\x0b", "\x1b", "\x7f", "\x85", "\x9f", "\u2028", "\u2029"])
def test_a_control_character_inside_the_body_is_refused(control: str) -> None:
    with pytest.raises(ValueError, match="must be plain text"):
        rules.clean_body(f"before{control}after")


_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80)


@PROPERTY
@given(value=_text)
def test_a_stored_body_is_always_plain_trimmed_text_within_the_limit(value: str) -> None:
    try:
        body = rules.clean_body(value)
    except ValueError:
        return
    assert body
    assert body == body.strip()
    assert len(body) <= rules.MAX_BODY_CHARS
    assert "\r" not in body
    assert not CONTROL.search(body)
    assert rules.clean_body(body) == body  # cleaning again changes nothing


@PROPERTY
@given(
    value=st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1, max_size=80)
)
def test_plain_text_is_kept_as_written_but_for_the_trim(value: str) -> None:
    if not value.strip():
        with pytest.raises(ValueError, match="must not be empty"):
            rules.clean_body(value)
    else:
        assert rules.clean_body(value) == value.strip()


# ------------------------------------------------------------------------------ what a file is
def test_a_pdf_png_or_jpeg_is_what_its_first_bytes_say() -> None:
    assert rules.is_what_it_claims("application/pdf", b"%PDF-1.7\n...")
    assert rules.is_what_it_claims("image/png", b"\x89PNG\r\n\x1a\n....")
    assert rules.is_what_it_claims("image/jpeg", b"\xff\xd8\xff\xe0..")
    assert not rules.is_what_it_claims("application/pdf", b"\x89PNG\r\n\x1a\n")
    assert not rules.is_what_it_claims("image/png", b"%PDF-1.7")
    assert not rules.is_what_it_claims("image/jpeg", b"")
    assert not rules.is_what_it_claims("text/plain", b"hello")  # text is checked whole
    assert not rules.is_what_it_claims("application/zip", b"PK\x03\x04")


def test_text_is_utf8_with_line_breaks_and_tabs_only() -> None:
    assert rules.is_plain_text([b"Order #1001\r\n\tTwo mugs, caf\xc3\xa9\n"])
    assert not rules.is_plain_text([b"MZ\x90\x00"])  # NUL
    assert not rules.is_plain_text([b"caf\xe9"])  # Latin-1, not UTF-8
    assert not rules.is_plain_text([b"\x1b[31mred"])


def test_an_empty_file_is_not_text() -> None:
    assert not rules.is_plain_text([])
    assert not rules.is_plain_text([b"", b""])


def test_text_followed_by_anything_else_is_not_text() -> None:
    assert not rules.is_plain_text([b"hello " * 1000, b"PK\x03\x04\x00\x00"])


def test_a_character_cut_off_at_the_end_is_not_text() -> None:
    assert not rules.is_plain_text([b"caf\xc3"])
    assert rules.is_plain_text([b"caf\xc3", b"\xa9"])  # cut between two chunks, whole in the file


@PROPERTY
@given(content=st.binary(max_size=64) | _text.map(lambda t: t.encode()), data=st.data())
def test_whether_a_file_is_text_does_not_depend_on_how_it_is_read_in_chunks(content: bytes, data: Any) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(content)), max_size=5)))
    chunks = [content[i:j] for i, j in zip([0, *cuts], [*cuts, len(content)], strict=True)]
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        expected = False
    else:
        expected = bool(text) and not CONTROL.search(text.replace("\r", "\n"))
    assert rules.is_plain_text(chunks) == expected
    assert rules.is_plain_text([content]) == expected


# ------------------------------------------------------------------------------ a file's name
def test_a_file_name_is_the_last_part_of_a_path() -> None:
    assert rules.clean_filename("C:\\Users\\me\\receipt.pdf") == "receipt.pdf"
    assert rules.clean_filename("../../etc/passwd") == "passwd"


def test_invisible_and_bidi_characters_are_removed_not_refused() -> None:
    assert rules.clean_filename("label\u202efdp.hta") == "labelfdp.hta"
    assert rules.clean_filename("\ufeffre\u200bceipt\x00.pdf\u2028") == "receipt.pdf"


def test_characters_file_systems_refuse_are_replaced() -> None:
    assert rules.clean_filename('a:b*c?d"e<f>g|h.txt') == "a_b_c_d_e_f_g_h.txt"


def test_trailing_dots_and_spaces_go() -> None:
    assert rules.clean_filename("invoice.pdf. . ") == "invoice.pdf"


@pytest.mark.parametrize("nothing", ["", "   ", ".", "..", "a/", "dir/..", "\u202e\u200b", "...  "])
def test_a_name_with_nothing_left_is_refused(nothing: str) -> None:
    with pytest.raises(ValueError, match="must be a file name"):
        rules.clean_filename(nothing)


def test_a_long_name_is_cut_to_255_characters() -> None:
    assert rules.clean_filename("a" * 300) == "a" * 255


@pytest.mark.parametrize("long_name", ["a" * 250 + ".exe" + "." + "pdf" * 5, "a" * 254 + " " + "bbbbb"])
def test_a_cut_leaves_no_trailing_dot_or_space(long_name: str) -> None:
    name = rules.clean_filename(long_name)
    assert len(name) <= 255
    assert not name.endswith((".", " "))


_names = st.text(
    st.one_of(
        st.sampled_from(list('ab.pdf /\\:*?"<>| \t\u202e\u200b\ufeff')),
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
    ),
    max_size=300,
)


@PROPERTY
@given(value=_names)
def test_a_cleaned_name_is_one_visible_name_file_systems_take(value: str) -> None:
    try:
        name = rules.clean_filename(value)
    except ValueError:
        return
    assert name
    assert name not in (".", "..")
    assert not re.search(r'[\\/:*?"<>|]', name)
    assert all(unicodedata.category(c) not in {"Cc", "Cf", "Zl", "Zp"} for c in name)
    assert not name.endswith((".", " "))
    assert name == name.strip()
    assert len(name) <= 255
    assert rules.clean_filename(name) == name


# ------------------------------------------------------------------------------ the name it is saved under
@pytest.mark.parametrize(
    ("filename", "content_type", "saved"),
    [
        ("receipt.pdf", "application/pdf", "receipt.pdf"),
        ("Receipt.PDF", "application/pdf", "Receipt.PDF"),
        ("receipt.pdf.js", "application/pdf", "receipt.pdf"),
        ("refund-form.jar", "text/plain", "refund-form.txt"),
        ("photo", "image/jpeg", "photo.jpg"),
        ("photo.jpeg", "image/jpeg", "photo.jpeg"),
        ("photo.png", "image/jpeg", "photo.jpg"),
        ("scan.tar.gz", "image/png", "scan.tar.png"),
        ("notes.txt", "text/plain", "notes.txt"),
        ("pdf", "application/pdf", "pdf.pdf"),
    ],
)
def test_a_name_ends_in_its_checked_types_extension(filename: str, content_type: str, saved: str) -> None:
    assert rules.named_as(filename, content_type) == saved


@PROPERTY
@given(value=_names, content_type=st.sampled_from(rules.CONTENT_TYPES))
def test_a_saved_name_always_ends_in_an_extension_of_its_type_and_stays_within_255(
    value: str, content_type: str
) -> None:
    try:
        name = rules.clean_filename(value)
    except ValueError:
        return
    saved = rules.named_as(name, content_type)
    _stem, dot, extension = saved.rpartition(".")
    assert dot
    assert extension.lower() in rules.EXTENSIONS[content_type]
    assert len(saved) <= 255
    assert rules.named_as(saved, content_type) == saved
    if name.rpartition(".")[2].lower() in rules.EXTENSIONS[content_type] and "." in name.lstrip("."):
        assert saved == name  # already right: kept as given


@pytest.mark.parametrize("content_type", rules.CONTENT_TYPES)
def test_every_type_has_extensions_and_words(content_type: str) -> None:
    assert rules.EXTENSIONS[content_type]
    assert rules.KINDS[content_type]


# ------------------------------------------------------------------------------ sizes as the pages state them
@pytest.mark.parametrize(
    ("size", "stated"),
    [
        (rules.MAX_FILE_BYTES, "10 MB"),
        (1024 * 1024 * 3 // 2, "1.5 MB"),
        (0, "0 MB"),
        (1024 * 1024 * 5 + 1, "5 MB"),
        (1024 * 1024 * 99 // 10, "9.9 MB"),
    ],
)
def test_a_size_is_stated_in_mb_with_at_most_one_decimal(size: int, stated: str) -> None:
    assert rules.megabytes(size) == stated


def test_a_size_is_written_as_the_current_language_writes_its_number() -> None:
    from access_center.core import i18n

    with i18n.speaking("de"):
        assert rules.megabytes(1024 * 1024 * 3 // 2) == "1,5 MB"
    with i18n.speaking("fr"):
        assert rules.megabytes(1024 * 1024 * 99 // 10) == "9,9 MB"


@PROPERTY
@given(size=st.integers(0, 50 * 1024 * 1024))
def test_a_stated_size_never_ends_in_point_zero(size: int) -> None:
    stated = rules.megabytes(size)
    assert re.fullmatch(r"\d+(\.[1-9])? MB", stated)
    assert abs(float(stated.removesuffix(" MB")) - size / 1024 / 1024) <= 0.05 + 1e-9
