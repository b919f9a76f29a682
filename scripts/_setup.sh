# shellcheck shell=bash
# Sourced by the scripts in this folder: finds the project root and sets up what is missing,
# using only what the project pins (never anything installed by hand).
set -euo pipefail

AUTHKIT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$AUTHKIT_ROOT"

# uv may not download Python builds here: use the system Python (>= 3.11).
export UV_PYTHON_DOWNLOADS=never
UV_VERSION="0.13.8"

say() { printf '%s\n' "$*" >&2; }

# A uv on PATH is used as it is; otherwise a project-local one is installed into .tools/uv. uv is a single binary:
# pip puts it in .tools/uv/bin without a virtual environment around it (creating one costs seconds), unless this
# Python has no pip, where a virtual environment brings its own.
ensure_uv() {
  if [ -x .tools/uv/bin/uv ]; then
    UV="$AUTHKIT_ROOT/.tools/uv/bin/uv"
  elif command -v uv >/dev/null 2>&1; then
    UV="$(command -v uv)"
  else
    say "authkit: installing a project-local uv $UV_VERSION into .tools/uv"
    if python3 -m pip --version >/dev/null 2>&1; then
      python3 -m pip install -qq --disable-pip-version-check --no-warn-script-location --target .tools/uv "uv==$UV_VERSION"
    else
      python3 -m venv .tools/uv
      .tools/uv/bin/python -m pip install -qq "uv==$UV_VERSION"
    fi
    UV="$AUTHKIT_ROOT/.tools/uv/bin/uv"
  fi
  export UV
}

# The locked environment (.venv): uv sync is a no-op when it is current.
ensure_env() {
  ensure_uv
  "$UV" sync --locked --all-packages --all-extras --quiet
}

# The server alone (scripts/serve): authkit-mockserver and its dependencies from the lock, without the dev tools,
# in .venv-serve so that it never fights the full environment of the tests over which packages belong.
SERVE_ENV="$AUTHKIT_ROOT/.venv-serve"
ensure_serve_env() {
  ensure_uv
  # With the redis extra (redis-py, about 1.5 MB): `scripts/serve --workers N --store redis://...` works as it is.
  UV_PROJECT_ENVIRONMENT="$SERVE_ENV" "$UV" sync --locked --package authkit-mockserver --extra redis --no-default-groups --quiet
}

# npm dev tools (Prism, Spectral), reinstalled when package-lock.json changed since the last npm ci.
ensure_npm() {
  if ! command -v npm >/dev/null 2>&1; then
    say "authkit: npm is required (Node 18+) for Prism and Spectral"; return 1
  fi
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "authkit: npm ci (Prism, Spectral)"
    npm ci --no-audit --no-fund --loglevel=error >&2
  fi
}

# Debian's redis-server, which the tests of the shared store start on a free port of their own
# (tests/support/redis.py). Installed when missing, as root (as .ci/run installs chromium); nothing else may.
ensure_redis() {
  command -v redis-server >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "authkit: installing redis-server (Debian package) for the shared-store tests"
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2
  else
    say "authkit: redis-server is missing (apt-get install redis-server, as root): the shared-store tests need it"
    return 1
  fi
}

run() { "$UV" run --locked --all-packages --all-extras --quiet "$@"; }
