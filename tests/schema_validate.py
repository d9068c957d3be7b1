#!/usr/bin/python3
"""Validates rule files against the rule file's JSON Schema (malkoll schema),
reading the YAML the way an editor's language server does (YAML 1.2, core
schema: 0580 is a number, ja and yes are text, mapping keys are the text
written). One process for all files, for tests/test_schema.cpp.

usage: schema_validate.py SCHEMA FILE...

Prints per file, tab-separated, sorted:
  FILE  ok
  FILE  yaml  ERROR                   an editor cannot read the YAML (it says so itself)
  FILE  fel   PATH  KEYWORD  DETAIL   one line per error the schema finds
Exit 2 when SCHEMA is not a valid draft-07 schema.
"""
import json
import re
import sys

import jsonschema
import yaml

Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Yaml12(Base):
    """YAML 1.2 core schema, as yaml-language-server reads a file."""


Yaml12.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$",
     list("-+0123456789.")),
]:
    Yaml12.add_implicit_resolver("tag:yaml.org,2002:" + tag, re.compile(pattern), first)


def construct_int(loader, node):
    """YAML 1.2: 0580 is 580 (not octal as in 1.1); 0o17 and 0x1F as written."""
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


Yaml12.add_constructor("tag:yaml.org,2002:int", construct_int)


class DuplicateKey(Exception):
    pass


def construct_mapping(loader, node, deep=False):
    """Keys as written (a key 2024 is the text "2024"); a key twice is an error, as in an editor."""
    out = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(loader.construct_object(key_node, deep=True))
        if key in out:
            raise DuplicateKey(f"nyckeln {key!r} står två gånger (rad {key_node.start_mark.line + 1})")
        out[key] = loader.construct_object(value_node, deep=True)
    return out


Yaml12.add_constructor("tag:yaml.org,2002:map", construct_mapping)


def pointer(path):
    return "/" + "/".join(str(p) for p in path)


def main():
    sys.stdout.reconfigure(encoding="utf-8")
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    try:
        jsonschema.Draft7Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        print(f"{sys.argv[1]}\tschema\t{e.message}")
        return 2
    validator = jsonschema.Draft7Validator(schema)
    lines = []
    for path in sys.argv[2:]:
        try:
            with open(path, encoding="utf-8-sig") as f:
                text = f.read()
            # YAML 1.2 breaks lines only at LF and CR; PyYAML (1.1) also at
            # U+2028, U+2029 and NEL. Here they are characters, as in an editor.
            text = text.translate({0x2028: 0xE028, 0x2029: 0xE029, 0x85: 0xE085})
            doc = yaml.load(text, Loader=Yaml12)
        except (yaml.YAMLError, UnicodeDecodeError, DuplicateKey) as e:
            lines.append(f"{path}\tyaml\t{type(e).__name__}")
            continue
        errors = []
        for e in validator.iter_errors(doc):
            detail = ""
            if e.validator == "additionalProperties":
                allowed = set(e.schema.get("properties", {}))
                patterns = [re.compile(p) for p in e.schema.get("patternProperties", {})]
                extra = [k for k in e.instance if k not in allowed and not any(p.search(k) for p in patterns)]
                detail = ",".join(sorted(extra))
            errors.append(f"{path}\tfel\t{pointer(e.absolute_path)}\t{e.validator if e.validator else 'false'}\t{detail}")
        lines.extend(sorted(errors) if errors else [f"{path}\tok"])
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
