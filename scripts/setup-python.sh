#!/usr/bin/env bash
# Creates the project-local Python environment .venv: requirements.txt plus the lockstep_side helper package
# (python/, installed editable, built with requirements.txt's setuptools). Idempotent: skips the install while
# requirements.txt and python/pyproject.toml are unchanged and the environment still imports. Needs python3 (>= 3.11 for pandas 3), its venv module, and PyPI.
# PYTHON=/path/to/python3 picks the interpreter; LOCKSTEP_VENV=dir puts the environment elsewhere.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"
venv="${LOCKSTEP_VENV:-.venv}"
stamp="$venv/.lockstep-setup"

want="$("$python" -c 'import hashlib, sys
h = hashlib.sha256()
for path in ("requirements.txt", "python/pyproject.toml"):
    h.update(open(path, "rb").read())
h.update(sys.version.encode())
print(h.hexdigest())')"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]] && "$venv/bin/python" -c 'import lockstep_side, pandas, pytest' 2>/dev/null; then
  exit 0
fi

if ! "$venv/bin/python" -c 'import sys' 2>/dev/null; then
  echo "setup-python: creating $venv" >&2
  "$python" -m venv --clear "$venv"
fi
rm -f "$stamp"
echo "setup-python: installing requirements.txt and python/ into $venv" >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e python/
"$venv/bin/python" -c 'import lockstep_side, pandas, pytest'
echo "$want" > "$stamp"
echo "setup-python: ready ($("$venv/bin/python" --version), pandas $("$venv/bin/python" -c 'import pandas; print(pandas.__version__)'))" >&2
