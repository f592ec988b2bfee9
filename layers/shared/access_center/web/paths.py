"""Where the access center lives on a store's domain: `{prefix}/store/account`, the store's path prefix
(if any) before it. API Gateway custom domains keep the mapping's base path in `event.path`; the
routes are written relative to it (the base path alone is the API's root, `/`)."""

from __future__ import annotations

import re

ACCOUNT_PATH = "/store/account"
ACCOUNT_BASE = re.compile(r"^(?P<prefix>(?:/[^/]+)*?)" + re.escape(ACCOUNT_PATH) + r"(?=/|$)")
