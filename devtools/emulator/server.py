"""`make dev`: the whole product on http://127.0.0.1:${PORT:-3000}, as API Gateway and Lambda run it.

    python -m devtools.emulator.server [--port N] [--host ADDR] [--persist DIR] [--template PATH] [--no-seed]
                              [--dynamodb-local]
    make dev [PORT=N] [PERSIST=DIR] [TEMPLATE=PATH] [SEED=0] [DYNAMODB_LOCAL=1]   (the same flags)

- AWS is emulated in-process by moto: the template's tables (and streams), SES, and whatever else the
  functions call. Nothing leaves the machine; emails land in the outbox.
- Every request goes through devtools.emulator.gateway (routes, proxy events and replies as API Gateway makes
  them; the Host picks the store's connected domain from the Stores table, as custom domains do).
- The template's `Type: DynamoDB` events are emulated by devtools.emulator.streams.
- `/_dev/outbox` (JSON, the contract's shape), `/_dev/outbox.html` (for people), `/_dev/events` (what
  was published for store systems, devtools.emulator.events), `/_dev/streams` (event source mapping state)
  exist only here, never in the template. They and the store-system
  routes (`/admin/...`) answer only for localhost, 127.0.0.1, [::1], `*.localhost` and connected
  stores' domains (a DNS-rebinding page gets 403).
- A demo store answers on localhost and 127.0.0.1 (devtools.demo.seed).
- `--persist DIR` (or DEV_PERSIST_DIR) keeps data and the server secret across restarts (devtools.emulator.persist).

- `--dynamodb-local` (or DEV_DYNAMODB_LOCAL=1): DynamoDB and its streams on DynamoDB Local, AWS's own
  engine (devtools.emulator.dynamodb_local), instead of moto; everything else stays on moto.

Environment: PORT, DEV_HOST, DEV_PERSIST_DIR, DEV_TEMPLATE (a template path, e.g. a copy with a new route),
DEV_DYNAMODB_LOCAL.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import signal
import sys
import threading
import time
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from devtools import localenv, template
from devtools.emulator import apigateway, events, files, outbox
from devtools.emulator.gateway import MAX_BODY, Gateway, Reply

log = logging.getLogger("devtools.emulator.server")

DEFAULT_PORT = 3000
_FOREIGN_AWS_SETTINGS = {"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_USE_FIPS_ENDPOINT", "DYNAMODB_ENDPOINT"}
# Set by the local server, never by the functions: the connection-level headers of this hop.
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "upgrade", "te", "trailer"}


# ---------------------------------------------------------------------------------------------- set-up
def _options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m devtools.emulator.server", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or DEFAULT_PORT))
    parser.add_argument("--host", default=os.environ.get("DEV_HOST") or "127.0.0.1", help="address to listen on")
    parser.add_argument("--persist", metavar="DIR", default=os.environ.get("DEV_PERSIST_DIR") or None)
    parser.add_argument("--template", metavar="PATH", default=os.environ.get("DEV_TEMPLATE") or None)
    parser.add_argument("--no-seed", action="store_true", help="do not create the demo store")
    parser.add_argument(
        "--dynamodb-local",
        action="store_true",
        default=os.environ.get("DEV_DYNAMODB_LOCAL", "").lower() not in ("", "0", "false", "no"),
        help="DynamoDB and its streams on DynamoDB Local, AWS's engine (make tools/dynamodb-local), not moto",
    )
    return parser.parse_args(argv)


def function_environment(secret: str, port: int, spec: dict[str, Any]) -> dict[str, str]:
    """What the functions see: the template's environment with local stand-ins (devtools.localenv),
    plus any variable only the served template's functions declare, the ids of the REST APIs the
    emulator creates (devtools.emulator.apigateway), and links pointing here."""
    env = localenv.environment(secret)
    for fn in template.functions(spec).values():
        for key, value in fn.environment.items():
            if key not in env and key not in ("SERVER_SECRET_ARN", "EDGE_SECRET_ARN"):
                env[key] = value
    env.update(apigateway.api_id_variables(spec))
    env.update(
        {
            "AWS_ACCESS_KEY_ID": "testing",  # moto's; no real credential is ever used
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_SESSION_TOKEN": "testing",
            "PUBLIC_SCHEME": "http",
            "PUBLIC_PORT": str(port),
            # Browsers upload and download message files here (devtools.emulator.files), as at S3 in AWS.
            "FILES_PUBLIC_ENDPOINT": f"http://127.0.0.1:{port}/_dev/s3",
        }
    )
    return env


# ---------------------------------------------------------------------------------------------- HTTP
def _error(status: int, code: str, message: str) -> Reply:
    return Reply(
        status, [("Content-Type", "application/json")], json.dumps({"error": code, "message": message}).encode()
    )


class _BadRequest(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.reply = _error(status, code, message)


class DevHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default listen backlog is 5: a burst of browsers (or `make load`'s 50 customers)
    # connecting at once would see refused or reset connections before any request is read.
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], app: DevApp) -> None:
        self.app = app
        super().__init__(address, RequestHandler)


class RequestHandler(BaseHTTPRequestHandler):
    """HTTP <-> the emulated API Gateway. Reads bodies defensively: a declared length over API
    Gateway's 10 MB limit is refused before a byte of it is read."""

    protocol_version = "HTTP/1.1"
    server: DevHTTPServer
    timeout = 60
    # Headers and body go out in separate writes: with Nagle's algorithm on, a keep-alive client's
    # delayed ACK holds every answer back ~40 ms.
    disable_nagle_algorithm = True

    def handle_expect_100(self) -> bool:
        # http.server sends the 100 Continue (super); werkzeug's handler sends it before the app is asked,
        # so it could not refuse an over-limit body first, which is why this stays on http.server.
        try:
            length = self._content_length()
        except _BadRequest as error:
            self._send(error.reply, close=True)
            return False
        if length > self._max_body():
            self._send(_error(413, "payload_too_large", "Request bodies are limited to 10 MB."), close=True)
            return False
        return super().handle_expect_100()

    def _max_body(self) -> int:
        """API Gateway's limit; an upload to the local S3 may carry a 10 MiB file and its form."""
        return files.MAX_UPLOAD_BODY if self.path.startswith(files.PREFIX) else MAX_BODY

    def _content_length(self) -> int:
        values = self.headers.get_all("Content-Length") or []
        if not values:
            return 0
        if len({v.strip() for v in values}) != 1 or not values[0].strip().isdigit():
            raise _BadRequest(400, "bad_request", "Content-Length is not valid.")
        return int(values[0].strip())

    def _read_body(self) -> bytes:
        encoding = (self.headers.get("Transfer-Encoding") or "").strip().lower()
        if encoding:
            if encoding != "chunked":
                raise _BadRequest(400, "bad_request", f"Transfer-Encoding {encoding!r} is not supported.")
            return self._read_chunked()
        length = self._content_length()
        if length > self._max_body():
            raise _BadRequest(413, "payload_too_large", "Request bodies are limited to 10 MB.")
        data = self.rfile.read(length) if length else b""
        if len(data) != length:
            raise _BadRequest(400, "bad_request", "The body is shorter than its Content-Length.")
        return data

    def _read_chunked(self) -> bytes:
        # Not werkzeug.serving.DechunkedInput: it refuses chunk extensions and trailer fields, both valid HTTP/1.1.
        chunks, total = [], 0
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise _BadRequest(400, "bad_request", "Malformed chunked body.") from None
            if size == 0:
                while self.rfile.readline(8192).strip():  # trailers
                    pass
                return b"".join(chunks)
            total += size
            if total > self._max_body():
                raise _BadRequest(413, "payload_too_large", "Request bodies are limited to 10 MB.")
            chunks.append(self.rfile.read(size))
            self.rfile.readline(8)

    def _handle(self) -> None:
        target = self.path
        if not target.startswith("/"):  # absolute-form (a proxy-style request line)
            parts = urlsplit(target)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            body = self._read_body()
        except _BadRequest as error:
            self._send(error.reply, close=True)  # the unread body would poison the connection
            return
        path = target.partition("?")[0]
        if path.startswith(files.PREFIX):
            headers = {name.lower(): value for name, value in self.headers.items()}
            self._send(files.handle(self.command, target, headers, body, self.server.app.s3()))
            return
        own_routes = path == "/_dev" or path.startswith(("/_dev/", "/admin/"))
        if own_routes and not self.server.app.gateway.serves(self.headers.get("Host") or ""):
            # A page on another site that rebinds its name to 127.0.0.1 must not read login codes from
            # the outbox or write stores: these answer only to this machine's names and stores' domains.
            reply = _error(403, "forbidden", "/_dev and /admin answer only for localhost and the stores' domains.")
        elif path == "/_dev" or path.startswith("/_dev/"):
            reply = self.server.app.dev_route(self.command, path, parse_qs(target.partition("?")[2]))
        else:
            headers = list(self.headers.items())
            headers.append(("X-Forwarded-For", self.client_address[0]))
            headers.append(("X-Forwarded-Proto", "http"))
            headers.append(("X-Forwarded-Port", str(self.server.server_address[1])))
            reply = self.server.app.gateway.request(
                self.command, target, headers=headers, body=body, source_ip=self.client_address[0]
            )
        self._send(reply)

    # BaseHTTPRequestHandler calls do_<METHOD>; every method goes to the gateway (404/405 where no route has it).
    def _handle_then_wake_streams(self) -> None:
        try:
            self._handle()
        finally:
            self.server.app.wake_streams()  # the request may have written: its records flow at once

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle_then_wake_streams  # noqa: N815

    def _send(self, reply: Reply, close: bool = False) -> None:
        self.send_response(reply.status)
        for name, value in reply.headers:
            if name.lower() not in _HOP_BY_HOP:
                self.send_header(name, value)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def send_response(self, code: int, message: str | None = None) -> None:
        """Status line and Date, as API Gateway sends them (no `Server` header)."""
        self.log_request(code)
        self.send_response_only(code, message)
        self.send_header("Date", self.date_time_string())

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors the HTTP layer itself answers (a bad request line, an unknown method, an over-long URI)
        in the contract's error shape too, not http.server's HTML page."""
        codes = {400: "bad_request", 404: "not_found", 413: "payload_too_large", 414: "uri_too_long"}
        codes |= {431: "headers_too_large", 501: "not_implemented", 505: "http_version_not_supported"}
        fallback = "bad_request" if code < 500 else "internal"
        text = message or self.responses.get(code, ("Error",))[0]
        self.log_error("code %d, message %s", code, text)
        if code == 501 and self.command and not hasattr(self, f"do_{self.command}"):
            # A method no route has (TRACE, BREW): the client's mistake, as API Gateway answers it, not a 5xx.
            reply = _error(405, "method_not_allowed", f"The method {self.command} is not allowed.")
            reply.headers.append(("Allow", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"))
            self._send(reply, close=True)
            return
        self._send(_error(code, codes.get(code, fallback), text), close=True)

    def log_message(self, format: str, *args: Any) -> None:
        sys.stderr.write(f"{self.address_string()} [{self.log_date_time_string()}] {format % args}\n")


# ---------------------------------------------------------------------------------------------- the app
class SerialGateway(Gateway):
    """The gateway with one function invocation at a time in this process.

    In AWS every invocation has a container to itself. Here all functions share one interpreter, and
    their module state is not built for threads: Powertools' resolvers keep the current event on a class
    attribute shared by every resolver (`BaseRouter.current_event`), so two requests in flight at once
    could read each other's Host, cookies or body. HTTP connections are still handled concurrently;
    invocations (API and stream alike, see DevApp) take turns, which is what one container per function
    would look like from the outside, only slower under load.
    """

    def __init__(self, *args: Any, lock: threading.RLock, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lock = lock

    def request(self, *args: Any, **kwargs: Any) -> Reply:
        with self.lock:
            return super().request(*args, **kwargs)


class DevApp:
    """Everything behind the port: emulator, gateway, stream pollers, persistence."""

    def __init__(self, options: argparse.Namespace) -> None:
        self.options = options
        self.template_path = Path(options.template).resolve() if options.template else template.TEMPLATE
        self.template = template.load(self.template_path)
        self.functions = template.functions(self.template)
        self.persistence: Any = None
        self.streams: Any = None
        self.queues: Any = None
        self.emulator: Any = None
        self.dynamodb_local: Any = None
        self.gateway: Gateway
        self.invoke_lock = threading.RLock()
        self._s3: Any = None
        self.seeded = False
        self.restored = 0

    def start(self) -> None:
        from devtools.emulator import persist

        if self.options.persist:
            self.persistence = persist.Persistence(self.options.persist)
        secret = self.persistence.secret() if self.persistence else secrets.token_hex(32)
        # Nothing may reach real AWS or another emulator: no profile, no endpoint overrides (moto only
        # intercepts AWS's own endpoints), no shared config or credential files.
        for key in list(os.environ):
            if key.startswith("AWS_ENDPOINT_URL") or key in _FOREIGN_AWS_SETTINGS:
                del os.environ[key]
        os.environ["AWS_CONFIG_FILE"] = os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
        # The functions' environment, before anything imports access_center (it reads settings once).
        os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
        os.environ.update(function_environment(secret, self.options.port, self.template))
        if self.options.dynamodb_local:
            self._start_dynamodb_local()

        from devtools.demo import seed
        from devtools.emulator import aws, dev_clock, queues, streams
        from devtools.emulator.gateway import SHARED

        if str(SHARED) not in sys.path:  # the shared layer, as Lambda puts it on the path (/opt/python)
            sys.path.insert(0, str(SHARED))

        dev_clock.install_from_environment()  # the tests' clock, where they asked for one
        self.emulator = aws.Emulator(self.template)
        self.emulator.start()
        from access_center.stores.storage import store_for_domain

        self.gateway = SerialGateway(domain_lookup=store_for_domain, functions=self.functions, lock=self.invoke_lock)
        if self.persistence:
            self.restored = self.persistence.load(tables=self.dynamodb_local is None)

        # Mappings open their iterators before the seed writes, so its orders flow to consumers too.
        def invoke(fn: template.Function, event: dict[str, Any]) -> Any:
            try:
                with self.invoke_lock:
                    return streams.invoke_function(fn, event)
            finally:
                self.wake_streams()  # a consumer's writes feed other streams

        self.streams = streams.StreamEmulator(self.functions, region=aws.REGION, invoke=invoke)
        self.streams.start()
        self.queues = queues.QueuePoller(self.functions, invoke=invoke)
        self.queues.start()
        if not self.options.no_seed:
            try:
                self.seeded = seed.seed(self.gateway)
            except Exception:  # a broken seed must not keep the product from being served
                log.exception("the demo store could not be seeded; serving without it")
        if self.persistence:
            self.persistence.start()

    def _start_dynamodb_local(self) -> None:
        """AWS's engine for DynamoDB and its streams, on a free loopback port; moto still emulates SES,
        SQS, API Gateway and the rest. Every DynamoDB client in this process (the functions' PynamoDB
        models, the idempotency layer, the stream pollers) is pointed at it. With --persist its data
        lives in DIR/dynamodb-local (DynamoDB Local's own files) instead of DIR/tables."""
        from devtools.emulator.dynamodb_local import DynamoDBLocal

        data = Path(self.options.persist).expanduser() / "dynamodb-local" if self.options.persist else None
        self.dynamodb_local = DynamoDBLocal(db_path=data).start()
        for name in ("DYNAMODB_ENDPOINT", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_DYNAMODB_STREAMS"):
            os.environ[name] = self.dynamodb_local.endpoint

    def stop(self) -> None:
        if self.queues is not None:
            self.queues.stop()
        if self.streams is not None:
            self.streams.stop()
        if self.persistence is not None:
            try:
                self.persistence.stop()
            except Exception:  # report it, still stop the emulator
                log.exception("could not save to %s", self.persistence.directory)
        if self.emulator is not None:
            self.emulator.stop()
        if self.dynamodb_local is not None:
            self.dynamodb_local.stop()

    def wake_streams(self) -> None:
        if self.streams is not None:
            self.streams.wake()

    def dev_route(self, method: str, path: str, query: dict[str, list[str]] | None = None) -> Reply:
        since = (query or {}).get("since", ["0"])[-1]
        if not since.isdigit() or len(since) > 9:
            return _error(400, "bad_request", "`since` is how many emails to skip: a whole number.")
        routes = {
            # `?since=n` (this server's own, beyond the contract): the emails after the first n, so a
            # test waiting for its email does not read the whole outbox again on each look.
            "/_dev/outbox": lambda: Reply(
                200,
                [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                outbox.as_json(self._emails(int(since))),
            ),
            "/_dev/outbox.html": lambda: Reply(
                200,
                [
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Cache-Control", "no-store"),
                    (
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; img-src http: https: data:; frame-src 'self'",
                    ),
                ],
                outbox.as_html(self._emails()),
            ),
            "/_dev/streams": lambda: Reply(
                200,
                [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                json.dumps(self.streams.status() if self.streams else [], indent=1).encode(),
            ),
            "/_dev/events": lambda: Reply(
                200,
                [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                events.as_json(self._events()),
            ),
        }
        key = path.rstrip("/")
        route = routes.get("/_dev/outbox.html" if key == "/_dev" else key)
        if route is None:
            return _error(404, "not_found", "No such route.")
        if method not in ("GET", "HEAD"):
            reply = _error(405, "method_not_allowed", "The /_dev routes are read-only.")
            reply.headers.append(("Allow", "GET, HEAD"))
            return reply
        return route()

    def s3(self) -> Any:
        """The emulated S3 that /_dev/s3 serves browsers from (moto's, in this process)."""
        if self._s3 is None:
            import boto3

            self._s3 = boto3.client("s3", region_name=outbox.REGION)
        return self._s3

    def _emails(self, since: int = 0) -> list[dict[str, Any]]:
        from devtools.emulator.atomic import AWS_LOCK

        with AWS_LOCK:
            return outbox.sent_emails(since=since)

    def _events(self) -> list[dict[str, Any]]:
        from devtools.emulator.atomic import AWS_LOCK

        with AWS_LOCK:
            return events.published()

    def banner(self, url: str) -> str:
        """What `make dev` prints once it answers. The first address is a page to open in a browser:
        the demo store's orders page (the server's root is no page: it answers a JSON 404)."""
        from devtools.demo.seed import COMPANY_MEMBERS, COMPANY_NAME, DEMO_EMAIL

        port = self.options.port
        local = f"http://localhost:{port}"
        outbox_page = f"{local}/_dev/outbox.html"
        if self.options.no_seed:
            lines = ["", f"  Customer Access Center, local: {outbox_page}  (no demo store: --no-seed)", ""]
        else:
            lines = [
                "",
                f"  Customer Access Center, local: open {local}/store/account/orders",
                "",
                f"  Demo login      {DEMO_EMAIL}  ({local}/store/account/login?email={DEMO_EMAIL.replace('@', '%40')};",
                f"                  the demo store also answers on http://127.0.0.1:{port})",
                f"  Company logins  {', '.join(COMPANY_MEMBERS)}  ({COMPANY_NAME}: one of each role)",
            ]
        lines += [
            f"  Outbox          {outbox_page}  (login codes and every other email; JSON: /_dev/outbox)",
            f"  Store API       PUT {url}/admin/stores/{{store_id}}[/domain|/orders/{{id}}]",
            f"  Other stores    connect `shop.localhost` (any *.localhost), open http://shop.localhost:{port}/store/account/orders",
            f"  Store events    http://127.0.0.1:{port}/_dev/events  (what store systems would get from EventBridge)",
            f"  Stream events   {len(self.streams.pollers) if self.streams else 0} mapping(s), state at /_dev/streams",
            "  Data            "
            + (
                f"persisted in {self.persistence.directory} ({self.restored} item(s) restored)"
                if self.persistence
                else "in memory (--persist DIR, make dev PERSIST=DIR, keeps it)"
            ),
        ]
        lines.append(
            f"  DynamoDB        DynamoDB Local at {self.dynamodb_local.endpoint}"
            if self.dynamodb_local
            else "  DynamoDB        moto, in-process (--dynamodb-local, make dev DYNAMODB_LOCAL=1, runs AWS's engine)"
        )
        if self.template_path != template.TEMPLATE:
            lines.append(f"  Template        {self.template_path}")
        lines += ["", "  Ctrl-C stops.", ""]
        return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("botocore", "boto3", "pynamodb"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", message="No application metrics to publish")  # metrics are off locally
    options = _options(argv)
    started = time.monotonic()
    app = DevApp(options)
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    # Bind first: a taken port fails fast, port 0 picks one (links in emails need it), and clients that
    # connect while the emulator starts wait in the backlog instead of being refused.
    httpd = DevHTTPServer((options.host, options.port), app)
    options.port = httpd.server_address[1]
    try:
        app.start()
    except BaseException:
        httpd.server_close()
        app.stop()
        raise
    serving = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.2}, name="http", daemon=True)
    serving.start()
    host, port = httpd.server_address[:2]
    print(app.banner(f"http://{host}:{port}"), flush=True)
    log.info("ready in %.2f s", time.monotonic() - started)
    while not stop.wait(0.5):
        pass
    print("\nStopping...", flush=True)
    httpd.shutdown()
    httpd.server_close()
    app.stop()
    print("Stopped.", flush=True)
    return 0


if __name__ == "__main__":
    code = main()
    # Everything is stopped and saved by now. Skip the interpreter's teardown of moto's and botocore's
    # object graphs, which takes seconds and does nothing useful.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
