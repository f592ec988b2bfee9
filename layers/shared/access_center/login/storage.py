"""Login code state (Codes table; its per-IP counters are access_center.db.rates), customer sessions
(Sessions table)."""

from __future__ import annotations

from access_center.db.transactions import WriteConflict, conditional
from access_center.login.items import CodeItem, SessionItem


def code_key(store_id: str, email: str) -> str:
    return f"{store_id}#{email}"


def get_code_state(store_id: str, email: str) -> CodeItem:
    """The code state for a store+email, strongly consistent; a fresh (unsaved) item if there is none."""
    key = code_key(store_id, email)
    try:
        return CodeItem.get(key, consistent_read=True)
    except CodeItem.DoesNotExist:
        return CodeItem(key, sends=[], failures=0, failures_since_login=0, ttl=0)


def save_code_state(item: CodeItem) -> None:
    """Save guarded by the item's version. Raises WriteConflict when a concurrent request wrote first."""
    with conditional():
        item.save()


def create_session(item: SessionItem) -> None:
    with conditional():
        item.save(condition=SessionItem.token_hash.does_not_exist())


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
