"""A small JSON-Schema (2020-12 subset) checker, so the tests need no extra package.

It covers exactly the keywords resources/schema/nnsim.schema.json uses; an unknown keyword
fails loudly so the schema cannot silently outgrow it.
"""

from __future__ import annotations

import re

_KNOWN = {
    "$schema",
    "$id",
    "title",
    "description",
    "$defs",
    "$ref",
    "type",
    "required",
    "additionalProperties",
    "properties",
    "items",
    "enum",
    "const",
    "oneOf",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "minLength",
    "maxLength",
    "pattern",
}


def _type_ok(value, t) -> bool:
    if isinstance(t, list):
        return any(_type_ok(value, x) for x in t)
    return {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
    }[t](value)


def errors(value, schema, root=None, path="$"):
    """Yield "path: problem" strings for every way ``value`` breaks ``schema``."""
    root = schema if root is None else root
    unknown = set(schema) - _KNOWN
    if unknown:
        raise AssertionError(f"schema keyword(s) not supported by the checker: {unknown}")
    if "$ref" in schema:
        node = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        yield from errors(value, node, root, path)
    if "type" in schema and not _type_ok(value, schema["type"]):
        yield f"{path}: expected {schema['type']}"
        return
    if "const" in schema and value != schema["const"]:
        yield f"{path}: expected {schema['const']!r}"
    if "enum" in schema and value not in schema["enum"]:
        yield f"{path}: {value!r} not in {schema['enum']}"
    if "oneOf" in schema:
        n = sum(1 for s in schema["oneOf"] if not list(errors(value, s, root, path)))
        if n != 1:
            yield f"{path}: matches {n} of oneOf"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        for key, bad in (
            ("minimum", lambda v, b: v < b),
            ("maximum", lambda v, b: v > b),
            ("exclusiveMinimum", lambda v, b: v <= b),
            ("exclusiveMaximum", lambda v, b: v >= b),
        ):
            if key in schema and bad(value, schema[key]):
                yield f"{path}: {value} breaks {key} {schema[key]}"
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", 10**9):
            yield f"{path}: bad length"
        if "pattern" in schema and not re.search(schema["pattern"], value):
            yield f"{path}: {value!r} does not match {schema['pattern']}"
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", 10**9):
            yield f"{path}: bad number of items"
        if "items" in schema:
            for k, v in enumerate(value):
                yield from errors(v, schema["items"], root, f"{path}[{k}]")
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                yield f"{path}: missing {key}"
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, v in value.items():
            if key in props:
                yield from errors(v, props[key], root, f"{path}.{key}")
            elif extra is False:
                yield f"{path}: unexpected field {key}"
            elif isinstance(extra, dict):
                yield from errors(v, extra, root, f"{path}.{key}")
