"""Drive `make dev` (devtools.emulator.server) over real HTTP from tests: launch it in a subprocess on a free
port, wait for it, talk to it with a Host header, read its outbox."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from devtools import template
from devtools.emulator.gateway import Reply
from tests.harness.bodies import store_settings
from tests.harness.cookies import cookie_header, keep_cookies
from tests.harness.emails import code_in

ROOT = template.ROOT
START_TIMEOUT = 120.0  # a gate, not a timing: a busy CI machine starts the server slowly


# ---------------------------------------------------------------------------------------------- helpers
# An HTTP answer from the server: the same shape the in-process gateway returns.
Answer = Reply


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class DevServer:
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path
    out_path: Path

    @classmethod
    def launch(cls, workdir: Path, *args: str, env: dict[str, str] | None = None) -> DevServer:
        port = _free_port()
        workdir.mkdir(parents=True, exist_ok=True)
        log_path, out_path = workdir / "server.err", workdir / "server.out"
        with open(log_path, "wb") as err, open(out_path, "wb") as out:
            process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                [sys.executable, "-m", "devtools.emulator.server", "--port", str(port), *args],
                cwd=ROOT,
                # The pseudo-locale on, as for the browser suite: its stores may offer en-XA (core.i18n).
                env={**os.environ, "PSEUDO_LOCALE": "true", **(env or {})},
                stdout=out,
                stderr=err,
            )
        return cls(port, process, log_path, out_path)

    def wait_ready(self) -> DevServer:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the server exited ({self.process.returncode}):\n{self.log()}")
            try:
                if self.request("GET", "/_dev/outbox", timeout=10).status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.05)
        raise AssertionError(f"the server did not answer within {START_TIMEOUT} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def output(self) -> str:
        return self.out_path.read_text(errors="replace")

    def stop(self, sig: int = signal.SIGINT) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        return self.process.returncode

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        host: str = "localhost",
        headers: list[tuple[str, str]] | None = None,
        raw: bytes | None = None,
        timeout: float = 10,
    ) -> Answer:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", host)
            if data is not None:
                connection.putheader("Content-Type", "application/json")
                connection.putheader("Content-Length", str(len(data)))
            for name, value in headers or []:
                connection.putheader(name, value)
            connection.endheaders(data)
            response = connection.getresponse()
            return Answer(response.status, response.getheaders(), response.read())
        finally:
            connection.close()

    def outbox(self, since: int = 0) -> list[dict[str, Any]]:
        """The emails sent, oldest first, after the first `since` (the server's `?since=`: a wait for a
        new email reads only what came after, not the whole outbox each time)."""
        answer = self.request("GET", f"/_dev/outbox?since={since}" if since else "/_dev/outbox", host="localhost")
        assert answer.status == 200, answer.body
        return list(answer.json())

    def admin_put(self, path: str, body: dict[str, Any]) -> Answer:
        return self.request("PUT", path, body, host="localhost")

    def code_for(self, email: str, sent_before: int = 0) -> str:
        """The code emailed to `email` after the outbox's first `sent_before` messages, once it is there."""
        return str(wait_for(lambda: code_in(self.outbox(sent_before), email), what=f"a code for {email}"))


@dataclass
class Browser:
    """A customer's cookie jar, against one server and Host."""

    server: DevServer
    host: str
    base: str = "/store/account"
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, body: Any = None, host: str | None = None) -> Answer:
        cookies = cookie_header(self.cookies)
        headers = [("Cookie", cookies)] if cookies else []
        answer = self.server.request(method, self.base + path, body, host=host or self.host, headers=headers)
        keep_cookies(self.cookies, answer.headers_named("Set-Cookie"))
        return answer

    def login(self, email: str) -> Answer:
        sent_before = len(self.server.outbox())
        answer = self.request("POST", "/api/otp", {"email": email})
        assert answer.status == 202, answer.body
        code = self.server.code_for(email, sent_before)
        answer = self.request("POST", "/api/otp/verify", {"email": email, "code": code})
        assert answer.status == 200, answer.body
        return answer


def wait_for(probe: Callable[[], Any], *, timeout: float = 10.0, what: str = "the condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def connect_store(server: DevServer, store_id: str, domain: str) -> None:
    answer = server.admin_put(f"/admin/stores/{store_id}", store_settings(f"Store {store_id}", domain))
    assert answer.status == 200, answer.body
    answer = server.admin_put(f"/admin/stores/{store_id}/domain", {"domain": domain})
    assert answer.status == 200, answer.body
    sender = store_settings(f"Store {store_id}", domain)["from_email"].rpartition("@")[2]
    answer = server.admin_put(f"/admin/stores/{store_id}/sender", {"domain": sender})  # verified at once locally
    assert answer.status == 200, answer.body
