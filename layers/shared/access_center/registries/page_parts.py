"""What the registry pages share: their one Router (ListPagesFunction includes it as registries.pages.router;
the owner's pages are registries.pages, the public page registries.link_pages), the address choices of the
owner's book, and the form fields' rules in words."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Router

from access_center.addresses import storage as address_book
from access_center.core.i18n import N_

router = Router()
CHECK = N_("That form could not be read. Reload the page and try again.")
DETAILS_RULE = N_(
    "Give a title of 1 to 100 characters on one line, the event's date, and a message of up to 1000 characters."
)
WANTED_RULE = N_("Enter a SKU and how many you want: a whole number from 1 to %(count)s.")
# What the pages say after a form worked (`?done=`), marked here, translated where shown.
DONE = {
    "created": N_("Your gift registry is ready. Share its link with your guests."),
    "added": N_("The item is on your registry."),
    "saved": N_("Your changes are saved."),
    "closed": N_("The registry is closed: guests can no longer buy from it."),
    "reopened": N_("The registry is open again."),
    "removed": N_("The item is off your registry."),
    "deleted": N_("The gift registry is deleted."),
}


def address_choices(store_id: str, email: str) -> list[tuple[str, str]]:
    """The owner's addresses as a select shows them: (address id, "name, street, city")."""
    found = sorted(address_book.list_addresses(store_id, email), key=lambda item: -float(item.created_at))
    return [
        (item.address_id, ", ".join(part for part in (item.name, item.line1, item.city, item.country) if part))
        for item in found
    ]
