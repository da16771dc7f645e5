#!/usr/bin/env bash
# Try Monitor offline: three real NSD servers on loopback, each with its own identity and NSID
# (ams1, fra1, lhr1), probed on a schedule by `monitor run` with probes/loopback-example.yaml into
# SQLite (reports/out/demo.db), with a report in reports/out/. Sends packets to 127.0.0.1 and ::1 only.
# Extra arguments go to `monitor run` (default: --rounds 5).
set -euo pipefail
cd "$(dirname "$0")/../.."
tests/need-packages.sh nsd:/usr/sbin/nsd

work=$(mktemp -d -t monitor-demo-XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port=5301
for site in ams1 fra1 lhr1; do
  mkdir -p "$work/$site"
  cat > "$work/$site/nsd.conf" <<CONF
server:
  ip-address: 127.0.0.1@$port
  ip-address: ::1@$port
  identity: "$site"
  nsid: "ascii_$site.demo.example"
  hide-identity: no
  pidfile: "$work/$site/nsd.pid"
  xfrdfile: "$work/$site/xfrd.state"
  zonelistfile: "$work/$site/zone.list"
  logfile: "$work/$site/nsd.log"
  zonesdir: "$work/$site"
  database: ""
  username: ""
  chroot: ""
  server-count: 1
  rrl-ratelimit: 0
remote-control:
  control-enable: no
CONF
  /usr/sbin/nsd -d -c "$work/$site/nsd.conf" >/dev/null 2>&1 &
  pids+=($!)
  port=$((port + 1))
done
sleep 1
[ $# -eq 0 ] && set -- --rounds 5
mkdir -p reports/out
dotnet run --project src/Monitor.Cli -c Release -- run --config probes/loopback-example.yaml \
  --db reports/out/demo.db --report reports/out "$@"
