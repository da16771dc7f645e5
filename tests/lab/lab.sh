#!/usr/bin/env bash
# A simulated anycast network in network namespaces: real NSD servers on one anycast address,
# announced with real BGP (bird2), vantage points to probe them from, and link emulation by a
# userspace relay (tests/Monitor.LabRelay: the kernel here has no netem).
#
# Usage: tests/lab/lab.sh COMMAND [ARGS]
#   up                         build the lab and wait until BGP has converged
#   down [--stale|--all]       remove this lab (LAB_DIR's); --stale also removes test labs
#                              (mlab<pid>-…) whose process is gone; --all removes every mlab* namespace
#   status                     sessions, and which site each vantage point's router routes to
#   truth                      "VANTAGE SITE4 SITE6" per vantage point (the routing truth)
#   withdraw SITE | announce SITE        stop / restart announcing the anycast prefixes
#   prepend SITE N             announce the anycast prefixes with N extra copies of SITE's AS
#   dns-stop SITE drop|refuse  drop: queries silently dropped (nftables); refuse: NSD stopped
#                              (the kernel answers ICMP port unreachable)
#   dns-start SITE             undo dns-stop
#   delay LINK MS              one-way delay of LINK in each direction (RTT grows by 2 × MS)
#   fail LINK | restore LINK   drop every frame on LINK silently (BGP notices by its hold timer)
#   exec NODE CMD...           run CMD inside NODE's namespace (e.g. exec vp-ams kdig @192.0.2.53 ...)
#
# Environment: LAB_DIR (state and configs, default /tmp/monitor-lab), LAB_PREFIX (namespace prefix,
# default mlab-<pid>-; must start with "mlab"), LAB_RELAY (Monitor.LabRelay.dll; built when unset).
# Packets go only between the lab's own namespaces. Needs root, iproute2, bird2, nsd, nftables.
set -euo pipefail

LAB_DIR=${LAB_DIR:-/tmp/monitor-lab}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

# ---- topology: the one description of the lab (the C# AnycastLab reads it back from lab.json) ----
ANYCAST4=192.0.2.53;  ANYCAST4_NET=192.0.2.0/24
ANYCAST6=2001:db8:53::53; ANYCAST6_NET=2001:db8:53::/48

# Routers: name ASN router-id. Equal AS-path lengths are broken by the lowest router id, so t3
# (Singapore) beats t1 (Amsterdam) at r4: vp-lon's catchment is deliberately inflated.
ROUTERS=(
  "t1 64501 10.255.0.21"
  "t2 64502 10.255.0.22"
  "t3 64503 10.255.0.3"
  "r4 64504 10.255.0.24"
)
# Anycast sites: name ASN n(unicast host number) identity nsid transit city country lat lon
SITES=(
  "ams 65001 1 ams1.lab ams1 t1 Amsterdam NL 52.31 4.76"
  "fra 65002 2 fra1.lab fra1 t2 Frankfurt DE 50.04 8.56"
  "sin 65003 3 sin1.lab sin1 t3 Singapore SG 1.35 103.99"
)
# The unicast server: name n identity nsid router
UNICAST="uni 100 fra-uni.lab fra-uni t2"
# Vantage points: name router city country lat lon
VANTAGES=(
  "vp-ams t1 Amsterdam NL 52.37 4.89"
  "vp-fra t2 Frankfurt DE 50.11 8.68"
  "vp-sin t3 Singapore SG 1.29 103.85"
  "vp-lon r4 London GB 51.51 -0.13"
)
# Links: name a b one-way-delay-ms (link i gets 10.0.i.0/30 and fd00:0:i::/64; a is .1, b is .2)
LINKS=(
  "ams-t1 ams t1 1"
  "fra-t2 fra t2 1"
  "sin-t3 sin t3 1"
  "t1-t2 t1 t2 4"
  "t2-t3 t2 t3 80"
  "t1-t3 t1 t3 80"
  "r4-t1 r4 t1 4"
  "r4-t3 r4 t3 85"
  "vp-ams vp-ams t1 1"
  "vp-fra vp-fra t2 1"
  "vp-sin vp-sin t3 1"
  "vp-lon vp-lon r4 1"
  "uni-t2 uni t2 1"
)

