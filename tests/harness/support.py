"""In-process test helpers: a customer's or store system's client over the emulated gateway, a store
with its login flow, queue delivery, the latest emailed code, and races between threads."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from access_center.core.errors import DomainError
from devtools.emulator.gateway import Gateway, Reply
from devtools.emulator.outbox import sent_emails
from tests.harness.bodies import order_body, store_settings
from tests.harness.cookies import cookie_header, keep_cookies
from tests.harness.emails import code_in, link_in


@dataclass
class Client:
    gateway: Gateway
    host: str
    ip: str = "198.51.100.7"
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        raw: str | bytes | None = None,
        headers: dict[str, str] | None = None,
        host: str | None = None,
        ip: str | None = None,
    ) -> Reply:
        sent = {"Host": host or self.host, "Content-Type": "application/json", **(headers or {})}
        if cookies := cookie_header(self.cookies):
            sent["Cookie"] = cookies
        payload = raw if raw is not None else (json.dumps(body) if body is not None else None)
        reply = self.gateway.request(method, path, headers=sent, body=payload, source_ip=ip or self.ip)
        deliver_queued(self.gateway)  # queue consumers run right after, as Lambda's event sources would
        keep_cookies(self.cookies, reply.headers_named("Set-Cookie"))
        return reply

    def get(self, path: str, **kw: Any) -> Reply:
        return self.request("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Reply:
        return self.request("POST", path, body, **kw)

    def put(self, path: str, body: Any = None, **kw: Any) -> Reply:
        return self.request("PUT", path, body, **kw)

    def form(self, path: str, fields: dict[str, str], **kw: Any) -> Reply:
        """POST an HTML form (application/x-www-form-urlencoded), as a browser would."""
        headers = {"Content-Type": "application/x-www-form-urlencoded", **kw.pop("headers", {})}
        return self.request("POST", path, raw=urlencode(fields), headers=headers, **kw)


@dataclass
class Shop:
    admin: Client
    store_id: str
    domain: str
    prefix: str = ""

    @classmethod
    def create(
        cls, admin: Client, store_id: str, domain: str, prefix: str = "", *, verify_sender: bool = True, **settings: Any
    ) -> Shop:
        # Through the store routes' own logic and edge models, not over HTTP: every test builds a store,
        # and three requests each were a tenth of a second per test. tests/functional/stores pins the routes.
        from access_center.stores import domains, logic, sender
        from access_center.stores.domain_models import DomainIn
        from access_center.stores.models import StoreSettingsIn

        body = store_settings(domain=domain, **settings)
        logic.save_settings(store_id, StoreSettingsIn.model_validate_json(json.dumps(body)))
        domains.connect(store_id, DomainIn.model_validate_json(json.dumps({"domain": domain, "path_prefix": prefix})))
        from_domain = str(body["from_email"]).rpartition("@")[2]
        if verify_sender and from_domain != "platform.example":  # locally SES verifies at once
            sender.connect_sender(store_id, from_domain)
        return cls(admin, store_id, domain, prefix)

    @property
    def base(self) -> str:
        return f"{self.prefix}/store/account"

    def put_order(self, order_id: str, body: dict[str, Any] | None = None, **fields: Any) -> Reply:
        return self.admin.put(f"/admin/stores/{self.store_id}/orders/{order_id}", body or order_body(**fields))

    def fulfil(self, order_id: str, fulfilment_id: str, body: dict[str, Any]) -> Reply:
        return self.admin.put(f"/admin/stores/{self.store_id}/orders/{order_id}/fulfilments/{fulfilment_id}", body)

    def settings(self, **extra: Any) -> None:
        """Replace the store's settings: the test defaults plus `extra`."""
        from access_center.stores import logic
        from access_center.stores.models import StoreSettingsIn

        body = store_settings(domain=self.domain, **extra)
        logic.save_settings(self.store_id, StoreSettingsIn.model_validate_json(json.dumps(body)))

    def pin(self, aws_account_id: str | None, requests_per_minute: int | None = None) -> None:
        """What the platform sets about the store (PUT .../platform, through its logic): the AWS account
        whose principals may address it, and its own fair share."""
        from access_center.stores import logic
        from access_center.stores.models import StorePlatformIn

        body = {"aws_account_id": aws_account_id, "requests_per_minute": requests_per_minute}
        logic.save_platform(self.store_id, StorePlatformIn.model_validate(body))

    def stored_order(self, order_id: str) -> dict[str, Any]:
        """The Orders item as DynamoDB holds it (a refused request must leave it as it was)."""
        from tests.harness.aws import aws_client

        key = {"pk": {"S": f"{self.store_id}#{order_id}"}}
        return dict(aws_client("dynamodb").get_item(TableName="OrdersTable", Key=key, ConsistentRead=True)["Item"])

    def send_code(self, client: Client, email: str, **kw: Any) -> Reply:
        return client.post(f"{self.base}/api/otp", {"email": email}, **kw)

    def verify(self, client: Client, email: str, code: str, **kw: Any) -> Reply:
        return client.post(f"{self.base}/api/otp/verify", {"email": email, "code": code}, **kw)

    def login_with_code(self, client: Client, email: str) -> Reply:
        """Signed in the customer's way: a code sent by email, read from the outbox, checked."""
        assert self.send_code(client, email).status == 202
        reply = self.verify(client, email, latest_code(email))
        assert reply.status == 200, reply.body
        return reply

    def login(self, client: Client, email: str) -> None:
        """Signed in as `email`, for tests of what a signed-in customer does: the session is started by
        the product's own code, as a checked code starts it, and its cookie held as the browser holds
        the one the check sets. (The code, the queue and the mailer are login's tests, through
        login_with_code; here they would be a third of every test's time.)"""
        from access_center.account import sessions
        from access_center.core.email_address import normalise_email
        from access_center.web.requests import SESSION_COOKIE

        client.cookies[SESSION_COOKIE] = sessions.start(self.store_id, normalise_email(email))


