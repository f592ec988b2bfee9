"""The one text-colour-on-brand rule for pages (brand.css) and emails (the button): by WCAG contrast.

Text on a store's brand colour is the pages' and emails' own text colour (#111827) or white,
whichever has the higher WCAG 2 contrast ratio against it. No jinja2, no Babel: brand.css needs only this.
"""

from __future__ import annotations

import re

DEFAULT_BRAND = "#1f2937"  # a store without a brand colour
DARK_TEXT = "#111827"  # the body text colour of portal.css and the email layout
LIGHT_TEXT = "#ffffff"
_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def is_colour(value: object) -> bool:
    """Whether `value` is a `#rrggbb` colour (what the store settings accept)."""
    return isinstance(value, str) and bool(_HEX_COLOUR.fullmatch(value))  # fullmatch: no "\n" after


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of `#rrggbb` (0 black .. 1 white)."""
    if not is_colour(colour):
        raise ValueError(f"a colour is #rrggbb, not {colour[:20]!r}")

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else float(((c + 0.055) / 1.055) ** 2.4)

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two colours, 1 (none) .. 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """DARK_TEXT or LIGHT_TEXT, whichever reads better on `background` (#rrggbb)."""
    dark, light = contrast_ratio(background, DARK_TEXT), contrast_ratio(background, LIGHT_TEXT)
    return DARK_TEXT if dark > light else LIGHT_TEXT
