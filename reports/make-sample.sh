#!/usr/bin/env bash
# Rebuilds reports/sample/ from real data: RIPE Atlas measurement 1768147 (CH TXT id.server with RD 0
# over UDP to a Cloudflare address from 119 probes, mostly in Africa, 2015-03-21; the file and the
# probe archive it is placed with are in tests/Monitor.Probing.Tests/Atlas/data/, provenance in the
# README there). Offline: `monitor import atlas` only reads files; no packet leaves the machine.
# The loopback lab run (network namespaces, NSD and BIRD on this machine) is reports/lab-sample/,
# rebuilt by tests/lab/sample.sh; `reports/make-sample.sh --lab` runs that too (root, about 3 minutes;
# every packet stays inside the namespaces the lab creates).
set -euo pipefail
lab=no
case "${1:-}" in
  --lab) lab=yes ;;
  "") ;;
  *) echo "usage: reports/make-sample.sh [--lab]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
data=tests/Monitor.Probing.Tests/Atlas/data
mkdir -p reports/out
db=reports/out/sample-atlas.db
rm -f "$db"
dotnet build src/Monitor.Cli -c Release --nologo -v quiet >/dev/null
monitor=(dotnet src/Monitor.Cli/bin/Release/net10.0/monitor.dll)
"${monitor[@]}" import atlas "$data/msm1768147-cloudflare-idserver-2015-03-21.json" --db "$db" \
  --probes "$data/probes-2018-12-11.json.gz" --provider Cloudflare --target cloudflare
rm -rf reports/sample
"${monitor[@]}" report --db "$db" --out reports/sample --format pdf,png,html \
  --title "RIPE Atlas msm 1768147: Cloudflare id.server from 119 probes, 2015-03-21"
cp reports/sample-README.md reports/sample/README.md
du -ch reports/sample/* | tail -1
if [ "$lab" = yes ]; then
  tests/lab/sample.sh
fi
