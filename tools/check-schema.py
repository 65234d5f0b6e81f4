#!/usr/bin/env python3
"""Dev check (not part of `make test`): validates JSON files against
public/data/impact.schema.json with the `jsonschema` package from PyPI
(`pip install jsonschema`). The Rust validator (`make check-data`) is the
reference; this checks that the published schema says the same.

Usage: python3 tools/check-schema.py [FILE ...]   (default: public/data/impact.json)
Exit status 1 when a file does not match.
"""

import json
import os
import sys

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(files):
    with open(os.path.join(ROOT, "public", "data", "impact.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for name in files or [os.path.join(ROOT, "public", "data", "impact.json")]:
        with open(name, encoding="utf-8") as f:
            doc = json.load(f)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors:
            path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in e.absolute_path)
            print(f"{name}: {path.lstrip('.') or '$'}: {e.message}")
        print(f"{name}: {'OK' if not errors else f'{len(errors)} schema errors'}")
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
