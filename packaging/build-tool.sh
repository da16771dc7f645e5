#!/usr/bin/env bash
# The .NET tool package: packaging/build-tool.sh [OUT] writes OUT/Monitor.Cli.VERSION.nupkg
# (default OUT: .artifacts/packages). Install it with
#   dotnet tool install --global Monitor.Cli --add-source OUT
set -euo pipefail
. "$(dirname "$0")/common.sh"
out=$(realpath -m "${1:-$root/.artifacts/packages}")
mkdir -p "$out"
rm -f "$out/Monitor.Cli.$version.nupkg"
dotnet pack "$root/src/Monitor.Cli" -c Release --nologo -v quiet -o "$out"
ls -l "$out/Monitor.Cli.$version.nupkg"
