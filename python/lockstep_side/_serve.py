"""The Lockstep side protocol: one JSON object per line on stdin, one per line on stdout.

Request lines are ``{"id": ..., "input": {...}}``; entity-wise requests also carry ``"entity"`` and ``"timestamp"``
(epoch milliseconds) and a batch is closed by an ``{"end": "<batch id>"}`` line. Every request gets exactly one
response line, ``{"id": ..., "features": {...}}`` or ``{"id": ..., "error": "<Type: message>"}``. A
``{"reset": "<token>"}`` line (sides declared with ``reset: true``) is answered with the same line once the user's
reset hook has cleared the side's state.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import os
import sys
import traceback
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence

_CHUNK = 1 << 16
_SHOWN_TRACEBACKS = 3
_GARBAGE_PREVIEW = 200


class RowError(Exception):
    """Put one in a result list (or a string in a frame's ``_error`` column) to fail just that record.

    The response's error is the message as given, without an exception type in front.
    """


def _describe(error: BaseException) -> str:
    if isinstance(error, RowError):
        return str(error)
    message = str(error)
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _iso_utc(value: _dt.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def _default(value: Any) -> Any:
    """JSON fallback for the values feature code tends to return: numpy scalars and arrays, pandas NA/NaT, datetimes."""
    kind = type(value)
    if kind.__name__ in ("NAType", "NaTType"):
        return None
    if kind.__module__ == "numpy":
        if hasattr(value, "tolist"):
            return value.tolist()  # numpy scalar -> Python scalar, array -> list
    if isinstance(value, _dt.datetime):
        return _iso_utc(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return list(value)
    raise TypeError(f"Object of type {kind.__name__} is not JSON serializable")


# allow_nan=True writes NaN / Infinity / -Infinity exactly as json.dumps does; ensure_ascii keeps lone surrogates safe.
_encoder = json.JSONEncoder(default=_default, allow_nan=True, ensure_ascii=True, separators=(",", ":"), check_circular=False)
_c_encode = getattr(json.encoder, "c_make_encoder", None)
if _c_encode is not None:
    # The C encoder that json.dumps builds on every call, built once (a cycle ends in RecursionError, answered as an error).
    _c_encode = _c_encode(None, _default, json.encoder.encode_basestring_ascii, None, ":", ",", False, False, True)

    def _encode(value: Any) -> str:
        return "".join(_c_encode(value, 0))

else:  # pragma: no cover - Python builds without the C accelerator
    _encode = _encoder.encode

_decoder = json.JSONDecoder()
_scan = _decoder.scan_once


def _decode(line: bytes) -> Any:
    """json.loads for one line, with a fast path for the common case (one value, nothing around it)."""
    text = line.decode("utf-8")
    try:
        value, end = _scan(text, 0)
        if end == len(text):
            return value
    except Exception:
        pass
    return _decoder.decode(text)  # surrounding whitespace, or raises the precise JSONDecodeError


class _Channel:
    """Owns the protocol streams. While serving, anything the feature code prints to stdout goes to stderr instead."""

    def __init__(self) -> None:
        for stream in (sys.stdout, sys.__stdout__):
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):
                pass
        self.in_fd = sys.stdin.fileno() if sys.stdin is not None else 0
        out_fd = os.dup(1)
        os.dup2(2, 1)  # stray print()s and C-level writes to fd 1 now land on stderr, not in the protocol
        self.out = io.open(out_fd, "wb", buffering=1 << 16)
        self.errors = 0
        self.garbage = 0

    # -- input ---------------------------------------------------------------------------------------------------
    def chunks(self) -> Iterator[List[bytes]]:
        """Yields the complete lines that each read from stdin made available, so replies can be flushed per read."""
        pieces: List[bytes] = []
        while True:
            chunk = os.read(self.in_fd, _CHUNK)
            if not chunk:
                if pieces:
                    yield [b"".join(pieces)]
                return
            cut = chunk.rfind(b"\n")
            if cut < 0:
                pieces.append(chunk)
                continue
            head = chunk[: cut + 1]
            if pieces:
                pieces.append(head)
                head = b"".join(pieces)
                pieces = []
            if cut + 1 < len(chunk):
                pieces.append(chunk[cut + 1 :])
            yield head.split(b"\n")[:-1]

    def parse(self, line: bytes) -> Optional[Dict[str, Any]]:
        """The request on a line, or None for a blank line or garbage (which is logged to stderr)."""
        if not line or line.isspace():
            return None
        try:
            message = _decode(line)
        except Exception as error:  # JSONDecodeError, UnicodeDecodeError, RecursionError (absurd nesting)
            self.reject(line, f"not JSON ({type(error).__name__}: {error})")
            return None
        if not isinstance(message, dict):
            self.reject(line, f"a JSON {type(message).__name__}, not an object")
            return None
        return message

    def reject(self, line: bytes, why: str) -> None:
        self.garbage += 1
        preview = line[:_GARBAGE_PREVIEW].decode("utf-8", "backslashreplace")
        more = "..." if len(line) > _GARBAGE_PREVIEW else ""
        self.log(f"lockstep_side: ignored a line that is {why}: {preview}{more}")

    # -- output --------------------------------------------------------------------------------------------------
    def answer(self, request_id: Any, features: Any) -> str:
        if type(features) is not dict and not isinstance(features, dict):
            return self.fail(request_id, f"TypeError: features must be a dict (a JSON object), got {type(features).__name__}")
        try:
            return _encode({"id": request_id, "features": features})
        except Exception as error:  # a value json cannot write: answer with the reason instead
            return self.fail(request_id, _describe(error))

    def fail(self, request_id: Any, message: str) -> str:
        self.errors += 1
        return _encode({"id": request_id, "error": message})

    def crashed(self, error: Exception, what: str) -> str:
        """Logs a feature-code exception (a full traceback for the first few) and returns its protocol message."""
        shown = self.errors < _SHOWN_TRACEBACKS
        if shown:
            self.log(f"lockstep_side: {what} raised:\n" + "".join(traceback.format_exception(type(error), error, error.__traceback__)))
        elif self.errors == _SHOWN_TRACEBACKS:
            self.log("lockstep_side: further errors are answered without a traceback on stderr")
        return _describe(error)

    def write(self, lines: List[str]) -> None:
        if not lines:
            return
        lines.append("")
        self.out.write("\n".join(lines).encode("ascii"))
        self.out.flush()
        lines.clear()

    def log(self, text: str) -> None:
        try:
            sys.stderr.write(text.rstrip("\n") + "\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass

    def close(self) -> None:
        if self.errors or self.garbage:
            self.log(f"lockstep_side: stdin closed; {self.errors} error responses, {self.garbage} ignored lines")
        try:
            self.out.close()
        except OSError:
            pass


def _serve(run: Callable[["_Channel"], None]) -> None:
    channel = _Channel()
    try:
        run(channel)
    except BrokenPipeError:
        channel.log("lockstep_side: stdout closed by the reader; stopping")
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, channel.out.fileno())
        except OSError:
            pass
        return
    channel.close()


def run_reset_hook(channel: _Channel, hook: Optional[Callable[[], Any]]) -> None:
    """Calls a side's reset hook; without one, or when it raises, the process ends and Lockstep starts a fresh one.

    Shared by the line protocol and frame sides (a fresh process is a reset too).
    """
    if hook is None:
        channel.log("lockstep_side: got a reset request but no reset hook was given (reset=...); exiting so that a fresh process starts instead")
        channel.close()
        sys.exit(0)
    try:
        hook()
    except Exception:
        channel.log("lockstep_side: the reset hook raised; exiting so that a fresh process starts instead")
        raise


def _reset(channel: _Channel, hook: Optional[Callable[[], Any]], message: Dict[str, Any], out: List[str]) -> None:
    """Answers a ``{"reset": token}`` line: the answers before it go out, then the hook clears the state, then the ack.

    Without a hook the process exits (code 0), and Lockstep starts a fresh one: a fresh process is a reset too. A hook
    that raises ends the process the same way, with its traceback on stderr.
    """
    channel.write(out)
    run_reset_hook(channel, hook)
    out.append(_encode({"reset": message["reset"]}))
    channel.write(out)


def serve_records(features: Callable[[Dict[str, Any]], Dict[str, Any]], reset: Optional[Callable[[], Any]] = None) -> None:
    """Serves a record-wise side: calls ``features(input)`` for each request and writes its features.

    An exception answers that request with ``"<ExceptionType: message>"``. Returns when stdin closes.

    ``reset`` clears the state ``features`` keeps across calls (an online store): Lockstep sends a reset line before
    every golden or fuzz case when the side is configured with ``reset: true``, and the helper calls the hook, then
    acknowledges. Without a hook, a reset request ends the process (Lockstep then starts a fresh one).
    """

    def run(channel: _Channel) -> None:
        out: List[str] = []
        append = out.append
        answer = channel.answer
        for lines in channel.chunks():
            for line in lines:
                try:  # the common case, kept tight: a well-formed request
                    message = _decode(line)
                    request_id = message["id"]
                    record = message["input"]
                except Exception:
                    message = channel.parse(line)  # blank, garbage (logged), or a request with a piece missing
                    if message is None:
                        continue
                    if "id" not in message:
                        if "reset" in message:
                            _reset(channel, reset, message, out)
                        elif "end" not in message:  # a stray end line is harmless for a record-wise side
                            channel.reject(line, 'an object without "id"')
                        continue
                    append(channel.fail(message["id"], 'request has no "input"'))
                    continue
                try:
                    result = features(record)
                except Exception as error:
                    append(channel.fail(request_id, channel.crashed(error, "features()")))
                    continue
                append(answer(request_id, result))
            channel.write(out)

    _serve(run)


def _answer_batch(channel: _Channel, compute: Callable[[List[Dict[str, Any]]], Any], batch: List[Dict[str, Any]], out: List[str]) -> None:
    name = getattr(compute, "__name__", "compute")
    try:
        results = compute(batch)
        if results is None or isinstance(results, (str, bytes, dict)) or not hasattr(results, "__len__"):
            raise TypeError(f"{name}() must return a list of feature dicts, got {type(results).__name__}")
        results = list(results)
    except Exception as error:
        message = channel.crashed(error, f"{name}()")
        out.extend(channel.fail(record["id"], message) for record in batch)
        return
    if len(results) != len(batch):
        message = f"{name}() returned {len(results)} results for a batch of {len(batch)} records"
        channel.log(f"lockstep_side: {message}")
        out.extend(channel.fail(record["id"], message) for record in batch)
        return
    for record, result in zip(batch, results):
        if isinstance(result, BaseException):
            out.append(channel.fail(record["id"], _describe(result)))
        else:
            out.append(channel.answer(record["id"], result))


def serve_entities(compute: Callable[[List[Dict[str, Any]]], Sequence[Any]], reset: Optional[Callable[[], Any]] = None) -> None:
    """Serves an entity-wise side: buffers requests until an ``end`` line, then calls ``compute(records)`` once.

    ``records`` is the batch in arrival order (each entity contiguous and in time order), each
    ``{"id", "entity", "timestamp", "input"}``. ``compute`` returns one feature dict per record, aligned with
    ``records``; an item that is an exception instance fails just that record. If ``compute`` raises, or returns the
    wrong number of results, every record of the batch is answered with that error. Returns when stdin closes.

    ``reset`` clears the state ``compute`` keeps across batches, as for :func:`serve_records`.
    """

    def run(channel: _Channel) -> None:
        out: List[str] = []
        batch: List[Dict[str, Any]] = []
        for lines in channel.chunks():
            for line in lines:
                message = channel.parse(line)
                if message is None:
                    continue
                if "id" not in message:
                    if "end" in message:
                        if batch:
                            _answer_batch(channel, compute, batch, out)
                            batch = []
                            channel.write(out)  # answer each batch as soon as it is computed
                    elif "reset" in message:
                        if batch:  # records without their end line: answered first, as at end of input
                            _answer_batch(channel, compute, batch, out)
                            batch = []
                        _reset(channel, reset, message, out)
                    else:
                        channel.reject(line, 'an object without "id" or "end"')
                    continue
                if "input" not in message:
                    out.append(channel.fail(message["id"], 'request has no "input"'))
                    continue
                batch.append(
                    {
                        "id": message["id"],
                        "entity": message.get("entity"),
                        "timestamp": message.get("timestamp"),
                        "input": message["input"],
                    }
                )
            channel.write(out)
        if batch:
            channel.log(f'lockstep_side: stdin closed with {len(batch)} records after the last "end"; answering them as a batch')
            _answer_batch(channel, compute, batch, out)
            channel.write(out)

    _serve(run)


def serve_frames(compute: Callable[[Any], Any], reset: Optional[Callable[[], Any]] = None) -> None:
    """Serves an entity-wise side written in pandas: ``compute(frame)`` gets one batch as a DataFrame.

    The frame has a column per input field plus ``_id``, ``_entity`` and ``_timestamp`` (epoch milliseconds, as
    sent), one row per record in arrival order, with a fresh RangeIndex. ``compute`` returns a DataFrame with one
    column per feature, matched to the input rows by its ``_id`` column if it has one, else by index label (so
    sorting is fine; resetting the index without keeping ``_id`` is not), or a list of feature dicts in row order.
    An ``_error`` column holding a string fails that row with that message.

    Values are written as JSON: NaN in a float column stays NaN (as json.dumps writes it); a missing value in any
    other column (None, NaN, NaT, pd.NA) is null; datetime columns become ISO-8601 UTC strings with milliseconds.
    pandas is imported here, so the rest of the package stays standard-library only.

    ``reset`` clears the state ``compute`` keeps across batches, as for :func:`serve_records`.
    """
    try:
        import pandas as pd
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("lockstep_side.serve_frames needs pandas (pip install pandas)") from error

    def frames(batch: List[Dict[str, Any]]) -> List[Any]:
        frame = _batch_frame(pd, batch)
        return _frame_results(pd, frame, compute(frame))

    frames.__name__ = getattr(compute, "__name__", "compute")
    serve_entities(frames, reset=reset)


def _batch_frame(pd: Any, batch: List[Dict[str, Any]]) -> Any:
    inputs = [record["input"] if isinstance(record["input"], dict) else {"_input": record["input"]} for record in batch]
    frame = pd.DataFrame(inputs, index=pd.RangeIndex(len(batch)))
    frame["_id"] = [record["id"] for record in batch]
    frame["_entity"] = [record["entity"] for record in batch]
    frame["_timestamp"] = [record["timestamp"] for record in batch]
    return frame


_HELPER_COLUMNS = ("_id", "_entity", "_timestamp", "_error")


def _frame_results(pd: Any, frame: Any, result: Any) -> List[Any]:
    if not isinstance(result, pd.DataFrame):
        if isinstance(result, (list, tuple)):
            return list(result)
        raise TypeError(f"expected a DataFrame or a list of feature dicts, got {type(result).__name__}")
    if "_id" in result.columns:
        ids = result["_id"]
        if ids.duplicated().any():
            raise ValueError("the result has duplicate _id values")
        wanted = pd.Index(frame["_id"])
        missing = ~wanted.isin(ids)
        result = result.set_index("_id", drop=False).reindex(wanted)
    elif len(result.index) == len(frame.index) and result.index.is_unique and result.index.isin(frame.index).all():
        missing = None
        result = result.reindex(frame.index)
    else:
        raise ValueError(
            f"cannot match the {len(result.index)} result rows to the {len(frame.index)} input rows: "
            "keep the _id column or the input's index labels"
        )
    names = [name for name in result.columns if name not in _HELPER_COLUMNS]
    columns = [_column_values(pd, result[name]) for name in names]
    rows: List[Any] = [dict(zip(names, values)) for values in zip(*columns)] if names else [{} for _ in range(len(result.index))]
    if "_error" in result.columns:
        for position, error in enumerate(result["_error"].tolist()):
            if isinstance(error, str):
                rows[position] = RowError(error)
    if missing is not None and missing.any():
        for position in missing.nonzero()[0]:
            rows[position] = RowError("the result has no row with this _id")
    return rows


def _column_values(pd: Any, column: Any) -> List[Any]:
    """A column as plain Python values, with the missing-value rules documented in serve_frames."""
    import numpy as np

    dtype = column.dtype
    kind = getattr(dtype, "kind", "O")
    if isinstance(dtype, np.dtype) and kind in "fiub":
        return column.tolist()  # NaN stays NaN in float columns; ints and bools become Python ints and bools
    if kind == "M" or str(dtype).startswith("datetime64"):
        utc = column.dt.tz_convert("UTC") if getattr(column.dt, "tz", None) is not None else column
        text = utc.dt.strftime("%Y-%m-%dT%H:%M:%S.%f")
        return [None if value is None or value != value else value[:-3] + "Z" for value in text.astype(object).tolist()]
    values = column.astype(object)
    return values.where(column.notna(), None).tolist()
