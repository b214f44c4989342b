#!/usr/bin/env bash
# Install the spelling checkers benches/precision.py compares guidepress with, from the package
# registries: Hunspell with its en_US and en_GB dictionaries and codespell (Debian packages), typos
# (PyPI, in a virtualenv), cspell with @cspell/dict-medicalterms and @cspell/dict-en-gb (npm).
# Usage: benches/install-peers.sh DIR   (then: python3 benches/precision.py --peers DIR)
# The peers are GPL/MIT tools run as separate programs; nothing of theirs is built into guidepress.
set -euo pipefail
dir="${1:?usage: benches/install-peers.sh DIR}"
mkdir -p "$dir"
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-cache show hunspell-en-gb >/dev/null 2>&1 || $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq hunspell hunspell-en-us hunspell-en-gb codespell python3-venv >/dev/null
  # Node and npm only when missing (a Node from another source already brings its npm).
  command -v npm >/dev/null 2>&1 || $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -x "$dir/venv/bin/typos" ]; then
  python3 -m venv "$dir/venv"
  "$dir/venv/bin/pip" install --quiet typos
fi
if [ ! -x "$dir/node_modules/.bin/cspell" ]; then
  (cd "$dir" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --silent --no-audit --no-fund cspell @cspell/dict-medicalterms @cspell/dict-en-gb >/dev/null)
fi
for tool in hunspell codespell "$dir/venv/bin/typos" "$dir/node_modules/.bin/cspell"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install-peers: $tool missing" >&2; exit 1; }
done
dicts="$(hunspell -D </dev/null 2>&1 || true)"
case "$dicts" in *en_GB*) ;; *) echo "install-peers: no en_GB Hunspell dictionary" >&2; exit 1;; esac
echo "peers installed in $dir: $(hunspell -v | head -1); codespell $(codespell --version); $("$dir/venv/bin/typos" --version); cspell $("$dir/node_modules/.bin/cspell" --version)"
