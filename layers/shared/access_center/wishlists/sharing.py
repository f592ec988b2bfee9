"""A shared list's link token: an HMAC, under the server's key, of the list and the random nonce its
sharing started with. The list item keeps only the nonce while it is shared and the link item only a hash
of the token, so no stored item alone opens a list, and anyone who reads the table still cannot. Unsharing
removes the nonce (the old token then matches nothing); sharing again draws a new one."""

from __future__ import annotations

import base64
import secrets

from access_center.core.keys import mac

NONCE_BYTES = 16
TOKEN_BYTES = 24  # of the MAC, base64url: 32 characters, 192 bits (wishlists.rules.is_share_token)


def new_nonce() -> str:
    return secrets.token_urlsafe(NONCE_BYTES)


def link_token(list_pk: str, list_id: str, nonce: str) -> str:
    """The token of the list's link (`list_pk`: the customer's key, `{store_id}#{email}`)."""
    digest = mac("wishlist-share", f"{list_pk}\n{list_id}\n{nonce}")
    return base64.urlsafe_b64encode(digest[:TOKEN_BYTES]).decode()
