#!/usr/bin/env bash
# Installs what building, serving and testing Impact Atlas needs, and nothing
# that is already there. Every step checks the version present first, so a
# second run installs nothing.
#
#   tools/install.sh serve   # Rust wasm target, Trunk, wasm-bindgen-cli, npm tools (wasm-opt)
#   tools/install.sh test    # all of the above + Chromium, ChromeDriver, Arabic fonts,
#                            # brotli and the npm packages of the end-to-end suite
#   INSTALL_DRY_RUN=1 tools/install.sh test   # only say what would be installed
#   INSTALL_AS_USER=1 tools/install.sh test   # behave as a non-root user would
#
# As root it installs what is missing (apt-get, rustup, cargo install, npm ci).
# As another user it prints exactly what to install and exits non-zero.
set -euo pipefail

cd "$(dirname "$0")/.."
PROFILE="${1:-test}"
case "$PROFILE" in serve | build | test) ;; *)
  echo "usage: $0 [serve|build|test]" >&2
  exit 2
  ;;
esac

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

TRUNK_VERSION="0.21.14"
WASM_TARGET="wasm32-unknown-unknown"
APT_PACKAGES=(chromium chromium-driver fonts-noto-core brotli)
NODE_MAJOR_MIN=20

IS_ROOT=0
[ "$(id -u)" = 0 ] && [ "${INSTALL_AS_USER:-0}" != 1 ] && IS_ROOT=1
MISSING=() # commands a non-root user must run (as root)
WOULD=0    # dry run: how many steps would install something

say() { printf 'install: %s\n' "$*"; }
need() { # need "<what>" "<command that installs it>"
  if [ "${INSTALL_DRY_RUN:-0}" = 1 ]; then
    say "would install $1: $2"
    WOULD=$((WOULD + 1))
  elif [ "$IS_ROOT" = 1 ]; then
    say "installing $1: $2"
    bash -c "$2"
  else
    MISSING+=("$2    # $1")
  fi
}

# --- Rust ---------------------------------------------------------------
if ! command -v cargo >/dev/null 2>&1 || ! command -v rustup >/dev/null 2>&1; then
  echo "install: cargo/rustup not found. Install the Rust toolchain with rustup (rustc >= 1.95), then rerun." >&2
  exit 1
fi
if rustup target list --installed | grep -qx "$WASM_TARGET"; then
  say "ok: rust target $WASM_TARGET"
else
  need "rust target $WASM_TARGET" "rustup target add $WASM_TARGET"
fi
if [ "$PROFILE" = test ]; then
  for comp in rustfmt clippy; do
    if rustup component list --installed 2>/dev/null | grep -q "^$comp"; then
      say "ok: rust component $comp"
    else
      need "rust component $comp" "rustup component add $comp"
    fi
  done
fi

# Trunk, pinned.
have_trunk="$(trunk --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_trunk" = "$TRUNK_VERSION" ]; then
  say "ok: trunk $have_trunk"
else
  need "trunk $TRUNK_VERSION (found: ${have_trunk:-none})" \
    "cargo install trunk --version $TRUNK_VERSION --locked"
fi

# wasm-bindgen-cli: exactly the version of the wasm-bindgen crate in Cargo.lock
# (the CLI refuses a wasm file built by another version).
WBG_VERSION="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)"
if [ -z "$WBG_VERSION" ]; then
  echo "install: could not read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if ! grep -q "wasm_bindgen = \"$WBG_VERSION\"" Trunk.toml; then
  echo "install: WARNING: Trunk.toml [tools] wasm_bindgen does not match Cargo.lock's wasm-bindgen $WBG_VERSION" >&2
fi
have_wbg="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
have_wbgtr="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_wbg" = "$WBG_VERSION" ] && [ "$have_wbgtr" = "$WBG_VERSION" ]; then
  say "ok: wasm-bindgen-cli $have_wbg"
else
  need "wasm-bindgen-cli $WBG_VERSION (found: ${have_wbg:-none})" \
    "cargo install wasm-bindgen-cli --version $WBG_VERSION --force"
fi

# --- Debian packages (browser tests, fonts, size measurements) -----------
if [ "$PROFILE" = test ]; then
  apt_missing=()
  for p in "${APT_PACKAGES[@]}"; do
    if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      say "ok: apt $p $(dpkg-query -W -f='${Version}' "$p")"
    else
      apt_missing+=("$p")
    fi
  done
  if [ "${#apt_missing[@]}" -gt 0 ]; then
    need "apt ${apt_missing[*]}" \
      "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${apt_missing[*]}"
  fi
fi

# --- Python: the JSON Schema check of tests/data.rs (tools/check-schema.py) ---
if [ "$PROFILE" = test ]; then
  if python3 -c 'import jsonschema' >/dev/null 2>&1; then
    say "ok: python3 jsonschema $(python3 -c 'import jsonschema, importlib.metadata as m; print(m.version("jsonschema"))' 2>/dev/null)"
  else
    need "python3 jsonschema (tools/check-schema.py)" "python3 -m pip install --quiet 'jsonschema>=4,<5'"
  fi
fi

# --- Node.js and npm packages (wasm-opt from binaryen; Playwright) -------
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "install: node and npm not found: install Node.js >= $NODE_MAJOR_MIN with npm, then rerun." >&2
  exit 1
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt "$NODE_MAJOR_MIN" ]; then
  echo "install: Node.js $(node --version) is too old; need >= $NODE_MAJOR_MIN." >&2
  exit 1
fi
# node_modules is current when it was installed from this very package-lock.json.
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp="node_modules/.impact-atlas-lock.sha256"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ]; then
  say "ok: node_modules matches package-lock.json (wasm-opt $(wasm-opt --version | awk '{print $3}'), playwright $(node -p 'require("@playwright/test/package.json").version'))"
else
  # npm writes only inside the work tree, so no root is needed here.
  say "npm ci (node_modules missing or older than package-lock.json)"
  npm ci --no-audit --no-fund
  echo "$lock_sum" >"$stamp"
fi

# --- Done, or tell what to do ----------------------------------------------
if [ "${#MISSING[@]}" -gt 0 ]; then
  {
    echo
    echo "install: missing tools, and not root so nothing was installed. Run as root:"
    for m in "${MISSING[@]}"; do echo "    $m"; done
    echo "then run this again."
  } >&2
  exit 1
fi
if [ "$WOULD" -gt 0 ]; then
  say "dry run: $WOULD step(s) would install something"
else
  say "all tools present ($PROFILE)"
fi
