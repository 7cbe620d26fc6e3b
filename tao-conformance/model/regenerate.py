#!/usr/bin/env python3
"""Regenerates every audit vector's expected file from the independent model (yuma_model.py).

    python3 tao-conformance/model/regenerate.py          # rewrite the .expected.json files
    python3 tao-conformance/model/regenerate.py --check  # CI: exit 1 if any file differs from the model

Also checks the public vectors (conformance/yuma), which the model must reproduce too; those files are
never rewritten (they come from ../shared/conformance). Standard library only; no floats.
"""
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yuma_model  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, "..", "src", "test", "resources")
AUDIT = os.path.join(RES, "yuma-audit")
PUBLIC = os.path.join(RES, "conformance", "yuma")


def strip_zero_bonds(doc):
    """The format lets a zero-valued bond pair be present or absent; compare without them."""
    for e in doc["epochs"]:
        for nu in e["neurons"]:
            nu["bonds"] = sorted([j, v] for j, v in nu["bonds"] if v != 0)
    return doc


def render(doc):
    return json.dumps(doc, indent=1) + "\n"


def main(argv):
    check = "--check" in argv
    bad = []
    count = 0
    for folder, writable in ((AUDIT, True), (PUBLIC, False)):
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".scenario.json"):
                continue
            count += 1
            with open(os.path.join(folder, name)) as f:
                scenario = json.load(f)
            model = yuma_model.run(scenario)
            exp_path = os.path.join(folder, name.replace(".scenario.json", ".expected.json"))
            if writable and not check:
                with open(exp_path, "w") as f:
                    f.write(render(model))
                continue
            with open(exp_path) as f:
                expected = json.load(f)
            if strip_zero_bonds(json.loads(render(model))) != strip_zero_bonds(expected):
                bad.append(os.path.relpath(exp_path, RES))
    if bad:
        for b in bad:
            print("yuma model: " + b + " differs from the model's output "
                  "(run python3 tao-conformance/model/regenerate.py to see or rewrite)", file=sys.stderr)
        return 1
    print("yuma model: %d vectors %s" % (count, "agree with the model" if check else "regenerated/checked"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