die() { echo "lab.sh: $*" >&2; exit 1; }
prefix() { cat "$LAB_DIR/prefix" 2>/dev/null || die "no lab in $LAB_DIR (run: lab.sh up)"; }
ns() { echo "$(prefix)$1"; }
inns() { local n=$1; shift; ip netns exec "$(ns "$n")" "$@"; }
birdc_() { birdc -s "$LAB_DIR/$1.ctl" "${@:2}"; }
field() { local i=$1; shift; set -- $*; echo "${!i}"; }
site_line() { for s in "${SITES[@]}"; do [ "$(field 1 "$s")" = "$1" ] && { echo "$s"; return; }; done; die "no site '$1'"; }
link_index() { local i=0; for l in "${LINKS[@]}"; do i=$((i+1)); [ "$(field 1 "$l")" = "$1" ] && { echo $i; return; }; done; die "no link '$1'"; }
addr4() { echo "10.0.$1.$2"; }
addr6() { echo "fd00:0:$1::$2"; }
# The link address of node $2 on the link to node $1's side: prints "index local4 peer4 local6 peer6".
links_of() {
  local node=$1 i=0
  for l in "${LINKS[@]}"; do
    i=$((i+1)); set -- $l
    if [ "$2" = "$node" ]; then echo "$i $3 $(addr4 $i 1) $(addr4 $i 2) $(addr6 $i 1) $(addr6 $i 2)"; fi
    if [ "$3" = "$node" ]; then echo "$i $2 $(addr4 $i 2) $(addr4 $i 1) $(addr6 $i 2) $(addr6 $i 1)"; fi
  done
}
asn() { # node: its AS number, empty for nodes without BGP
  local node=$1 x
  for x in "${ROUTERS[@]}" "${SITES[@]}"; do set -- $x; [ "$1" = "$node" ] && { echo "$2"; return; }; done
  echo ""
}

relay_dll() {
  if [ -n "${LAB_RELAY:-}" ]; then echo "$LAB_RELAY"; return; fi
  local dll="$REPO/tests/Monitor.LabRelay/bin/Release/net10.0/Monitor.LabRelay.dll"
  [ -f "$dll" ] || dotnet build "$REPO/tests/Monitor.LabRelay" -c Release --nologo -v quiet >&2
  echo "$dll"
}

bird_common() { # name asn routerid
  cat <<EOF
router id $3;
log "$LAB_DIR/$1.bird.log" { info, warning, error, auth, remote };
protocol device { scan time 5; }
# Link networks are connected: their direct routes beat the neighbours' BGP copies.
protocol direct { ipv4; ipv6; interface "to-*"; }
template bgp lab {
  local as $2;
  hold time 6; keepalive time 2; connect retry time 1; connect delay time 1;
  error wait time 1, 3; error forget time 10; startup hold time 3;
}
EOF
}

