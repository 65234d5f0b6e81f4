#!/usr/bin/env python3
"""Validates JSON files against public/data/impact.schema.json with the
`jsonschema` package (Debian: python3-jsonschema; PyPI: jsonschema). The Rust
validator (`make check-data`) is the reference; tests/data.rs runs this script
over every fixture of tests/fixtures and checks that the schema never accepts
what the Rust validator refuses for a reason a schema can say (format, types,
plausibility), and never refuses what it accepts.

The file is read as the dashboard reads it: at most 8 MiB (2 MiB when the
observations are a list: the readable form), UTF-8, one
leading byte order mark skipped, no NaN/Infinity, nothing after the document.

Usage: python3 tools/check-schema.py [--verdict] [FILE ...]
       (default: public/data/impact.json)
--verdict prints one line per file, "valid<TAB>FILE" or "invalid<TAB>FILE".
Exit status 1 when a file does not match.
"""

import json
import os
import sys

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
MAX_READABLE_BYTES = 2 * 1024 * 1024
BOM = b"\xef\xbb\xbf"


def refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def load(name):
    """The document, or raises ValueError saying why it cannot be read."""
    with open(name, "rb") as f:
        data = f.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ValueError(f"over the limit of {MAX_DOCUMENT_BYTES} bytes")
    if data.startswith(BOM):
        data = data[len(BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"not UTF-8: {e}") from e
    try:
        doc = json.loads(text, parse_constant=refuse_constant)
    except (json.JSONDecodeError, RecursionError) as e:
        raise ValueError(f"not JSON: {e}") from e
    if isinstance(doc, dict) and not isinstance(doc.get("observations"), dict) and len(data) > MAX_READABLE_BYTES:
        raise ValueError(f"over the limit of {MAX_READABLE_BYTES} bytes (observations in the readable form)")
    return doc


def main(args):
    verdict = "--verdict" in args
    files = [a for a in args if a != "--verdict"]
    with open(os.path.join(ROOT, "public", "data", "impact.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for name in files or [os.path.join(ROOT, "public", "data", "impact.json")]:
        try:
            doc = load(name)
            errors = sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])
            messages = []
            for e in errors:
                path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in e.absolute_path)
                messages.append(f"{path.lstrip('.') or '$'}: {e.message}")
        except ValueError as e:
            messages = [f"$: {e}"]
        if verdict:
            print(f"{'invalid' if messages else 'valid'}\t{name}")
        else:
            for m in messages:
                print(f"{name}: {m}")
            print(f"{name}: {'OK' if not messages else f'{len(messages)} schema errors'}")
        bad += bool(messages)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
