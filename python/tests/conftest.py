"""Helpers: run a side script as a real child process, the way Lockstep does."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

PYTHON_DIR = Path(__file__).resolve().parents[1]
REPO = PYTHON_DIR.parent


def child_env() -> Dict[str, str]:
    """The environment for a side: lockstep_side importable even where python/ is not pip-installed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PYTHON_DIR), env.get("PYTHONPATH", "")) if p)
    env.pop("PYTHONUNBUFFERED", None)
    return env


class Run:
    def __init__(self, completed: subprocess.CompletedProcess) -> None:
        self.returncode = completed.returncode
        self.raw = completed.stdout
        self.stderr = completed.stderr.decode("utf-8", "replace")
        self.lines = completed.stdout.decode("ascii").splitlines()
        self.responses = [json.loads(line) for line in self.lines]
        self.by_id = {response["id"]: response for response in self.responses if "id" in response}


@pytest.fixture
def side(tmp_path: Path):
    """side(source) writes a script; side.run(script, lines) pipes lines into it and parses what it answers."""

    class Side:
        def script(self, source: str, name: str = "side.py") -> Path:
            path = tmp_path / name
            path.write_text(textwrap.dedent(source))
            return path

        def run(self, script: Path, lines: List[Any], timeout: float = 300) -> Run:
            data = b"".join((line if isinstance(line, bytes) else json.dumps(line).encode()) + b"\n" for line in lines)
            return self.run_bytes(script, data, timeout)

        def run_bytes(self, script: Path, data: bytes, timeout: float = 300) -> Run:
            completed = subprocess.run(
                [sys.executable, str(script)], input=data, capture_output=True, timeout=timeout, env=child_env()
            )
            return Run(completed)

        def popen(self, script: Path) -> subprocess.Popen:
            return subprocess.Popen(
                [sys.executable, str(script)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=child_env(),
            )

    return Side()


def request(request_id: str, input: Dict[str, Any], entity: Optional[str] = None, timestamp: Optional[int] = None) -> Dict[str, Any]:
    line: Dict[str, Any] = {"id": request_id, "input": input}
    if entity is not None:
        line["entity"] = entity
    if timestamp is not None:
        line["timestamp"] = timestamp
    return line


def read_line(proc, timeout: float = 60.0) -> bytes:
    """One line from the child's stdout, or AssertionError if none comes in time (no deadlock in the test)."""
    fd = proc.stdout.fileno()
    data = b""
    deadline = time.monotonic() + timeout
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(remaining, 0))
        assert ready, f"no response within {timeout}s (got {data!r})"
        chunk = os.read(fd, 1)
        assert chunk, "stdout closed"
        data += chunk
    return data
