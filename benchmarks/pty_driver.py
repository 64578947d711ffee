"""The real `crm-tui` under a pseudo-terminal: keys go in as bytes, the screen comes out.

Pilot's `press()` waits a fixed time of its own, so latency a user feels can only be seen
from outside: the app runs in a pty of a fixed size, the bytes it writes are fed to a
terminal emulator (pyte), and a key's latency is the time from writing it to the last
output that changed what the screen says, once the expected text is there and the output
has been quiet for a while.

The clock stops at the last change of the screen's *characters*: a blinking cursor rewrites
one cell's colours twice a second and would otherwise land inside the quiet period now and
then and pass for work the key caused.

Output is read by a process of its own the moment it arrives, and each chunk keeps the time
it arrived: pyte parses about 1.7 MB/s here, so a screen the app writes as 60 KB would
otherwise reach the clock some 40 ms late (and fill the pty, so the app itself would wait to
write). The times are the app's, not the emulator's. A reader *thread* was not enough: to
take each chunk it needs Python's GIL, which the thread feeding pyte holds for 5 ms at a
time, and a frame of 80 KB comes as twenty 4 KB chunks; a board the app had written by
207 ms was stamped as late as 273 ms. A terminal emulator takes such a frame in a few ms.
"""

from __future__ import annotations

import contextlib
import fcntl
import multiprocessing
import os
import pty
import queue
import signal
import struct
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyte

QUIET_SECONDS = 0.06
TIMEOUT_SECONDS = 30.0
READ_BYTES = 1 << 16

KEYS = {
    "enter": b"\r",
    "escape": b"\x1b",
    "down": b"\x1b[B",
    "up": b"\x1b[A",
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "f2": b"\x1bOQ",
    "f3": b"\x1bOR",
    "f4": b"\x1bOS",
    "f5": b"\x1b[15~",
    "f6": b"\x1b[17~",
    "f7": b"\x1b[18~",
    "f8": b"\x1b[19~",
    "f9": b"\x1b[20~",
    "ctrl+q": b"\x11",
    "ctrl+u": b"\x15",
    "backspace": b"\x7f",
}

Until = Callable[[str], bool]


class ScreenTimeout(RuntimeError):
    """The expected text never appeared; the message holds the screen as it was."""


@dataclass(frozen=True)
class Timing:
    """When, after the key was written, the expected text showed and the screen settled.

    `last_output` is the last byte of any kind (cursor blinks included), 0 if none came;
    `milestones` when each extra screen test asked for first held.
    """

    appeared: float
    settled: float
    last_output: float = 0.0
    milestones: dict[str, float] = field(default_factory=dict)


def contains(*texts: str) -> Until:
    """A screen test: every one of `texts` is on the screen."""
    return lambda screen: all(text in screen for text in texts)


def lacks(*texts: str) -> Until:
    """A screen test: none of `texts` is on the screen any more."""
    return lambda screen: not any(text in screen for text in texts)


