#!/usr/bin/env bash
# Monitor's test command (README and CI run exactly this).
# Installs the Debian packages the tests need when they are missing, builds with warnings as
# errors, runs every test project, and ends with one line: "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the integration tests start: real DNS servers on loopback (NSD; Unbound for DNS
# over TLS and HTTPS, validating a zone ldnsutils signs), PostgreSQL,
# ip (network namespaces for workers and the anycast lab), bird2 and nftables (the lab: tests/lab/),
# dnsperf and kdig (the benchmark smoke test), chromium (the HTML report loads in headless Chromium),
# Prometheus (scrapes `monitor run --metrics`; promtool checks probes/deploy/).
tests/need-packages.sh nsd:/usr/sbin/nsd unbound:/usr/sbin/unbound ldnsutils:/usr/bin/ldns-signzone postgresql:/usr/lib/postgresql/15/bin/initdb iproute2:/usr/sbin/ip \
  bird2:/usr/sbin/bird nftables:/usr/sbin/nft dnsperf:/usr/bin/dnsperf knot-dnsutils:/usr/bin/kdig \
  chromium:/usr/bin/chromium prometheus:/usr/bin/prometheus

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build Monitor.sln -c Release --nologo -v quiet
status=0
dotnet test Monitor.sln -c Release --no-build --nologo "$@" 2>&1 | tee "$log" || status=$?

# Sum the per-assembly result lines of the VSTest runner into the one closing line.
awk '/(Passed|Failed)! +- Failed: /{
       gsub(/,/, ""); for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
