"""Mutated lesson files for the fuzz tests: a seeded generator and the checks every one must pass.

Each mutation takes a bundled lesson (the MNIST ones only add size) and changes its text
(a cut, an inserted or replaced character, a truncation) or its JSON (a value replaced by
an odd one — inf, 2**40, 5,000 digits, deep nesting, text, null —, a key removed or
added, a number scaled or nudged, a list shortened or grown). ``check_text`` loads it;
what loads must save, reopen as the same document and train one epoch, raising nothing
but nnsim's documented errors. Run as a script for a longer run's counts::

    python tests/model/file_fuzz.py 20000
"""

from __future__ import annotations

import collections
import json
import random
import re
import sys
import time

from nnsim.data import DataError
from nnsim.engine.errors import EngineError
from nnsim.lessons import lesson_names
from nnsim.model.compile import CompileError
from nnsim.model.document import DocumentError
from nnsim.model.fileformat import LoadError, dumps, loads
from nnsim.model.session import Session, SessionError
from nnsim.model.settings_rules import DATASET_PARAM_RULES, SETTINGS_RULES
from nnsim.paths import resource

#: What loading, training and stepping may raise: every other exception is a bug.
DOCUMENTED = (LoadError, DocumentError, SessionError, CompileError, DataError, EngineError)

SOURCES = {
    name: resource("lessons", f"{name}.nnsim").read_text(encoding="utf-8")
    for name in lesson_names()
    if not name.startswith("mnist")
}

# Values a mutation puts somewhere; RAW ones are written into the text as they are
# (JSON that Python's json.dumps would not write: 1e309, a 5,000-digit number).
_RAW = [
    "1e309",
    "-1e309",
    "1e300",
    "-0.0",
    "1" + "0" * 4999,
    "0." + "3" * 150,
    "NaN",
    "Infinity",
    '{"a": ' * 500 + "{}" + "}" * 500,
    "[" * 30 + "]" * 30,
]
_ODD = [
    None,
    True,
    False,
    0,
    1,
    -1,
    2,
    3,
    10,
    0.5,
    -0.5,
    2**31,
    2**40,
    2**63,
    1e-300,
    "",
    "abc",
    "L1",
    "sigmoid",
    "minibatch",
    "x" * 50,
    [],
    [0],
    [1, 2],
    [[0.5]],
    {},
    {"x": [1], "y": [1]},
]


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(obj, list):
        for k, v in enumerate(obj):
            yield from _paths(v, (*prefix, k))


def _text_mutation(text: str, rng: random.Random) -> str:
    if not text:
        return rng.choice(["{", "}", "[]", " ", "{}"])
    i = rng.randrange(len(text))
    kind = rng.randrange(5)
    if kind == 0:
        return text[:i] + text[i + rng.randint(1, 20) :]
    if kind == 1:
        return text[:i] + rng.choice('{}[],:"0123456789.-eE ntf\\é神') + text[i:]
    if kind == 2:
        return text[:i] + rng.choice('{}[],:"0123456789.-eE ntf') + text[i + 1 :]
    if kind == 3:
        return text[:i]
    j = rng.randrange(len(text))
    return text[:i] + text[min(i, j) : max(i, j)][:200] + text[i:]


def _rule_value(rule, rng: random.Random):
    """A value the rule allows, often one of its limits."""
    if rule.kind == "choice":
        return rng.choice(rule.choices)
    if rule.kind == "bool":
        return rng.random() < 0.5
    if rule.nullable and rng.random() < 0.2:
        return None
    lo = rule.lo if rule.lo is not None else 0
    hi = rule.hi if rule.hi is not None else 1e6
    if rule.kind in ("int", "subset"):
        return rng.choice([int(lo), int(hi), rng.randint(int(lo), int(min(hi, lo + 50)))])
    v = rng.choice([lo, hi, rng.uniform(lo, hi)])
    if (v == lo and rule.lo_open) or (v == hi and rule.hi_open):
        v = (lo + hi) / 2
    return v


def _settings_mutation(text: str, rng: random.Random) -> str:
    """A setting or a data-set parameter set to a value its rule allows (so it loads)."""
    obj = json.loads(text)
    s = obj.setdefault("settings", {})
    if rng.random() < 0.5:
        name = rng.choice(sorted(set(SETTINGS_RULES) - {"dataset"}))
        s[name] = _rule_value(SETTINGS_RULES[name], rng)
    else:
        rules = DATASET_PARAM_RULES.get(s.get("dataset", "xor"), {})
        if rng.random() < 0.3 or not rules:  # another data set, its parameters kept
            s["dataset"] = rng.choice(sorted(DATASET_PARAM_RULES))
            s["dataset_params"] = {}
        else:
            name = rng.choice(sorted(rules))
            s.setdefault("dataset_params", {})[name] = _rule_value(rules[name], rng)
    return json.dumps(obj, ensure_ascii=False, indent=1)


