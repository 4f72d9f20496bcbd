"""Long-lived worker processes for the offline extractor, each of which can be stopped alone.

The pool forks its workers from a process that has loaded spaCy's pipeline, so they share the
model's memory copy-on-write. A worker works in rounds: it takes the few tasks waiting in its
pipe, parses them together (spaCy parses a few texts at once faster than one by one), then
finishes them one by one, answering each as soon as it is done; meanwhile its next tasks
already wait in the pipe. Each worker tells the parent when a round begins and when its parse
is done, so the parent always knows what every worker is on and since when:

- while a worker finishes a task, that task alone is on the clock; over its budget (or if the
  worker dies) that task fails, the worker is stopped and replaced, and the tasks it had not
  finished go to the next free worker;
- while a worker parses a round, its tasks share the clock; if the round runs over the budget
  (or the worker dies) nobody can tell which task is to blame, so each of them is tried again
  alone, where the one at fault fails on its own.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from summarizer.errors import ExtractionError

# Tasks a worker parses together, at most, and tasks it holds at once (a round and the next
# ones, waiting in its pipe).
ROUND = 8
DEPTH = 10
# How many bytes of tasks may wait in a busy worker's pipe: writing more would block the parent
# until the worker reads, which a worker stuck on a task never does. A larger task waits for a
# free worker, which reads it at once. Linux pipes are widened to _WIDE_PIPE where allowed.
_PIPE_ROOM = 16 * 1024 - 256
_WIDE_PIPE = 1024 * 1024
# How often a worker checks that its parent is still there (it exits when not).
_PARENT_CHECK_S = 1.0
_PR_SET_PDEATHSIG = 1  # prctl(2)
_STOP = b""

# Worker -> parent messages.
_BEGIN = "begin"  # (BEGIN, [keys]): a round of these tasks starts; its parse is next
_PARSED = "parsed"  # (PARSED,): the round's parse is done; the tasks are finished in order
_DONE = "done"  # (DONE, key, ok, value): one task's answer, or the exception it raised


class OverBudgetError(TimeoutError):
    """A task ran longer than its time budget: its worker was stopped."""


class WorkerDiedError(ExtractionError):
    """The worker process working on a task died."""


def can_fork() -> bool:
    """Whether worker processes can be forked here (and so share the loaded pipeline)."""
    return "fork" in multiprocessing.get_all_start_methods()


def _portable(error: Exception) -> Exception:
    """The error itself when it survives pickling, else an `ExtractionError` naming it."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return ExtractionError(f"{error.__class__.__name__}: {error}")
    return error


def _pack(message: tuple[Any, ...]) -> bytes:
    try:
        return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as e:  # an answer that cannot be pickled
        return pickle.dumps((_DONE, message[1], False, _portable(e)))


