"""Dependencies point one way: every module of the shared package imports only from its own package
or from a lower layer. Imports inside functions (deferred for cold start) and under TYPE_CHECKING
count as much as the module's own.

The layers, low to high, as the code has them:
- core (config, errors, clock, fields), then aws (the other AWS services; core only), then db (DynamoDB,
  which classifies AWS answers with aws.transient);
- web: the HTTP edge, whatever the store (resolver, errors, cookies, forms, rendering, formatting);
- stores: the tenants, whose routes stand on web, and the store a request is for (stores.requests);
- account: the signed-in customer at a store: sessions, the signed-in middlewares, the store's page
  frame and page resolver, the routes about one of the customer's orders as declared;
- companies: the store's B2B companies, their members and the role x action permission table (orders
  and the features ask it who sees and acts on an order; API.md section 11);
- notifications: what every feature's notices share (the stream record, what it calls for, whether a
  store can send, the stream batch, what every email shares); each feature decides its own;
- orders: orders, fulfilments and what other features keep inside an order (orders.parts, parcels,
  carriers), the one way to change a stored order (orders.changes), the order's emails (orders.notices)
  and what every email about an order shares (orders.emails, orders.images: the stream's order image);
- login, and the features: each stands on orders and notifications (login reads the contacts orders
  keep and sends its code through notifications).
- privacy: what is held about a customer across the features, and its export and erasure (it reads
  every feature's data, so it stands above them all).
A feature does not import another feature, except for the edges in ALLOWED, each with its reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

from devtools.emulator.gateway import SHARED

PACKAGE = Path(SHARED) / "access_center"
FEATURES = (
    "login",
    "returns",
    "cancellations",
    "tracking",
    "messages",
    "invoices",
    "reorder",
    "catalog",
    "profile",
    "addresses",
    "wishlists",
    "carts",
    "quotes",
    "points",
    "registries",
    "contact",
)
LAYERS: dict[str, int] = {
    "core": 0,
    "aws": 1,
    "db": 2,
    "web": 3,
    "stores": 4,
    "account": 5,
    "companies": 6,
    "notifications": 7,
    "orders": 8,
    **dict.fromkeys(FEATURES, 9),
    "privacy": 10,
}
# Edges between features (same layer) that are needed, with why.
ALLOWED: dict[tuple[str, str], str] = {
    ("reorder", "catalog"): "order again prices an order's lines from the store's current products",
    ("wishlists", "catalog"): "a wish list's items are the store's products, at current prices (API.md section 12)",
    ("carts", "catalog"): "a saved cart is restored at current prices, without what is no longer sold",
    ("quotes", "catalog"): "a quote's lines name the store's products; accepting fills the store's cart",
    ("registries", "catalog"): "a registry's items are the store's products; a guest's purchase fills the store's cart",
    ("registries", "addresses"): (
        "a registry ships to an address of its owner's book, checked when chosen and read when the store asks"
    ),
    ("login", "profile"): "the signed-in customer's name is the profile's once they set one (API.md section 8)",
    ("login", "carts"): "a customer the store saved a cart for may log in to see it (API.md section 12)",
    ("login", "quotes"): "a customer the store sent a quote may log in to see it (API.md section 12)",
    ("profile", "addresses"): "a store system reads and imports a customer as profile and address book in one",
}


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every absolute `access_center.X...` import in the file, wherever it stands."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "access_center":  # `from access_center import orders`
                found += [(node.lineno, f"access_center.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
    return [(line, module) for line, module in found if module.startswith("access_center.")]


def _package(module: str) -> str:
    return module.split(".")[1]


def _edges() -> list[tuple[str, int, str, str]]:
    """(file, line, from package, to package) of every import across packages."""
    edges = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2:
            continue  # access_center/__init__.py
        for line, module in _imports(path):
            if _package(module) != parts[0]:
                edges.append(("/".join(parts), line, parts[0], _package(module)))
    return edges


def _broken(source: str, target: str) -> str | None:
    """The rule an import from `source` to `target` breaks, or None."""
    if source not in LAYERS or target not in LAYERS:
        return f"{source if source not in LAYERS else target} has no layer in LAYERS"
    if LAYERS[target] > LAYERS[source]:
        return f"{source} (layer {LAYERS[source]}) imports {target} (layer {LAYERS[target]}), a higher layer"
    if LAYERS[target] == LAYERS[source] and (source, target) not in ALLOWED:
        return f"feature {source} imports feature {target}: not in ALLOWED"
    return None


def test_every_package_has_a_layer() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert packages == set(LAYERS), packages ^ set(LAYERS)


def test_imports_point_down_the_layers() -> None:
    broken = [
        f"access_center/{file}:{line}: {rule}"
        for file, line, source, target in _edges()
        if (rule := _broken(source, target)) is not None
    ]
    assert not broken, "\n".join(broken)


def test_allowed_edges_are_used() -> None:
    used = {(source, target) for _, _, source, target in _edges()}
    assert set(ALLOWED) <= used, set(ALLOWED) - used


def test_the_rule_catches_a_back_reference(tmp_path: Path) -> None:
    """The parser sees deferred and TYPE_CHECKING imports too."""
    module = tmp_path / "m.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from access_center.returns.models import ReturnIn\n"
        "def f():\n    from access_center import tracking\n"
    )
    assert [(line, _package(m)) for line, m in _imports(module)] == [(3, "returns"), (5, "tracking")]
    assert _broken("orders", "returns") is not None
    assert _broken("returns", "tracking") is not None
    assert _broken("reorder", "catalog") is None
