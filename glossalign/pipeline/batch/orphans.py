"""Worker processes end when the batch driver ends, even when it is killed with SIGKILL.

A killed driver cannot clean up, so each worker watches for itself: on Linux the kernel sends it
SIGTERM when its parent dies (``prctl(PR_SET_PDEATHSIG)``), and everywhere a daemon thread polls
the parent's pid once a second and ends the process when the worker has been re-parented.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import threading
import time

logger = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1
POLL_SECONDS = 1.0


def exit_with_parent(parent_pid: int, poll_seconds: float = POLL_SECONDS) -> None:
    """Make this process exit soon after ``parent_pid`` is gone (call it in the child)."""
    if sys.platform.startswith("linux"):
        _set_parent_death_signal(signal.SIGTERM)
    if os.getppid() != parent_pid:  # the parent died before we got here
        os._exit(1)
    watchdog = threading.Thread(target=_watch_parent, args=(parent_pid, poll_seconds),
                                name="glossalign-parent-watchdog", daemon=True)
    watchdog.start()


def _set_parent_death_signal(signum: int) -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0) != 0:
            logger.debug("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
    except (OSError, AttributeError) as error:  # no libc by that name: the watchdog remains
        logger.debug("prctl unavailable: %s", error)


def _watch_parent(parent_pid: int, poll_seconds: float) -> None:
    while True:
        time.sleep(poll_seconds)
        if os.getppid() != parent_pid:
            os._exit(1)  # no cleanup to run: the driver owns every output file
