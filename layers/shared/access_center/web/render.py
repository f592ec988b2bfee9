"""The one jinja2 Environment for pages (templates/portal/) and emails (templates/email/).

HTML is autoescaped, plain-text email twins are not; an undefined name fails loudly rather than
rendering empty. The formatting filters of web.format (money, dates, addresses, statuses, links; by
the store's locale and time zone) are registered here, and the emails format with the same functions,
so that pages and emails write the same thing the same way.

Every text in a template is in the current language (core.i18n): `{% trans %}...{% endtrans %}` and
`_("...")` (jinja2's i18n extension, newstyle: `%(name)s` placeholders, escaped values). A render in a
given language is `render_template(name, values, language)`; the template's `lang` is that language.

Imported only by the functions that render (pages, the mailers): the others do not pay for jinja2.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from access_center.core import i18n
from access_center.core.config import settings
from access_center.web import format


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(settings().templates_dir),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True, default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True  # as devtools/messages.py extracts them: one line per text
    env.install_gettext_callables(  # type: ignore[attr-defined] # added by the i18n extension
        i18n.gettext, i18n.ngettext, newstyle=True, pgettext=i18n.pgettext, npgettext=i18n.npgettext
    )
    env.filters.update(format.FILTERS)
    env.globals.update(format.GLOBALS)
    return env


def render_template(name: str, values: dict[str, Any], language: str | None = None) -> str:
    """Render `portal/orders.html`, `email/shipping_update.txt`, ... with `values`, in `language` (the
    current one when None); the template's `lang` says which."""
    with i18n.speaking(language or i18n.current_language()) as spoken:
        return environment().get_template(name).render({**values, "lang": spoken})
