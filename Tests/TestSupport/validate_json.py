#!/usr/bin/python3
"""Checks JSON documents against one of wifirisk's schemas (schemas/*.schema.json).

    validate_json.py SCHEMA FILE...     each FILE holds one document, or one a line (JSON lines)

Prints one line per problem, `FILE:LINE: PATH: message`, and exits 1 when there is any.
Uses Debian's python3-jsonschema (Draft 2020-12).
"""
import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    with open(argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    problems = 0
    for path in argv[2:]:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        try:
            documents = [(1, json.loads(text))]
        except json.JSONDecodeError:
            documents = [
                (number, json.loads(line))
                for number, line in enumerate(text.splitlines(), 1)
                if line.strip()
            ]
        for number, document in documents:
            for error in validator.iter_errors(document):
                where = "/".join(str(part) for part in error.absolute_path) or "(root)"
                print(f"{path}:{number}: {where}: {error.message}")
                problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
