#!/usr/bin/env bash
# Runs the Python tests (the lockstep_side helper package) in .venv, setting it up first if needed.
# Extra arguments go to pytest. Exits with pytest's exit code.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup-python.sh
venv="${LOCKSTEP_VENV:-.venv}"
exec "$venv/bin/python" -m pytest -q python/tests "$@"
