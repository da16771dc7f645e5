#!/usr/bin/env bash
# The self-contained linux-x64 build (no .NET needed where it runs) in a tarball:
# packaging/build-tarball.sh [OUT] writes OUT/monitor-VERSION-linux-x64.tar.gz with one folder
# monitor-VERSION-linux-x64/ whose `monitor` is the command (default OUT: .artifacts/packages).
set -euo pipefail
. "$(dirname "$0")/common.sh"
out=$(realpath -m "${1:-$root/.artifacts/packages}")
name=monitor-$version-linux-x64
stage=$(mktemp -d -t monitor-tarball-XXXXXX)
trap 'rm -rf "$stage"' EXIT
publish_self_contained "$stage/$name"
cp "$root/README.md" "$stage/$name/"
mkdir -p "$out"
tar -C "$stage" --owner=0 --group=0 --numeric-owner -czf "$out/$name.tar.gz" "$name"
ls -l "$out/$name.tar.gz"