def fresh_tallies(calls: Any) -> None:
    """Count from a store's first request in this container (bench.budgets.first_request): forget the
    fair share's tallies, then clear the counted calls."""
    from access_center.web.fair_share import fair_share

    fair_share().forget()
    calls.clear()


def mapped_without_reads(client: Client, store_id: str = "s1", domain: str = "shop.example") -> Client:
    """The same customer (cookies and all) behind a gateway whose domain mapping reads no table: API
    Gateway's custom domain, not a call of the product's, so call budgets count only the product's."""
    gateway = Gateway(domain_lookup=lambda host: (store_id, "") if host == domain else None)
    return Client(gateway, client.host, client.ip, dict(client.cookies))


def deliver_queued(gateway: Gateway) -> int:
    """Hand queued messages to their consumers, as Lambda's SQS event sources would (the code email
    leaves through the login-code queue). Returns how many were delivered."""
    from moto.sqs.models import sqs_backends

    from devtools.emulator.queues import drain_once
    from devtools.emulator.streams import invoke_function

    backend = sqs_backends["123456789012"]["us-east-1"]
    if not any(queue.messages for queue in backend.queues.values()):
        return 0  # nothing queued: skip the emulated SQS round trips
    total = 0
    while delivered := drain_once(gateway.functions, invoke_function):
        total += delivered
    return total


def latest_code(email: str) -> str:
    """The code in the newest login email to `email`, read from its text part."""
    code = code_in(sent_emails(), email)
    if code is None:
        raise AssertionError(f"no login code was emailed to {email}")
    return code


def latest_link(email: str) -> str:
    """The sign-in link in the newest login email to `email`."""
    link = link_in(sent_emails(), email)
    if link is None:
        raise AssertionError(f"no sign-in link was emailed to {email}")
    return link


def race(work: Callable[[int], Any], n: int) -> list[Any]:
    """Run `work(i)` in n threads at once, each standing for a separate Lambda container; a domain
    error counts as its HTTP status.

    The logic is called directly: Powertools keeps the current event in a process-wide attribute
    (one request per container in Lambda), so concurrent requests through one process's handlers
    could swap events. The race under test is in the data layer, which this exercises for real.
    """
    results: list[Any] = [None] * n
    start = threading.Barrier(n)

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = work(i)
        except DomainError as error:
            results[i] = error.status

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
