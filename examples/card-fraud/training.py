#!/usr/bin/env python3
"""Card-fraud features as the training pipeline computes them: pandas over each card's history, in batch.

Lockstep runs this as an entity-wise side (lockstep.config.ts): each batch arrives as a DataFrame with one row per
transaction, every card's transactions together and in time order, plus the helper columns ``_id``, ``_entity``
(the card) and ``_timestamp`` (epoch milliseconds). It computes the same features as training.ts:

* a right-closed 7-day window per card, (t - 7 days, t]: pandas' ``rolling('7D')`` default, closed='right';
* Python's ``round()`` (half to even) and ``len()`` (code points);
* the local hour and weekday (Monday = 0) in the cardholder's time zone;
* ``fillna(0)`` for the mean of an empty window, and null for the first transaction's ``prev_txn_at``.

Run it through Lockstep, or by hand: ``.venv/bin/python examples/card-fraud/training.py < requests.jsonl``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

try:
    from lockstep_side import serve_frames
except ImportError:  # a checkout where python/ is not installed: use it in place
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python"))
    from lockstep_side import serve_frames

MERCHANT_CATEGORIES = ["grocery", "restaurants", "fuel", "travel", "electronics", "apparel", "subscriptions", "pharmacy"]

# A token is a run of characters other than whitespace as training.ts splits on it (JavaScript's \s). Python's own
# str.split() differs on six characters: it also splits on U+001C-U+001F and U+0085, and not on U+FEFF.
TOKEN = r"[^\t\n\v\f\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"


def card_features(batch: pd.DataFrame) -> pd.DataFrame:
    # Each card's history by time, then by arrival order for transactions at the same instant.
    df = batch.assign(
        ts=pd.to_datetime(batch["_timestamp"], unit="ms", utc=True),
        arrival=np.arange(len(batch)),
        amount_f=batch["amount"].astype("float64"),
    ).sort_values(["_entity", "ts", "arrival"], kind="stable")

    # Rolling windows (t - 7d, t]. groupby(sort=False) keeps the frame's (already sorted) order, so the rolled values
    # line up with df row for row.
    window = df.groupby("_entity", sort=False).rolling("7D", on="ts")["amount_f"]
    df["txn_count_7d"] = window.count().to_numpy().astype("int64")
    df["amount_sum_7d"] = window.sum().to_numpy()
    earlier = df["txn_count_7d"] - 1
    df["avg_amount_prev_7d"] = ((df["amount_sum_7d"] - df["amount_f"]) / earlier.where(earlier > 0)).fillna(0)

    # Local calendar fields in each cardholder's time zone.
    df["hour_of_day"] = 0
    df["day_of_week"] = 0
    df["_error"] = None
    for tz, rows in df.groupby("cardholder_tz").groups.items():
        try:
            local = df.loc[rows, "ts"].dt.tz_convert(tz)
        except Exception as error:  # an unknown zone fails the whole card, as it does in training.ts
            cards = df.loc[rows, "_entity"].unique()
            df.loc[df["_entity"].isin(cards), "_error"] = f"{type(error).__name__}: unknown time zone {tz!r} ({error})"
            continue
        df.loc[rows, "hour_of_day"] = local.dt.hour
        df.loc[rows, "day_of_week"] = local.dt.day_of_week  # Monday = 0

    previous = df.groupby("_entity", sort=False)["ts"].shift()
    prev_txn_at = previous.dt.strftime("%Y-%m-%dT%H:%M:%S.%f").str[:-3] + "Z"

    category = df["merchant_category"]
    name = df["merchant_name"]
    return pd.DataFrame(
        {
            "_id": df["_id"],
            "_error": df["_error"],
            "log_amount": np.log1p(df["amount_f"]),
            "amount_rounded": df["amount"].map(round).astype("int64"),  # Python's round(): half to even
            "hour_of_day": df["hour_of_day"].astype("int64"),
            "day_of_week": df["day_of_week"].astype("int64"),
            "is_weekend": df["day_of_week"] >= 5,
            "merchant_category": category.where(category.isin(MERCHANT_CATEGORIES), "other"),
            "txn_count_7d": df["txn_count_7d"],
            "amount_sum_7d": df["amount_sum_7d"],
            "avg_amount_prev_7d": df["avg_amount_prev_7d"],
            "merchant_name_length": name.map(len),  # code points
            "merchant_token_count": name.str.count(TOKEN),
            "prev_txn_at": prev_txn_at.astype(object).where(previous.notna(), None),
        }
    )


if __name__ == "__main__":
    serve_frames(card_features)
