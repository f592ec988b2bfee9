"""A store's sending domain (Stores table): the claim on the domain (`sender#{domain}`, one store's at a
time) and the store's sender fields, with the domains it is leaving (`retiring_senders`)."""

from __future__ import annotations

from pynamodb.expressions.update import Action

from access_center.db.transactions import WriteConflict, conditional, transaction
from access_center.stores.items import SenderItem, StoreItem
from access_center.stores.storage import store_key


class SenderTaken(WriteConflict):
    """Another store sends from the domain."""


def claim_sender(store_id: str, domain: str) -> bool:
    """Make `domain` this store's sending domain; whether it was newly claimed. SenderTaken if another
    store has it."""
    item = SenderItem(f"sender#{domain}", store_id=store_id)
    try:
        with conditional():
            item.save(condition=SenderItem.pk.does_not_exist())
        return True
    except WriteConflict:
        pass
    try:
        owner = SenderItem.get(item.pk, consistent_read=True).store_id
    except SenderItem.DoesNotExist:  # released in between: claim again
        return claim_sender(store_id, domain)
    if owner != store_id:
        raise SenderTaken(f"{domain} is another store's sending domain")
    return False


def release_sender(store_id: str, domain: str) -> None:
    try:
        with conditional():
            SenderItem(f"sender#{domain}").delete(condition=SenderItem.store_id == store_id)
    except WriteConflict:
        pass  # not ours (any more): nothing to release


def set_sender(
    store_id: str, domain: str, status: str, *, tenant: str | None = None, retire: str | None = None
) -> None:
    """Record the store's sending domain and what SES says of it (only on a store that exists), with
    its SES tenant, and the domain it leaves (`retire`) put on its list of identities to delete."""
    actions: list[Action] = [StoreItem.sender_domain.set(domain), StoreItem.sender_status.set(status)]
    if tenant is not None:
        actions.append(StoreItem.email_tenant.set(tenant))
    if retire is not None and retire != domain:
        actions.append(StoreItem.retiring_senders.add({retire}))
    with conditional():
        StoreItem(store_key(store_id)).update(actions=actions, condition=StoreItem.pk.exists())


def clear_sender(store_id: str, retire: str | None) -> None:
    """The store sends from the platform's address again, outside any tenant; the domain it leaves goes
    on its list of identities to delete. A store that is gone has nothing to clear."""
    actions: list[Action] = [
        StoreItem.sender_domain.remove(),
        StoreItem.sender_status.remove(),
        StoreItem.email_tenant.remove(),
    ]
    if retire is not None:
        actions.append(StoreItem.retiring_senders.add({retire}))
    try:
        with conditional():
            StoreItem(store_key(store_id)).update(actions=actions, condition=StoreItem.pk.exists())
    except WriteConflict:
        pass


def keep_sender(store_id: str, domain: str) -> None:
    """Take `domain` off the store's list of identities to delete (the store uses it again)."""
    StoreItem(store_key(store_id)).update(actions=[StoreItem.retiring_senders.delete({domain})])


def sender_owner(domain: str) -> str | None:
    """The store that has claimed `domain` to send from, if any."""
    try:
        return str(SenderItem.get(f"sender#{domain}", consistent_read=True).store_id)
    except SenderItem.DoesNotExist:
        return None


def retired_sender(store_id: str, domain: str) -> None:
    """`domain`'s identity is deleted: release the store's claim on it and take it off the list, in one
    transaction. While the claim stood, no other store of this stack could take the domain and find its
    identity deleted under it."""
    try:
        with transaction() as tx:
            tx.delete(SenderItem(f"sender#{domain}"), condition=SenderItem.store_id == store_id)
            tx.update(StoreItem(store_key(store_id)), actions=[StoreItem.retiring_senders.delete({domain})])
    except WriteConflict:  # the claim is not ours (or gone): only the list needs tidying
        keep_sender(store_id, domain)
