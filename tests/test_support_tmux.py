"""The tmux driver that end-to-end tests use to run the real program in a terminal."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from tests.support.tmux import TmuxSession, tmux_available

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not tmux_available(), reason="tmux is not installed"),
]

SHOUT = """
line = input("name> ")
print("HELLO, " + line.upper())
input("press Enter to quit")
"""

DESCRIBE_TERMINAL = """
import os, shutil
size = shutil.get_terminal_size()
print(f"size={size.columns}x{size.lines}")
print("term=" + os.environ["TERM"], "colorterm=" + os.environ.get("COLORTERM", ""))
print("greeting=" + os.environ.get("CRM_GREETING", ""), "cwd=" + os.getcwd())
input()
"""

CRASH = """
print("loading settings")
raise SystemExit(3)
"""


def test_typed_line_comes_back_upper_cased() -> None:
    with TmuxSession() as tmux:
        tmux.start([sys.executable, "-c", SHOUT], width=60, height=10)
        tmux.wait_for("name>")
        tmux.type("ООО ромашка -v")
        tmux.send_keys("Enter")
        screen = tmux.wait_for(re.compile(r"^HELLO, ", re.MULTILINE))
        assert "HELLO, ООО РОМАШКА -V" in screen.splitlines()
        assert tmux.exit_status() is None
        tmux.send_keys("Enter")
        assert tmux.wait_for_exit() == 0


def test_program_sees_the_requested_terminal(tmp_path: Path) -> None:
    with TmuxSession() as tmux:
        tmux.start(
            [sys.executable, "-c", DESCRIBE_TERMINAL],
            width=100,
            height=30,
            env={"CRM_GREETING": "Добрый день"},
            cwd=tmp_path,
        )
        screen = tmux.wait_for("greeting=")
    assert "size=100x30" in screen
    assert "term=xterm-256color colorterm=truecolor" in screen
    assert f"greeting=Добрый день cwd={tmp_path}" in screen


def test_waiting_for_a_crashed_program_shows_its_last_screen() -> None:
    with TmuxSession() as tmux:
        tmux.start([sys.executable, "-c", CRASH])
        with pytest.raises(AssertionError) as failure:
            tmux.wait_for("Main menu", timeout=30)
    assert "exited with status 3" in str(failure.value)
    assert "loading settings" in str(failure.value)


def test_closing_the_session_stops_the_program() -> None:
    tmux = TmuxSession()
    tmux.start([sys.executable, "-c", SHOUT])
    tmux.wait_for("name>")
    socket_path = tmux.socket_path
    tmux.close()
    assert not socket_path.exists()
    with pytest.raises(RuntimeError, match="not started"):
        tmux.capture()
