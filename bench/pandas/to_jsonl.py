"""Writes the benchmark's Parquet log as JSON lines, one ``{"input": {...}}`` record per row, as a serving log would
hold it: timestamps as ISO-8601 UTC text with milliseconds, missing values (NaN, None) as null.

Usage: python to_jsonl.py <log.parquet> <log.jsonl>
"""

import json
import sys

import pandas as pd

frame = pd.read_parquet(sys.argv[1])
for name in frame.columns:
    if pd.api.types.is_datetime64_any_dtype(frame[name]):
        frame[name] = frame[name].dt.strftime("%Y-%m-%dT%H:%M:%S.%f").str[:-3] + "Z"
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for record in frame.to_dict(orient="records"):
        fields = {k: (None if v is None or v != v else v) for k, v in record.items()}
        out.write(json.dumps({"input": fields}) + "\n")
