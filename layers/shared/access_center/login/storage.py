"""Login code state and per-IP counters (Codes table), customer sessions (Sessions table)."""

from __future__ import annotations

from access_center.db.transactions import WriteConflict, conditional
from access_center.login.items import CodeItem, RateItem, SessionItem


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


def count_hit(key: str, hour: int) -> tuple[int, int]:
    """Add one hit to `key` in clock hour `hour`; (this hour's hits, the previous hour's).

    One atomic UpdateItem while the item is on this hour (no read-then-write race); the first hit of a
    new hour moves the window with one more conditional write (the count moves to `previous` when the
    hours are adjacent), and a racing mover makes this hit count on the moved window."""
    ttl = (hour + 3) * 3600
    item = RateItem(key)
    moves = (
        (RateItem.hour == hour, [RateItem.hits.add(1)]),
        (RateItem.hour == hour - 1, [RateItem.previous.set(RateItem.hits), RateItem.hits.set(1), RateItem.hour.set(hour)]),
        (RateItem.pk.does_not_exist() | (RateItem.hour < hour - 1),
         [RateItem.previous.set(0), RateItem.hits.set(1), RateItem.hour.set(hour)]),
    )  # fmt: skip
    for _ in range(3):
        for condition, actions in moves:
            try:
                with conditional():
                    item.update(actions=[*actions, RateItem.ttl.set(ttl)], condition=condition)
            except WriteConflict:
                continue
            return int(item.hits), int(item.previous or 0)
    return int(item.hits or 1), int(item.previous or 0)  # the clock is behind another writer's: count it as now


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
