"""The reset line: a side with a reset hook clears its state and acknowledges; without one it exits for a fresh start."""

from __future__ import annotations

import pytest
from conftest import request

STORE = """
    from lockstep_side import serve_{serve}

    store = {{}}

    def features(input):
        store[input["k"]] = store.get(input["k"], 0) + 1
        return {{"seen": store[input["k"]]}}

    def compute(records):
        return [features(r["input"]) for r in records]

    def frames(frame):
        return [features({{"k": k}}) for k in frame["k"]]

    serve_{serve}({fn}, reset={reset})
"""


def store_side(side, serve="records", reset="store.clear"):
    fn = {"records": "features", "entities": "compute", "frames": "frames"}[serve]
    return side.script(STORE.format(serve=serve, fn=fn, reset=reset))


def test_serve_records_calls_the_hook_and_acknowledges_after_the_answers_before_it(side):
    script = store_side(side)
    run = side.run(script, [request("1", {"k": "a"}), request("2", {"k": "a"}), {"reset": "r1"}, request("3", {"k": "a"})])
    assert run.returncode == 0, run.stderr
    assert run.lines == [
        '{"id":"1","features":{"seen":1}}',
        '{"id":"2","features":{"seen":2}}',
        '{"reset":"r1"}',
        '{"id":"3","features":{"seen":1}}',
    ]


def test_serve_entities_clears_state_between_batches(side):
    script = store_side(side, serve="entities")
    first = [request("1", {"k": "a"}, "a", 1), request("2", {"k": "a"}, "a", 2), {"end": "b1"}]
    run = side.run(script, [*first, {"reset": "t"}, request("3", {"k": "a"}, "a", 3), {"end": "b2"}])
    assert run.returncode == 0, run.stderr
    assert run.lines == [
        '{"id":"1","features":{"seen":1}}',
        '{"id":"2","features":{"seen":2}}',
        '{"reset":"t"}',
        '{"id":"3","features":{"seen":1}}',
    ]


def test_serve_frames_passes_the_hook_on(side):
    pytest.importorskip("pandas")
    script = store_side(side, serve="frames")
    lines = [request("1", {"k": "a"}, "a", 1), {"end": "b1"}, {"reset": "t"}, request("2", {"k": "a"}, "a", 2), {"end": "b2"}]
    run = side.run(script, lines)
    assert run.returncode == 0, run.stderr
    assert run.lines == ['{"id":"1","features":{"seen":1}}', '{"reset":"t"}', '{"id":"2","features":{"seen":1}}']


def test_without_a_hook_a_reset_ends_the_process_after_the_answers_before_it(side):
    script = store_side(side, reset="None")
    run = side.run(script, [request("1", {"k": "a"}), {"reset": "r1"}, request("2", {"k": "a"})])
    assert run.returncode == 0
    assert run.lines == ['{"id":"1","features":{"seen":1}}']
    assert "no reset hook was given" in run.stderr


def test_a_hook_that_raises_ends_the_process_with_its_traceback(side):
    script = store_side(side, reset="lambda: 1 / 0")
    run = side.run(script, [request("1", {"k": "a"}), {"reset": "r1"}, request("2", {"k": "a"})])
    assert run.returncode != 0
    assert run.lines == ['{"id":"1","features":{"seen":1}}']
    assert "ZeroDivisionError" in run.stderr
    assert "the reset hook raised" in run.stderr

