"""A pause of the garbage collector while a document's objects are built in bulk.

Loading a document makes hundreds of thousands of small containers that all
live on; the cyclic collector, which runs every few hundred allocations, walks
them again and again for nothing, so loading grows faster than the document.
`paused` switches it off for the length of the build and back on after, as it
was: nesting and threads count, and the last one out restores the setting.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["paused"]


class _Pause:
    """Who holds the collector off, and whether it ran before the first of them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.holders = 0
        self.was_enabled = False

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        with self.lock:
            if self.holders == 0:
                self.was_enabled = gc.isenabled()
                gc.disable()
            self.holders += 1
        try:
            yield
        finally:
            with self.lock:
                self.holders -= 1
                if self.holders == 0 and self.was_enabled:
                    gc.enable()


_PAUSE = _Pause()


def paused() -> contextlib.AbstractContextManager[None]:
    """Keep the cyclic garbage collector off inside the block (it runs again after)."""
    return _PAUSE.held()
