#!/usr/bin/env bash
# Monitor's benchmarks, the exact rerun command:
#   bench/run.sh [--smoke] [--sections LIST] [--analysis-rows N,N] [--analysis-db DIR] [--ingest-rows N] [--no-report] [--no-micro] [--out FILE]
# (--analysis-db DIR keeps the seeded databases there and reuses them on the next run.)
# Builds the bench projects (Release), then runs, writing bench/results/YYYY-MM-DD.md:
#  1. Monitor.Bench, end to end: dnsperf vs Monitor against a real NSD on 127.0.0.1 (rate limiting off),
#     Monitor vs kdig vs the truth against a responder with a fixed 5 ms delay at 10, 1,000 and max
#     probes/s, SQLite and PostgreSQL ingest, analyze/report at 1M and 10M rows, worker RSS,
#     reading and importing 1M RIPE Atlas results (--sections atlas);
#  2. the probe sections again with DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 (socket
#     continuations run on the epoll thread instead of queueing to the thread pool; UDP RTTs end at
#     the kernel's receive stamp either way, so this shows its effect on rate and on the
#     kernel-stamps-off phase);
#  3. BenchmarkDotNet micro benchmarks (short job), summary appended.
# Packets go only to loopback; every phase is bounded in count and time. Needs root (PostgreSQL is
# initialised with runuser), nsd, dnsperf, knot-dnsutils (kdig), postgresql-15.
# Takes about 20–40 minutes on an idle 2-core machine, most of it seeding 10M rows.
set -euo pipefail
cd "$(dirname "$0")/.."

command="bench/run.sh $*"
scale=full
sections=()
rows=()
micro=yes
out="bench/results/$(date -u +%F).md"
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) scale=smoke; micro=no ;;
    --sections) sections=(--sections "$2"); shift ;;
    --no-micro) micro=no ;;
    --analysis-rows) rows+=(--analysis-rows "$2"); shift ;;
    --analysis-db) rows+=(--analysis-db "$2"); shift ;;
    --ingest-rows) rows+=(--ingest-rows "$2"); shift ;;
    --no-report) rows+=(--no-report) ;;
    --out) out="$2"; shift ;;
    *) echo "usage: bench/run.sh [--smoke] [--sections LIST] [--analysis-rows N,N] [--analysis-db DIR] [--ingest-rows N] [--no-report] [--no-micro] [--out FILE]" >&2; exit 2 ;;
  esac
  shift
done

dotnet build bench/Monitor.Bench -c Release --nologo -v quiet
echo "load before: $(cat /proc/loadavg)"
dotnet bench/Monitor.Bench/bin/Release/net10.0/Monitor.Bench.dll --scale "$scale" "${sections[@]}" "${rows[@]}" --out "$out" --command "${command% }" || status=$?

if [ "$scale" = full ] && [ ${#sections[@]} -eq 0 ]; then
  DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 dotnet bench/Monitor.Bench/bin/Release/net10.0/Monitor.Bench.dll \
    --sections probe --label "inline socket completions" --append --out "$out" || status=$?
fi

if [ "$micro" = yes ]; then
  dotnet build bench/Monitor.Benchmarks -c Release --nologo -v quiet
  artifacts=$(mktemp -d)
  dotnet bench/Monitor.Benchmarks/bin/Release/net10.0/Monitor.Benchmarks.dll --filter '*' --job short --inProcess --exporters github --artifacts "$artifacts"
  {
    echo
    echo "## Micro benchmarks (BenchmarkDotNet, short job; load $(cut -d' ' -f1-3 /proc/loadavg))"
    echo
    for f in "$artifacts"/results/*-report-github.md; do sed -n '/^|/p' "$f"; echo; done
  } >> "$out"
  rm -rf "$artifacts"
fi

echo "wrote $out"
exit "${status:-0}"
