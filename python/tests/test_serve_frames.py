"""serve_frames, run as a real child process (needs pandas, as the side does)."""

from __future__ import annotations

import pytest

from conftest import request

pytest.importorskip("pandas")


def entity_request(request_id, entity, timestamp, **input):
    return request(request_id, input, entity=entity, timestamp=timestamp)


def test_the_frame_has_input_columns_and_helper_columns(side):
    script = side.script(
        """
        import pandas as pd
        from lockstep_side import serve_frames

        def compute(df):
            return pd.DataFrame({
                "_id": df["_id"],
                "columns": [",".join(df.columns)] * len(df),
                "entity": df["_entity"],
                "timestamp": df["_timestamp"],
                "amount_dtype": str(df["amount"].dtype),
                "big": df["big"],
                "row": df.index,
            })

        serve_frames(compute)
        """
    )
    lines = [
        entity_request("a1", "A", 1000, amount=1.5, big=9007199254740993),
        entity_request("a2", "A", 2000, amount=2, big=9007199254740995),
        {"end": "b"},
    ]
    run = side.run(script, lines)
    assert run.returncode == 0, run.stderr
    features = run.by_id["a2"]["features"]
    assert features["columns"] == "amount,big,_id,_entity,_timestamp"
    assert features["entity"] == "A" and features["timestamp"] == 2000
    assert features["amount_dtype"] == "float64"
    assert features["row"] == 1
    assert b'"big":9007199254740993' in run.raw and b'"big":9007199254740995' in run.raw


def test_results_are_matched_by_id_after_sorting(side):
    script = side.script(
        """
        import pandas as pd
        from lockstep_side import serve_frames

        def compute(df):
            df = df.sort_values("x", ascending=False).reset_index(drop=True)  # reordered, index lost, _id kept
            return df.assign(rank=range(len(df)))[["_id", "rank", "x"]]

        serve_frames(compute)
        """
    )
    run = side.run(script, [entity_request(f"r{x}", "A", x, x=x) for x in (3, 1, 2)] + [{"end": "b"}])
    assert {i: r["features"] for i, r in run.by_id.items()} == {
        "r3": {"rank": 0, "x": 3},
        "r2": {"rank": 1, "x": 2},
        "r1": {"rank": 2, "x": 1},
    }


def test_results_are_matched_by_index_without_id(side):
    script = side.script(
        """
        from lockstep_side import serve_frames

        def compute(df):
            out = df.sort_values("x")[["x"]]  # index labels survive the sort
            out["double"] = out["x"] * 2
            return out

        serve_frames(compute)
        """
    )
    run = side.run(script, [entity_request(f"r{x}", "A", x, x=x) for x in (3, 1, 2)] + [{"end": "b"}])
    assert run.by_id["r3"]["features"] == {"x": 3, "double": 6}
    assert run.by_id["r1"]["features"] == {"x": 1, "double": 2}


def test_unmatchable_results_and_missing_ids_are_errors(side):
    script = side.script(
        """
        import pandas as pd
        from lockstep_side import serve_frames

        def compute(df):
            if (df["mode"] == "drop").any():
                return df[df["x"] != 2][["_id", "x"]]
            return pd.DataFrame({"x": [1]}, index=[99])

        serve_frames(compute)
        """
    )
    lines = [
        entity_request("a1", "A", 1, x=1, mode="drop"),
        entity_request("a2", "A", 2, x=2, mode="drop"),
        {"end": "b"},
        entity_request("b1", "B", 1, x=1, mode="bad"),
        {"end": "c"},
    ]
    run = side.run(script, lines)
    assert run.by_id["a1"]["features"] == {"x": 1}
    assert run.by_id["a2"]["error"] == "the result has no row with this _id"
    assert run.by_id["b1"]["error"].startswith("ValueError: cannot match the 1 result rows to the 1 input rows")


def test_value_conversion_rules(side):
    script = side.script(
        """
        import math
        import numpy as np
        import pandas as pd
        from lockstep_side import serve_frames

        def compute(df):
            n = len(df)
            return pd.DataFrame({
                "_id": df["_id"],
                "i": np.arange(n, dtype="int64") + 9007199254740993,
                "f": [0.25, math.nan][:n],
                "inf": [math.inf, -math.inf][:n],
                "b": np.array([True, False][:n]),
                "s": pd.Series(["x", None][:n], dtype="str"),
                "o": pd.Series([None, {"k": 1}][:n], dtype=object),
                "nullable_int": pd.array([1, None][:n], dtype="Int64"),
                "when": pd.to_datetime(pd.Series([1772325131093, None][:n]), unit="ms", utc=True),
                "naive_when": pd.to_datetime(pd.Series([0, 1][:n]), unit="ms"),
            })

        serve_frames(compute)
        """
    )
    run = side.run(script, [entity_request("a", "A", 1, x=1), entity_request("b", "A", 2, x=2), {"end": "e"}])
    assert run.returncode == 0, run.stderr
    first, second = run.lines
    assert first == (
        '{"id":"a","features":{"i":9007199254740993,"f":0.25,"inf":Infinity,"b":true,"s":"x","o":null,'
        '"nullable_int":1,"when":"2026-03-01T00:32:11.093Z","naive_when":"1970-01-01T00:00:00.000Z"}}'
    )
    assert second == (
        '{"id":"b","features":{"i":9007199254740994,"f":NaN,"inf":-Infinity,"b":false,"s":null,"o":{"k":1},'
        '"nullable_int":null,"when":null,"naive_when":"1970-01-01T00:00:00.001Z"}}'
    )


def test_error_column_fails_single_rows_and_exceptions_fail_the_batch(side):
    script = side.script(
        """
        from lockstep_side import serve_frames

        def compute(df):
            if (df["x"] < 0).any():
                raise ArithmeticError("negative x in the batch")
            return df.assign(_error=df["x"].map(lambda x: "x is seven" if x == 7 else None))[["_error", "x"]]

        serve_frames(compute)
        """
    )
    lines = [
        entity_request("a", "A", 1, x=1),
        entity_request("b", "A", 2, x=7),
        {"end": "e1"},
        entity_request("c", "C", 1, x=-1),
        entity_request("d", "D", 1, x=1),
        {"end": "e2"},
    ]
    run = side.run(script, lines)
    assert run.by_id["a"] == {"id": "a", "features": {"x": 1}}
    assert run.by_id["b"] == {"id": "b", "error": "x is seven"}
    assert run.by_id["c"] == run.by_id["d"] | {"id": "c"} == {"id": "c", "error": "ArithmeticError: negative x in the batch"}


def test_a_list_of_dicts_is_accepted(side):
    script = side.script(
        """
        from lockstep_side import serve_frames
        serve_frames(lambda df: [{"x2": int(x) * 2} for x in df["x"]])
        """
    )
    run = side.run(script, [entity_request("a", "A", 1, x=4), {"end": "e"}])
    assert run.by_id["a"]["features"] == {"x2": 8}


def test_garbage_lines_do_not_crash_a_frames_side(side):
    script = side.script(
        """
        from lockstep_side import serve_frames
        serve_frames(lambda df: df[["_id", "x"]])
        """
    )
    run = side.run(script, [b"{not json", entity_request("a", "A", 1, x=4), b"\x00\x01", {"end": "e"}])
    assert run.returncode == 0
    assert run.by_id["a"]["features"] == {"x": 4}
    assert run.stderr.count("lockstep_side: ignored a line") == 2