def _json_mutation(text: str, rng: random.Random) -> str:
    if rng.random() < 0.3:
        return _settings_mutation(text, rng)
    obj = json.loads(text)
    paths = [p for p in _paths(obj) if p]
    # Settings and small fields more often than the many single weights.
    weights = [1 if any(k in ("weights", "bias", "arrays") for k in p) else 6 for p in paths]
    path = rng.choices(paths, weights)[0]
    parent = obj
    for k in path[:-1]:
        parent = parent[k]
    key = path[-1]
    value = parent[key]
    kind = rng.randrange(9)
    raw = None
    if kind == 0 and isinstance(parent, dict):
        del parent[key]
    elif kind == 1 and isinstance(parent, dict):
        parent[rng.choice(["colour", "x", key + "_", "seed", "noise"])] = rng.choice(_ODD)
    elif kind == 2 and isinstance(value, (int, float)) and not isinstance(value, bool):
        parent[key] = value * rng.choice([-1, 0, 2, 10, 1e6, 1e300, 0.5]) + rng.choice([0, 1, -1])
        if isinstance(value, int) and rng.random() < 0.5:
            parent[key] = int(parent[key]) if abs(parent[key]) < 1e18 else parent[key]
    elif kind == 3 and isinstance(value, list):
        if value and rng.random() < 0.5:
            del value[rng.randrange(len(value))]
        else:
            value.append(value[-1] if value else rng.choice(_ODD))
    elif kind == 4:
        raw = rng.choice(_RAW)
    elif kind == 5 and isinstance(value, float):
        parent[key] = value * (1 + rng.uniform(-0.1, 0.1))  # a nudged weight or position
    else:
        parent[key] = rng.choice(_ODD)
    if raw is None:
        return json.dumps(obj, ensure_ascii=False, indent=1)
    marker = "__raw_value__"
    parent[key] = marker
    return json.dumps(obj, ensure_ascii=False, indent=1).replace(f'"{marker}"', raw, 1)


def mutations(n: int, seed: int = 18):
    """``n`` (lesson name, mutated text) pairs, the same for the same seed."""
    rng = random.Random(seed)
    names = sorted(SOURCES)
    for _ in range(n):
        name = rng.choice(names)
        text = SOURCES[name]
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            try:
                text = (_json_mutation if rng.random() < 0.75 else _text_mutation)(text, rng)
            except (ValueError, TypeError, AttributeError, KeyError, IndexError):
                # the text is no JSON (or not an object) any more: change its characters
                text = _text_mutation(text, rng)
        yield name, text


_TOP = ("meta", "layers", "links", "format", "version", "generator")


def refusal_kind(error: LoadError) -> str:
    """A short name for why a file was refused (for the counts)."""
    msg = str(error).split(": ", 1)[-1]
    if error.field:
        parts = re.split(r"[.\[]", error.field) + [""]
        if parts[0] == "settings":
            known = parts[1] in (*SETTINGS_RULES, "dataset_params", "targets")
            return "settings." + parts[1] if known else "settings: unknown field"
        if parts[0] in _TOP:
            return parts[0]
        return "top level" if parts[0] == "the file" else "unknown field"
    for words, kind in (
        ("malformed JSON", "JSON syntax"),
        ("nested", "nesting depth"),
        ("a number of", "number length"),
        ("not a finite number", "NaN/Infinity"),
        ("not an nnsim file", "not an nnsim file"),
        ("empty", "empty"),
        ("UTF-8", "encoding"),
    ):
        if words in msg:
            return kind
    return "other: " + msg[:40]


SLOW: list = []


def check_text(text: str, counts: collections.Counter, train: bool = True):
    """Load ``text``; if it loads, save, reopen and train one epoch. Returns the document or None.

    Raises anything but nnsim's documented errors (the test then fails with it).
    """
    counts["mutations"] += 1
    try:
        doc = loads(text, source="fuzz.nnsim")
    except LoadError as e:
        assert str(e).startswith("fuzz.nnsim: ") and "\n" not in str(e), str(e)
        counts["refused"] += 1
        counts["refused: " + refusal_kind(e)] += 1
        return None
    counts["loaded"] += 1
    saved = dumps(doc)
    back = loads(saved)
    assert back == doc, "save → load changed the document"
    assert dumps(back) == saved, "a second save differs"
    if train:
        t0 = time.perf_counter()
        try:
            Session(back).train_epochs(1)
            counts["trained one epoch"] += 1
        except DOCUMENTED as e:
            counts["training refused: " + type(e).__name__] += 1
        took = time.perf_counter() - t0
        if took > 0.5:
            counts["trainings over 0.5 s"] += 1
            SLOW.append((took, back.settings))
    return back


def run(n: int, seed: int = 18, train: bool = True) -> collections.Counter:
    """Check ``n`` mutations; returns the counts."""
    counts: collections.Counter = collections.Counter()
    for _name, text in mutations(n, seed):
        check_text(text, counts, train)
    return counts


def report(counts: collections.Counter) -> str:
    """The counts as lines (mutations, loaded, refused by kind, training outcomes)."""
    head = ["mutations", "loaded", "trained one epoch", "refused"]
    lines = [f"{k}: {counts[k]}" for k in head]
    lines += [f"  {k}: {v}" for k, v in sorted(counts.items()) if k not in head]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(run(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)))
