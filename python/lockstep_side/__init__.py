"""Write a Lockstep side in Python.

Lockstep runs a side as a child process and speaks one JSON object per line over its stdin and stdout (stderr is
free for logs). This package implements that protocol with the standard library only:

* ``serve_records(features)`` - record-wise: ``features(input) -> dict`` per request.
* ``serve_entities(compute)`` - entity-wise: ``compute(records) -> list[dict]`` per batch (records of an entity
  contiguous and in time order, each ``{"id", "entity", "timestamp", "input"}``).
* ``serve_frames(compute)`` - entity-wise with pandas: ``compute(frame) -> DataFrame`` per batch.
* ``serve_arrow(compute, library="pandas"|"polars")`` - a frame side (``protocol: 'arrow'``): batches arrive as Arrow
  record batches typed from the contract and are answered with Arrow (needs pyarrow; imported only when used).

Each takes an optional ``reset=`` hook that clears the state the side keeps across calls (an online store); Lockstep
calls it through the protocol's reset line before every golden or fuzz case when the side declares ``reset: true``.

Each call blocks until stdin closes and then returns, so a script ends with exit code 0.
"""

from ._arrow import serve_arrow
from ._serve import RowError, serve_entities, serve_frames, serve_records
from ._version import __version__

__all__ = ["RowError", "__version__", "serve_arrow", "serve_entities", "serve_frames", "serve_records"]
