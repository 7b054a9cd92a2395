#!/usr/bin/env bash
# Installs what the tests and the demo need, and nothing that is already there:
#   1. Debian packages: chromium (the test browser), ripgrep (stands in for @vscode/ripgrep's
#      download), git, and the toolchain + krb5 headers code-server's native modules build with.
#   2. code-server (VS Code's own server and web workbench) into .vscode-test/code-server.
#   3. The project's node_modules, when missing.
# Idempotent and offline once everything is installed: each step checks first and prints one line.
# Long install output goes to .vscode-test/logs/*.log; its tail is printed when a step fails.
#
# Env: CODE_SERVER_VERSION (default 4.100.3 = VS Code 1.100.3, the newest that runs on Node 20),
#      SKIP_APT=1 to skip the Debian package step.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CS_VERSION=${CODE_SERVER_VERSION:-4.100.3}
CS_DIR="$ROOT/.vscode-test/code-server"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
LOG_DIR="$ROOT/.vscode-test/logs"

say() { echo "setup: $*"; }
fail_with_log() { # <message> <log file>
  echo "setup: FAILED: $1 (full log: $2)" >&2
  tail -n 40 "$2" >&2 || true
  exit 1
}

# --- 1. Debian packages --------------------------------------------------------------------
step_apt() {
  local need=()
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v rg >/dev/null 2>&1 || need+=(ripgrep)
  command -v git >/dev/null 2>&1 || need+=(git)
  command -v make >/dev/null 2>&1 || need+=(make)
  command -v g++ >/dev/null 2>&1 || need+=(g++)
  command -v python3 >/dev/null 2>&1 || need+=(python3)
  [ -e /usr/include/krb5.h ] || [ -e /usr/include/krb5/krb5.h ] || need+=(libkrb5-dev)
  if [ ${#need[@]} -eq 0 ]; then
    say "system packages present (chromium, ripgrep, git, make, g++, python3, libkrb5-dev)"
    return
  fi
  if [ "${SKIP_APT:-}" = 1 ]; then
    say "SKIP_APT=1: not installing missing packages: ${need[*]}"
    return
  fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: missing system packages: ${need[*]}" >&2
    echo "setup: install them as root, e.g.: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
    exit 1
  fi
  local log="$LOG_DIR/apt.log" t=$SECONDS
  mkdir -p "$LOG_DIR"
  {
    apt-get update &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
  } >"$log" 2>&1 || fail_with_log "apt-get install ${need[*]}" "$log"
  say "installed system packages: ${need[*]} ($((SECONDS - t))s)"
}

# node-gyp must build against local Node headers instead of downloading them.
use_local_node_headers() {
  [ -n "${npm_config_nodedir:-}" ] && return
  grep -qs '^nodedir=' "$HOME/.npmrc" && return
  local prefix
  prefix=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
  if [ -f "$prefix/include/node/node.h" ]; then export npm_config_nodedir="$prefix"; fi
}

code_server_ok() {
  local out probe status=0
  [ -x "$CS_BIN" ] || return 1
  # Its first run writes a default config and logs to $HOME and says so on stdout: keep both out.
  probe=$(mktemp -d)
  out=$(XDG_CONFIG_HOME="$probe" XDG_DATA_HOME="$probe" "$CS_BIN" --config "$probe/config.yaml" --version 2>/dev/null) || status=1
  rm -rf "$probe"
  [ "$status" -eq 0 ] && grep -q "^$CS_VERSION " <<<"$out"
}

# --- 2. code-server ------------------------------------------------------------------------
step_code_server() {
  if code_server_ok; then
    say "code-server $CS_VERSION present (.vscode-test/code-server)"
    return
  fi
  local log="$LOG_DIR/code-server-install.log" t=$SECONDS work
  mkdir -p "$LOG_DIR"
  use_local_node_headers
  rm -rf "$CS_DIR/node_modules" "$CS_DIR/package-lock.json" # a broken or other-version install
  mkdir -p "$CS_DIR"
  echo '{ "name": "code-server-tools", "private": true, "version": "0.0.0" }' >"$CS_DIR/package.json"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  # code-server 4.100.x installs @vscode/ripgrep 1.15.11, whose postinstall downloads rg v13.0.0-10
  # from a code host. It looks in $TMPDIR/vscode-ripgrep-cache-<version>/ first: seed that with
  # Debian's rg, using a private TMPDIR for the install.
  local rg_cache="$work/tmp/vscode-ripgrep-cache-1.15.11" target
  case "$(uname -m)" in
    x86_64) target=x86_64-unknown-linux-musl ;;
    aarch64) target=aarch64-unknown-linux-musl ;;
    *) echo "setup: unsupported architecture $(uname -m)" >&2; exit 1 ;;
  esac
  mkdir -p "$rg_cache" "$work/rgbin"
  cp "$(command -v rg)" "$work/rgbin/rg"
  tar czf "$rg_cache/ripgrep-v13.0.0-10-$target.tar.gz" -C "$work/rgbin" rg
  # As root, code-server's postinstall demands unsafe-perm; node-pty's postinstall runs `npx
  # node-gyp` (needs yes); npm 11 gates install scripts of the nested installs.
  (cd "$CS_DIR" && env TMPDIR="$work/tmp" npm_config_unsafe_perm=true npm_config_yes=true \
    npm_config_dangerously_allow_all_scripts=true npm_config_fund=false npm_config_audit=false \
    npm_config_update_notifier=false JOBS=2 \
    npm install --no-save "code-server@$CS_VERSION" --foreground-scripts) >"$log" 2>&1 ||
    fail_with_log "npm install code-server@$CS_VERSION" "$log"
  code_server_ok || fail_with_log "code-server installed but '$CS_BIN --version' does not report $CS_VERSION" "$log"
  say "installed code-server $CS_VERSION into .vscode-test/code-server ($((SECONDS - t))s)"
}

# --- 3. project dependencies ---------------------------------------------------------------
step_node_modules() {
  if [ -d "$ROOT/node_modules" ]; then
    say "node_modules present"
    return
  fi
  local log="$LOG_DIR/npm-ci.log" t=$SECONDS
  mkdir -p "$LOG_DIR"
  (cd "$ROOT" && npm ci --no-audit --no-fund) >"$log" 2>&1 || fail_with_log "npm ci" "$log"
  say "installed node_modules with npm ci ($((SECONDS - t))s)"
}

step_apt
step_code_server
step_node_modules
