"""Process-wide settings read from the environment, changed only for the duration of a call.

Libraries such as huggingface_hub, datasets and sacrebleu are configured by environment variables
(``HF_HUB_OFFLINE``, ``HF_DATASETS_OFFLINE``, ``SACREBLEU_SEED``). glossalign never leaves such a
variable changed after the call that needed it: a caller's own setting is what the rest of its
process sees.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

OFFLINE_VARIABLES = ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE")


@contextmanager
def scoped_environ(**values: str | None) -> Iterator[None]:
    """Set each variable (``None``: remove it) inside the block; restore the previous state after.

    Not thread-safe, as ``os.environ`` itself is not: call it around imports and model loading,
    not in worker threads.
    """
    previous = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            _assign(name, value)
        yield
    finally:
        for name, value in previous.items():
            _assign(name, value)


@contextmanager
def hub_offline() -> Iterator[None]:
    """The Hugging Face hub and datasets switched off inside the block, unless the caller has
    already chosen (an explicit ``HF_HUB_OFFLINE=0`` is respected)."""
    with scoped_environ(**{name: os.environ.get(name, "1") for name in OFFLINE_VARIABLES}):
        yield


def _assign(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


HUB_HOST = ("huggingface.co", 443)


def hub_reachable(timeout: float = 2.0) -> bool:
    """Whether the hub accepts a connection within ``timeout`` seconds (DNS included, never
    blocking longer: the probe runs in a daemon thread)."""
    answer: list[bool] = []

    def probe() -> None:
        try:
            with socket.create_connection(HUB_HOST, timeout=timeout):
                answer.append(True)
        except OSError:
            answer.append(False)

    worker = threading.Thread(target=probe, daemon=True)
    worker.start()
    worker.join(timeout)
    return bool(answer and answer[0])
