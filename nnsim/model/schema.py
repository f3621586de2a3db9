"""The .nnsim JSON schema, with its activation names and layer kinds filled from the registries.

resources/schema/nnsim.schema.json is the published file (for other tools); its
``activation`` pattern and layer ``kind`` enum are what :func:`document_schema` writes
from the registries, and a test keeps the file in step with them. A file that uses an
activation or layer kind registered at run time is valid against ``document_schema()``.
"""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache

from nnsim.engine.activations import activation_entries
from nnsim.model.layer_kinds import LAYER_KINDS
from nnsim.paths import resource


@lru_cache(maxsize=1)
def _file_schema() -> dict:
    return json.loads(resource("schema", "nnsim.schema.json").read_text(encoding="utf-8"))


def activation_pattern() -> str:
    """The regular expression of an activation name in a file (``leaky_relu:0.2``...)."""
    entries = activation_entries()
    plain = [re.escape(e.name) for e in entries if e.param is None]
    with_param = [f"{re.escape(e.name)}(:[-+0-9.eE]+)?" for e in entries if e.param]
    return "^(" + "|".join(plain + with_param) + ")$"


def document_schema() -> dict:
    """The JSON schema of a .nnsim file for the activations and layer kinds registered now."""
    schema = copy.deepcopy(_file_schema())
    defs = schema["$defs"]
    defs["activation"]["pattern"] = activation_pattern()
    defs["layer"]["properties"]["kind"]["enum"] = list(LAYER_KINDS)
    return schema
