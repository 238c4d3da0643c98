"""Lockstep's frame sides of the pandas benchmark: the same two feature functions SkewSentry and the floor script call,
served over Arrow batches by `lockstep_side.serve_arrow`. Each batch holds whole user histories; the function's rows
come back in the batch's row order, so they are matched by index label.

    python bench/pandas/frame_sides.py training|serving
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lockstep_side import serve_arrow  # noqa: E402
from offline_features import extract_features  # noqa: E402
from online_features import get_features  # noqa: E402

FUNCTIONS = {"training": extract_features, "serving": get_features}
# Features with no value for a user's first transaction: pandas says NaN, the contract says null. A float64 NaN
# travels as NaN (a value, which no tolerance matches); a nullable Float64 column's missing value travels as null.
NULLABLE = ["avg_days_between_txns", "days_since_last_txn"]


def main() -> None:
    function = FUNCTIONS[sys.argv[1]]

    def compute(frame):
        features = function(frame).drop(columns=["transaction_id"])
        features[NULLABLE] = features[NULLABLE].astype("Float64")
        features.index = frame.index
        return features

    serve_arrow(compute, library="pandas")


if __name__ == "__main__":
    main()
