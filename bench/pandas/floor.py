"""The floor of the pandas benchmark: what a careful engineer writes by hand to compare the two feature functions.
Read the Parquet file, run both functions, join on transaction_id, compare each feature by the spec's tolerance (a
null on one side only is a mismatch, nulls on both sides agree). Prints one JSON line like the other tools.

    python bench/pandas/floor.py bench/data/ecommerce-1000k.parquet
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from offline_features import extract_features  # noqa: E402
from online_features import get_features  # noqa: E402


def mismatches(training: pd.Series, serving: pd.Series, tolerance: float | None) -> int:
    """Rows where the two values differ beyond the tolerance, or where exactly one is null."""
    a_null, b_null = training.isna().to_numpy(), serving.isna().to_numpy()
    if tolerance is None:
        differ = (training.to_numpy(object) != serving.to_numpy(object)) & ~a_null & ~b_null
    else:
        a, b = training.to_numpy(np.float64, na_value=np.nan), serving.to_numpy(np.float64, na_value=np.nan)
        differ = ~(np.abs(a - b) <= tolerance) & ~a_null & ~b_null
    return int((differ | (a_null ^ b_null)).sum())


def main() -> None:
    spec = yaml.safe_load((HERE / "features.yml").read_text())
    data = pd.read_parquet(sys.argv[1])
    joined = extract_features(data).merge(get_features(data), on="transaction_id", suffixes=("_t", "_s"))
    counts = {}
    for feature in spec["features"]:
        name = feature["name"]
        tolerance = feature.get("tolerance", {}).get("abs") if feature["dtype"] in ("int", "float") else None
        counts[name] = mismatches(joined[f"{name}_t"], joined[f"{name}_s"], tolerance)
    missing = len(data) - len(joined)
    print(json.dumps({"tool": "floor", "rows": len(joined), "missing": missing, "mismatches": counts}))


if __name__ == "__main__":
    main()
