#!/usr/bin/env bash
# The Debian package: packaging/build-deb.sh [OUT] writes OUT/monitor_VERSION_amd64.deb
# (default OUT: .artifacts/packages) with dpkg-deb alone (no debhelper):
#   /usr/lib/monitor/          the self-contained linux-x64 build
#   /usr/bin/monitor           a symlink to it
#   /lib/systemd/system/       monitor-server.service, monitor-worker@.service (probes/deploy/)
#   /etc/monitor/              db (0600, the connection string), server.env, targets.yaml,
#                              worker.env.example: conffiles
#   /usr/share/monitor/probes/ the repository's target sets and site rules
#   /usr/share/doc/monitor/    README.md, copyright
# postinst creates the `monitor` system user and /var/lib/monitor; postrm purge removes them.
# Install: apt-get install ./monitor_VERSION_amd64.deb
set -euo pipefail
. "$(dirname "$0")/common.sh"
out=$(realpath -m "${1:-$root/.artifacts/packages}")
stage=$(mktemp -d -t monitor-deb-XXXXXX)
trap 'rm -rf "$stage"' EXIT
pkg=$stage/monitor_${version}_amd64
deploy=$root/probes/deploy

publish_self_contained "$pkg/usr/lib/monitor"
install -d "$pkg/usr/bin" "$pkg/lib/systemd/system" "$pkg/etc/monitor" \
  "$pkg/usr/share/monitor/probes" "$pkg/usr/share/doc/monitor" "$pkg/DEBIAN"
ln -s ../lib/monitor/monitor "$pkg/usr/bin/monitor"
install -m 0644 "$deploy/monitor-server.service" "$deploy/monitor-worker@.service" "$pkg/lib/systemd/system/"
install -m 0600 "$deploy/db.example" "$pkg/etc/monitor/db"
install -m 0644 "$deploy/server.env.example" "$pkg/etc/monitor/server.env"
install -m 0644 "$deploy/worker.env.example" "$pkg/etc/monitor/worker.env.example"
install -m 0644 "$root/probes/public-resolvers.yaml" "$pkg/etc/monitor/targets.yaml"
install -m 0644 "$root"/probes/*.yaml "$pkg/usr/share/monitor/probes/"
install -m 0644 "$root/README.md" "$pkg/usr/share/doc/monitor/README.md"
cat > "$pkg/usr/share/doc/monitor/copyright" <<COPYRIGHT
Monitor $version: a global DNS latency monitor.
The self-contained build includes the .NET runtime (MIT) and NuGet packages under their own
licences (DnsClient, Dapper, Npgsql, Hangfire, SkiaSharp, ScottPlot, YamlDotNet, SQLite:
Apache-2.0, MIT, LGPL-3.0 for Hangfire, public domain for SQLite).
COPYRIGHT

# Files 0644 and folders 0755 whatever the umask; executables (ELF or a #!) 0755.
find "$pkg" -type d -exec chmod 0755 {} +
find "$pkg/usr/lib/monitor" -type f -exec chmod 0644 {} +
chmod 0755 "$pkg/usr/lib/monitor/monitor" "$pkg/usr/lib/monitor/createdump"
install -m 0644 "$root/packaging/debian/conffiles" "$pkg/DEBIAN/conffiles"
install -m 0755 "$root/packaging/debian/postinst" "$root/packaging/debian/prerm" \
  "$root/packaging/debian/postrm" "$pkg/DEBIAN/"
size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" "$root/packaging/debian/control.in" > "$pkg/DEBIAN/control"

mkdir -p "$out"
dpkg-deb --root-owner-group -Zxz -z1 --build "$pkg" "$out/monitor_${version}_amd64.deb" >/dev/null
ls -l "$out/monitor_${version}_amd64.deb"