class AppSession:
    """One running app in a pty; use as a context manager so it never outlives the run."""

    def __init__(self, argv: Sequence[str], *, env: Mapping[str, str] | None = None,
                 columns: int = 120, lines: int = 40) -> None:
        self.argv = list(argv)
        self.env = {**os.environ, **(env or {}), "TERM": "xterm-256color",
                    "COLUMNS": str(columns), "LINES": str(lines)}
        self.columns, self.lines = columns, lines
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.pid = 0
        self.fd = -1
        self.started = 0.0
        self.last_change_at = 0.0
        self._text = ""
        self._chunks: Any = None  # multiprocessing queue of (arrived, bytes); b"": gone
        self._reader: Any = None  # the reading process

    # -- life --------------------------------------------------------------------------
    def start(self) -> None:
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal before the app asks, then become it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ,
                            struct.pack("HHHH", self.lines, self.columns, 0, 0))
                os.execvpe(self.argv[0], self.argv, self.env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        context = multiprocessing.get_context("fork")  # the child keeps the pty's fd
        self._chunks = context.Queue()
        self._reader = context.Process(target=_read_all, args=(fd, self._chunks), daemon=True)
        self._reader.start()

    def __enter__(self) -> AppSession:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self, grace: float = 3.0) -> int | None:
        """Quit with ctrl+q, then stop the process if it does not go; its exit status."""
        if not self.pid:
            return None
        status = None
        with contextlib.suppress(OSError):
            os.write(self.fd, KEYS["ctrl+q"])
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            self._drain(0.05)
            done, code = os.waitpid(self.pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(code)
                break
        else:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            _, code = os.waitpid(self.pid, 0)
            status = os.waitstatus_to_exitcode(code)
        fd, self.fd = self.fd, -1
        if self._reader is not None:
            self._reader.join(timeout=1.0)
            if self._reader.is_alive():
                self._reader.kill()
                self._reader.join()
        with contextlib.suppress(OSError):
            os.close(fd)
        self.pid = 0
        return status

    # -- the screen --------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self._text

    def _feed(self, data: bytes, arrived: float) -> bool:
        """Feed output to the emulator; whether the characters on screen changed."""
        self.stream.feed(data)
        text = "\n".join(self.screen.display)
        changed = text != self._text
        self._text = text
        if changed:
            self.last_change_at = arrived
        return changed

    def _next_chunk(self, wait: float) -> tuple[float, bytes] | None:
        """The next chunk of output and when it arrived; None if none came within `wait`."""
        try:
            return self._chunks.get(timeout=wait) if wait > 0 else self._chunks.get_nowait()
        except queue.Empty:
            return None

    def _no_unread_output(self) -> bool:
        return self._chunks.empty()

    def _drain(self, wait: float) -> None:
        chunk = self._next_chunk(wait)
        if chunk is not None and chunk[1]:
            self._feed(chunk[1], chunk[0])

    def peak_rss_kib(self) -> int:
        """The process's high-water resident set (VmHWM), in KiB."""
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        raise RuntimeError("no VmHWM in /proc status")

    # -- keys --------------------------------------------------------------------------
    def press(self, key: str | bytes, until: Until | None = None, *,
              quiet: float = QUIET_SECONDS, timeout: float = TIMEOUT_SECONDS,
              milestones: Mapping[str, Until] | None = None) -> Timing:
        """Write a key (a name from KEYS, one character, or bytes) and wait for the screen
        to settle; `until` is tested only on what the key brought, never on the screen
        from before it."""
        if isinstance(key, str):
            if key not in KEYS and len(key) > 1:
                raise KeyError(f"no bytes known for the key {key!r}")
            data = KEYS.get(key, key.encode())
        else:
            data = key
        written = time.perf_counter()
        os.write(self.fd, data)
        return self.wait(until, since=written, quiet=quiet, timeout=timeout, check_first=False,
                         milestones=milestones)

    def wait(self, until: Until | None = None, *, since: float | None = None,
             quiet: float = QUIET_SECONDS, timeout: float = TIMEOUT_SECONDS,
             check_first: bool = True,
             milestones: Mapping[str, Until] | None = None) -> Timing:
        """Read until `until(screen)` holds, and still holds once no bytes came for `quiet`.

        Times are from `since` (default: now): when the text appeared, and the last output
        that changed the characters on screen (or the appearance, if nothing changed after).
        With `check_first`, a screen that already shows the text counts from its last change.
        `milestones` are tested on the same output as `until`, and must hold by the end.
        """
        since = time.perf_counter() if since is None else since
        deadline = since + timeout
        appeared: float | None = None
        last_change: float | None = None
        last_byte = since
        last_output: float | None = None
        pending = dict(milestones or {})
        reached: dict[str, float] = {}
        if until is None:
            appeared = since
        elif check_first and until(self._text):  # already there: since it last changed
            appeared = max(since, self.last_change_at)
        while True:
            now = time.perf_counter()
            if (appeared is not None and now - last_byte >= quiet and not pending
                    and self._no_unread_output()):  # nothing arrived that is still unread
                if until is not None and not until(self._text):  # gone again: keep waiting
                    appeared = None
                    continue
                settled = max(last_change or appeared, appeared)
                return Timing(appeared - since, settled - since,
                              (last_output or since) - since, reached)
            if now > deadline:
                raise ScreenTimeout(f"waited {timeout:.0f} s for the screen; it shows:\n"
                                    + self._text)
            if appeared is not None and not pending:
                wait = quiet - (now - last_byte)
            else:
                wait = deadline - now
            chunk = self._next_chunk(max(0.0, min(wait, 0.5)))
            if chunk is None:
                continue
            arrived, data = chunk
            if not data:  # the app exited
                raise ScreenTimeout("the app exited; last screen:\n" + self._text)
            last_byte = last_output = arrived
            if self._feed(data, arrived):
                last_change = arrived
            if appeared is None and until is not None and until(self._text):
                appeared = arrived
            for name, test in list(pending.items()):
                if test(self._text):
                    reached[name] = arrived - since
                    del pending[name]


def _read_all(fd: int, chunks: Any) -> None:
    """The reading process: every chunk with the time it arrived; b"" once the app is gone.

    `time.perf_counter` is the system's monotonic clock, the same in every process here.
    """
    while True:
        try:
            data = os.read(fd, READ_BYTES)
        except OSError:  # the app's side of the pty is closed
            data = b""
        chunks.put((time.perf_counter(), data))
        if not data:
            return
