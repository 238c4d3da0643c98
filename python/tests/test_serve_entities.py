"""serve_entities, run as a real child process."""

from __future__ import annotations

import json
import select

from conftest import read_line, request

# Features that show what compute() saw: the batch size, the record's position, and a running total per entity.
RUNNING = """
    from lockstep_side import RowError, serve_entities

    def compute(records):
        out, totals = [], {}
        for position, record in enumerate(records):
            input = record["input"]
            if input.get("raise"):
                raise RuntimeError("boom in batch of " + str(len(records)))
            if input.get("short"):
                return out
            if input.get("row_error"):
                out.append(RowError("this row is bad"))
                continue
            if input.get("exception"):
                out.append(KeyError("k"))
                continue
            totals[record["entity"]] = totals.get(record["entity"], 0) + input["x"]
            out.append({
                "batch_size": len(records),
                "position": position,
                "entity": record["entity"],
                "timestamp": record["timestamp"],
                "running": totals[record["entity"]],
            })
        return out

    serve_entities(compute)
"""


def entity_request(request_id, entity, timestamp, **input):
    return request(request_id, input, entity=entity, timestamp=timestamp)


def test_buffers_until_end_and_answers_the_whole_batch(side):
    script = side.script(RUNNING)
    lines = [
        entity_request("a1", "A", 1000, x=1),
        entity_request("a2", "A", 2000, x=2),
        entity_request("b1", "B", 1500, x=10),
        {"end": "batch-1"},
        entity_request("c1", "C", 9007199254740993, x=5),
        {"end": "batch-2"},
    ]
    run = side.run(script, lines)
    assert run.returncode == 0, run.stderr
    assert set(run.by_id) == {"a1", "a2", "b1", "c1"}
    assert run.by_id["a2"]["features"] == {"batch_size": 3, "position": 1, "entity": "A", "timestamp": 2000, "running": 3}
    assert run.by_id["b1"]["features"]["running"] == 10
    assert run.by_id["c1"]["features"] == {
        "batch_size": 1,
        "position": 0,
        "entity": "C",
        "timestamp": 9007199254740993,
        "running": 5,
    }
    assert b'"timestamp":9007199254740993' in run.raw


def test_nothing_is_answered_before_end(side):
    script = side.script(RUNNING)
    proc = side.popen(script)
    try:
        for i in range(3):
            proc.stdin.write(json.dumps(entity_request(f"r{i}", "A", i, x=i)).encode() + b"\n")
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout.fileno()], [], [], 0.5)
        assert not ready, "answered before the end line"
        proc.stdin.write(b'{"end": "b"}\n')
        proc.stdin.flush()
        ids = {json.loads(read_line(proc))["id"] for _ in range(3)}
        assert ids == {"r0", "r1", "r2"}
        # a second batch on the same process is answered on its own end line
        proc.stdin.write(json.dumps(entity_request("s0", "B", 5, x=1)).encode() + b"\n" + b'{"end": "c"}\n')
        proc.stdin.flush()
        assert json.loads(read_line(proc))["features"]["batch_size"] == 1
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
        proc.wait()


def test_compute_raising_fails_every_record_of_the_batch_only(side):
    script = side.script(RUNNING)
    lines = [
        entity_request("a1", "A", 1, x=1),
        entity_request("a2", "A", 2, x=1, **{"raise": True}),
        entity_request("b1", "B", 1, x=1),
        {"end": "bad"},
        entity_request("c1", "C", 1, x=7),
        {"end": "good"},
    ]
    run = side.run(script, lines)
    assert run.returncode == 0
    for request_id in ("a1", "a2", "b1"):
        assert run.by_id[request_id] == {"id": request_id, "error": "RuntimeError: boom in batch of 3"}
    assert run.by_id["c1"]["features"]["running"] == 7
    assert "RuntimeError: boom in batch of 3" in run.stderr


def test_wrong_number_of_results_is_an_error_for_every_record(side):
    script = side.script(RUNNING)
    lines = [entity_request("a1", "A", 1, x=1), entity_request("a2", "A", 2, x=1, short=True), {"end": "b"}]
    run = side.run(script, lines)
    message = "compute() returned 1 results for a batch of 2 records"
    assert run.by_id == {"a1": {"id": "a1", "error": message}, "a2": {"id": "a2", "error": message}}


def test_an_exception_in_the_results_fails_just_that_record(side):
    script = side.script(RUNNING)
    lines = [
        entity_request("a1", "A", 1, x=1),
        entity_request("a2", "A", 2, x=1, row_error=True),
        entity_request("a3", "A", 3, x=1, exception=True),
        entity_request("a4", "A", 4, x=1),
        {"end": "b"},
    ]
    run = side.run(script, lines)
    assert run.by_id["a2"] == {"id": "a2", "error": "this row is bad"}
    assert run.by_id["a3"] == {"id": "a3", "error": "KeyError: 'k'"}
    assert run.by_id["a4"]["features"]["running"] == 2


def test_compute_returning_something_else_is_an_error(side):
    script = side.script(
        """
        from lockstep_side import serve_entities
        serve_entities(lambda records: None)
        """
    )
    run = side.run(script, [entity_request("a", "A", 1, x=1), {"end": "b"}])
    assert run.by_id["a"]["error"] == "TypeError: <lambda>() must return a list of feature dicts, got NoneType"


def test_garbage_lines_between_requests_do_not_break_the_batch(side):
    script = side.script(RUNNING)
    lines = [
        entity_request("a1", "A", 1, x=1),
        b"garbage {",
        b'"just a string"',
        b'{"neither": 1}',
        entity_request("a2", "A", 2, x=2),
        b'{"id": "noinput", "entity": "A", "timestamp": 3}',
        {"end": "b"},
        {"end": "empty batch"},
    ]
    run = side.run(script, lines)
    assert run.returncode == 0
    assert run.by_id["a2"]["features"] == {"batch_size": 2, "position": 1, "entity": "A", "timestamp": 2, "running": 3}
    assert run.by_id["noinput"]["error"] == 'request has no "input"'
    assert run.stderr.count("lockstep_side: ignored a line") == 3


def test_records_left_without_end_are_answered_when_stdin_closes(side):
    script = side.script(RUNNING)
    run = side.run(script, [entity_request("a1", "A", 1, x=1), entity_request("a2", "A", 2, x=4)])
    assert run.returncode == 0
    assert run.by_id["a2"]["features"]["running"] == 5
    assert 'after the last "end"' in run.stderr


def test_non_finite_floats_and_big_batches(side):
    script = side.script(
        """
        import math
        from lockstep_side import serve_entities
        serve_entities(lambda records: [{"v": math.nan if r["input"]["i"] % 2 else math.inf} for r in records])
        """
    )
    count = 20_000
    lines = [entity_request(f"r{i}", f"e{i // 100}", i, i=i) for i in range(count)] + [{"end": "big"}]
    run = side.run(script, lines, timeout=600)
    assert len(run.responses) == count
    assert b'{"id":"r1","features":{"v":NaN}}' in run.raw
    assert b'{"id":"r2","features":{"v":Infinity}}' in run.raw
