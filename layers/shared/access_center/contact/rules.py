"""The contact form's pure rules: whose message it is, and whether it may name an order.

- Signed in, the message is the session's email's: `email` may be left out or repeat it (either case),
  and any other email is refused (422), not silently replaced: the customer would expect the store to
  answer the address they typed. Signed out, `email` is required: it is where the store replies (the
  message's Reply-To), and nothing is ever sent to it, so the form is no relay to strangers' inboxes.
- Only a signed-in customer may name an order (422 signed out: nobody can probe order ids), and only
  one they see on their orders page (contact.logic: 404 otherwise, as for one that does not exist)."""

from __future__ import annotations

from access_center.core.errors import Unprocessable
from access_center.core.i18n import N_

EMAIL_NEEDED = N_("Enter your email, so that the store can answer you.")
ANOTHER_EMAIL = N_("You are logged in: your message goes from %(email)s. Leave out the email, or log out first.")
ORDER_NEEDS_LOGIN = N_("Log in to ask about one of your orders.")


def sender(signed_in_as: str | None, given: str | None) -> str:
    """The email the message is from (both normalised already); Unprocessable where there is none, or
    where a signed-in customer names another."""
    if signed_in_as is not None:
        if given is not None and given != signed_in_as:
            raise Unprocessable(ANOTHER_EMAIL, email=signed_in_as)
        return signed_in_as
    if not given:
        raise Unprocessable(EMAIL_NEEDED)
    return given


def check_order_reference(signed_in: bool, order_id: str | None) -> None:
    """Unprocessable where a signed-out visitor names an order."""
    if order_id and not signed_in:
        raise Unprocessable(ORDER_NEEDS_LOGIN)
