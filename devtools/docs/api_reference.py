"""`make openapi`, second step: docs/api.md, the API reference for people, made from openapi.json.

    python -m devtools.docs.api_reference [--check]

docs/api.md has two parts. Above MARKER, written by hand: the rules a description of routes cannot
carry (login codes, lockout, sign-in links, sessions, rate limits, what store systems send, the
emails); this script keeps that part as it is. Below MARKER, generated: per API its servers, its
authentication and a table of its operations (method, path, summary, authentication, parameters, and
every status with what it means), then the error body and the fields of every body. `--check` fails
while the file is not what this writes (tests/contract/test_api_reference.py does the same).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any

from devtools import template

ROOT = template.ROOT
OPENAPI_PATH = ROOT / "openapi.json"
REFERENCE_PATH = ROOT / "docs" / "api.md"
MARKER = "<!-- Generated below this line from openapi.json by devtools/docs/api_reference.py (make openapi). -->"
REF = "#/components/schemas/"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
# An error code opens a sentence of a status's description: "`not_found`. No such order."
_ERROR_CODE = re.compile(r"(?:^|\. )`([a-z_]+)`[:.]")
# The code names the contract a rule comes from ("API.md section 6"), a document this repository does
# not hold: the reference gives the rule without the pointer.
_CONTRACT_POINTER = re.compile(r";\s*API\.md section \d+|\s*\(API\.md section \d+\)")


class ApiReferenceError(Exception):
    pass


# ---------------------------------------------------------------------------------------------- text
def _cell(text: str) -> str:
    """Text inside one table cell: one line, no column breaks."""
    return " ".join(text.split()).replace("|", "\\|")


def _sentence(text: str) -> str:
    text = " ".join(_CONTRACT_POINTER.sub("", text).split())
    return text if not text or text.endswith((".", ":", ")")) else text + "."


def _link(name: str) -> str:
    return f"[{name}](#{name.lower()})"


def _type(schema: dict[str, Any]) -> str:
    """A schema's type in words: `string`, `integer`, `array of [Fulfilment](#fulfilment)`, ..."""
    if "$ref" in schema:
        return _link(schema["$ref"].removeprefix(REF))
    if "anyOf" in schema:
        kinds = [_type(option) for option in schema["anyOf"] if option.get("type") != "null"]
        nullable = any(option.get("type") == "null" for option in schema["anyOf"])
        return " or ".join(kinds) + (" or null" if nullable else "")
    if "enum" in schema:
        return " or ".join(f"`{json.dumps(value)}`" for value in schema["enum"])
    if "const" in schema:
        return f"`{json.dumps(schema['const'])}`"
    kind = schema.get("type", "any")
    if kind == "array":
        items = schema.get("items")
        return f"array of {_type(items)}" if items else "array"
    if kind == "string" and schema.get("format"):
        return f"string ({schema['format']})"
    return str(kind)


def _limits(schema: dict[str, Any]) -> list[str]:
    """A schema's bounds and pattern in words, looking into the non-null option of an `anyOf`."""
    for option in schema.get("anyOf", []):
        if option.get("type") != "null":
            return _limits(option)
    notes = []
    for low, high, unit in (
        ("minLength", "maxLength", " characters"),
        ("minimum", "maximum", ""),
        ("minItems", "maxItems", " items"),
    ):
        lowest, highest = schema.get(low), schema.get(high)
        if lowest is not None and highest is not None:
            notes.append(f"{_number(lowest)}..{_number(highest)}{unit}")
        elif highest is not None:
            notes.append(f"at most {_number(highest)}{unit}")
        elif lowest is not None:
            notes.append(f"at least {_number(lowest)}{unit}")
    if "pattern" in schema:
        notes.append(f"pattern `{schema['pattern']}`")
    return notes


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else str(value)


def _description(schema: dict[str, Any]) -> str:
    """The field's own description, or its non-null option's."""
    if schema.get("description"):
        return str(schema["description"])
    for option in schema.get("anyOf", []):
        if option.get("description"):
            return str(option["description"])
    return ""