bird_sessions() { # node import4 export4 import6 export6
  local node=$1
  links_of "$node" | while read -r i peer l4 p4 l6 p6; do
    local pa; pa=$(asn "$peer")
    [ -n "$pa" ] || continue
    cat <<EOF
protocol bgp ${peer//-/_}_4 from lab { neighbor $p4 as $pa; source address $l4; ipv4 { import $2; export $3; }; }
protocol bgp ${peer//-/_}_6 from lab { neighbor $p6 as $pa; source address $l6; ipv6 { import $4; export $5; }; }
EOF
  done
}

write_prepend() { # site count
  local s; s=$(site_line "$1"); local a; a=$(field 2 "$s")
  { echo "function lab_prepend() {"; for ((k=0; k<$2; k++)); do echo "  bgp_path.prepend($a);"; done; echo "}"; } > "$LAB_DIR/$1.prepend.conf"
}

router_conf() { # name asn routerid
  bird_common "$@"
  cat <<EOF
protocol kernel { ipv4 { export where source = RTS_BGP || source = RTS_STATIC; }; }
protocol kernel { ipv6 { export where source = RTS_BGP || source = RTS_STATIC; }; }
EOF
  if [ "$1" = "$(field 5 "$UNICAST")" ]; then # the router of the unicast server routes to it
    local n; n=$(field 2 "$UNICAST")
    links_of "$1" | while read -r i peer l4 p4 l6 p6; do
      [ "$peer" = "$(field 1 "$UNICAST")" ] || continue
      echo "protocol static unicast4 { ipv4; route 203.0.113.$n/32 via $p4; }"
      echo "protocol static unicast6 { ipv6; route 2001:db8:ff::$n/128 via $p6; }"
    done
  fi
  bird_sessions "$1" all all all all
}

site_conf() { # site line
  set -- $1
  local name=$1 as=$2 n=$3
  bird_common "$name" "$as" "10.255.1.$n"
  cat <<EOF
include "$LAB_DIR/$name.prepend.conf";
protocol kernel { ipv4 { export where source = RTS_BGP && net != $ANYCAST4_NET; }; }
protocol kernel { ipv6 { export where source = RTS_BGP && net != $ANYCAST6_NET; }; }
protocol static anycast4 { ipv4; route $ANYCAST4_NET blackhole; }
protocol static anycast6 { ipv6; route $ANYCAST6_NET blackhole; }
protocol static unicast4 { ipv4; route 203.0.113.$n/32 blackhole; }
protocol static unicast6 { ipv6; route 2001:db8:ff::$n/128 blackhole; }
filter export4 { if source != RTS_STATIC then reject; if net = $ANYCAST4_NET then lab_prepend(); accept; }
filter export6 { if source != RTS_STATIC then reject; if net = $ANYCAST6_NET then lab_prepend(); accept; }
EOF
  bird_sessions "$name" all "filter export4" all "filter export6"
}

nsd_conf() { # name identity nsid addresses...
  local name=$1 identity=$2 nsid=$3; shift 3
  local d="$LAB_DIR/$name.nsd"
  mkdir -p "$d"
  {
    echo "server:"
    for a in "$@"; do echo "  ip-address: $a"; done
    cat <<EOF
  identity: "$identity"
  nsid: "ascii_$nsid"
  hide-identity: no
  pidfile: "$d/nsd.pid"
  xfrdfile: "$d/xfrd.state"
  zonelistfile: "$d/zone.list"
  logfile: "$d/nsd.log"
  zonesdir: "$d"
  database: ""
  username: ""
  chroot: ""
  server-count: 1
  rrl-ratelimit: 0
  verbosity: 1
remote-control:
  control-enable: no
EOF
  } > "$d/nsd.conf"
}

start_nsd() { # name
  local d="$LAB_DIR/$1.nsd"
  rm -f "$d/nsd.pid"
  inns "$1" /usr/sbin/nsd -c "$d/nsd.conf"
  for _ in $(seq 100); do [ -s "$d/nsd.pid" ] && return 0; sleep 0.05; done
  die "NSD in $1 did not start: $(cat "$d/nsd.log" 2>/dev/null)"
}

stop_nsd() { # name
  local pid; pid=$(cat "$LAB_DIR/$1.nsd/nsd.pid" 2>/dev/null || true)
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  rm -f "$LAB_DIR/$1.nsd/nsd.pid"
}

setup_ns() { # name forwarding
  local n; n=$(ns "$1")
  ip netns add "$n"
  ip -n "$n" link set lo up
  ip netns exec "$n" sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
    net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
    net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0 \
    net.ipv4.ip_forward="$2" net.ipv6.conf.all.forwarding="$2"
}

json_str() { printf '"%s"' "$1"; }

write_json() {
  local p; p=$(prefix)
  {
    echo "{"
    echo "  \"prefix\": $(json_str "$p"), \"dir\": $(json_str "$LAB_DIR"),"
    echo "  \"anycast4\": $(json_str $ANYCAST4), \"anycast6\": $(json_str $ANYCAST6),"
    set -- $UNICAST
    echo "  \"unicast\": {\"id\": \"$1\", \"namespace\": \"$p$1\", \"v4\": \"203.0.113.$2\", \"v6\": \"2001:db8:ff::$2\", \"identity\": \"$3\", \"nsid\": \"$4\", \"router\": \"$5\"},"
    echo "  \"sites\": ["
    local first=1
    for s in "${SITES[@]}"; do
      set -- $s
      [ $first = 1 ] || echo ","; first=0
      printf '    {"id": "%s", "asn": %s, "namespace": "%s%s", "v4": "203.0.113.%s", "v6": "2001:db8:ff::%s", "identity": "%s", "nsid": "%s", "transit": "%s", "city": "%s", "country": "%s", "latitude": %s, "longitude": %s}' \
        "$1" "$2" "$p" "$1" "$3" "$3" "$4" "$5" "$6" "$7" "$8" "$9" "${10}"
    done
    echo; echo "  ],"
    echo "  \"vantages\": ["
    first=1
    for v in "${VANTAGES[@]}"; do
      set -- $v
      [ $first = 1 ] || echo ","; first=0
      local l; l=$(links_of "$1" | head -1)
      printf '    {"id": "%s", "namespace": "%s%s", "router": "%s", "city": "%s", "country": "%s", "latitude": %s, "longitude": %s, "v4": "%s", "v6": "%s"}' \
        "$1" "$p" "$1" "$2" "$3" "$4" "$5" "$6" "$(field 3 "$l")" "$(field 5 "$l")"
    done
    echo; echo "  ],"
    echo "  \"routers\": ["
    first=1
    for r in "${ROUTERS[@]}"; do
      set -- $r
      [ $first = 1 ] || echo ","; first=0
      printf '    {"id": "%s", "asn": %s, "namespace": "%s%s", "socket": "%s/%s.ctl"}' "$1" "$2" "$p" "$1" "$LAB_DIR" "$1"
    done
    echo; echo "  ],"
    echo "  \"links\": ["
    first=1
    for l in "${LINKS[@]}"; do
      set -- $l
      [ $first = 1 ] || echo ","; first=0
      printf '    {"id": "%s", "a": "%s", "b": "%s", "delay_ms": %s}' "$1" "$2" "$3" "$4"
    done
    echo; echo "  ]"
    echo "}"
  } > "$LAB_DIR/lab.json.tmp"
  mv "$LAB_DIR/lab.json.tmp" "$LAB_DIR/lab.json"
}

# The site the best route of ROUTER's BGP table for ADDRESS leads to: the origin AS mapped to a site.
route_site() { # router address
  local path
  path=$(birdc_ "$1" show route for "$2" primary all 2>/dev/null | awk '/BGP.as_path:/{print; exit}')
  local origin=${path##* }
  for s in "${SITES[@]}"; do set -- $s; [ "$2" = "$origin" ] && { echo "$1"; return; }; done
  echo "-"
}

converged() {
  local r
  for r in "${ROUTERS[@]}" "${SITES[@]}"; do
    r=$(field 1 "$r")
    birdc_ "$r" show protocols 2>/dev/null | awk '$2 == "BGP" && $6 != "Established" {bad=1} END {exit bad}' || return 1
  done
  for v in "${VANTAGES[@]}"; do
    r=$(field 2 "$v")
    [ "$(route_site "$r" $ANYCAST4)" != "-" ] || return 1
    [ "$(route_site "$r" $ANYCAST6)" != "-" ] || return 1
  done
}

cmd_up() {
  [ "$(id -u)" -eq 0 ] || die "needs root (network namespaces)"
  mkdir -p "$LAB_DIR"
  [ ! -f "$LAB_DIR/prefix" ] || die "a lab is already up in $LAB_DIR (lab.sh down first)"
  # By hand: mlab-<pid>- (never taken for stale: this shell is gone once the lab is up). AnycastLab
  # passes mlab<pid>-<n>- with its own process id, which down --stale removes once that process is gone.
  local p=${LAB_PREFIX:-mlab-$$-}
  case $p in mlab*) ;; *) die "LAB_PREFIX must start with mlab" ;; esac
  echo "$p" > "$LAB_DIR/prefix"
  local started; started=$(date +%s.%N)
  local relay; relay=$(relay_dll)

  setup_ns relay 0
  for r in "${ROUTERS[@]}"; do setup_ns "$(field 1 "$r")" 1; done
  for s in "${SITES[@]}"; do setup_ns "$(field 1 "$s")" 0; done
  for v in "${VANTAGES[@]}"; do setup_ns "$(field 1 "$v")" 0; done
  setup_ns "$(field 1 "$UNICAST")" 0

  # The relay creates every link's two TAP devices in the relay namespace; they move to the nodes.
  mkdir -p "$LAB_DIR/links"; rm -f "$LAB_DIR/links/ready"
  local specs=() i=0
  for l in "${LINKS[@]}"; do
    i=$((i+1)); set -- $l
    echo "$4 0" > "$LAB_DIR/links/$1"
    specs+=("$1:l${i}a:l${i}b")
  done
  ip netns exec "$(ns relay)" setsid dotnet "$relay" "$LAB_DIR/links" "${specs[@]}" > "$LAB_DIR/relay.log" 2>&1 < /dev/null &
  for _ in $(seq 200); do [ -f "$LAB_DIR/links/ready" ] && break; sleep 0.05; done
  [ -f "$LAB_DIR/links/ready" ] || die "the link relay did not start: $(cat "$LAB_DIR/relay.log")"

  i=0
  for l in "${LINKS[@]}"; do
    i=$((i+1)); set -- $l
    local a=$2 b=$3
    ip -n "$(ns relay)" link set "l${i}a" netns "$(ns "$a")"
    ip -n "$(ns relay)" link set "l${i}b" netns "$(ns "$b")"
    ip -n "$(ns "$a")" link set "l${i}a" name "to-$b" up
    ip -n "$(ns "$b")" link set "l${i}b" name "to-$a" up
    ip -n "$(ns "$a")" addr add "$(addr4 $i 1)/30" dev "to-$b"
    ip -n "$(ns "$b")" addr add "$(addr4 $i 2)/30" dev "to-$a"
    ip -n "$(ns "$a")" -6 addr add "$(addr6 $i 1)/64" dev "to-$b" nodad
    ip -n "$(ns "$b")" -6 addr add "$(addr6 $i 2)/64" dev "to-$a" nodad
  done

  # Vantage points and the unicast server: a default route to their router.
  for v in "${VANTAGES[@]}" "$UNICAST"; do
    local name; name=$(field 1 "$v")
    read -r i peer l4 p4 l6 p6 < <(links_of "$name")
    ip -n "$(ns "$name")" route add default via "$p4"
    ip -n "$(ns "$name")" -6 route add default via "$p6"
  done
  set -- $UNICAST
  ip -n "$(ns "$1")" addr add "203.0.113.$2/32" dev lo
  ip -n "$(ns "$1")" -6 addr add "2001:db8:ff::$2/128" dev lo nodad
  nsd_conf "$1" "$3" "$4" "203.0.113.$2" "2001:db8:ff::$2"

  # Sites: the anycast and unicast addresses, a blackhole for the rest of the anycast prefixes.
  for s in "${SITES[@]}"; do
    set -- $s
    ip -n "$(ns "$1")" addr add "$ANYCAST4/32" dev lo
    ip -n "$(ns "$1")" -6 addr add "$ANYCAST6/128" dev lo nodad
    ip -n "$(ns "$1")" addr add "203.0.113.$3/32" dev lo
    ip -n "$(ns "$1")" -6 addr add "2001:db8:ff::$3/128" dev lo nodad
    ip -n "$(ns "$1")" route add blackhole "$ANYCAST4_NET"
    ip -n "$(ns "$1")" -6 route add blackhole "$ANYCAST6_NET"
    write_prepend "$1" 0
    site_conf "$s" > "$LAB_DIR/$1.bird.conf"
    nsd_conf "$1" "$4" "$5" "$ANYCAST4" "$ANYCAST6" "203.0.113.$3" "2001:db8:ff::$3"
  done
  for r in "${ROUTERS[@]}"; do
    set -- $r
    router_conf "$1" "$2" "$3" > "$LAB_DIR/$1.bird.conf"
  done
  for r in "${ROUTERS[@]}" "${SITES[@]}"; do
    local name; name=$(field 1 "$r")
    inns "$name" /usr/sbin/bird -c "$LAB_DIR/$name.bird.conf" -s "$LAB_DIR/$name.ctl" -P "$LAB_DIR/$name.bird.pid"
  done
  for s in "${SITES[@]}" "$UNICAST"; do start_nsd "$(field 1 "$s")"; done
  write_json

  for _ in $(seq 600); do converged && break; sleep 0.1; done
  converged || die "BGP did not converge within 60 s (see $LAB_DIR/*.bird.log)"
  echo "lab $p up in $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $started}") s; state in $LAB_DIR"
}

