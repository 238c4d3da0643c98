"""Keeps freed memory for the next batch instead of returning it to the system (glibc only), for frame sides.

A frame side allocates and frees the same few hundred MB for every batch (the frame, the feature code's temporaries,
the answer). glibc's default thresholds hand much of it back to the kernel after each batch and take it again for the
next one, a page fault per 4 KiB page: on the pandas benchmark that was a quarter of the side's CPU outside the
feature code. With these thresholds a freed block stays in the heap for reuse; the heap never grows past what a batch
needs at its peak.
"""

from __future__ import annotations

import os

# mallopt(3) parameters and the values set: blocks under 32 MiB (glibc's largest threshold) come from the heap, and
# up to 256 MiB free at its top is kept. Setting both also stops glibc's own adjustment of them.
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_MMAP_THRESHOLD = 32 << 20
_TRIM_THRESHOLD = 256 << 20
# A user's own tuning wins.
_USER_TUNING = ("GLIBC_TUNABLES", "MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_")


def keep_freed_memory() -> bool:
    """Sets the thresholds when the C library is glibc and the user set none; True when they were set."""
    if any(name in os.environ for name in _USER_TUNING):
        return False
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return False
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError, ValueError):  # not glibc, or no confstr / mallopt on this platform
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)) and bool(mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD))
