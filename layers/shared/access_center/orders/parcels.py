"""What a parcel's tracking status says to its customer, in the order page's timeline and in the tracking
email (tracking.notices): one set of words. It lives with the order, whose fulfilments carry the status."""

from access_center.core.i18n import N_

# Marked only: translated where shown (the order page, the tracking email), in the reader's language.
# Each is a parcel's tracking status, shown in bold above its tracking history and as the tracking
# email's title.
WORDS = {
    "info_received": N_("Label created: the carrier has the details, not the parcel yet"),
    "in_transit": N_("On its way"),
    "out_for_delivery": N_("Out for delivery"),
    "available_for_pickup": N_("Ready to pick up"),
    "delivered": N_("Delivered"),
    "attempt_failed": N_("Delivery attempted: the carrier will try again"),
    "exception": N_("Delayed: there is a problem with the delivery"),
}
