"""Frame sides: Arrow record batches over stdin and stdout (docs/protocol.md, "Frame sides (Arrow)").

Each message is one kind byte, a 4-byte little-endian length and the payload. Lockstep sends ``B`` (a batch as an
Arrow IPC stream) and ``R`` (a reset token); the side answers ``A`` (an Arrow IPC stream: ``_id`` plus one column per
feature, optionally ``_error``), ``E`` (the whole batch failed: a UTF-8 message) or ``R`` (the same token).
"""

from __future__ import annotations

import io
import struct
import sys
from typing import Any, Callable, Optional

from ._fork import fork_children
from ._malloc import keep_freed_memory
from ._serve import _Channel, run_reset_hook

_HEADER = struct.Struct("<cI")


def _read_exact(stream: Any, size: int) -> Optional[bytearray]:
    """``size`` bytes from the stream, read in place (a batch is not copied again), or None at end of input before
    the first byte."""
    data = bytearray(size)
    view = memoryview(data)
    done = 0
    while done < size:
        got = stream.readinto(view[done:])
        if not got:
            if done == 0:
                return None
            raise EOFError(f"stdin closed {done} bytes into a {size}-byte message")
        done += got
    return data


def _send(channel: _Channel, kind: bytes, payload: Any) -> None:
    """Writes one message; ``payload`` is anything with the buffer protocol (bytes, an Arrow buffer)."""
    with memoryview(payload) as view:
        channel.out.write(_HEADER.pack(kind, view.nbytes))
        channel.out.write(view)
    channel.out.flush()


def _answer(pa: Any, channel: _Channel, compute: Callable[[Any], Any], library: str, payload: bytearray) -> None:
    from ._arrow_frames import to_frame, to_table

    try:
        frame = to_frame(pa, pa.ipc.open_stream(payload).read_all(), library)
        table = to_table(pa, frame, compute(frame))
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        answer = sink.getvalue()  # written as is, without a copy into Python bytes
    except Exception as error:
        message = channel.crashed(error, getattr(compute, "__name__", "compute"))
        channel.errors += 1
        _send(channel, b"E", message.encode("utf-8"))
        return
    _send(channel, b"A", answer)


def _reset(channel: _Channel, hook: Optional[Callable[[], Any]], token: bytes) -> None:
    run_reset_hook(channel, hook)
    _send(channel, b"R", token)


def serve_arrow(compute: Callable[[Any], Any], library: str = "pandas", reset: Optional[Callable[[], Any]] = None) -> None:
    """Serves a frame side: ``compute(frame)`` gets each batch as a pandas (or polars) DataFrame, whole entities only.

    The frame has ``_id``, ``_entity`` and ``_timestamp`` (UTC) columns, then one column per input field typed from
    the contract: int64 (pandas ``Int64`` when the field may be null), float64 (NaN kept), string, bool, and UTC
    timestamps for date-time fields. ``compute`` returns a DataFrame of the same library with one column per feature,
    matched to the input rows by its ``_id`` column if it has one, else by index label (pandas) or row order (polars).
    A string in an ``_error`` column fails that row with that message; an exception fails the whole batch.
    Float NaN stays NaN and nulls stay null; integers travel as int64 exactly.

    When a side declared with ``fork: true`` runs several children, Lockstep starts one process and asks it to fork
    them here, after the imports (pandas only: polars starts threads at import and is not forked); each child then
    serves its own batches.

    ``library`` is ``"pandas"`` or ``"polars"``. ``reset`` clears the state ``compute`` keeps across batches, as for
    :func:`serve_records`. pyarrow (and the library) are imported here; the rest of the package stays standard-library
    only. Blocks until stdin closes, then returns.

    On glibc, memory freed after a batch is kept for the next one rather than handed back to the system (mallopt
    thresholds; fewer page faults). Setting ``MALLOC_TRIM_THRESHOLD_``, ``MALLOC_MMAP_THRESHOLD_``,
    ``MALLOC_TOP_PAD_`` or ``GLIBC_TUNABLES`` keeps your own tuning instead.
    """
    if library not in ("pandas", "polars"):
        raise ValueError(f'serve_arrow: library must be "pandas" or "polars", got {library!r}')
    try:
        import pyarrow as pa
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("lockstep_side.serve_arrow needs pyarrow (pip install pyarrow)") from error
    __import__(library)  # fail at start, not on the first batch, when the library is missing
    keep_freed_memory()
    if not fork_children(library):
        return
    channel = _Channel()
    stdin = io.FileIO(channel.in_fd, "rb", closefd=False)
    try:
        while True:
            header = _read_exact(stdin, _HEADER.size)
            if header is None:
                break
            kind, length = _HEADER.unpack(header)
            if kind not in (b"B", b"R"):
                channel.log(f"lockstep_side: unknown frame message kind {kind!r}; stopping (is this a line-protocol side?)")
                channel.close()
                sys.exit(2)
            payload = _read_exact(stdin, length) if length else bytearray()
            if payload is None:
                raise EOFError("stdin closed inside a message")
            if kind == b"B":
                _answer(pa, channel, compute, library, payload)
            else:
                _reset(channel, reset, payload)
    except BrokenPipeError:
        channel.log("lockstep_side: stdout closed by the reader; stopping")
        return
    channel.close()


__all__ = ["serve_arrow"]
