"""The emails' layout: the header on the brand colour, as the pages' masthead (so a white logo made for
the pages shows in emails too), and long words that break rather than widen the mail."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from devtools.emulator.outbox import sent_emails
from tests.harness.bodies import order_body
from tests.harness.streams import drain_order_stream
from tests.harness.support import Client, Shop, deliver_queued

WHITE_LOGO = "https://cdn.example/logo-white.png"
LONG_NAME = "Superextraordinarilylongunbrokenproductnamewithoutanyspacesatallforty70"
LONG_SKU = "SKU-0123456789ABCDEFGHIJKLMNOPQRSTUVW"  # 37: emails show SKUs up to 40 characters


class _Cells(HTMLParser):
    """Every table cell: its attributes and what is inside it (images, text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[dict[str, object]] = []
        self._open: list[dict[str, object]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "td":
            cell: dict[str, object] = {"attrs": dict(attrs), "images": [], "text": "", "styles": []}
            self.cells.append(cell)
            self._open.append(cell)
        elif self._open:
            found = dict(attrs)
            if tag == "img":
                self._open[-1]["images"].append(found.get("src"))  # type: ignore[attr-defined]
            if found.get("style"):
                self._open[-1]["styles"].append(found["style"])  # type: ignore[attr-defined]

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for cell in self._open:
            cell["text"] = f"{cell['text']}{data}"


def _header(html: str) -> dict[str, object]:
    parser = _Cells()
    parser.feed(html)
    return next(c for c in parser.cells if "bgcolor" in c["attrs"] and "padding:24px 32px" in c["attrs"]["style"])  # type: ignore[index, operator]


def _confirmation(shop: Shop, **order: object) -> dict[str, object]:
    shop.put_order("o1", order_body(**order))
    assert drain_order_stream() == []
    (email,) = [m for m in sent_emails() if "confirmed" in m["subject"]]
    return email


def test_the_logo_sits_on_the_brand_colour_in_emails_as_on_pages(admin: Client, gateway: object) -> None:
    shop = Shop.create(admin, "dark", "third.example", brand_color="#0b3d2e", logo_url=WHITE_LOGO)
    header = _header(str(_confirmation(shop)["html"]))
    assert header["attrs"]["bgcolor"] == "#0b3d2e"  # type: ignore[index]
    assert "background-color:#0b3d2e" in header["attrs"]["style"]  # type: ignore[index, operator]
    assert header["images"] == [WHITE_LOGO]
    page = Client(gateway, "third.example").get("/store/account/login").body.decode()  # type: ignore[arg-type]
    assert f'src="{WHITE_LOGO}"' in page  # the same logo, on the same colour (brand.css)


def test_without_a_logo_the_name_is_written_in_the_colour_that_reads_on_the_brand(admin: Client) -> None:
    for store_id, brand, text_colour in (("dark", "#0b3d2e", "#ffffff"), ("light", "#ffcc00", "#111827")):
        domain = f"{store_id}.third.example"
        shop = Shop.create(admin, store_id, domain, verify_sender=False, brand_color=brand)
        shop.put_order("o1", order_body())
        assert drain_order_stream() == []
        (email,) = [m for m in sent_emails() if "confirmed" in m["subject"] and domain in m["html"]]
        header = _header(str(email["html"]))
        assert header["attrs"]["bgcolor"] == brand  # type: ignore[index]
        assert str(header["text"]).strip() == "Shop One"
        assert any(f"color:{text_colour}" in style for style in header["styles"])  # type: ignore[attr-defined]


def test_the_login_code_email_has_the_same_header(admin: Client, gateway: object) -> None:
    shop = Shop.create(admin, "dark", "third.example", brand_color="#0b3d2e", logo_url=WHITE_LOGO)
    shop.put_order("o1", order_body())
    drain_order_stream()
    shop.send_code(Client(gateway, "third.example"), "ann@example.com")  # type: ignore[arg-type]
    deliver_queued(gateway)  # type: ignore[arg-type]
    (email,) = [m for m in sent_emails() if "login code" in m["subject"]]
    header = _header(str(email["html"]))
    assert header["attrs"]["bgcolor"] == "#0b3d2e"  # type: ignore[index]
    assert header["images"] == [WHITE_LOGO]


def test_long_names_and_skus_break_anywhere_in_emails(shop: Shop) -> None:
    item = {"line_id": "l1", "sku": LONG_SKU, "name": LONG_NAME, "quantity": 1, "unit_price": 100}
    email = _confirmation(shop, items=[item], totals={"subtotal": 100, "total": 100})
    parser = _Cells()
    parser.feed(str(email["html"]))
    (line,) = [c for c in parser.cells if LONG_NAME in str(c["text"])][-1:]
    assert LONG_SKU in str(line["text"])
    assert re.search(r"overflow-wrap:anywhere;word-break:break-word", line["attrs"]["style"])  # type: ignore[index, arg-type]
