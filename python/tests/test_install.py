"""python/ installs like any Python package, at the npm package's version."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import lockstep_side
from conftest import PYTHON_DIR, REPO

TIMEOUT = 600  # creating a venv and building a wheel on a loaded machine


def npm_version() -> str:
    return json.loads((REPO / "package.json").read_text())["version"]


def run(args, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, **kwargs)
    assert done.returncode == 0, f"{args} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def test_the_version_is_the_npm_packages():
    assert lockstep_side.__version__ == npm_version()


def test_a_non_editable_pip_install_into_a_fresh_venv_serves_records(tmp_path: Path):
    # The folder as shipped, without its tests: nothing outside it is needed to install it.
    source = tmp_path / "python"
    shutil.copytree(PYTHON_DIR, source, ignore=shutil.ignore_patterns("tests", "*.egg-info", "build", "__pycache__"))
    # What `pip install python/` does, in two steps so that neither needs the network: build the wheel with this
    # environment's setuptools (no build isolation), then install that wheel into a fresh venv with the venv's own pip.
    wheels = tmp_path / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "--no-index", "-w", str(wheels), str(source)], tmp_path)
    [wheel] = wheels.glob("lockstep_side-*.whl")
    assert wheel.name == f"lockstep_side-{npm_version()}-py3-none-any.whl"
    top = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert top == {"lockstep_side", f"lockstep_side-{npm_version()}.dist-info"}

    fresh = tmp_path / "venv"
    venv.create(fresh, with_pip=True, clear=True)
    python = str(fresh / "bin" / "python")
    run([python, "-m", "pip", "install", "--no-index", "--no-deps", str(wheel)], tmp_path)

    # Imported from the venv (not from python/ or the project's editable install), at the npm package's version.
    probe = "import importlib.metadata as m, json, lockstep_side as l; print(json.dumps([m.version('lockstep-side'), l.__version__, l.__file__]))"
    installed, dunder, location = json.loads(run([python, "-c", probe], tmp_path).stdout)
    assert installed == dunder == npm_version()
    assert Path(location).is_relative_to(fresh)

    side = tmp_path / "side.py"
    side.write_text("from lockstep_side import serve_records\nserve_records(lambda input: {'double': input['x'] * 2})\n")
    requests = '{"id":"a","input":{"x":21}}\n{"id":"b","input":{"x":9007199254740993}}\n'
    answers = run([python, str(side)], tmp_path, input=requests).stdout.splitlines()
    assert answers == ['{"id":"a","features":{"double":42}}', '{"id":"b","features":{"double":18014398509481986}}']
