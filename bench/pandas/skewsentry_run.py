"""SkewSentry on the pandas benchmark, as its README's Python API runs it: the spec from YAML, both feature functions
by `module:function` through PythonFunctionAdapter, `run_check` on the Parquet file (what `skewsentry check` does).
Prints one JSON line: the rows compared and each feature's mismatch count (from SkewSentry's own mismatch masks).
FeatureSpec comes from skewsentry.spec: 0.1.1 exports nothing at the package's top.

    python bench/pandas/skewsentry_run.py bench/data/ecommerce-1000k.parquet
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from skewsentry.spec import FeatureSpec  # noqa: E402
from skewsentry.adapters.python import PythonFunctionAdapter  # noqa: E402
from skewsentry.runner import run_check  # noqa: E402


def main() -> None:
    report = run_check(
        spec=FeatureSpec.from_yaml(str(HERE / "features.yml")),
        data=sys.argv[1],
        offline=PythonFunctionAdapter("offline_features:extract_features"),
        online=PythonFunctionAdapter("online_features:get_features"),
    )
    rows = report.per_feature[0].num_rows_compared if report.per_feature else 0
    mismatches = {r.feature_name: int(r.mismatch_mask.sum()) for r in report.per_feature}
    missing = report.alignment.missing_in_offline_count + report.alignment.missing_in_online_count
    print(json.dumps({"tool": "skewsentry", "rows": rows, "missing": missing, "ok": report.ok, "mismatches": mismatches}))


if __name__ == "__main__":
    main()
