"""The erasure's writes: its confirmation item, and deleting what privacy.holdings marks DELETE. Each
delete is idempotent (a confirmation sent twice, or one retried after a failure, deletes nothing twice
and never fails on what is already gone); every read is a key lookup or a Query."""

from __future__ import annotations

import contextlib

from access_center.account.items import SESSION_PREFIX, ProfileItem, SessionEntryItem
from access_center.account.storage import PROFILE, profile_key, revoke_session, session_entries
from access_center.addresses.items import PREFIX as ADDRESS_PREFIX
from access_center.addresses.items import AddressItem
from access_center.db.transactions import WriteConflict, conditional
from access_center.login.items import CodeItem
from access_center.login.storage import code_key
from access_center.privacy.items import ERASURE, ErasureRequestItem


def save_request(store_id: str, email: str, issued_at: int, expires_at: float) -> None:
    """The customer's pending erasure, replacing any older one (and so its link)."""
    ErasureRequestItem(
        profile_key(store_id, email), ERASURE, issued_at=issued_at, expires_at=expires_at, ttl=int(expires_at) + 86400
    ).save()


def get_request(store_id: str, email: str) -> ErasureRequestItem | None:
    try:
        return ErasureRequestItem.get(profile_key(store_id, email), ERASURE, consistent_read=True)
    except ErasureRequestItem.DoesNotExist:
        return None


def consume_request(store_id: str, email: str, issued_at: int) -> bool:
    """Use the confirmation up; False when it was used (or replaced) meanwhile."""
    try:
        with conditional():
            ErasureRequestItem(profile_key(store_id, email), ERASURE).delete(
                condition=ErasureRequestItem.issued_at == issued_at
            )
    except WriteConflict:
        return False
    return True


def delete_profile(store_id: str, email: str) -> None:
    ProfileItem(profile_key(store_id, email), PROFILE).delete()


def delete_addresses(store_id: str, email: str) -> None:
    key = profile_key(store_id, email)
    for item in AddressItem.query(key, AddressItem.sk.startswith(ADDRESS_PREFIX), attributes_to_get=["pk", "sk"]):
        item.delete()


def end_sessions(store_id: str, email: str) -> None:
    """Revoke every session of the customer's here, then forget its entry."""
    key = profile_key(store_id, email)
    for entry in session_entries(store_id, email):
        revoke_session(entry.sk.removeprefix(SESSION_PREFIX))
        SessionEntryItem(key, entry.sk).delete()


def delete_login_codes(store_id: str, email: str) -> None:
    """The code state is versioned (login.codes): deleted at the version read; a code issued meanwhile
    (a race with a new login) is left to expire on its own."""
    try:
        item = CodeItem.get(code_key(store_id, email), consistent_read=True)
    except CodeItem.DoesNotExist:
        return
    with contextlib.suppress(WriteConflict), conditional():
        item.delete()
