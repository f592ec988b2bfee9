"""The customer's profile (API.md section 8): read it, change it, and the name pages and emails use.

The code login already proved the customer owns the address, so newsletter consent changes at once
(no second confirmation email); when and how it changed is kept beside it. A change publishes its
events after the write; a request refused for its content writes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from access_center.account import storage
from access_center.account.items import ProfileItem
from access_center.core import clock, phones
from access_center.core.errors import Conflict, Unprocessable
from access_center.core.i18n import N_
from access_center.db.retry import retry_on_conflict
from access_center.orders.storage import get_contact
from access_center.profile import notices
from access_center.stores.logic import Store
from access_center.web.languages import best_match

if TYPE_CHECKING:
    from access_center.profile.models import ProfileChanges

ACCOUNT, STORE = "account", "store"  # who made a change: the customer, or the store's import


class NewsletterView(TypedDict):
    subscribed: bool
    changed_at: str | None


class ProfileView(TypedDict):
    email: str
    name: str
    phone: str | None
    language: str
    newsletter: NewsletterView


def shown_name(store_id: str, email: str) -> str:
    """The name pages show: the profile's once set, else the first-created contact's (API.md section 2)."""
    return _name(store_id, email, storage.profile_for_email(store_id, email))


def _name(store_id: str, email: str, profile: ProfileItem | None) -> str:
    if profile is not None and profile.name:
        return profile.name
    contact = get_contact(store_id, email)
    return contact.name if contact and contact.name else ""


def read(store: Store, email: str) -> ProfileView:
    return view(store, email, storage.get_profile(store.store_id, email))


def view(store: Store, email: str, profile: ProfileItem | None) -> ProfileView:
    changed_at = profile.newsletter_changed_at if profile else None
    return {
        "email": email,
        "name": _name(store.store_id, email, profile),
        "phone": profile.phone if profile else None,
        "language": (profile.language if profile else None) or store.settings.languages[0],
        "newsletter": {
            "subscribed": bool(profile and profile.newsletter),
            "changed_at": clock.iso(changed_at) if changed_at is not None else None,
        },
    }


def checked_phone(store: Store, phone: str) -> str | None:
    """The number in E.164 (None: cleared); Unprocessable when it is not a valid number."""
    if not phone.strip():
        return None
    found = phones.e164(phone, phones.store_country(store.settings.locale))
    if found is None:
        raise Unprocessable(
            N_("Enter a phone number, with its country code if it is not in the store's country."),
            details=[{"field": "phone"}],
        )
    return found


def checked_language(store: Store, language: str) -> str:
    found = best_match(language, store.settings.languages) if language.strip() else None
    if found is None or found.lower() != language.strip().lower():
        raise Unprocessable(
            N_("This store does not offer that language."),
            details=[{"field": "language", "offered": list(store.settings.languages)}],
        )
    return found


def change(store: Store, email: str, changes: ProfileChanges, source: str = ACCOUNT) -> ProfileView:
    """Apply what was sent (checked first: a refused change writes nothing), then tell the store."""
    wanted: dict[str, object] = {}
    if changes.name is not None:
        wanted["name"] = changes.name.strip() or None
    if changes.phone is not None:
        wanted["phone"] = checked_phone(store, changes.phone)
    if changes.language is not None:
        wanted["language"] = checked_language(store, changes.language)
    consent = changes.newsletter

    def attempt() -> tuple[ProfileItem | None, list[str], bool]:
        before = storage.get_profile(store.store_id, email)
        changed = [field for field, value in wanted.items() if getattr(before, field, None) != value]
        consent_moves = consent is not None and bool(before and before.newsletter) != consent
        if not changed and not consent_moves:
            return before, [], False
        now = clock.now()
        actions = [ProfileItem.updated_at.set(now)]
        for field in changed:
            attribute = getattr(ProfileItem, field)
            value = wanted[field]
            actions.append(attribute.remove() if value is None else attribute.set(value))
        condition: Any = None
        if consent_moves:
            actions += [
                ProfileItem.newsletter.set(bool(consent)),
                ProfileItem.newsletter_changed_at.set(now),
                ProfileItem.newsletter_source.set(source),
            ]
            # What the event says is what was decided from: a consent changed meanwhile is read again.
            was = bool(before and before.newsletter)
            if was:
                condition = ProfileItem.newsletter == True  # noqa: E712
            else:
                condition = ProfileItem.newsletter.does_not_exist() | (ProfileItem.newsletter == False)  # noqa: E712
        return storage.update_profile(store.store_id, email, actions, condition), changed, consent_moves

    after, changed, consent_moved = retry_on_conflict(attempt, _busy)
    if changed or consent_moved:
        notices.profile_updated(store.store_id, email, [*changed, *(["newsletter"] if consent_moved else [])], source)
    if consent_moved and after is not None and after.newsletter_changed_at is not None:
        notices.consent_changed(
            store.store_id, email, bool(after.newsletter), clock.iso(after.newsletter_changed_at), source
        )
    return view(store, email, after)


def _busy() -> Exception:
    return Conflict(N_("Your profile is being changed elsewhere. Try again."))
