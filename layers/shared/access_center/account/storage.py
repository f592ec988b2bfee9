"""Customer sessions (Sessions table) and the customer's profile item (Customers table, sk `profile`)."""

from __future__ import annotations

from typing import Any

from access_center.account.items import SESSION_PREFIX, ProfileItem, SessionEntryItem, SessionItem
from access_center.db.transactions import WriteConflict, conditional, transaction


def create_session(item: SessionItem) -> None:
    """The session and its entry under the customer's key (what erasure revokes), in one transaction."""
    entry = SessionEntryItem(
        profile_key(item.store_id, item.email),
        SESSION_PREFIX + item.token_hash,
        created_at=item.created_at,
        expires_at=item.expires_at,
        ttl=item.ttl,
    )
    with transaction() as tx:
        tx.save(item, condition=SessionItem.token_hash.does_not_exist())
        tx.save(entry)


def session_entries(store_id: str, email: str) -> list[SessionEntryItem]:
    """The customer's sessions at this store (live or not yet expired by TTL), by Query."""
    key = profile_key(store_id, email)
    return list(SessionEntryItem.query(key, SessionEntryItem.sk.startswith(SESSION_PREFIX), consistent_read=True))


def get_session(token_hash: str) -> SessionItem | None:
    try:
        return SessionItem.get(token_hash, consistent_read=True)
    except SessionItem.DoesNotExist:
        return None


def touch_session(item: SessionItem, now: float) -> None:
    """Record activity (for idle expiry) unless the session was revoked meanwhile."""
    try:
        with conditional():
            item.update(actions=[SessionItem.last_seen_at.set(now)], condition=SessionItem.revoked == False)  # noqa: E712
    except WriteConflict:
        pass


def revoke_session(token_hash: str) -> None:
    try:
        with conditional():
            SessionItem(token_hash).update(
                actions=[SessionItem.revoked.set(True)], condition=SessionItem.token_hash.exists()
            )
    except WriteConflict:
        pass  # no such session: nothing to revoke


PROFILE = "profile"


def profile_key(store_id: str, email: str) -> str:
    return f"{store_id}#{email}"  # the customer's key in the Customers table (orders.storage.customer_key)


def get_profile(store_id: str, email: str) -> ProfileItem | None:
    try:
        return ProfileItem.get(profile_key(store_id, email), PROFILE, consistent_read=True)
    except ProfileItem.DoesNotExist:
        return None


def profile_for_email(store_id: str, email: str) -> ProfileItem | None:
    """What an email needs of the profile (its language and the name to greet), in one read."""
    try:
        return ProfileItem.get(profile_key(store_id, email), PROFILE, attributes_to_get=["language", "name"])
    except ProfileItem.DoesNotExist:
        return None


def update_profile(store_id: str, email: str, actions: list[Any], condition: Any = None) -> ProfileItem:
    """Apply `actions` to the profile (created where there is none); WriteConflict when `condition`
    (what the caller decided from) no longer holds. Answers the profile as written (UpdateItem's
    ALL_NEW, which PynamoDB puts on the item: no read after the write)."""
    item = ProfileItem(profile_key(store_id, email), PROFILE)
    with conditional():
        item.update(actions=actions, condition=condition)
    return item


def profile_language(store_id: str, email: str) -> str | None:
    """The language the customer chose at this store, if any."""
    try:
        return ProfileItem.get(profile_key(store_id, email), PROFILE, attributes_to_get=["language"]).language
    except ProfileItem.DoesNotExist:
        return None


def keep_profile_language(store_id: str, email: str, language: str) -> None:
    """The customer's choice, kept in their profile (created with it where there is none yet)."""
    ProfileItem(profile_key(store_id, email), PROFILE).update(actions=[ProfileItem.language.set(language)])
