"""What each function imports at cold start (a fresh interpreter, as Lambda starts one): only what it uses.
The timings are `make bench`'s; this pins the module sets, so a stray import shows up in review."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from devtools import localenv, template
from devtools.emulator.gateway import SHARED

pytestmark = pytest.mark.slow("a fresh interpreter per function")

# Functions that render HTML or email at all; the rest must not load jinja2.
RENDERERS = {"PagesFunction", "ListPagesFunction", "ChangeNoticesFunction"}
# Functions that parse a request body (or a stream image) with edge models, each with the feature whose
# models it uses: it imports those model modules (`access_center.<feature>.models`) and the field types,
# and no other feature's models. The other functions import none. An order carries its cancellation
# request, returns and tracking events: their stored shapes are the order's (orders.parts), so the order
# models bring no feature's models with them.
ORDER = ("orders",)
PARSERS = {
    "StoreSettingsFunction": ("stores",),
    # A domain's body is stores.domain_models' (its types from stores.setting_types), not the settings' models.
    "ConnectDomainFunction": (),
    "StoreSenderFunction": (),
    "OrderIngestFunction": ORDER,
    "FulfilmentsFunction": ORDER,
    "OtpSendFunction": ("login",),
    "OtpVerifyFunction": ("login",),
    "ChangeNoticesFunction": ORDER,
    "ProductsFunction": ("catalog",),
    "CustomerCancellationFunction": ("cancellations",),
    "CancellationDecisionsFunction": ("cancellations",),
    "CustomerReturnsFunction": ("returns",),
    "ReturnUpdatesFunction": ("returns",),
    "CustomerAccountFunction": ("profile", "addresses"),
    "StoreCustomersFunction": ("profile", "addresses", "companies"),
    "TrackingEventsFunction": ("tracking",),
    # Their answers carry the shared upload form (web.models.UploadForm).
    "CustomerMessagesFunction": ("messages", "web"),
    "StoreMessagesFunction": ("messages", "web"),
    "InvoicesFunction": ("invoices", "web"),
    # The pages' forms (the order page's and the login pages') are read through the JSON routes' models
    # (web.forms.PageForm, web.models).
    "PagesFunction": ("cancellations", "login", "messages", "returns", "web", "profile", "addresses"),
    # The lists (API.md section 12): the customer's JSON and pages, and the store's pushes.
    "CustomerListsFunction": ("wishlists", "carts", "quotes", "points", "registries"),
    "ListPagesFunction": ("wishlists", "carts", "quotes", "points", "registries", "contact"),
    "StoreListsFunction": ("carts", "quotes", "points", "registries"),
    "ContactFunction": ("contact",),
}
MODELS = re.compile(r"access_center\.(\w+\.models|core\.fields)")
WATCHED = ("jinja2", "aws_xray_sdk", "access_center.web.render", "access_center.aws.apigateway")

_PROBE = """
import json, sys
import app
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {"jinja2", "aws_xray_sdk", "asyncio"} or m.startswith("access_center."))))
"""


def _loaded(name: str) -> set[str]:
    fn = template.functions()[name]
    env = {**localenv.environment(server_secret="lean-imports-test"), "PYTHONPATH": f"{fn.code_dir}:{SHARED}"}
    env.update({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "PATH": "/usr/bin:/bin"})
    done = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True)  # noqa: S603
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("name", sorted(template.functions()))
def test_a_function_imports_only_what_it_uses(name: str) -> None:
    loaded = _loaded(name)
    seen = {m for m in WATCHED if m in loaded}
    models = {m for m in loaded if MODELS.fullmatch(m)}
    assert "aws_xray_sdk" not in seen  # tracing is off in the template: no X-Ray SDK
    assert "asyncio" not in loaded  # nothing runs an event loop (access_center.core.imports)
    assert ("jinja2" in seen) == (name in RENDERERS), seen
    if name in PARSERS:
        assert models == {*(f"access_center.{f}.models" for f in PARSERS[name]), "access_center.core.fields"}, models
    else:
        assert not models, "builds pydantic models without parsing a body or an image"
    if name != "ConnectDomainFunction":
        assert "access_center.aws.apigateway" not in seen
    if name not in RENDERERS:
        assert "access_center.web.render" not in seen
