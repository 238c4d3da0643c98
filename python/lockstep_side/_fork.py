"""Forked children of a frame side (docs/protocol.md, "Forked children").

When a frame side declared with ``fork: true`` runs several children, Lockstep starts one process and asks it, through ``LOCKSTEP_FRAME_FORK``,
to fork the children once its imports are done: each pays for the imports of pandas and pyarrow once between them,
not once each. The variable lists one ``data:stderr`` pair of inherited descriptors per child. A forked child serves
frames on its pair (stdin and stdout on ``data``, stderr on ``stderr``); the process that forked them writes only
status lines on its stdout (``fork <index> <pid>`` per child, ``exit <pid> <code>`` as each ends, a negative code for
a signal) and ends when they all have. It declines (``fork declined <why>``) where forking is not safe: a library
that starts threads at import (polars), or a program that has started threads of its own.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import List, Optional, Tuple

ENV = "LOCKSTEP_FRAME_FORK"

# Libraries that start no threads at import: a process holding only the imports is safe to fork. Polars starts a
# thread pool and documents that a forked copy can deadlock.
_FORK_SAFE = ("pandas",)


def _pairs(text: str) -> List[Tuple[int, int]]:
    pairs = []
    for item in text.split(","):
        data, err = item.split(":")
        pairs.append((int(data), int(err)))
    return pairs


def _status(line: str) -> None:
    os.write(1, (line + "\n").encode("ascii"))


def _close_all(pairs: List[Tuple[int, int]]) -> None:
    for fd in {fd for pair in pairs for fd in pair if fd > 2}:
        try:
            os.close(fd)
        except OSError:
            pass


def fork_children(library: str) -> bool:
    """Forks the children Lockstep asked for, if it asked. Returns True where a side must serve frames on stdin and
    stdout (a forked child, or a process that was not asked to fork) and False in the process that forked them, once
    they have all ended (or when it declined to fork): ``serve_arrow`` then returns."""
    spec: Optional[str] = os.environ.pop(ENV, None)
    if spec is None:
        return True
    pairs = _pairs(spec)
    why = None
    if library not in _FORK_SAFE:
        why = f"{library} starts threads at import, and a forked copy of them can deadlock"
    elif not hasattr(os, "fork"):
        why = "this platform has no fork()"
    elif threading.active_count() > 1:
        # A forked copy holds only the forking thread: a lock another thread held at that moment stays locked.
        why = f"the program runs {threading.active_count() - 1} thread(s) besides the main one"
    if why is not None:
        _close_all(pairs)
        _status(f"fork declined {why}")
        return False
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    children = set()
    for index, (data, err) in enumerate(pairs):
        pid = os.fork()
        if pid == 0:
            os.dup2(data, 0)
            os.dup2(data, 1)
            if err != 2:
                os.dup2(err, 2)
            _close_all(pairs)
            return True
        children.add(pid)
        _status(f"fork {index} {pid}")
    _close_all(pairs)
    while children:
        try:
            pid, status = os.waitpid(-1, 0)
        except ChildProcessError:
            break
        if pid in children:
            children.discard(pid)
            _status(f"exit {pid} {os.waitstatus_to_exitcode(status)}")
    return False
