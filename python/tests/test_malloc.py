"""keep_freed_memory: glibc's thresholds set for a frame side, unless the user tuned malloc."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import child_env

GLIBC = hasattr(os, "confstr") and "CS_GNU_LIBC_VERSION" in os.confstr_names and bool(os.confstr("CS_GNU_LIBC_VERSION"))
PROBE = "from lockstep_side._malloc import keep_freed_memory; print(keep_freed_memory())"


def probe(**extra: str) -> str:
    env = {**child_env(), **extra}
    for name in ("GLIBC_TUNABLES", "MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_"):
        if name not in extra:
            env.pop(name, None)
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.skipif(not GLIBC, reason="glibc only")
def test_the_thresholds_are_set_on_glibc() -> None:
    assert probe() == "True"


def test_a_users_own_malloc_tuning_is_left_alone() -> None:
    assert probe(MALLOC_TRIM_THRESHOLD_="1048576") == "False"
    assert probe(GLIBC_TUNABLES="glibc.malloc.trim_threshold=1048576") == "False"
