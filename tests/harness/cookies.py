"""The cookie jar of the tests' clients, in-process (support.Client) and over HTTP (devserver.Browser):
a plain dict of name -> value, kept from Set-Cookie and sent back as a browser would (one site each)."""

from __future__ import annotations


def cookie_header(cookies: dict[str, str]) -> str | None:
    """The `Cookie` header for the jar, or None when it is empty."""
    return "; ".join(f"{name}={value}" for name, value in cookies.items()) or None


def keep_cookies(cookies: dict[str, str], set_cookies: list[str]) -> None:
    """Take an answer's Set-Cookie headers into the jar: an empty value or Max-Age=0 removes the cookie."""
    for cookie in set_cookies:
        name, _, rest = cookie.partition("=")
        value = rest.split(";", 1)[0]
        if "Max-Age=0" in cookie or not value:
            cookies.pop(name, None)
        else:
            cookies[name] = value