# ---------------------------------------------------------------------------------------------- operations
def _operations(document: dict[str, Any], tag: str) -> list[tuple[str, str, dict[str, Any]]]:
    found = []
    for path, item in document["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if operation is not None and tag in operation.get("tags", []):
                found.append((method.upper(), path, operation))
    return sorted(found, key=lambda op: (op[1], METHODS.index(op[0].lower())))


def _parameters(operation: dict[str, Any]) -> str:
    parts = []
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        notes = [parameter["in"], _type(schema), *_limits(schema)]
        if "default" in schema:
            notes.append(f"default {json.dumps(schema['default'])}")
        name = f"`{parameter['name']}`" + ("" if parameter.get("required") else " (optional)")
        parts.append(f"{name}: {', '.join(notes)}")
    for media, content in operation.get("requestBody", {}).get("content", {}).items():
        schema = content.get("schema", {})
        what = "JSON body" if media == "application/json" else "form" if "form" in media else media
        if "$ref" in schema:
            parts.append(f"{what} {_type(schema)}")
        else:
            required = set(schema.get("required", []))
            fields = ", ".join(f"`{name}`" + ("" if name in required else "?") for name in schema.get("properties", {}))
            parts.append(f"{what}: {fields}")
    return "<br>".join(parts) or "none"


def _answer(status: str, answer: dict[str, Any]) -> tuple[str, str]:
    """A status with its body (`**200** [OrderList](#orderlist)`), and what it means."""
    content = answer.get("content", {})
    body = ""
    if "application/json" in content:
        body = " " + _type(content["application/json"].get("schema", {}))
    elif "text/html" in content:
        body = " HTML"
    elif content:
        body = " " + ", ".join(f"`{media}`" for media in content)
    headers = [name for name, header in answer.get("headers", {}).items() if header.get("required")]
    carries = f" (with `{'`, `'.join(headers)}`)" if headers else ""
    return f"**{status}**{body}{carries}", _sentence(answer.get("description", ""))


def _shared_answers(operations: list[tuple[str, str, dict[str, Any]]]) -> dict[tuple[str, str], dict[str, Any]]:
    """The answers most of an API's routes give word for word: listed once, under the table."""
    counts: dict[tuple[str, str], int] = {}
    answers: dict[tuple[str, str], dict[str, Any]] = {}
    for _, _, operation in operations:
        for status, answer in operation["responses"].items():
            key = (status, answer.get("description", ""))
            counts[key] = counts.get(key, 0) + 1
            answers.setdefault(key, answer)
    shared = {key: answers[key] for key, count in counts.items() if count * 2 > len(operations)}
    return dict(sorted(shared.items()))


def _security(document: dict[str, Any], operation: dict[str, Any]) -> str:
    names = [name for requirement in operation.get("security", []) for name in requirement]
    return ", ".join(names) or "none"


def _api(document: dict[str, Any], tag: dict[str, Any]) -> list[str]:
    operations = _operations(document, tag["name"])
    if not operations:
        raise ApiReferenceError(f"no operation is tagged {tag['name']!r}")
    shared = _shared_answers(operations)
    schemes = document["components"]["securitySchemes"]
    used = sorted({name for _, _, op in operations for requirement in op.get("security", []) for name in requirement})
    servers = {server["url"]: server for _, path, _ in operations for server in document["paths"][path]["servers"]}
    lines = [f"## {tag['name']}", "", _sentence(tag.get("description", "")), "", "Served at:", ""]
    lines += [f"- `{url}`: {_sentence(server.get('description', ''))}" for url, server in servers.items()]
    lines += ["", "Authentication:", ""]
    for name in used:
        scheme = schemes[name]
        where = f"the `{scheme['name']}` {scheme['in']}" if scheme.get("in") else name
        lines.append(f"- **{name}** ({where}): {_sentence(scheme.get('description', ''))}")
    if any(not op.get("security") for _, _, op in operations):
        lines.append("- Routes marked `none` take no credential.")
    lines += [
        "",
        "| method | path | summary | authentication | parameters | statuses |",
        "|---|---|---|---|---|---|",
    ]
    for method, path, operation in operations:
        summary = _sentence(operation.get("summary", ""))
        if operation.get("description"):
            summary += " " + _sentence(operation["description"])
        own, common = [], []
        for status, answer in operation["responses"].items():
            if (status, answer.get("description", "")) in shared:
                common.append(f"**{status}**")
            else:
                own.append(": ".join(_answer(status, answer)))
        if common:
            own.append(f"and {', '.join(common)}: see below the table")
        statuses = "<br>".join(own)
        cells = [f"`{method}`", f"`{path}`", summary, _security(document, operation), _parameters(operation), statuses]
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    if shared:
        lines += ["", f"The answers most {tag['name']} routes give alike:", "", "| status | meaning |", "|---|---|"]
        for (status, _), answer in shared.items():
            label, meaning = _answer(status, answer)
            lines.append(f"| {_cell(label)} | {_cell(meaning)} |")
    return [*lines, ""]


# ---------------------------------------------------------------------------------------------- errors, bodies
def _error_codes(document: dict[str, Any]) -> dict[str, set[int]]:
    """Every `error` code the descriptions name, with the statuses that answer it."""
    codes: dict[str, set[int]] = {}
    for item in document["paths"].values():
        for method in METHODS:
            for status, answer in item.get(method, {}).get("responses", {}).items():
                if int(status) >= 400 and "application/json" in answer.get("content", {}):
                    for code in _ERROR_CODE.findall(answer.get("description", "")):
                        codes.setdefault(code, set()).add(int(status))
    return dict(sorted(codes.items(), key=lambda item: (min(item[1]), item[0])))


def _errors(document: dict[str, Any]) -> list[str]:
    schema = document["components"]["schemas"].get("ErrorBody")
    if schema is None:
        raise ApiReferenceError("openapi.json has no ErrorBody schema")
    example = {"error": "not_found", "message": "No such order for this customer."}
    lines = [
        "## Errors",
        "",
        f"Every error answered in JSON has one body, {_link('ErrorBody')}; where a page answers one as HTML, the tables say so.",
        "",
        "```json",
        json.dumps(example),
        json.dumps(
            {"error": "bad_request", "message": "The request is not valid.", "details": [{"loc": ["body", "email"]}]}
        ),
        "```",
        "",
        *_fields(schema),
        "",
        "The codes the routes answer, and their statuses:",
        "",
        "| `error` | status |",
        "|---|---|",
    ]
    lines += [
        f"| `{code}` | {', '.join(map(str, sorted(statuses)))} |" for code, statuses in _error_codes(document).items()
    ]
    always, sometimes = set(), set()
    for item in document["paths"].values():
        for method in METHODS:
            for status, answer in item.get(method, {}).get("responses", {}).items():
                header = answer.get("headers", {}).get("Retry-After")
                if header is not None:
                    (always if header.get("required") else sometimes).add(status)
    sometimes -= always
    lines += ["", f"`Retry-After` (seconds to wait) comes with every {', '.join(sorted(always))}"]
    if sometimes:
        lines[-1] += f", and with a {', '.join(sorted(sometimes))} where the wait is known"
    lines[-1] += "."
    lines.append("")
    return lines


def _fields(schema: dict[str, Any]) -> list[str]:
    properties = schema.get("properties", {})
    if not properties:
        return [f"A {_type(schema)}."]
    required = set(schema.get("required", []))
    lines = ["| field | type | required | notes |", "|---|---|---|---|"]
    for name, field in properties.items():
        notes = [_sentence(_description(field))] if _description(field) else []
        limits = ", ".join(_limits(field))
        notes += [_sentence(limits[:1].upper() + limits[1:])] if limits else []
        if "default" in field and name not in required:
            notes.append(f"Default `{json.dumps(field['default'])}`.")
        cells = [f"`{name}`", _type(field), "yes" if name in required else "no", " ".join(notes)]
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return lines


def _bodies(document: dict[str, Any]) -> list[str]:
    lines = [
        "## Bodies",
        "",
        "Every request and answer body, by name. A body that says so takes no other field (400).",
        "",
    ]
    for name, schema in document["components"]["schemas"].items():
        lines += [f"### {name}", ""]
        about = [_sentence(schema["description"])] if schema.get("description") else []
        if schema.get("additionalProperties") is False:
            about.append("No other field.")
        if about:
            lines += [" ".join(about), ""]
        lines += [*_fields(schema), ""]
    return lines


# ---------------------------------------------------------------------------------------------- the page
def generated(document: dict[str, Any]) -> str:
    """The part of docs/api.md below MARKER."""
    version = document.get("info", {}).get("version", "")
    lines = [
        "",
        "# Routes, statuses and bodies",
        "",
        f"Made from `openapi.json` (version {version}): the two APIs, then the error body and every body's fields.",
        "",
        "| API | operations | authentication |",
        "|---|---|---|",
    ]
    for tag in document["tags"]:
        operations = _operations(document, tag["name"])
        names = sorted(
            {name for _, _, op in operations for requirement in op.get("security", []) for name in requirement}
        )
        anchor = tag["name"].lower().replace(" ", "-")
        lines.append(f"| [{tag['name']}](#{anchor}) | {len(operations)} | {', '.join(names) or 'none'} |")
    lines.append("")
    for tag in document["tags"]:
        lines += _api(document, tag)
    lines += _errors(document)
    lines += _bodies(document)
    return "\n".join(lines).rstrip("\n") + "\n"


def head_of(text: str) -> str:
    """The hand-written part of docs/api.md: everything up to and including MARKER."""
    if MARKER not in text:
        raise ApiReferenceError(f"{REFERENCE_PATH.relative_to(ROOT)} has lost its marker line: {MARKER}")
    return text[: text.index(MARKER) + len(MARKER)] + "\n"


def render(head: str, document: dict[str, Any]) -> str:
    return head_of(head) + generated(document)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.docs.api_reference", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/api.md is not what openapi.json makes")
    options = parser.parse_args(argv)
    current = REFERENCE_PATH.read_text()
    text = render(current, json.loads(OPENAPI_PATH.read_text()))
    if options.check:
        if current != text:
            print(f"{REFERENCE_PATH} is stale: run `make openapi`", file=sys.stderr)
            return 1
        return 0
    REFERENCE_PATH.write_text(text)
    print(f"wrote {REFERENCE_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