def _follow_parent(parent: int) -> None:
    """End this worker when its parent ends, however it ends, even in the middle of a task."""
    if sys.platform == "linux":  # the kernel's way, which works while a task holds the GIL
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _serve(
    parse: Callable[[list[Any]], list[Any]],
    finish: Callable[[Any, Any], Any],
    inbox: Connection,
    outbox: Connection,
    parent: int,
    inherited: list[Connection],
) -> None:
    """A worker's life: rounds of tasks, until told to stop or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _follow_parent(parent)
    for conn in inherited:  # the other workers' pipe ends, copied by the fork
        conn.close()
    held: collections.deque[tuple[int, bool, Any]] = collections.deque()  # read, not begun
    try:
        while True:
            while len(held) < ROUND and (not held or inbox.poll(0)):
                data = inbox.recv_bytes()
                if data == _STOP:
                    return
                held.append(pickle.loads(data))
            tasks = [held.popleft()]
            while held and len(tasks) < ROUND and not tasks[0][1] and not held[0][1]:
                tasks.append(held.popleft())  # a task to be tried alone gets a round of its own
            outbox.send_bytes(_pack((_BEGIN, [key for key, _, _ in tasks])))
            failed: Exception | None = None
            try:
                parsed = parse([task for _, _, task in tasks])
            except Exception as e:  # the round's tasks all fail with it
                failed, parsed = _portable(e), [None] * len(tasks)
            outbox.send_bytes(_pack((_PARSED,)))
            for (key, _, task), one in zip(tasks, parsed, strict=True):
                try:
                    if failed is not None:
                        raise failed
                    answer = (_DONE, key, True, finish(task, one))
                except Exception as e:
                    answer = (_DONE, key, False, _portable(e))
                outbox.send_bytes(_pack(answer))
    except (EOFError, OSError):  # the parent has gone
        return


def _widen(conn: Connection) -> int:
    """Make a pipe hold as much as allowed; how many bytes it holds."""
    if sys.platform == "linux":
        import fcntl

        with contextlib.suppress(OSError):
            fcntl.fcntl(conn.fileno(), fcntl.F_SETPIPE_SZ, _WIDE_PIPE)
        with contextlib.suppress(OSError):
            return max(_PIPE_ROOM, fcntl.fcntl(conn.fileno(), fcntl.F_GETPIPE_SZ) - 256)
    return _PIPE_ROOM


@dataclass(eq=False)
class _Task:
    key: int
    task: Any
    future: asyncio.Future[Any]
    alone: bool = False  # to be parsed in a round of its own
    size: int = 0  # bytes in the pipe


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    inbox: Connection  # the parent writes tasks here
    outbox: Connection  # and reads the worker's messages here
    room: int  # bytes of tasks its pipe holds
    sent: collections.deque[_Task] = field(default_factory=collections.deque)  # not begun
    round: collections.deque[_Task] = field(default_factory=collections.deque)  # unanswered
    parsing: bool = False  # the round's parse is under way: the culprit of a stall is unknown
    began: bool = False  # it has begun a round since it started
    timer: asyncio.TimerHandle | None = None

    @property
    def held(self) -> int:
        return len(self.sent) + len(self.round)

    @property
    def waiting_bytes(self) -> int:
        return sum(t.size for t in self.sent)


class WorkerPool:
    """Worker processes that run tasks in rounds, each task within its time budget.

    `parse(tasks)` is the shared stage of a round (one result per task) and
    `finish(task, parsed)` each task's own; both must be module-level functions. They run in
    worker processes forked from this one, so they see what this process had loaded when the
    worker started. Workers start when the first task comes and live until `close`. Every
    method is called from the event loop the pool was first used on (a new loop restarts the
    workers).
    """

    def __init__(
        self,
        parse: Callable[[list[Any]], list[Any]],
        finish: Callable[[Any, Any], Any],
        processes: int,
        *,
        budget_s: float | None = None,
    ) -> None:
        if not can_fork():
            raise ExtractionError("worker processes need os.fork, which this platform lacks")
        self.parse = parse
        self.finish = finish
        self.processes = max(1, processes)
        self.budget_s = budget_s
        self._context = multiprocessing.get_context("fork")
        self._slots: list[_Worker | None] = [None] * self.processes
        self._queue: collections.deque[_Task] = collections.deque()
        self._keys = itertools.count()
        self._loop: asyncio.AbstractEventLoop | None = None
        self.started = 0  # worker processes started, replacements included
        # A pool dropped without `close` (or left at exit) still ends its workers.
        weakref.finalize(self, _kill, self._slots)

    @property
    def pids(self) -> list[int]:
        """The process ids of the running workers."""
        return [w.process.pid for w in self._slots if w is not None and w.process.pid]

    async def run(self, task: Any) -> Any:
        """`finish(task, parse([task, ...])[i])` in a worker process, when one is free.

        Raises:
            OverBudgetError: It ran longer than `budget_s` (its worker was stopped).
            WorkerDiedError: Its worker process died.
            Exception: What `parse` or `finish` raised.
        """
        loop = asyncio.get_running_loop()
        if self._loop is not loop:  # workers answer on one loop: a new loop, new workers
            self.close()
            self._loop = loop
        entry = _Task(key=next(self._keys), task=task, future=loop.create_future())
        self._queue.append(entry)
        self._dispatch()
        try:
            return await entry.future
        except asyncio.CancelledError:
            self._abandon(entry)
            raise

    def close(self) -> None:
        """Stop every worker (a free one is asked to, a busy one is killed) and wait for them."""
        closed = ExtractionError("the offline extractor was closed")
        for index, worker in enumerate(self._slots):
            if worker is not None:
                self._slots[index] = None
                self._stop(worker, politely=not worker.held)
                for task in (*worker.round, *worker.sent):
                    self._settle(task, closed)
        for task in self._queue:
            self._settle(task, closed)
        self._queue.clear()

    async def aclose(self) -> None:
        """`close`, awaitable."""
        self.close()

    # --- giving out tasks ----------------------------------------------------------------

    def _dispatch(self) -> None:
        """Give queued tasks to workers, the least busy first, each up to `DEPTH`."""
        while self._queue:
            entry = self._queue[0]
            if entry.future.done():  # given up while it waited
                self._queue.popleft()
                continue
            index, worker = min(
                enumerate(self._slots), key=lambda s: -1 if s[1] is None else s[1].held
            )
            if worker is None:
                worker = self._slots[index] = self._start()
            data = pickle.dumps(
                (entry.key, entry.alone, entry.task), protocol=pickle.HIGHEST_PROTOCOL
            )
            idle = not worker.held
            if not idle and (
                worker.held >= DEPTH or worker.waiting_bytes + len(data) > worker.room
            ):
                return
            self._queue.popleft()
            try:
                worker.inbox.send_bytes(data)
            except OSError:  # it died a moment ago: the task waits for its replacement
                self._queue.appendleft(entry)
                self._lost(worker)
                continue
            entry.size = len(data)
            worker.sent.append(entry)

    def _start(self) -> _Worker:
        inbox_read, inbox_write = self._context.Pipe(duplex=False)
        outbox_read, outbox_write = self._context.Pipe(duplex=False)
        inherited = [c for w in self._slots if w is not None for c in (w.inbox, w.outbox)]
        inherited += [inbox_write, outbox_read]
        process = self._context.Process(
            target=_serve,
            args=(self.parse, self.finish, inbox_read, outbox_write, os.getpid(), inherited),
            name="summarizer-offline-worker",
            daemon=True,
        )
        process.start()
        inbox_read.close()
        outbox_write.close()
        worker = _Worker(
            process=process, inbox=inbox_write, outbox=outbox_read, room=_widen(inbox_write)
        )
        assert self._loop is not None
        self._loop.add_reader(outbox_read.fileno(), self._heard, worker)
        self.started += 1
        return worker

    # --- what the workers say --------------------------------------------------------------

    def _heard(self, worker: _Worker) -> None:
        """A worker's pipe is readable: a message, or its end."""
        try:
            message = pickle.loads(worker.outbox.recv_bytes())
        except (EOFError, OSError):
            self._lost(worker)
            return
        except Exception as e:  # an answer this process cannot unpickle
            key = worker.round[0].key if worker.round else -1
            message = (_DONE, key, False, ExtractionError(f"unreadable answer: {e}"))
        if message[0] == _BEGIN:
            for key in message[1]:
                task = worker.sent.popleft()
                assert task.key == key, "a worker takes its tasks in order"
                worker.round.append(task)
            worker.parsing = worker.began = True
        elif message[0] == _PARSED:
            worker.parsing = False
        else:
            _, key, ok, value = message
            task = worker.round.popleft()
            assert task.key == key, "a worker answers its tasks in order"
            self._settle(task, value if ok else _as_exception(value))
        self._clock(worker)
        self._dispatch()

    def _clock(self, worker: _Worker) -> None:
        """Restart the worker's clock for what it is on now: a round's parse, or one task."""
        if worker.timer is not None:
            worker.timer.cancel()
            worker.timer = None
        if worker.round and self.budget_s is not None and self._loop is not None:
            worker.timer = self._loop.call_later(self.budget_s, self._over_budget, worker)

    def _over_budget(self, worker: _Worker) -> None:
        if worker in self._slots:
            budget = f"{self.budget_s:g}" if self.budget_s is not None else "?"
            self._fail(worker, OverBudgetError(f"over its time budget of {budget} s"))

    def _lost(self, worker: _Worker) -> None:
        """A worker's process ended by itself."""
        if worker not in self._slots:
            return
        worker.process.join(1.0)
        code = worker.process.exitcode
        error = WorkerDiedError(
            f"the offline extractor's process died (exit code {code}); too little memory?"
        )
        if not worker.began and worker.sent:  # it died before taking anything: blame its first
            worker.round.append(worker.sent.popleft())
        self._fail(worker, error)

    def _fail(self, worker: _Worker, error: Exception) -> None:
        """Stop a worker that stalled or died and replace it.

        The task it was on fails with `error`; when that was a round's shared parse, the
        round's tasks are tried again alone instead. The others are given out again.
        """
        self._slots[self._slots.index(worker)] = None
        self._stop(worker, politely=False)
        again = list(worker.round)
        if len(again) > 1 and worker.parsing:
            for task in again:
                task.alone = True
        elif again:
            self._settle(again.pop(0), error)
        self._queue.extendleft(reversed([*again, *worker.sent]))
        worker.round.clear()
        worker.sent.clear()
        self._dispatch()

    def _abandon(self, entry: _Task) -> None:
        """Its caller gave up on a task: stop the worker that is on it, if any."""
        for worker in self._slots:
            if worker is not None and worker.round and worker.round[0] is entry:
                self._fail(worker, ExtractionError("cancelled"))
                return

    def _stop(self, worker: _Worker, *, politely: bool) -> None:
        if worker.timer is not None:
            worker.timer.cancel()
            worker.timer = None
        if self._loop is not None and not self._loop.is_closed():
            self._loop.remove_reader(worker.outbox.fileno())
        if politely:
            with contextlib.suppress(OSError):
                worker.inbox.send_bytes(_STOP)
            worker.process.join(1.0)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.inbox.close()
        worker.outbox.close()

    @staticmethod
    def _settle(task: _Task, result: Any) -> None:
        if task.future.done():
            return
        if isinstance(result, BaseException):
            task.future.set_exception(result)
        else:
            task.future.set_result(result)


def _kill(slots: list[_Worker | None]) -> None:
    for worker in slots:
        if worker is not None and worker.process.is_alive():
            worker.process.kill()
            worker.process.join()


def _as_exception(value: Any) -> Exception:
    return value if isinstance(value, Exception) else ExtractionError(str(value))


__all__ = ["DEPTH", "OverBudgetError", "WorkerDiedError", "WorkerPool", "can_fork"]
