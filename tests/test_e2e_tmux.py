"""End to end: the installed `crm-tui` in a real terminal finds a client by INN through `/`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support.client_cards import ALPHA_INN, BRACKETS, MARKUP, build_demo
from tests.support.tmux import TmuxSession, tmux_available

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not tmux_available(), reason="tmux is not installed"),
]

CRM_TUI = Path(sys.executable).parent / "crm-tui"


@pytest.fixture
def seeded_url(tmp_path: Path, settings, clock) -> str:  # type: ignore[no-untyped-def]
    from crm_tui.store.store import open_store

    url = f"sqlite:///{tmp_path / 'crm.db'}"
    store = open_store(url, settings, login="anna", clock=clock)
    try:
        build_demo(store)
    finally:
        store.close()
    return url


def test_search_by_inn_opens_the_client_card(seeded_url: str) -> None:
    assert CRM_TUI.exists(), f"crm-tui is not installed next to {sys.executable}"
    with TmuxSession() as tmux:
        tmux.start([str(CRM_TUI), "--db", seeded_url, "--user", "anna", "--lang", "en"],
                   width=140, height=40)
        screen = tmux.wait_for("ООО Альфа")
        # Stored names are shown as they are: no markup applied, no escape obeyed.
        assert BRACKETS in screen and MARKUP in screen
        assert "Evil ␛]0;pwned␇ ␛[31mRed" in screen
        tmux.send_keys("/")
        tmux.wait_for("Name, INN, OGRN, phone or e-mail")
        tmux.type(ALPHA_INN)
        tmux.wait_for(f"INN {ALPHA_INN}")
        tmux.wait_for("Enter opens the highlighted record.")
        tmux.send_keys("Enter")
        tmux.send_keys("Enter")
        tmux.wait_for("Client card")
        screen = tmux.wait_for("773601001")  # the requisites tab has loaded
        assert "ООО Альфа" in screen and "ООО «Альфа-Снаб»" in screen
        assert "Ключевой клиент" in tmux.wait_for("Ключевой клиент")
        tmux.send_keys("2")
        screen = tmux.wait_for("Петров Иван")
        assert "Петров Иван" in screen and BRACKETS in screen and MARKUP in screen
        tmux.send_keys("C-q")
        assert tmux.wait_for_exit() == 0
