"""serve_arrow: Arrow frames in, Arrow frames out, through a real child process."""

from __future__ import annotations

import math
import struct
import subprocess
import sys
from pathlib import Path
from typing import List, Tuple

import pyarrow as pa
import pytest

from conftest import child_env

HEADER = struct.Struct("<cI")


def frame(kind: bytes, payload: bytes) -> bytes:
    return HEADER.pack(kind, len(payload)) + payload


def batch(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return frame(b"B", sink.getvalue().to_pybytes())


def answers(raw: bytes) -> List[Tuple[bytes, bytes]]:
    out = []
    while raw:
        kind, length = HEADER.unpack(raw[: HEADER.size])
        out.append((kind, raw[HEADER.size : HEADER.size + length]))
        raw = raw[HEADER.size + length :]
    return out


def serve(tmp_path: Path, source: str, data: bytes) -> subprocess.CompletedProcess:
    script = tmp_path / "side.py"
    script.write_text(source)
    return subprocess.run([sys.executable, str(script)], input=data, capture_output=True, timeout=120, env=child_env())


def inputs() -> pa.Table:
    utc = pa.timestamp("ms", tz="UTC")
    return pa.table(
        {
            "_id": pa.array(["1", "2", "3"]),
            "_entity": pa.array(["a", "a", "b"]),
            "_timestamp": pa.array([0, 1, 2], type=utc),
            "n": pa.array([2**63 - 1, -(2**63), None], type=pa.int64()),
            "x": pa.array([float("nan"), 1.5, None], type=pa.float64()),
            "s": pa.array(["é😀", "", None]),
        }
    )


ECHO = """
import sys
from lockstep_side import serve_arrow
library = sys.argv[1] if len(sys.argv) > 1 else "pandas"
def compute(frame):
    print("a stray print goes to stderr")
    if library == "polars":
        return frame.select("_id", "n", "x", "s")
    return frame[["n", "x", "s"]]
serve_arrow(compute, library=library)
"""


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_answers_each_batch_with_an_arrow_frame_keeping_int64_nan_and_nulls(tmp_path: Path, library: str) -> None:
    source = ECHO.replace('sys.argv[1] if len(sys.argv) > 1 else "pandas"', repr(library))

    done = serve(tmp_path, source, batch(inputs()) + batch(inputs()))

    assert done.returncode == 0, done.stderr
    assert b"a stray print goes to stderr" in done.stderr
    got = answers(done.stdout)
    assert [kind for kind, _ in got] == [b"A", b"A"]
    table = pa.ipc.open_stream(got[0][1]).read_all()
    assert table.column("_id").to_pylist() == ["1", "2", "3"]
    assert table.column("n").to_pylist() == [2**63 - 1, -(2**63), None]
    x = table.column("x").to_pylist()
    assert math.isnan(x[0]) and x[1] == 1.5
    assert x[2] is None if library == "polars" else math.isnan(x[2])  # pandas reads a null float as NaN
    assert table.column("s").to_pylist() == ["é😀", "", None]
    assert table.schema.field("s").type == pa.string()


def test_an_exception_fails_the_batch_with_its_message_and_the_side_goes_on(tmp_path: Path) -> None:
    source = """
from lockstep_side import serve_arrow
calls = []
def compute(frame):
    calls.append(1)
    if len(calls) == 1:
        raise KeyError("amount")
    return frame[["n"]]
serve_arrow(compute)
"""
    done = serve(tmp_path, source, batch(inputs()) + batch(inputs()))

    got = answers(done.stdout)
    assert got[0] == (b"E", b"KeyError: 'amount'")
    assert got[1][0] == b"A"
    assert "Traceback" in done.stderr.decode()


def test_an_integer_beyond_int64_in_a_feature_fails_the_batch_by_name(tmp_path: Path) -> None:
    source = """
from lockstep_side import serve_arrow
serve_arrow(lambda frame: frame[["_id"]].assign(big=[2**64] * len(frame)))
"""
    done = serve(tmp_path, source, batch(inputs()))

    [(kind, message)] = answers(done.stdout)
    assert kind == b"E"
    assert message.decode().startswith('int64_overflow: feature "big" holds an integer beyond int64')


def test_rows_are_matched_by_index_label_and_error_rows_come_back(tmp_path: Path) -> None:
    source = """
from lockstep_side import serve_arrow
def compute(frame):
    out = frame[["n"]].iloc[::-1].copy()
    out["_error"] = [None, "bad row", None]
    return out
serve_arrow(compute)
"""
    done = serve(tmp_path, source, batch(inputs()))

    table = pa.ipc.open_stream(answers(done.stdout)[0][1]).read_all()
    rows = dict(zip(table.column("_id").to_pylist(), table.column("_error").to_pylist()))
    assert rows == {"1": None, "2": "bad row", "3": None}  # reversed rows, then put back in input order


def test_reset_calls_the_hook_then_acknowledges_and_without_a_hook_exits(tmp_path: Path) -> None:
    with_hook = """
import sys
from lockstep_side import serve_arrow
serve_arrow(lambda frame: frame[["n"]], reset=lambda: sys.stderr.write("cleared\\n"))
"""
    done = serve(tmp_path, with_hook, frame(b"R", b"r1") + batch(inputs()))
    assert [kind for kind, _ in answers(done.stdout)] == [b"R", b"A"]
    assert answers(done.stdout)[0][1] == b"r1"
    assert b"cleared" in done.stderr

    without = serve(tmp_path, "from lockstep_side import serve_arrow\nserve_arrow(lambda frame: frame)\n", frame(b"R", b"r1"))
    assert without.returncode == 0
    assert without.stdout == b""
    assert b"no reset hook was given" in without.stderr


def test_a_line_protocol_request_is_refused_with_a_hint(tmp_path: Path) -> None:
    done = serve(tmp_path, "from lockstep_side import serve_arrow\nserve_arrow(lambda f: f)\n", b'{"id": "1", "input": {}}\n')

    assert done.returncode == 2
    assert b"is this a line-protocol side?" in done.stderr


def test_the_frame_types_follow_the_fields_nullability(tmp_path: Path) -> None:
    source = """
from lockstep_side import serve_arrow
def compute(frame):
    dtypes = ",".join(f"{name}:{frame[name].dtype}" for name in ("k", "n", "b", "nb", "f"))
    return frame[["k"]].assign(dtypes=dtypes)
serve_arrow(compute)
"""
    schema = pa.schema(
        [
            pa.field("_id", pa.string(), nullable=False),
            pa.field("k", pa.int64(), nullable=False),
            pa.field("n", pa.int64()),
            pa.field("b", pa.bool_(), nullable=False),
            pa.field("nb", pa.bool_()),
            pa.field("f", pa.float64(), nullable=False),
        ]
    )
    table = pa.table({"_id": ["1", "2"], "k": [2**62, -1], "n": [None, 3], "b": [True, False], "nb": [None, True], "f": [0.5, 1.0]}, schema=schema)
    only_plain = pa.table({"_id": ["1"], "k": [7], "b": [True]}, schema=pa.schema([schema.field("_id"), schema.field("k"), schema.field("b")]))
    plain_source = source.replace('("k", "n", "b", "nb", "f")', '("k", "b")')

    done = serve(tmp_path, source, batch(table))
    plain = serve(tmp_path, plain_source, batch(only_plain))

    result = pa.ipc.open_stream(answers(done.stdout)[0][1]).read_all()
    assert result.column("k").to_pylist() == [2**62, -1]
    assert result.column("dtypes").to_pylist()[0] == "k:int64,n:Int64,b:bool,nb:boolean,f:float64"
    plain_result = pa.ipc.open_stream(answers(plain.stdout)[0][1]).read_all()
    assert plain_result.column("dtypes").to_pylist() == ["k:int64,b:bool"]
