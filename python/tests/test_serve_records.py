"""serve_records, run as a real child process."""

from __future__ import annotations

import json
import math

from conftest import read_line, request

ECHO = """
    from lockstep_side import serve_records

    def features(input):
        if input.get("fail"):
            raise ValueError("bad amount " + str(input["fail"]))
        return {"echo": input, "double": input.get("x", 0) * 2}

    serve_records(features)
"""


def test_answers_every_request_with_its_id(side):
    script = side.script(ECHO)
    run = side.run(script, [request(f"r{i}", {"x": i}) for i in range(50)])
    assert run.returncode == 0, run.stderr
    assert [r["id"] for r in run.responses] == [f"r{i}" for i in range(50)]
    assert run.by_id["r7"] == {"id": "r7", "features": {"echo": {"x": 7}, "double": 14}}


def test_exception_answers_that_request_with_type_and_message(side):
    script = side.script(ECHO)
    run = side.run(script, [request("a", {"x": 1}), request("b", {"fail": 42}), request("c", {"x": 3})])
    assert run.returncode == 0
    assert run.by_id["b"] == {"id": "b", "error": "ValueError: bad amount 42"}
    assert run.by_id["a"]["features"]["double"] == 2
    assert run.by_id["c"]["features"]["double"] == 6
    assert "ValueError: bad amount 42" in run.stderr  # the traceback goes to stderr


def test_big_integers_stay_exact(side):
    script = side.script(ECHO)
    big = b'{"id":"big","input":{"x":9007199254740993,"huge":123456789012345678901234567890}}\n'
    run = side.run_bytes(script, big)
    assert b'"x":9007199254740993' in run.raw
    assert b'"double":18014398509481986' in run.raw
    assert b'"huge":123456789012345678901234567890' in run.raw
    assert run.by_id["big"]["features"]["echo"]["x"] == 9007199254740993


def test_non_finite_floats_are_written_as_json_dumps_writes_them(side):
    script = side.script(
        """
        from lockstep_side import serve_records
        serve_records(lambda input: {"nan": float("nan"), "inf": float("inf"), "ninf": float("-inf"), "ok": 0.1})
        """
    )
    run = side.run(script, [request("n", {})])
    assert run.raw == b'{"id":"n","features":{"nan":NaN,"inf":Infinity,"ninf":-Infinity,"ok":0.1}}\n'
    features = run.by_id["n"]["features"]
    assert math.isnan(features["nan"]) and features["inf"] == math.inf and features["ninf"] == -math.inf


def test_garbage_lines_are_logged_and_skipped(side):
    script = side.script(ECHO)
    lines = [
        b"this is not json",
        request("a", {"x": 1}),
        b"[1, 2, 3]",
        b'{"no_id": true}',
        b"\xff\xfe not utf-8",
        b'{"id": "trunc", "input": {',
        b"",
        b"   ",
        request("b", {"x": 2}),
        b'{"end": "stray"}',
        b'{"id": "noinput"}',
        b"[" * 100_000 + b"]" * 100_000,
    ]
    run = side.run(script, lines)
    assert run.returncode == 0, run.stderr
    assert run.by_id["a"]["features"]["double"] == 2
    assert run.by_id["b"]["features"]["double"] == 4
    assert run.by_id["noinput"] == {"id": "noinput", "error": 'request has no "input"'}
    assert set(run.by_id) == {"a", "b", "noinput"}
    assert "this is not json" in run.stderr
    assert "[1, 2, 3]" in run.stderr
    assert "no_id" in run.stderr
    assert "trunc" in run.stderr
    assert run.stderr.count("lockstep_side: ignored a line") == 6
    assert "RecursionError" in run.stderr


def test_crlf_and_a_last_line_without_newline(side):
    script = side.script(ECHO)
    run = side.run_bytes(script, b'{"id":"a","input":{"x":1}}\r\n{"id":"b","input":{"x":2}}')
    assert run.by_id["a"]["features"]["double"] == 2
    assert run.by_id["b"]["features"]["double"] == 4


def test_features_that_are_not_a_dict_or_not_serialisable_are_errors(side):
    script = side.script(
        """
        from lockstep_side import serve_records

        def features(input):
            kind = input["kind"]
            if kind == "list":
                return [1, 2]
            if kind == "object":
                return {"x": object()}
            if kind == "none":
                return None
            return {"ok": True, "unicode": "caf\\u00e9 \\U0001F600 \\ud800"}

        serve_records(features)
        """
    )
    run = side.run(script, [request(k, {"kind": k}) for k in ("list", "object", "none", "fine")])
    assert run.returncode == 0
    assert run.by_id["list"]["error"] == "TypeError: features must be a dict (a JSON object), got list"
    assert run.by_id["none"]["error"] == "TypeError: features must be a dict (a JSON object), got NoneType"
    assert run.by_id["object"]["error"] == "TypeError: Object of type object is not JSON serializable"
    assert run.by_id["fine"]["features"] == {"ok": True, "unicode": "caf\u00e9 \U0001f600 \ud800"}


def test_numpy_values_become_plain_json(side):
    script = side.script(
        """
        import numpy as np
        from lockstep_side import serve_records
        serve_records(lambda input: {
            "i": np.int64(9007199254740993), "f": np.float32(0.5), "b": np.bool_(True),
            "nan": np.float64("nan"), "arr": np.arange(3),
        })
        """
    )
    run = side.run(script, [request("n", {})])
    assert run.raw == b'{"id":"n","features":{"i":9007199254740993,"f":0.5,"b":true,"nan":NaN,"arr":[0,1,2]}}\n'


def test_print_in_feature_code_goes_to_stderr_not_the_protocol(side):
    script = side.script(
        """
        import os
        from lockstep_side import serve_records

        def features(input):
            print("debugging", input)
            os.write(1, b"raw write to fd 1\\n")
            return {"ok": 1}

        serve_records(features)
        """
    )
    run = side.run(script, [request("a", {}), request("b", {})])
    assert run.returncode == 0
    assert [r["id"] for r in run.responses] == ["a", "b"]
    assert "debugging" in run.stderr and "raw write to fd 1" in run.stderr


def test_each_response_is_flushed_before_the_next_request_arrives(side):
    script = side.script(ECHO)
    proc = side.popen(script)
    try:
        for i in range(5):
            proc.stdin.write(json.dumps(request(f"q{i}", {"x": i})).encode() + b"\n")
            proc.stdin.flush()
            response = json.loads(read_line(proc))
            assert response == {"id": f"q{i}", "features": {"echo": {"x": i}, "double": 2 * i}}
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
        proc.wait()


def test_empty_stdin_exits_zero_without_output(side):
    run = side.run_bytes(side.script(ECHO), b"")
    assert run.returncode == 0 and run.raw == b""


def test_answers_a_large_pipelined_input_completely(side):
    # A correctness test, not a speed test: the rate is measured by `npm run bench` (bench/python-side-bench.py).
    script = side.script(
        """
        from lockstep_side import serve_records
        serve_records(lambda input: {"y": input["x"] + 1})
        """
    )
    count = 100_000
    data = b"".join(b'{"id":"r%d","input":{"x":%d}}\n' % (i, i) for i in range(count))
    run = side.run_bytes(script, data, timeout=600)
    assert run.returncode == 0, run.stderr
    assert len(run.lines) == count
    assert run.lines[-1] == '{"id":"r%d","features":{"y":%d}}' % (count - 1, count)
