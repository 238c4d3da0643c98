"""Deterministic generator of the e-commerce transactions table of the pandas benchmark, written to Parquet.

Columns in the style of SkewSentry's e-commerce example: transaction_id, user_id, timestamp, price, quantity (negative
for a return), category, payment_method, country, is_return, is_weekend. Rows are in time order (the order a
production log has), one transaction per row, about 20 per user over 90 days. Two things the feature code must get
right are planted on purpose:
- 3% of users pay a subscription every week at exactly the same instant, so a 7-day window meets a transaction exactly
  on its boundary (the window's closed side decides whether it counts);
- 0.2% of rows have no country (the feature code's fill value decides what it becomes).

    python bench/pandas/generate.py --rows 1000000 --out bench/data/ecommerce-1000k.parquet
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

DAY_MS = 86_400_000
START_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z
PERIOD_DAYS = 90
CATEGORIES = ["books", "clothing", "electronics", "grocery", "home", "sports", "toys"]
CATEGORY_WEIGHTS = [0.12, 0.22, 0.15, 0.2, 0.14, 0.1, 0.07]
PAYMENT_METHODS = ["apple_pay", "credit_card", "debit_card", "google_pay", "paypal"]
COUNTRIES = ["US", "UK", "DE", "FR", "CA", "AU", "JP", "NL", "IT", "ES"]
COUNTRY_WEIGHTS = [0.35, 0.12, 0.1, 0.09, 0.08, 0.06, 0.06, 0.05, 0.05, 0.04]


def generate(rows: int, seed: int = 11) -> pd.DataFrame:
    """The transactions table: `rows` rows, `rows // 20` users (at least 10), deterministic for a seed."""
    rng = np.random.default_rng(seed)
    users = max(10, rows // 20)
    user_country = rng.choice(len(COUNTRIES), size=users, p=COUNTRY_WEIGHTS)
    user_payment = rng.integers(0, len(PAYMENT_METHODS), size=users)

    # Weekly subscriptions: exactly 7 days apart, same millisecond each week.
    subscribers = rng.choice(users, size=max(1, users * 3 // 100), replace=False)
    weeks = rng.integers(2, 13, size=subscribers.size)
    first = rng.integers(0, (PERIOD_DAYS - 7 * 12) * DAY_MS, size=subscribers.size)
    sub_user = np.repeat(subscribers, weeks)
    sub_ts = np.repeat(first, weeks) + (np.arange(sub_user.size) - np.repeat(np.cumsum(weeks) - weeks, weeks)) * 7 * DAY_MS
    sub_user, sub_ts = sub_user[: rows // 2], sub_ts[: rows // 2]

    # Everything else: users drawn with a skew (some shop far more often than others), times uniform in the period.
    rest = rows - sub_user.size
    user = np.concatenate([sub_user, (users * rng.random(rest) ** 1.6).astype(np.int64)])
    ts = np.concatenate([sub_ts, rng.integers(0, PERIOD_DAYS * DAY_MS, size=rest)]) + START_MS
    # No two transactions of a user share an instant (a window over equal times would depend on row order).
    while True:
        order = np.lexsort((ts, user))
        same = np.zeros(rows, dtype=bool)
        same[order[1:]] = (user[order[1:]] == user[order[:-1]]) & (ts[order[1:]] == ts[order[:-1]])
        if not same.any():
            break
        ts[same] += 1

    is_return = rng.random(rows) < 0.05
    quantity = rng.integers(1, 4, size=rows)
    price = np.round(np.exp(rng.normal(3.4, 1.1, size=rows)), 2) + 0.5
    payment = np.where(rng.random(rows) < 0.7, user_payment[user], rng.integers(0, len(PAYMENT_METHODS), size=rows))
    country = np.array(COUNTRIES, dtype=object)[user_country[user]]
    country[rng.random(rows) < 0.002] = None

    table = pd.DataFrame(
        {
            "user_id": user.astype(np.int64),
            "timestamp": pd.to_datetime(ts, unit="ms", utc=True),
            "price": price,
            "quantity": np.where(is_return, -quantity, quantity).astype(np.int64),
            "category": np.array(CATEGORIES, dtype=object)[
                rng.choice(len(CATEGORIES), size=rows, p=CATEGORY_WEIGHTS)
            ],
            "payment_method": np.array(PAYMENT_METHODS, dtype=object)[payment],
            "country": country,
            "is_return": is_return,
        }
    )
    table = table.sort_values(["timestamp", "user_id"], kind="stable").reset_index(drop=True)
    table["is_weekend"] = table["timestamp"].dt.day_of_week >= 5
    table.insert(0, "transaction_id", np.arange(1, rows + 1, dtype=np.int64))
    return table


def write(table: pd.DataFrame, out: str) -> None:
    """Writes the table as Parquet (snappy, row groups of 128k rows, timestamps in milliseconds UTC)."""
    arrow = pa.Table.from_pandas(table, preserve_index=False)
    arrow = arrow.cast(arrow.schema.set(arrow.schema.get_field_index("timestamp"), pa.field("timestamp", pa.timestamp("ms", tz="UTC"))))
    pq.write_table(arrow, out, row_group_size=131_072, compression="snappy")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    write(generate(args.rows, args.seed), args.out)


if __name__ == "__main__":
    main()
