"""The session-spend training features, computed by a PySpark batch job over the logged requests.

Reads the production log (JSON Lines: id, input.user_id, input.ts, input.amount), computes each event's features with
window functions over the user's history ordered by event time, and writes one row per record id to Parquet, for
`lockstep replay` to join to the log by id and compare with the features the online store served.

    .venv/bin/python examples/spark-sessions/training_job.py \
        --log examples/spark-sessions/logs/sessions.jsonl --out examples/spark-sessions/features.parquet

Windows follow the contract: (t - 7 d, t] and (t - 1 h, t], at millisecond resolution. `rangeBetween` bounds are
inclusive, so the frame starts one millisecond after t - 7 d.
"""

import argparse

from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

HOUR_MS = 3_600_000
WEEK_MS = 7 * 24 * HOUR_MS

LOG_SCHEMA = T.StructType(
    [
        T.StructField("id", T.StringType()),
        T.StructField(
            "input",
            T.StructType(
                [
                    T.StructField("user_id", T.StringType()),
                    T.StructField("ts", T.StringType()),
                    T.StructField("amount", T.DoubleType()),
                ]
            ),
        ),
    ]
)


def spark_session() -> SparkSession:
    """A small local session: one or two cores, no UI, few shuffle partitions, UTC, Parquet timestamps as micros."""
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("lockstep-session-spend")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def training_features(spark: SparkSession, log: str):
    """One row per logged record: its id and its features over the user's history."""
    events = (
        spark.read.schema(LOG_SCHEMA)
        .json(log)
        .select(
            "id",
            F.col("input.user_id").alias("user_id"),
            F.to_timestamp("input.ts").alias("ts"),
            F.col("input.amount").alias("amount"),
        )
        .withColumn("ts_ms", F.unix_millis("ts"))
    )
    by_user = Window.partitionBy("user_id").orderBy("ts_ms")
    week = by_user.rangeBetween(-(WEEK_MS - 1), 0)
    hour = by_user.rangeBetween(-(HOUR_MS - 1), 0)
    return events.select(
        "id",
        F.sum("amount").over(week).alias("spend_7d"),
        F.count(F.lit(1)).over(week).alias("events_7d"),
        F.count(F.lit(1)).over(hour).alias("events_1h"),
        F.avg("amount").over(week).alias("avg_amount_7d"),
        ((F.col("ts_ms") - F.lag("ts_ms").over(by_user)) / 1000.0).alias("secs_since_prev"),
        F.lag("ts").over(by_user).alias("prev_event_at"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", required=True, help="the production log (JSON Lines)")
    parser.add_argument("--out", required=True, help="the Parquet folder to write (replaced)")
    args = parser.parse_args()
    spark = spark_session()
    try:
        training_features(spark, args.log).coalesce(1).write.mode("overwrite").parquet(args.out)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
