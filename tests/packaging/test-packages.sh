#!/usr/bin/env bash
# Builds each package and installs and runs it (issue 19, point 3):
#   tool     packaging/build-tool.sh, `dotnet tool install --global Monitor.Cli` into a temp DOTNET_CLI_HOME
#   tarball  packaging/build-tarball.sh, untarred into a temp folder
#   deb      packaging/build-deb.sh, `apt-get install ./monitor_*.deb`, run as the monitor user,
#            then `apt-get remove` and `apt-get purge` (needs root; under CI=true not root is a failure)
# Each is run the same way: --help, `monitor probe` against a real NSD on 127.0.0.1, `targets`,
# `run` into SQLite, `db stats`, and `report` (PDF and PNG: SkiaSharp's native library and the
# embedded fonts and map) on the sample database (tests/Monitor.SampleSeeder). The deb also runs
# its worker unit's ExecStart line, expanded from the shipped worker.env.example, and checks the
# location was stored. Packets go to 127.0.0.1 only. Ends with "packaging: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
tests/need-packages.sh nsd:/usr/sbin/nsd sqlite3:/usr/bin/sqlite3 || exit 2
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' src/Monitor.Cli/Monitor.Cli.csproj)

work=$(mktemp -d -t monitor-packaging-XXXXXX)
chmod 0755 "$work"   # the deb's checks run as the monitor user
passed=0 failed=0 nsd_pid="" deb_installed=""
cleanup() {
  [ -n "$nsd_pid" ] && kill "$nsd_pid" 2>/dev/null
  [ -n "$deb_installed" ] && apt-get purge -y -qq monitor >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

# check NAME COMMAND...: runs it; one line per check (with its time when 2 s or more), and the
# end of its output when it fails.
check() {
  local name=$1 t0=$SECONDS took; shift
  if "$@" >"$work/last.out" 2>&1; then
    passed=$((passed + 1)); took=$((SECONDS - t0))
    if [ "$took" -ge 2 ]; then echo "ok   $name ($took s)"; else echo "ok   $name"; fi
  else
    failed=$((failed + 1)); echo "FAIL $name"; sed 's/^/     | /' "$work/last.out" | tail -15
  fi
}
# contains FILE TEXT...: each TEXT occurs in FILE.
contains() { local f=$1; shift; for t in "$@"; do grep -qF -- "$t" "$f" || { echo "no '$t' in $f:"; head -c 2000 "$f"; return 1; }; done; }
# outputs TEXT... -- COMMAND...: the command succeeds and prints each TEXT.
outputs() {
  local want=()
  while [ "$1" != -- ]; do want+=("$1"); shift; done
  shift
  "$@" >"$work/out.txt" 2>&1 || { cat "$work/out.txt"; return 1; }
  contains "$work/out.txt" "${want[@]}"
}

# A real NSD on loopback with its own identity and NSID, on a free port.
port=""
for p in $(shuf -i 20000-40000 -n 20); do
  ss -Hlun "sport = :$p" | grep -q . || { port=$p; break; }
done
mkdir -p "$work/nsd"
cat > "$work/nsd/nsd.conf" <<CONF
server:
  ip-address: 127.0.0.1@$port
  identity: "pkg1"
  nsid: "ascii_pkg1.packaging.test"
  hide-identity: no
  pidfile: "$work/nsd/nsd.pid"
  xfrdfile: "$work/nsd/xfrd.state"
  zonelistfile: "$work/nsd/zone.list"
  logfile: "$work/nsd/nsd.log"
  zonesdir: "$work/nsd"
  database: ""
  username: ""
  chroot: ""
  server-count: 1
remote-control:
  control-enable: no
CONF
/usr/sbin/nsd -d -c "$work/nsd/nsd.conf" >/dev/null 2>&1 &
nsd_pid=$!
for _ in $(seq 50); do ss -Hlun "sport = :$port" | grep -q . && break; sleep 0.1; done
cat > "$work/loopback.yaml" <<YAML
interval: 1s
timeout: 500ms
vantage:
  id: packaging
  city: Amsterdam
  country: NL
  latitude: 52.37
  longitude: 4.89
targets:
  - id: pkg-nsd
    provider: packaging
    address: 127.0.0.1
    port: $port
    kind: unicast
    identity: [nsid, id.server]
YAML
check "sample database (tests/Monitor.SampleSeeder)" \
  dotnet run --project tests/Monitor.SampleSeeder -c Release -- "$work/sample.db"
chmod 0644 "$work/sample.db" "$work/loopback.yaml"

is_pdf() { [ "$(head -c 5 "$1")" = "%PDF-" ] && [ "$(stat -c %s "$1")" -gt 20000 ]; }
is_png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; }
report_ok() {
  local out=$1 pdf pngs
  pdf=$(find "$out" -name '*.pdf' | head -1); pngs=$(find "$out" -name '*.png' | wc -l)
  [ -n "$pdf" ] && is_pdf "$pdf" && [ "$pngs" -ge 3 ] || { ls -l "$out"; return 1; }
  for f in "$out"/*.png; do is_png "$f" || { echo "not a PNG: $f"; return 1; }; done
}

# suite LABEL OUT MONITOR...: the same runs for every package; OUT must be writable by MONITOR
# and holds its copy of the sample database (SQLite writes beside the file it opens).
suite() {
  local label=$1 out=$2; shift 2
  check "$label: --help lists the commands" outputs probe report worker -- "$@" --help
  check "$label: probe 127.0.0.1:$port (NSD) learns pkg1" outputs pkg1 -- \
    "$@" probe "127.0.0.1:$port" --count 2 --interval 200ms --timeout 1s --json
  check "$label: targets --config" outputs pkg-nsd -- "$@" targets --config "$work/loopback.yaml"
  check "$label: run --rounds 1 into SQLite" "$@" run --config "$work/loopback.yaml" --rounds 1 --db "$out/run.db"
  check "$label: db stats counts the round" outputs '"rounds":1' -- "$@" db stats --db "$out/run.db" --json
  check "$label: report on the sample database" "$@" report --db "$out/sample.db" --out "$out/report" --format pdf,png
  check "$label: report wrote a PDF and PNG charts" report_ok "$out/report"
}

# 1. The .NET tool, installed --global as the README says, into a temp DOTNET_CLI_HOME (not ~/.dotnet).
echo "== .NET tool"
check "tool: packaging/build-tool.sh" packaging/build-tool.sh "$work/packages"
check "tool: dotnet tool install --global Monitor.Cli --add-source" \
  env DOTNET_CLI_HOME="$work/home" dotnet tool install --global Monitor.Cli --add-source "$work/packages"
mkdir -p "$work/tool-out"
cp "$work/sample.db" "$work/tool-out/"
suite tool "$work/tool-out" "$work/home/.dotnet/tools/monitor"

# 2. The self-contained tarball, run with no .NET on PATH.
echo "== self-contained tarball"
check "tarball: packaging/build-tarball.sh" packaging/build-tarball.sh "$work/packages"
mkdir -p "$work/tar" "$work/tar-out"
cp "$work/sample.db" "$work/tar-out/"
check "tarball: untar" tar -C "$work/tar" -xzf "$work/packages/monitor-$version-linux-x64.tar.gz"
suite tarball "$work/tar-out" env -u DOTNET_ROOT PATH=/usr/sbin:/sbin "$work/tar/monitor-$version-linux-x64/monitor"

# 3. The Debian package, installed, run as its user, removed and purged.
echo "== Debian package"
if [ "$(id -u)" -ne 0 ]; then
  if [ "${CI:-}" = true ]; then failed=$((failed + 1)); echo "FAIL deb: needs root"; else echo "skip deb: needs root"; fi
elif dpkg-query -W -f='${Status}' monitor 2>/dev/null | grep -q installed; then
  failed=$((failed + 1)); echo "FAIL deb: a package 'monitor' is already installed; not touching it"
else
  deb=$work/packages/monitor_${version}_amd64.deb
  check "deb: packaging/build-deb.sh" packaging/build-deb.sh "$work/packages"
  deb_installed=yes
  check "deb: apt-get install ./monitor_${version}_amd64.deb" \
    env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb"
  check "deb: /usr/bin/monitor --help" outputs probe -- /usr/bin/monitor --help
  check "deb: /usr/bin/monitor is the self-contained build" \
    test "$(readlink -f /usr/bin/monitor)" = /usr/lib/monitor/monitor -a -f /usr/lib/monitor/libcoreclr.so
  check "deb: monitor system user, home /var/lib/monitor, no login" \
    test "$(getent passwd monitor | cut -d: -f6,7)" = /var/lib/monitor:/usr/sbin/nologin
  check "deb: monitor user is a system user" test "$(id -u monitor)" -lt 1000
  check "deb: /var/lib/monitor owned by monitor" test "$(stat -c %U:%G /var/lib/monitor)" = monitor:monitor
  check "deb: /etc/monitor/db mode 0600, owner monitor" test "$(stat -c %a:%U /etc/monitor/db)" = 600:monitor
  dpkg-query -W -f='${Conffiles}\n' monitor > "$work/conffiles"
  check "deb: conffiles" contains "$work/conffiles" \
    /etc/monitor/db /etc/monitor/server.env /etc/monitor/targets.yaml /etc/monitor/worker.env.example
  check "deb: units in /lib/systemd/system" \
    test -f /lib/systemd/system/monitor-server.service -a -f /lib/systemd/system/monitor-worker@.service
  check "deb: units run /usr/bin/monitor" contains /lib/systemd/system/monitor-server.service "ExecStart=/usr/bin/monitor server"
  if command -v systemd-analyze >/dev/null; then
    cp /etc/monitor/worker.env.example /etc/monitor/worker-pkgtest.env
    check "deb: systemd-analyze verify monitor-server.service" systemd-analyze verify monitor-server.service
    check "deb: systemd-analyze verify monitor-worker@pkgtest.service" systemd-analyze verify monitor-worker@pkgtest.service
  else
    echo "skip systemd-analyze: not installed"
  fi
  check "deb: shipped targets.yaml parses (as monitor)" runuser -u monitor -- /usr/bin/monitor targets --config /etc/monitor/targets.yaml
  install -d -o monitor -g monitor "$work/deb-out"
  install -o monitor -g monitor -m 0644 "$work/sample.db" "$work/deb-out/"
  suite "deb (as monitor)" "$work/deb-out" runuser -u monitor -- /usr/bin/monitor

  # The worker unit's ExecStart, as systemd would run it: %i, then ${VAR} from the env file.
  worker_unit() (
    local line
    line=$(sed -n '/^ExecStart=/,/[^\\]$/p' /lib/systemd/system/monitor-worker@.service | sed 's/\\$//' | tr -d '\n')
    line=${line#ExecStart=}
    line=${line//%i/pkgtest}
    line=${line//@\/etc\/monitor\/db/$work/deb-out/worker.db}
    set -a; . /etc/monitor/worker.env.example; set +a
    eval "set -- $line"   # the unit's own words; the values are the shipped example's
    runuser -u monitor -- "$@" --duration 2s
  )
  check "deb: worker unit's ExecStart with worker.env.example runs" worker_unit
  check "deb: the worker stored its location from the env file" test \
    "$(sqlite3 "$work/deb-out/worker.db" "select city||','||country||','||latitude||','||longitude||','||asn from vantage_points where id='pkgtest'")" \
    = "Amsterdam,NL,52.37,4.89,3333"

  check "deb: apt-get remove" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq monitor
  check "deb: remove took the program, kept configuration, user and state" sh -c \
    '! test -e /usr/bin/monitor && ! test -e /usr/lib/monitor && test -f /etc/monitor/db && id monitor && test -d /var/lib/monitor'
  check "deb: apt-get purge" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq monitor
  deb_installed=""
  check "deb: purge left nothing" sh -c \
    '! test -e /etc/monitor && ! test -e /var/lib/monitor && ! test -e /lib/systemd/system/monitor-server.service &&
     ! test -e /lib/systemd/system/monitor-worker@.service && ! getent passwd monitor && ! getent group monitor &&
     ! dpkg-query -W monitor 2>/dev/null'
fi

echo "packaging: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