remove_prefix() { # prefix
  local n
  for n in $(ip netns list | awk '{print $1}' | grep "^$1" || true); do
    local pids; pids=$(ip netns pids "$n" 2>/dev/null || true)
    [ -z "$pids" ] || kill -9 $pids 2>/dev/null || true
  done
  for n in $(ip netns list | awk '{print $1}' | grep "^$1" || true); do
    ip netns del "$n" 2>/dev/null || true
  done
}

cmd_down() {
  case ${1:-} in
    --all) remove_prefix mlab ;;
    --stale)
      for p in $(ip netns list | awk '{print $1}' | sed -n 's/^mlab\([0-9]\+\)-.*/\1/p' | sort -u); do
        kill -0 "$p" 2>/dev/null || remove_prefix "mlab$p-"
      done ;;
  esac
  if [ -f "$LAB_DIR/prefix" ]; then
    remove_prefix "$(prefix)"
    rm -f "$LAB_DIR/prefix" "$LAB_DIR/lab.json"  # configs and logs stay for a look afterwards
  fi
}

cmd_truth() {
  for v in "${VANTAGES[@]}"; do
    set -- $v
    echo "$1 $(route_site "$2" $ANYCAST4) $(route_site "$2" $ANYCAST6)"
  done
}

set_link() { # link delay drop
  local f="$LAB_DIR/links/$1"
  link_index "$1" > /dev/null
  local cur; cur=$(cat "$f")
  local d=${2:-$(field 1 "$cur")} x=${3:-$(field 2 "$cur")}
  echo "$d $x" > "$f.tmp" && mv "$f.tmp" "$f"
}

