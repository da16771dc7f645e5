#!/usr/bin/env bash
# Shows that a change left Monitor's outputs alone: builds OLD_REV (in a temporary worktree, once,
# cached under $COMPARE_CACHE) and the current tree, runs `monitor analyze --json` and
# `monitor report --format csv,json,png[,measurements]` with both on the same databases, and compares SHA-256
# hashes file by file (the PDF carries its generation time and is not compared).
#
#   tests/compare-outputs.sh OLD_REV [DB...]
#
# Databases: the sample database (tests/Monitor.SampleSeeder, as reports/make-sample.sh makes it)
# and every DB given. Exit 0 when everything matches, 1 when anything differs, 2 on bad input.
# Offline; no packets leave the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: tests/compare-outputs.sh OLD_REV [DB...]" >&2; exit 2; }
old=$(git rev-parse --verify "$1^{commit}") || { echo "compare-outputs: '$1' is not a revision" >&2; exit 2; }
shift
cache=${COMPARE_CACHE:-/tmp/monitor-compare}
mkdir -p "$cache"
work=$(mktemp -d -t monitor-compare-XXXXXX)
trap 'rm -rf "$work"' EXIT

old_bin=$cache/old-$old
if [ ! -f "$old_bin/monitor.dll" ]; then
  tree=$cache/tree-$old
  git worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
  git worktree add --detach "$tree" "$old" >/dev/null
  dotnet build "$tree/src/Monitor.Cli" -c Release --nologo -v quiet -o "$old_bin.tmp"
  mv "$old_bin.tmp" "$old_bin"
  git worktree remove --force "$tree"
fi
new_bin=$work/bin-new
dotnet build src/Monitor.Cli -c Release --nologo -v quiet -o "$new_bin"

dbs=("$@")
sample=$cache/sample.db
if [ ! -f "$sample" ]; then
  dotnet run --project tests/Monitor.SampleSeeder -c Release -- "$sample" >/dev/null
fi
dbs=("$sample" "${dbs[@]}")

status=0
for db in "${dbs[@]}"; do
  [ -f "$db" ] || { echo "compare-outputs: no database '$db'" >&2; exit 2; }
  for side in old new; do
    bin=$old_bin; [ $side = new ] && bin=$new_bin
    out=$work/$side
    mkdir -p "$out/report"
    dotnet "$bin/monitor.dll" analyze --db "$db" --json > "$out/analyze.json" || true
    dotnet "$bin/monitor.dll" analyze --db "$db" > "$out/analyze.txt" || true
    # The per-row exports are asked for with `measurements` since issue 17; a build before it rejects the
    # word (exit 2) and wrote them with csv and json alone.
    rc=0
    dotnet "$bin/monitor.dll" report --db "$db" --out "$out/report" --format csv,json,png,measurements --title compare > /dev/null 2>&1 || rc=$?
    if [ $rc -eq 2 ]; then
      rm -rf "$out/report"; mkdir -p "$out/report"
      dotnet "$bin/monitor.dll" report --db "$db" --out "$out/report" --format csv,json,png --title compare > /dev/null || true
    fi
    (cd "$out" && find . -type f | sort | xargs sha256sum) > "$work/$side.sha"
    mv "$out" "$work/$side-$(basename "$db")"
  done
  files=$(wc -l < "$work/old.sha")
  if diff "$work/old.sha" "$work/new.sha" > "$work/diff"; then
    echo "same: $(basename "$db") ($files files: analyze --json, analyze text, report csv/json/png)"
  else
    echo "DIFFERENT: $(basename "$db")"; cat "$work/diff"; status=1
  fi
done
exit $status
