"""fork_children: what a frame side does with LOCKSTEP_FRAME_FORK (the forking itself is tested end to end from
Node, in test/unit/implementations/frame-side-fork.test.ts, with real children)."""

import os
import threading

import pytest

from lockstep_side._fork import ENV, fork_children


def test_serves_as_itself_when_not_asked(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)

    assert fork_children("pandas") is True


def _with_status(library):
    """fork_children(library) with fd 1 captured: what it returns, and the status it wrote."""
    status_read, status = os.pipe()
    saved = os.dup(1)
    os.dup2(status, 1)
    try:
        serve = fork_children(library)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(status)
    try:
        return serve, os.read(status_read, 1000)
    finally:
        os.close(status_read)


def test_declines_for_polars_says_why_and_closes_the_descriptors(monkeypatch):
    data_read, data = os.pipe()
    err_read, err = os.pipe()
    monkeypatch.setenv(ENV, f"{data}:{err}")

    serve, said = _with_status("polars")

    assert serve is False
    assert said.startswith(b"fork declined polars starts threads at import")
    for fd in (data, err):
        with pytest.raises(OSError):
            os.fstat(fd)
    assert ENV not in os.environ
    for fd in (data_read, err_read):
        os.close(fd)


def test_declines_when_the_program_runs_threads_of_its_own(monkeypatch):
    data_read, data = os.pipe()
    monkeypatch.setenv(ENV, f"{data}:2")
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        serve, said = _with_status("pandas")
    finally:
        stop.set()
        worker.join()

    assert serve is False
    assert said == b"fork declined the program runs 1 thread(s) besides the main one\n"
    os.close(data_read)
