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
# The tests start their own servers on loopback. Installing a server package must not start its
# system service: unbound's would fetch the root trust anchor from outside (unbound-anchor).
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\n# monitor tests: no service starts during the install\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
  $sudo chmod 755 /usr/sbin/policy-rc.d
  trap '$sudo rm -f /usr/sbin/policy-rc.d' EXIT
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
