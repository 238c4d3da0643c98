"""examples/card-fraud/training.py through the protocol: the semantics training.ts defines."""

from __future__ import annotations

import math
from datetime import datetime, timezone

import pytest

from conftest import REPO

pytest.importorskip("pandas")

TRAINING = REPO / "examples" / "card-fraud" / "training.py"
DAY = 86_400_000
WEEK = 7 * DAY


def ms(iso: str) -> int:
    return int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000)


def txn(request_id, card, timestamp, amount=10.0, name="Shop", category="grocery", tz="UTC"):
    iso = datetime.fromtimestamp(timestamp / 1000, timezone.utc).isoformat().replace("+00:00", "Z")
    return {
        "id": request_id,
        "entity": card,
        "timestamp": timestamp,
        "input": {
            "card_id": card,
            "txn_id": request_id,
            "ts": iso,
            "amount": amount,
            "merchant_name": name,
            "merchant_category": category,
            "cardholder_tz": tz,
        },
    }


def features(side, lines):
    run = side.run(TRAINING, lines + [{"end": "batch"}])
    assert run.returncode == 0, run.stderr
    return run


def test_window_is_right_closed_seven_days(side):
    t0 = ms("2026-03-02T12:00:00Z")
    run = features(
        side,
        [
            txn("a", "c1", t0, amount=1.0),
            txn("b", "c1", t0 + WEEK - 1, amount=2.0),  # 1 ms inside a's window
            txn("c", "c1", t0 + WEEK, amount=4.0),  # exactly 7 days after a: a is out
            txn("d", "c1", t0 + WEEK, amount=8.0),  # same instant as c, later in arrival order
        ],
    )
    f = {i: r["features"] for i, r in run.by_id.items()}
    assert f["a"]["txn_count_7d"] == 1 and f["a"]["avg_amount_prev_7d"] == 0.0 and f["a"]["prev_txn_at"] is None
    assert f["b"]["txn_count_7d"] == 2 and f["b"]["amount_sum_7d"] == pytest.approx(3.0)
    assert f["c"]["txn_count_7d"] == 2 and f["c"]["amount_sum_7d"] == pytest.approx(6.0)
    assert f["c"]["avg_amount_prev_7d"] == pytest.approx(2.0)
    assert f["d"]["txn_count_7d"] == 3 and f["d"]["amount_sum_7d"] == pytest.approx(14.0)
    assert f["d"]["avg_amount_prev_7d"] == pytest.approx(3.0)
    assert f["b"]["prev_txn_at"] == "2026-03-02T12:00:00.000Z"
    assert f["d"]["prev_txn_at"] == "2026-03-09T12:00:00.000Z"
    assert type(f["d"]["txn_count_7d"]) is int and type(f["a"]["avg_amount_prev_7d"]) is float


def test_cards_are_independent_and_out_of_order_arrivals_are_sorted(side):
    t0 = ms("2026-03-02T12:00:00Z")
    run = features(
        side,
        [
            txn("x2", "c2", t0 + 1000, amount=5.0),
            txn("x1", "c2", t0, amount=3.0),
            txn("y1", "c3", t0 + 500, amount=100.0),
        ],
    )
    assert run.by_id["x2"]["features"]["txn_count_7d"] == 2
    assert run.by_id["x2"]["features"]["prev_txn_at"] == "2026-03-02T12:00:00.000Z"
    assert run.by_id["x1"]["features"]["prev_txn_at"] is None
    assert run.by_id["y1"]["features"]["txn_count_7d"] == 1


def test_python_round_len_and_tokens(side):
    t0 = ms("2026-03-02T12:00:00Z")
    cases = {
        "half0": (0.5, 0),
        "half1": (1.5, 2),
        "half2": (2.5, 2),
        "below": (2.4999999999999996, 2),
        "big": (999999.5, 1000000),
        "int": (7, 7),
    }
    lines = [txn(k, f"c_{k}", t0, amount=a) for k, (a, _) in cases.items()]
    names = {"emoji": ("A\U0001f600B", 3, 1), "ideo": ("a\u3000b  c", 6, 3), "nel": ("a\x85b", 3, 1), "bom": ("x\ufeffy", 3, 2)}
    lines += [txn(k, f"c_{k}", t0, name=n) for k, (n, _, _) in names.items()]
    run = features(side, lines)
    for k, (amount, rounded) in cases.items():
        got = run.by_id[k]["features"]
        assert got["amount_rounded"] == rounded and type(got["amount_rounded"]) is int, k
        assert got["log_amount"] == pytest.approx(math.log1p(amount), abs=1e-12)
    for k, (_, length, tokens) in names.items():
        got = run.by_id[k]["features"]
        assert (got["merchant_name_length"], got["merchant_token_count"]) == (length, tokens), k


def test_local_time_weekend_and_category(side):
    saturday_utc = ms("2026-03-07T20:30:00Z")  # Sunday 07:30 in Sydney, Saturday 15:30 in New York
    monday_utc = ms("2026-03-09T01:00:00Z")  # Sunday 21:00 in New York
    run = features(
        side,
        [
            txn("syd", "c1", saturday_utc, tz="Australia/Sydney", category="travel"),
            txn("ny", "c2", saturday_utc, tz="America/New_York", category="crypto"),
            txn("ny2", "c3", monday_utc, tz="America/New_York", category="Grocery"),
            txn("kolkata", "c4", monday_utc, tz="Asia/Kolkata", category="pharmacy"),
        ],
    )
    f = {i: r["features"] for i, r in run.by_id.items()}
    assert (f["syd"]["hour_of_day"], f["syd"]["day_of_week"], f["syd"]["is_weekend"]) == (7, 6, True)
    assert (f["ny"]["hour_of_day"], f["ny"]["day_of_week"], f["ny"]["is_weekend"]) == (15, 5, True)
    assert (f["ny2"]["hour_of_day"], f["ny2"]["day_of_week"], f["ny2"]["is_weekend"]) == (21, 6, True)
    assert (f["kolkata"]["hour_of_day"], f["kolkata"]["day_of_week"], f["kolkata"]["is_weekend"]) == (6, 0, False)
    assert [f[k]["merchant_category"] for k in ("syd", "ny", "ny2", "kolkata")] == ["travel", "other", "other", "pharmacy"]


def test_an_unknown_time_zone_fails_its_card_only(side):
    t0 = ms("2026-03-02T12:00:00Z")
    run = features(
        side,
        [
            txn("bad1", "c1", t0, tz="UTC"),
            txn("bad2", "c1", t0 + 1, tz="Mars/Olympus_Mons"),
            txn("good", "c2", t0, tz="Europe/Paris"),
        ],
    )
    assert "Mars/Olympus_Mons" in run.by_id["bad1"]["error"] and "Mars/Olympus_Mons" in run.by_id["bad2"]["error"]
    assert run.by_id["good"]["features"]["hour_of_day"] == 13
