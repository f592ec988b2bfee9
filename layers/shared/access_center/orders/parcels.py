"""What a parcel's tracking status says to its customer, in the order page's timeline and in the tracking
email (tracking.notices): one set of words. It lives with the order, whose fulfilments carry the status."""

WORDS = {
    "info_received": "Label created: the carrier has the details, not the parcel yet",
    "in_transit": "On its way",
    "out_for_delivery": "Out for delivery",
    "available_for_pickup": "Ready to pick up",
    "delivered": "Delivered",
    "attempt_failed": "Delivery attempted: the carrier will try again",
    "exception": "Delayed: there is a problem with the delivery",
}
