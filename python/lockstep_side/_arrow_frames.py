"""Arrow tables to pandas/polars frames and back, for frame sides (see ``serve_arrow``).

Imported only by ``serve_arrow``: pyarrow, and pandas or polars, are needed only by frame sides.
"""

from __future__ import annotations

from typing import Any, List

from ._serve import RowError

HELPERS = ("_id", "_entity", "_timestamp")


class Int64Overflow(RowError):
    """A feature value that does not fit the int64 Arrow column it must travel in."""


def to_frame(pa: Any, table: Any, library: str) -> Any:
    """The batch as the library's DataFrame: ints int64 (pandas: ``Int64`` when the column may hold nulls), floats
    float64 with NaN kept, strings, bools (pandas: ``boolean`` when nullable), timestamps in UTC."""
    if library == "polars":
        import polars as pl

        return pl.from_arrow(table)
    import pandas as pd

    # Only a nullable int64 or bool field needs pandas' masked dtypes; the mapping goes by type, so the fields of that
    # type that cannot be null are cast back afterwards. One block per column: no copy to consolidate the blocks.
    masked = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    mapper = {field.type: masked[field.type] for field in table.schema if field.nullable and field.type in masked}.get
    frame = table.to_pandas(types_mapper=mapper, split_blocks=True)
    for field in table.schema:
        if field.nullable or mapper(field.type) is None:
            continue
        frame[field.name] = frame[field.name].astype("int64" if pa.types.is_int64(field.type) else "bool")
    return frame


def _plain_type(pa: Any, column: Any) -> Any:
    """A column in the Arrow types Lockstep reads: views and large variants cast down, dictionaries decoded."""
    kind = column.type
    if pa.types.is_dictionary(kind):
        return _plain_type(pa, column.cast(kind.value_type))
    if pa.types.is_large_string(kind) or getattr(pa.types, "is_string_view", lambda _: False)(kind):
        return column.cast(pa.string())
    if pa.types.is_large_list(kind):
        return column.cast(pa.list_(kind.value_type))
    return column


def _pandas_column(pa: Any, name: str, series: Any) -> Any:
    import numpy as np

    dtype = series.dtype
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        return pa.array(series.to_numpy(), type=pa.from_numpy_dtype(dtype))  # NaN stays NaN, not null
    try:
        return pa.array(series, from_pandas=True)
    except OverflowError as error:
        raise Int64Overflow(
            f'int64_overflow: feature "{name}" holds an integer beyond int64 (-2^63 to 2^63-1), which an Arrow frame '
            "cannot carry; return it as a string or a float, or serve this side over the line protocol"
        ) from error


def _matched_pandas(frame: Any, result: Any) -> Any:
    """The result's rows in input order with the ``_id`` column, matched by ``_id`` or by index label."""
    if "_id" in result.columns:
        return result
    if result.index.equals(frame.index) and result.index.is_unique:  # the input's rows in the input's order
        return result.assign(_id=frame["_id"].array)  # the array as is: to_numpy() would make Python strings
    if len(result.index) == len(frame.index) and result.index.is_unique and result.index.isin(frame.index).all():
        result = result.reindex(frame.index)
        return result.assign(_id=frame["_id"].array)
    raise ValueError(
        f"cannot match the {len(result.index)} result rows to the {len(frame.index)} input rows: "
        "keep the _id column or the input's index labels"
    )


def to_table(pa: Any, frame: Any, result: Any) -> Any:
    """The answer table: ``_id`` plus every column of the result except the input's helper columns."""
    if hasattr(result, "to_arrow") and not hasattr(result, "iloc"):  # a polars DataFrame
        if "_id" not in result.columns:
            if result.height != frame.height:
                raise ValueError(
                    f"cannot match the {result.height} result rows to the {frame.height} input rows: keep the _id column or the row order"
                )
            result = result.with_columns(frame.get_column("_id"))
        table = result.to_arrow()
        names: List[str] = [n for n in table.column_names if n not in HELPERS[1:]]
        return pa.table({n: _plain_type(pa, table.column(n)) for n in names})
    if hasattr(result, "iloc"):  # a pandas DataFrame
        result = _matched_pandas(frame, result)
        names = [n for n in result.columns if n not in HELPERS[1:]]
        return pa.table({str(n): _plain_type(pa, _pandas_column(pa, str(n), result[n])) for n in names})
    raise TypeError(f"compute must return a DataFrame with one column per feature, got {type(result).__name__}")
