"""Login code state (Codes table; its per-IP counters are access_center.db.rates; customer sessions are
account.storage's)."""

from __future__ import annotations

from access_center.db.transactions import conditional
from access_center.login.items import CodeItem


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
