"""Offline (training) features of the pandas benchmark: the batch pipeline, written as a data scientist would.

The 12 features of SkewSentry's e-commerce example, computed for every transaction over the user's history up to and
including it (groupby + time-based rolling windows). `extract_features(df)` takes the transactions table in any row
order and returns `transaction_id` and the 12 features, one row per input row, in the input's order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

FEATURES = [
    "spend_7d",
    "spend_30d",
    "txn_count_7d",
    "avg_days_between_txns",
    "return_rate",
    "weekend_frequency",
    "days_since_last_txn",
    "electronics_affinity",
    "country",
    "primary_payment_method",
    "user_type",
    "is_high_value",
]


def _user_type(count_30d: pd.Series) -> pd.Series:
    return pd.cut(
        count_30d, bins=[0, 2, 9, 24, np.inf], labels=["casual", "regular", "power", "enterprise"], right=True
    ).astype(str)


def extract_features(df: pd.DataFrame) -> pd.DataFrame:
    """The training features of every transaction, from the user's history up to and including it."""
    # The index keeps each row's position in the input, to hand the features back in the input's order.
    df = df.reset_index(drop=True).sort_values(["user_id", "timestamp"], kind="stable")
    df = df.assign(
        order_value=df["price"] * df["quantity"],
        gross_order_value=df["price"] * df["quantity"].abs(),
    )
    df["electronics_value"] = df["gross_order_value"].where(df["category"] == "electronics", 0.0)
    by_user = df.groupby("user_id", sort=False)

    # Time windows (t - 7d, t] and (t - 30d, t]: pandas' default closed="right".
    window_7d = df.groupby("user_id", sort=False).rolling("7D", on="timestamp")
    window_30d = df.groupby("user_id", sort=False).rolling("30D", on="timestamp")
    spend_7d = window_7d["order_value"].sum().to_numpy()
    txn_count_7d = window_7d["order_value"].count().to_numpy()
    spend_30d = window_30d["order_value"].sum().to_numpy()
    count_30d = window_30d["order_value"].count().to_numpy()

    # Affinity over the last 30 transactions.
    last_30 = df.groupby("user_id", sort=False)[["electronics_value", "gross_order_value"]].rolling(30, min_periods=1)
    sums = last_30.sum()
    affinity = (sums["electronics_value"] / sums["gross_order_value"]).fillna(0.0).to_numpy()

    # Expanding statistics over the whole history so far.
    n = by_user.cumcount().to_numpy() + 1
    first_ts = by_user["timestamp"].transform("first")
    prev_ts = by_user["timestamp"].shift(1)
    span_days = (df["timestamp"] - first_ts).dt.total_seconds() / 86400
    avg_days = (span_days / (n - 1)).where(n > 1)
    returns = by_user["is_return"].cumsum().to_numpy()
    weekends = by_user["is_weekend"].cumsum().to_numpy()

    # The payment method used most so far (ties: first in alphabetical order).
    counts = pd.get_dummies(df["payment_method"], dtype=np.int32)
    counts = counts[sorted(counts.columns)].groupby(df["user_id"], sort=False).cumsum()
    primary = counts.idxmax(axis=1)

    out = pd.DataFrame(
        {
            "transaction_id": df["transaction_id"].to_numpy(),
            "spend_7d": np.round(spend_7d, 2),
            "spend_30d": np.round(spend_30d, 2),
            "txn_count_7d": txn_count_7d.astype(np.int64),
            "avg_days_between_txns": avg_days.round(1).to_numpy(),
            "return_rate": np.round(returns / n, 3),
            "weekend_frequency": np.round(weekends / n, 3),
            "days_since_last_txn": ((df["timestamp"] - prev_ts).dt.total_seconds() / 86400).round(1).to_numpy(),
            "electronics_affinity": np.round(affinity, 3),
            "country": df["country"].fillna("UNKNOWN").to_numpy(),
            "primary_payment_method": primary.to_numpy(),
            "user_type": _user_type(pd.Series(count_30d)).to_numpy(),
            "is_high_value": (df["gross_order_value"] > 500).to_numpy(),
        },
        index=df.index,
    )
    return out.sort_index()
