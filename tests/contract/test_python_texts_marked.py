"""Every error a customer can read is a marked text: the catalogs (make messages) find only what is marked,
and a message built at run time (an f-string, a concatenation) has no msgid a translator could write.

Over every module of the shared package (ast, nothing imported):
- a DomainError (a subclass, found by name among the package's own classes) is built with its message as
  `N_("literal")`, a name bound at module level to `N_("literal")`, or no message at all (the class
  supplies its own marked text); a subclass's `super().__init__(...)` likewise;
- `N_()` marks a string literal only; `_()`, `gettext()`, `ngettext()`, `pgettext()`, `npgettext()` take a
  literal or a marked constant (a name, `TABLE[key]`, `TABLE.get(key, DEFAULT)`), never a text built at
  run time (an f-string, `+`, `%`, `.format()`): no catalog holds such a text.
The checker is run on small inline samples too, so that it is known to fail on a real violation.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from devtools.emulator.gateway import SHARED

PACKAGE = Path(SHARED) / "access_center"
ROOT_ERROR = "DomainError"
MARKERS = {"_": 1, "N_": 1, "NP_": 2, "gettext": 1, "ngettext": 2, "pgettext": 2, "npgettext": 3}
LITERAL_ONLY = {"N_", "NP_"}  # they mark: a translator must see the text itself


@dataclass(frozen=True)
class ErrorClass:
    """Where a DomainError subclass takes its message: the position and keyword of `message` in its own
    `__init__` (or the nearest ancestor's), or None when its `__init__` takes no message at all."""

    position: int | None
    keyword: str | None


def _init_of(node: ast.ClassDef) -> ast.FunctionDef | None:
    return next((item for item in node.body if isinstance(item, ast.FunctionDef) and item.name == "__init__"), None)


def error_classes(trees: Iterable[ast.Module]) -> dict[str, ErrorClass]:
    """Every DomainError subclass defined in `trees` (DomainError itself included), by name."""
    classes = {node.name: node for tree in trees for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
    found: dict[str, ErrorClass] = {}
    if ROOT_ERROR in classes:
        found[ROOT_ERROR] = ErrorClass(0, "message")
    changed = True
    while changed:
        changed = False
        for name, node in classes.items():
            if name in found:
                continue
            parent = next((b.id for b in node.bases if isinstance(b, ast.Name) and b.id in found), None)
            if parent is None:
                continue
            init = _init_of(node)
            if init is None:
                found[name] = found[parent]
            else:
                positional = [a.arg for a in init.args.posonlyargs + init.args.args][1:]  # without self
                keywords = [a.arg for a in init.args.kwonlyargs]
                if "message" in positional:
                    found[name] = ErrorClass(positional.index("message"), "message")
                elif "message" in keywords:
                    found[name] = ErrorClass(None, "message")
                else:
                    found[name] = ErrorClass(None, None)
            changed = True
    return found


def _is_mark(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "N_"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


def _is_marked_table(node: ast.expr) -> bool:
    """A dict whose every value is N_("literal")."""
    return isinstance(node, ast.Dict) and bool(node.values) and all(_is_mark(v) for v in node.values)


def _marked_names(tree: ast.Module) -> set[str]:
    """Names bound to N_("literal") (a class's constant counts too: `MESSAGE = N_(...)`), and to tables of them."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and (_is_mark(node.value) or _is_marked_table(node.value)):
            names |= {target.id for target in node.targets if isinstance(target, ast.Name)}
        elif (
            isinstance(node, ast.AnnAssign)
            and node.value is not None
            and (_is_mark(node.value) or _is_marked_table(node.value))
        ):
            names |= {node.target.id} if isinstance(node.target, ast.Name) else set()
    return names


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _is_marker_call(call: ast.Call) -> bool:
    """`_(...)`, or `i18n._(...)`; not a catalog's own method (`translations(language).gettext(text)`)."""
    func = call.func
    return isinstance(func, ast.Name) or (
        isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "i18n"
    )


def _message_argument(call: ast.Call, where: ErrorClass) -> ast.expr | None:
    if where.position is not None and len(call.args) > where.position:
        return call.args[where.position]
    return next((k.value for k in call.keywords if k.arg is not None and k.arg == where.keyword), None)


def _own_init(tree: ast.Module, call: ast.Call) -> tuple[ast.ClassDef, frozenset[str]] | None:
    """The class whose `__init__` makes `call` (a super().__init__), and that `__init__`'s parameters: a
    subclass may hand its caller's (already checked) `message` on."""
    for node in ast.walk(tree):
        init = _init_of(node) if isinstance(node, ast.ClassDef) else None
        if isinstance(node, ast.ClassDef) and init is not None and any(inner is call for inner in ast.walk(init)):
            arguments = init.args.posonlyargs + init.args.args + init.args.kwonlyargs
            return node, frozenset(a.arg for a in arguments)
    return None


def _is_built(node: ast.expr) -> bool:
    """A text made at run time: an f-string, `+`, `%` or a call such as .format()/.join() (a marked
    constant, `STATUSES[key]` or `STATUSES.get(key, DEFAULT)`, is fine: its texts are marked where bound)."""
    if isinstance(node, ast.JoinedStr | ast.BinOp):
        return True
    if isinstance(node, ast.Call):
        return not (isinstance(node.func, ast.Attribute) and node.func.attr == "get")
    return False


def violations(source: str, filename: str, classes: dict[str, ErrorClass]) -> list[str]:
    """Each unmarked error message or non-literal mark in `source`, as "file:line: what"."""
    tree = ast.parse(source, filename)
    marked = _marked_names(tree)
    found: list[str] = []

    def check_message(call: ast.Call, where: ErrorClass, name: str, passed: frozenset[str] = frozenset()) -> None:
        if where.position is None and where.keyword is None:
            return  # the class supplies its own text
        message = _message_argument(call, where)
        if isinstance(message, ast.Subscript):  # TABLE[key], TABLE being a table of marked texts
            message = message.value
        if (  # TABLE.get(key, N_("...")): a table of marked texts, with a marked default
            isinstance(message, ast.Call)
            and isinstance(message.func, ast.Attribute)
            and message.func.attr == "get"
            and all(_is_mark(default) for default in message.args[1:])
        ):
            message = message.func.value
        if message is None or _is_mark(message) or (isinstance(message, ast.Name) and message.id in marked | passed):
            return
        found.append(f'{filename}:{call.lineno}: {name}(...)\'s message is not N_("literal")')

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _called_name(node)
        if name in MARKERS and _is_marker_call(node):
            texts = node.args[: MARKERS[name]]
            if name not in LITERAL_ONLY and len(texts) == 1 and isinstance(texts[0], ast.Starred):
                # pgettext(*LABELS[key]): a table of NP_-marked (context, text) pairs
                texts = [texts[0].value] * MARKERS[name]
            literal = all(isinstance(t, ast.Constant) and isinstance(t.value, str) for t in texts)
            if len(texts) < MARKERS[name] or (name in LITERAL_ONLY and not literal) or any(_is_built(t) for t in texts):
                found.append(f"{filename}:{node.lineno}: {name}() marks a text built at run time")
        elif name in classes:
            check_message(node, classes[name], name)
        elif (
            name == "__init__"
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Call)
            and _called_name(node.func.value) == "super"
        ):
            owned = _own_init(tree, node)
            if owned is None:
                continue
            owner, parameters = owned
            parent = next((b.id for b in owner.bases if isinstance(b, ast.Name) and b.id in classes), None)
            if parent is not None:
                check_message(node, classes[parent], f"{owner.name}: super().__init__", parameters)
    return found


def _package() -> dict[Path, str]:
    return {path: path.read_text() for path in sorted(PACKAGE.rglob("*.py"))}


def _package_classes(sources: dict[Path, str]) -> dict[str, ErrorClass]:
    return error_classes(ast.parse(source, str(path)) for path, source in sources.items())


def test_every_error_message_and_mark_in_the_package_is_a_literal() -> None:
    sources = _package()
    classes = _package_classes(sources)
    assert {"DomainError", "NotFound", "Conflict", "RateLimited", "InvalidCode"} <= classes.keys()
    found = [v for path, source in sources.items() for v in violations(source, str(path.relative_to(PACKAGE)), classes)]
    assert found == []


SAMPLES_THAT_FAIL = {
    "f-string": 'raise NotFound(f"No order {order_id}.")',
    "concatenation": 'raise Conflict("Order " + number + " is closed.")',
    "plain literal": 'raise BadRequest("No such return.")',
    "a mark of a variable": "raise NotFound(N_(text))",
    "a mark of an f-string": 'raise NotFound(N_(f"No order {order_id}."))',
    "translated now, not marked": 'raise NotFound(_("No order."))',
    "keyword message": 'raise RateLimited(3, message="Slow down.")',
    "a subclass's own text": 'class Busy(Conflict):\n    def __init__(self) -> None:\n        super().__init__("Busy.")',
    "an unmarked constant": 'TEXT = "No order."\nraise NotFound(TEXT)',
    "a table with an unmarked text": 'WHY = {"a": N_("A."), "b": "B."}\nraise NotFound(WHY[reason])',
    "a translation of an f-string": 'label = _(f"Order {number}")',
    "a translation of a concatenation": 'label = _("Order " + number)',
    "a translation of a format": 'label = _("Order {}".format(number))',
    "pgettext of an f-string": 'label = pgettext("status", f"{status}")',
    "a qualified class": 'raise errors.NotFound("No order.")',
    "a context mark of a variable": 'LABEL = NP_("order status", word)',
    "a table with an unmarked default": 'WHY = {"a": N_("A.")}\nraise NotFound(WHY.get(reason, "B."))',
}
SAMPLES_THAT_PASS = {
    "marked": 'raise NotFound(N_("No order %(order_id)s."), order_id=order_id)',
    "no message": "raise InvalidCode()",
    "a marked constant": 'TEXT = N_("No order.")\nraise NotFound(TEXT)',
    "a table of marked messages": 'WHY = {"a": N_("A."), "b": N_("B.")}\nraise NotFound(WHY[reason])',
    "rate limited": 'raise RateLimited(3, N_("Slow down."))',
    "rate limited, default text": "raise RateLimited(3)",
    "a subclass's own text": 'class Busy(Conflict):\n    def __init__(self) -> None:\n        super().__init__(N_("Busy."))',
    "pgettext": 'label = pgettext("status", "Returned")',
    "a marked constant translated where shown": 'TITLE = N_("Orders")\ntitle = _(TITLE)',
    "a table of marked texts": 'NAMES = {"open": N_("Open")}\nlabel = _(NAMES.get(status, DEFAULT))',
    "a message handed on": "class Busy(Conflict):\n    def __init__(self, message: str) -> None:\n        super().__init__(message)",
    "a table of context-marked labels": 'LABELS = {"open": NP_("order status", "Open")}\nlabel = pgettext(*LABELS[key])',
    "a table with a marked default": 'WHY = {"a": N_("A.")}\nraise NotFound(WHY.get(reason, N_("B.")))',
}


def test_the_checker_fails_on_each_kind_of_violation() -> None:
    classes = _package_classes(_package())
    for kind, sample in SAMPLES_THAT_FAIL.items():
        assert violations(sample, kind, classes), kind
    for kind, sample in SAMPLES_THAT_PASS.items():
        assert violations(sample, kind, classes) == [], kind
