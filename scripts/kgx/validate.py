"""Runs the Biolink community's `kgx validate` offline, against the Biolink Model YAML of the
biolink-model wheel.

    python scripts/kgx/validate.py --biolink-yaml biolink_model.yaml --report report.json graph.kgx.json

kgx fetches three things over the network when it starts, none of which this machine can reach:
the Biolink Model YAML (bmt's Toolkit), bmt's predicate_mapping.yaml, and the Biolink JSON-LD context
(kgx's prefix manager). Here:
- bmt's Toolkit reads the given biolink_model.yaml (the same file the project checks its terms with);
- the JSON-LD context is generated from that same YAML by linkml's own context generator
  (`gen-jsonld-context`), and kgx's config points at the generated file;
- the predicate mapping (bmt's map of non-Biolink predicates onto Biolink ones, which validation
  does not use and the wheel does not ship) is empty.
Every other network access raises, so a run that completes is a run that fetched nothing.

Then kgx's own `validate` command runs unchanged (`kgx validate -i json FILE`) and this
script exits with its status (0: no errors, 1: errors in the report).
"""

import argparse
import json
import os
import sys
import tempfile


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--biolink-yaml", required=True, help="biolink_model.yaml (from the biolink-model wheel)")
    parser.add_argument("--report", required=True, help="where kgx writes its validation report (JSON)")
    parser.add_argument("inputs", nargs="+", help="KGX JSON files")
    args = parser.parse_args()
    schema = os.path.abspath(args.biolink_yaml)

    import requests

    def offline(*_args, **_kwargs):
        raise RuntimeError(f"network access attempted while validating offline: {_args[1:2] or _args[:1]}")

    requests.Session.request = offline  # type: ignore[method-assign]

    # The JSON-LD context, generated from the same YAML by linkml's context generator.
    from linkml.generators.jsonldcontextgen import ContextGenerator

    context_file = os.path.join(tempfile.mkdtemp(prefix="kgx-context-"), "context.jsonld")
    with open(context_file, "w") as out:
        out.write(ContextGenerator(schema).serialize())

    # bmt: the local model, and an empty predicate map (the only thing bmt would still fetch).
    import bmt.toolkit

    class _EmptyMap:
        text = "{}"

    bmt.toolkit.requests.get = lambda *_a, **_k: _EmptyMap()  # type: ignore[assignment]
    bmt.toolkit.Toolkit.__init__.__defaults__ = (schema, "local:empty-predicate-map")

    import kgx.config

    config = kgx.config.get_config()
    config["jsonld-context"]["biolink"] = context_file
    # Used only to shorten IRIs found in RDF input, never for KGX JSON: nothing to fetch.
    for name in ("monarch_context", "obo_context"):
        kgx.config.jsonld_context_map[name] = {}

    from kgx.cli import cli
    import kgx.error_detection

    # kgx 2.7.0's write_report ignores the stream it is given (and `-o FILE` only truncates FILE): the
    # report always goes to kgx.error_detection's `stderr`, so that is pointed at the report file.
    with open(args.report, "w") as report:
        kgx.error_detection.stderr = report
        try:
            cli.main(["validate", "-i", "json", *args.inputs], standalone_mode=False)
        except SystemExit as done:
            return int(done.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