cmd=${1:-}; shift || true
case $cmd in up|down|"") ;; *) prefix > /dev/null ;; esac
case $cmd in
  up) cmd_up ;;
  down) cmd_down "$@" ;;
  truth) cmd_truth ;;
  status)
    for r in "${ROUTERS[@]}" "${SITES[@]}"; do
      r=$(field 1 "$r"); echo "== $r"; birdc_ "$r" show protocols | awk '$2 == "BGP" {print "  " $1, $6}'
    done
    echo "== vantage anycast4 anycast6"; cmd_truth ;;
  withdraw) site_line "$1" > /dev/null; birdc_ "$1" disable anycast4 > /dev/null; birdc_ "$1" disable anycast6 > /dev/null ;;
  announce) site_line "$1" > /dev/null; birdc_ "$1" enable anycast4 > /dev/null; birdc_ "$1" enable anycast6 > /dev/null ;;
  prepend) write_prepend "$1" "$2"; birdc_ "$1" configure > /dev/null ;;
  dns-stop)
    site_line "$1" > /dev/null
    case ${2:-} in
      drop) inns "$1" nft -f - <<EOF
table inet mlab_dns {
  chain input { type filter hook input priority 0; udp dport 53 drop; tcp dport 53 drop; }
}
EOF
        ;;
      refuse) stop_nsd "$1" ;;
      *) die "dns-stop SITE drop|refuse" ;;
    esac ;;
  dns-start)
    site_line "$1" > /dev/null
    inns "$1" nft delete table inet mlab_dns 2>/dev/null || true
    [ -s "$LAB_DIR/$1.nsd/nsd.pid" ] || start_nsd "$1" ;;
  delay) set_link "$1" "$2" "" ;;
  fail) set_link "$1" "" 1 ;;
  restore) set_link "$1" "" 0 ;;
  exec) n=$1; shift; inns "$n" "$@" ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
