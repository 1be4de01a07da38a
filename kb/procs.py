"""Worker processes that never outlive the process that started them.

A forked worker (ingest, parallel rebuild) must stop as soon as its parent is gone, whatever
killed the parent: otherwise it keeps writing after the parent's caller believes the run over,
and waits forever on a queue nobody feeds. Two independent signals end it:
- Linux's parent-death signal (prctl PR_SET_PDEATHSIG = SIGKILL), set first thing in the child;
- a pipe whose write end only the parent holds: the child's watcher thread reads EOF when the
  parent dies (on any platform with fork) and ends the child at once.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from collections.abc import Iterable

_PR_SET_PDEATHSIG = 1
_EXIT_PARENT_GONE = 70


class ParentWatch:
    """Made in the parent before forking; `attach()` runs first thing in each child."""

    def __init__(self) -> None:
        self.parent_pid = os.getpid()
        self._read, self._write = os.pipe()

    def attach(self) -> None:
        """In a child: die with the parent (signal and pipe), and die now if it is already gone."""
        os.close(self._write)
        if sys.platform.startswith("linux"):
            try:
                libc = ctypes.CDLL(None, use_errno=True)
                libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            except (OSError, AttributeError):
                pass  # the pipe watch below still ends the child
        if os.getppid() != self.parent_pid:  # the parent died before the signal was armed
            os._exit(_EXIT_PARENT_GONE)
        threading.Thread(target=self._watch, name="parent-watch", daemon=True).start()

    def _watch(self) -> None:
        try:
            while os.read(self._read, 1):
                pass
        except OSError:
            pass
        os._exit(_EXIT_PARENT_GONE)

    def close(self) -> None:
        """In the parent, once its workers are done: release both pipe ends."""
        for fd in (self._read, self._write):
            try:
                os.close(fd)
            except OSError:
                pass


def stop_processes(procs: Iterable, grace: float = 3.0) -> None:
    """Terminate multiprocessing processes still alive, then kill those that ignore it; reap all."""
    procs = list(procs)
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(grace)
        if p.is_alive():
            p.kill()
            p.join(grace)
