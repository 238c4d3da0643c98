"""fork_children: what a frame side does with LOCKSTEP_FRAME_FORK (the forking itself is tested end to end from
Node, in test/unit/implementations/frame-side-fork.test.ts, with real children)."""

import os
import threading

import pytest

from lockstep_side._fork import ENV, fork_children


def test_serves_as_itself_when_not_asked(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)

    assert fork_children("pandas") is True


def test_declines_for_polars_says_why_and_closes_the_descriptors(monkeypatch):
    data_read, data = os.pipe()
    err_read, err = os.pipe()
    status_read, status = os.pipe()
    monkeypatch.setenv(ENV, f"{data}:{err}")
    saved = os.dup(1)
    os.dup2(status, 1)
    try:
        serve = fork_children("polars")
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(status)

    assert serve is False
    assert os.read(status_read, 1000).startswith(b"fork declined polars starts threads at import")
    for fd in (data, err):
        with pytest.raises(OSError):
            os.fstat(fd)
    assert ENV not in os.environ
    for fd in (data_read, err_read, status_read):
        os.close(fd)


def test_declines_when_the_program_runs_threads_of_its_own(monkeypatch):
    data_read, data = os.pipe()
    status_read, status = os.pipe()
    monkeypatch.setenv(ENV, f"{data}:2")
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    saved = os.dup(1)
    os.dup2(status, 1)
    try:
        serve = fork_children("pandas")
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(status)
        stop.set()
        worker.join()

    assert serve is False
    assert os.read(status_read, 1000) == b"fork declined the program runs 1 thread(s) besides the main one\n"
    os.close(data_read)
    os.close(status_read)
