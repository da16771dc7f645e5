#!/usr/bin/env bash
# Usage: tests/need-packages.sh PACKAGE:PATH ...
# Installs each Debian PACKAGE whose PATH is missing (as root, or through sudo).
set -euo pipefail
need=()
for spec in "$@"; do
  pkg=${spec%%:*}; path=${spec#*:}
  [ -e "$path" ] || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "missing Debian packages: ${need[*]} (run as root, or install them)" >&2
  exit 2
fi
echo "installing Debian packages: ${need[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
