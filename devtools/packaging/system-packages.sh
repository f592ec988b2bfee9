#!/usr/bin/env bash
# What `make test` needs beyond Python packages: Chromium (the browser tests), Java 17+ and npm (DynamoDB
# Local, AWS's engine, for the second run of the suite). Installs what is missing with apt-get when it
# can (root, or sudo without a password); otherwise stops with the one command to run.
set -euo pipefail

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium fonts-dejavu-core)
command -v java >/dev/null 2>&1 || packages+=(openjdk-17-jre-headless)
command -v npm >/dev/null 2>&1 || packages+=(npm)
[ ${#packages[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo)
else
  echo "make test needs: ${packages[*]}. Install them with:" >&2
  echo "  sudo apt-get install -y --no-install-recommends ${packages[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "make test needs ${packages[*]} (Chromium, Java 17+, npm); install them with your package manager." >&2
  exit 1
fi
echo "Installing ${packages[*]} (one time, a minute or two)..." >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
