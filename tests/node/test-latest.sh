#!/usr/bin/env bash
# make test-latest: the drift alarm. Installs the newest releases the pinned
# @convex-dev/better-auth allows (its newest patch, and better-auth and convex
# from that release's peerDependencies; the newest convex-test) in a scratch
# copy of tests/node, prints their versions, and runs the interop and
# conformance suites and the value-vector comparison against them. The
# committed lockfile is not touched. Not part of .ci/run: its outcome depends
# on what npm publishes today, which is the point.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

scratch=$(mktemp -d "${TMPDIR:-/tmp}/authgen-latest.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cp tests/node/*.mjs "$scratch"/
cp -r tests/node/interop-convex "$scratch"/

pinned=$(node -p 'require("./tests/node/package.json").dependencies["@convex-dev/better-auth"]')
# npm view prints one version, or a JSON array when several match.
# newest SPEC prints the newest published version matching SPEC. Exact
# versions go into package.json because npm would otherwise prefer an older
# release whose engines field fits the running Node (convex ≥ 1.49 declares
# Node ≥ 22).
newest() {
  npm view "$1" version --json | node -e '
    let v = JSON.parse(require("fs").readFileSync(0, "utf8"));
    console.log(Array.isArray(v) ? v[v.length - 1] : v);'
}
adapter=$(newest "@convex-dev/better-auth@~$pinned")
peers=$(npm view "@convex-dev/better-auth@$adapter" peerDependencies --json)
betterauth=$(newest "better-auth@$(node -p "($peers)['better-auth']")")
convex=$(newest "convex@$(node -p "($peers).convex")")
convextest=$(newest "convex-test@latest")

node - "$scratch/package.json" "$adapter" "$betterauth" "$convex" "$convextest" <<'JS'
const fs = require("fs");
const [out, adapter, betterauth, convex, convextest] = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync("tests/node/package.json", "utf8"));
pkg.name = "authgen-node-latest";
Object.assign(pkg.dependencies, {
  "@convex-dev/better-auth": adapter,
  "better-auth": betterauth,
  convex,
  "convex-test": convextest,
});
fs.writeFileSync(out, JSON.stringify(pkg, null, 2) + "\n");
JS

echo "== installing in $scratch the newest within the peer range $(node -p "JSON.stringify($peers)")"
(cd "$scratch" && npm install --no-audit --no-fund --loglevel=error >/dev/null)

echo "== versions (pinned in tests/node/package.json -> newest within the peer range)"
for p in @convex-dev/better-auth better-auth convex convex-test; do
  pin=$(node -p "require('./tests/node/package.json').dependencies['$p']")
  got=$(node -p "require('$scratch/node_modules/$p/package.json').version")
  mark=""
  [ "$pin" = "$got" ] || mark="   <- differs from the pin"
  printf '  %-24s %-10s %s%s\n' "$p" "$pin" "$got" "$mark"
done
echo "  node                     $(node --version) (convex declares engines.node $(node -p "require('$scratch/node_modules/convex/package.json').engines?.node ?? 'none'"))"

status=0
echo "== value vectors from the newest convex vs convex/testdata/vectors.json"
node "$scratch/vectors.mjs" | grep -v '"convex":' >"$scratch/vectors.new"
grep -v '"convex":' convex/testdata/vectors.json >"$scratch/vectors.old"
if diff -u "$scratch/vectors.old" "$scratch/vectors.new"; then
  echo "  same"
else
  echo "  DIFFERENT (above)"
  status=1
fi

echo "== go test ./tests/interop ./internal/nodeharness against them"
if ! AUTHGEN_NODE_DIR="$scratch" go test -count=1 ./tests/interop ./internal/nodeharness; then
  status=1
fi
if [ $status -eq 0 ]; then
  echo "== test-latest: the newest releases behave as the pinned ones"
else
  echo "== test-latest: DRIFT: see the failures above; move the pins in tests/node and follow the change"
fi
exit $status
