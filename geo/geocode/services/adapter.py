"""geopy's urllib adapter, with a deadline for each whole answer and a cap on its size.

A socket timeout bounds each wait for a byte, not the answer: a server trickling a byte
every 2 s held a lookup for 400 s, and a 1 GB answer was read into memory whole. Here an
answer must arrive within ``DEADLINE_FACTOR`` times the request's timeout and be at most
``MAX_ANSWER_BYTES``, else the request fails like a timeout or a bad answer, and the
resolver retries or gives up as for any failure.
"""

from __future__ import annotations

import time

from geopy.adapters import URLLibAdapter
from geopy.exc import GeocoderServiceError, GeocoderTimedOut

MAX_ANSWER_BYTES = 5 * 1024 * 1024  # a geocoder's answer is kilobytes
DEADLINE_FACTOR = 2  # a whole answer may take twice the time allowed to wait for a byte
CHUNK = 64 * 1024


class BoundedURLLibAdapter(URLLibAdapter):
    def __init__(self, *, proxies, ssl_context):
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        opened = self.urlopen

        def urlopen(request, timeout):
            deadline = time.monotonic() + DEADLINE_FACTOR * timeout
            return BoundedAnswer(opened(request, timeout=timeout), deadline)

        self.urlopen = urlopen


class BoundedAnswer:
    """An HTTP response whose ``read`` stops at the deadline or the size cap."""

    def __init__(self, page, deadline: float):
        self._page = page
        self._deadline = deadline

    def read(self, amount: int | None = None) -> bytes:
        parts, size = [], 0
        while amount is None or size < amount:
            if time.monotonic() > self._deadline:
                raise GeocoderTimedOut("the answer did not arrive in time")
            chunk = self._page.read1(CHUNK) if hasattr(self._page, "read1") else \
                self._page.read(CHUNK)
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
            if size > MAX_ANSWER_BYTES:
                raise GeocoderServiceError(f"the answer is over {MAX_ANSWER_BYTES} bytes")
        return b"".join(parts)

    def __getattr__(self, name: str):
        return getattr(self._page, name)
