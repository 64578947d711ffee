"""Drive a real terminal program through tmux, for end-to-end tests.

Pilot tests run the app inside Textual's test harness; these run the actual ``crm-tui`` command
in a real pseudo-terminal, so they catch what only a terminal shows: start-up crashes, key
handling, locale and colour problems. Each session gets its own tmux server on a private
socket with an empty config, so it never touches (or is touched by) the developer's tmux.
"""

from __future__ import annotations

import atexit
import os
import re
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

SESSION = "e2e"
_POLL_SECONDS = 0.1
_TMUX_TIMEOUT = 10
_STATUS_GRACE_SECONDS = 2.0
# pane_dead_signal exists from tmux 3.4; older ones only say it in the exit notice.
_PANE_STATE = "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}|#{pid}"
_SIGNAL_NOTICE = re.compile(r"^Pane is dead \(signal (\d+),", re.MULTILINE)
_CONFIG = """\
set -g default-terminal xterm-256color
set -g default-shell /bin/sh
set -g status off
set -g remain-on-exit on
set -g history-limit 2000
set -g escape-time 0
"""


def tmux_available() -> bool:
    """Whether end-to-end tests can run here."""
    return shutil.which("tmux") is not None


class TmuxSession:
    """One program running in a detached tmux pane of a fixed size.

    The pane stays after the program exits (``remain-on-exit``), so a crash leaves its
    traceback on screen for the failing assertion to show.
    """

    def __init__(self) -> None:
        self._dir: Path | None = None

    def __enter__(self) -> TmuxSession:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def socket_path(self) -> Path:
        if self._dir is None:
            raise RuntimeError("TmuxSession is not started")
        return self._dir / "socket"

    def start(
        self,
        command: list[str] | str,
        width: int = 120,
        height: int = 40,
        env: Mapping[str, str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
    ) -> None:
        """Run ``command`` (an argv list, or a shell command line) in a new pane.

        The program sees the current environment plus ``env``, with TERM=xterm-256color,
        COLORTERM=truecolor and a UTF-8 locale (tmux turns non-ASCII into ``_`` without one).
        """
        if self._dir is not None:
            raise RuntimeError("TmuxSession already started; use a new one per program")
        self._dir = Path(tempfile.mkdtemp(prefix="crm-tui-tmux-", dir=_short_tmp()))
        atexit.register(self.close)
        config = self._dir / "tmux.conf"
        # The size from the first moment: under load tmux 3.3 was seen starting the program
        # at its 80x24 default. (`window-size manual` would pin it, but crashes tmux 3.3a.)
        config.write_text(_CONFIG + f"set-option -g default-size {width}x{height}\n")
        shell_command = command if isinstance(command, str) else "exec " + shlex.join(command)
        argv = ["-f", str(config), "new-session", "-d", "-s", SESSION]
        argv += ["-x", str(width), "-y", str(height)]
        if cwd is not None:
            argv += ["-c", str(cwd)]
        self._tmux(*argv, shell_command, env=_program_env(env))

    def send_keys(self, *keys: str, literal: bool = False) -> None:
        """Press keys by tmux name ("Enter", "C-p", "F2", "Escape", "Down"), or send text
        as typed when ``literal``."""
        flags = ["-l"] if literal else []
        self._tmux("send-keys", "-t", SESSION, *flags, "--", *keys)

    def type(self, text: str) -> None:
        """Type ``text`` character by character; no key names are interpreted."""
        self.send_keys(text, literal=True)

    def capture(self, scrollback: bool = False) -> str:
        """The visible screen as plain text, trailing spaces trimmed; with ``scrollback``,
        preceded by the lines that scrolled off the top."""
        history = ["-S", "-"] if scrollback else []
        return self._tmux("capture-pane", "-p", *history, "-t", SESSION).stdout

    def wait_for(self, expected: str | re.Pattern[str], timeout: float = 20.0) -> str:
        """Wait until the screen contains ``expected`` (text, or a regex searched for);
        returns that screen. Fails early, with its output, if the program has exited; then
        the returned text includes the lines that scrolled off.

        Lines are captured with trailing spaces trimmed, so ``expected`` must not end in one.
        """
        deadline = time.monotonic() + timeout
        while True:
            screen = self.capture()
            if _matches(expected, screen):
                return screen
            exit_status = self.exit_status()
            if exit_status is not None:
                # tmux scrolls the screen up a line to announce the exit: look there too.
                output = self.capture(scrollback=True)
                if _matches(expected, output):
                    return output
                raise AssertionError(
                    f"program exited with status {exit_status} before showing "
                    f"{_describe(expected)}; its output:\n{_framed(_without_exit_notice(output))}"
                )
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"{_describe(expected)} not on screen after {timeout:g} s; "
                    f"last screen:\n{_framed(screen)}"
                )
            time.sleep(_POLL_SECONDS)

    def wait_until_stable(self, quiet: float = 0.5, timeout: float = 20.0) -> str:
        """Wait until the screen stops changing for ``quiet`` seconds; returns it."""
        deadline = time.monotonic() + timeout
        screen = self.capture()
        unchanged_since = time.monotonic()
        while True:
            time.sleep(_POLL_SECONDS)
            now = time.monotonic()
            current = self.capture()
            if current != screen:
                screen, unchanged_since = current, now
            elif now - unchanged_since >= quiet:
                return screen
            if now >= deadline:
                raise AssertionError(
                    f"screen still changing after {timeout:g} s; last screen:\n{_framed(screen)}"
                )

    def wait_for_exit(self, timeout: float = 20.0) -> int:
        """Wait until the program exits; returns its status as ``exit_status`` does."""
        deadline = time.monotonic() + timeout
        while (status := self.exit_status()) is None:
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"program still running after {timeout:g} s; "
                    f"last screen:\n{_framed(self.capture())}"
                )
            time.sleep(_POLL_SECONDS)
        return status

    def exit_status(self) -> int | None:
        """None while the program runs; then its exit status, or minus the number of the
        signal that killed it (as ``subprocess`` reports it)."""
        deadline = time.monotonic() + _STATUS_GRACE_SECONDS
        nudged = False
        while True:
            dead, status, killed_by, server_pid = self._tmux(
                "display-message", "-p", "-t", SESSION, _PANE_STATE
            ).stdout.strip().split("|")
            if dead != "1":
                return None
            if status:
                return int(status)
            if killed_by:
                return -int(killed_by)
            notice = _SIGNAL_NOTICE.search(self.capture())
            if notice:
                return -int(notice[1])
            if not nudged:
                # tmux 3.3a can miss the SIGCHLD of a pane and never reap it; another
                # SIGCHLD makes it look again.
                os.kill(int(server_pid), signal.SIGCHLD)
                nudged = True
            if time.monotonic() >= deadline:
                raise RuntimeError("the program exited but tmux never learned its exit status")
            time.sleep(_POLL_SECONDS / 2)

    def close(self) -> None:
        """Kill this session's tmux server (and with it the program); safe to call twice."""
        atexit.unregister(self.close)
        if self._dir is None:
            return
        if self.socket_path.exists():
            subprocess.run(
                ["tmux", "-S", str(self.socket_path), "kill-server"],
                capture_output=True,
                timeout=_TMUX_TIMEOUT,
                check=False,
            )
        shutil.rmtree(self._dir, ignore_errors=True)
        self._dir = None

    def _tmux(
        self, *args: str, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            ["tmux", "-u", "-S", str(self.socket_path), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=dict(env) if env is not None else _client_env(),
            timeout=_TMUX_TIMEOUT,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"tmux {shlex.join(args)} failed ({result.returncode}): {result.stderr.strip()}"
            )
        return result


def _short_tmp() -> str:
    """/tmp rather than $TMPDIR: the socket path must fit the 107-byte Unix limit."""
    return "/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir()


def _client_env() -> dict[str, str]:
    """Our environment minus any tmux we may be running inside, with a UTF-8 locale."""
    env = {key: value for key, value in os.environ.items() if key not in ("TMUX", "TMUX_PANE")}
    locale = env.get("LC_ALL") or env.get("LC_CTYPE") or env.get("LANG") or ""
    if "utf-8" not in locale.lower() and "utf8" not in locale.lower():
        env.pop("LC_ALL", None)
        env["LC_CTYPE"] = "C.UTF-8"
    return env


def _program_env(extra: Mapping[str, str] | None) -> dict[str, str]:
    env = _client_env()
    # Earlier tests in the same process (Textual's test harness) may leave COLUMNS/LINES
    # behind; they would override the pane's real size for the program.
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    env.update(TERM="xterm-256color", COLORTERM="truecolor")
    env.update(extra or {})
    return env


def _matches(expected: str | re.Pattern[str], screen: str) -> bool:
    if isinstance(expected, re.Pattern):
        return expected.search(screen) is not None
    return expected in screen


def _describe(expected: str | re.Pattern[str]) -> str:
    if isinstance(expected, re.Pattern):
        return f"pattern {expected.pattern!r}"
    return repr(expected)


def _without_exit_notice(output: str) -> str:
    lines = output.rstrip().splitlines()
    if lines and lines[-1].startswith("Pane is dead"):
        lines.pop()
    return "\n".join(lines).rstrip()


def _framed(screen: str) -> str:
    rule = "-" * 40
    return f"{rule}\n{screen.rstrip()}\n{rule}"
