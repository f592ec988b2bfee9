"""What the store hears of a profile (API.md section 8, docs/store-events.md): `ProfileUpdated` with the
fields that changed, and `NewsletterConsentChanged` when the consent did, each with the store and the
customer's email."""

from __future__ import annotations

from access_center.aws import events

PROFILE_UPDATED = "ProfileUpdated"
CONSENT_CHANGED = "NewsletterConsentChanged"


def profile_updated(store_id: str, email: str, changed: list[str], source: str) -> None:
    events.publish(PROFILE_UPDATED, {"store_id": store_id, "email": email, "changed": changed, "source": source})


def consent_changed(store_id: str, email: str, subscribed: bool, changed_at: str, source: str) -> None:
    detail = {
        "store_id": store_id,
        "email": email,
        "subscribed": subscribed,
        "changed_at": changed_at,
        "source": source,
    }
    events.publish(CONSENT_CHANGED, detail)
