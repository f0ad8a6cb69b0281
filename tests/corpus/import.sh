#!/usr/bin/env bash
# import.sh copies one open-source Convex app into tests/corpus/<app>/ from a
# git checkout: the functions directory, the files it needs to bundle, and
# a NOTICE naming the repository, commit and license.
#
#   tests/corpus/import.sh <git dir> <commit> <repo> <app dir in repo> <name> <license file> <license name> [extra path...]
#
# Test files (*.test.ts, *.spec.ts) are left out: deploy never bundles them.
set -euo pipefail
git_dir=$1 commit=$2 repo=$3 app=$4 name=$5 license=$6 license_name=$7
shift 7
dest="$(cd "$(dirname "$0")" && pwd)/$name"
rm -rf "$dest"
mkdir -p "$dest"
prefix=""
[ "$app" != "." ] && prefix="$app/"
paths=("${prefix}convex")
for f in package.json tsconfig.json convex.json; do
	git -C "$git_dir" cat-file -e "$commit:${prefix}$f" 2>/dev/null && paths+=("${prefix}$f")
done
for extra in "$@"; do paths+=("$extra"); done
git -C "$git_dir" archive --format=tar "$commit" -- "${paths[@]}" |
	tar -x -C "$dest" --exclude='*.test.ts' --exclude='*.test.tsx' --exclude='*.spec.ts' \
		${prefix:+--strip-components=$(echo -n "$prefix" | tr -cd / | wc -c)}
git -C "$git_dir" show "$commit:$license" >"$dest/LICENSE"
cat >"$dest/NOTICE" <<NOTICE
Copied from https://github.com/$repo at commit $commit
(directory ${app}), under the $license_name license (see LICENSE next to this file).
Only the Convex functions directory and the files needed to bundle it were
copied; test files (*.test.ts, *.spec.ts) were left out. Not modified.
function_spec.json is authgen's extraction (see ../README.md), not part of the original.
NOTICE
echo "$dest"
