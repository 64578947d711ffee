"""The registered themes: dark (default), light and high-contrast."""

from __future__ import annotations

from textual.theme import Theme

THEMES = [
    Theme(
        name="crm-dark",
        primary="#4FA3E0",
        secondary="#7CB66E",
        accent="#E0A64F",
        warning="#E0C04F",
        error="#E0645A",
        success="#6FBF73",
        background="#1B1F24",
        surface="#22272E",
        panel="#2D333B",
        dark=True,
    ),
    Theme(
        name="crm-light",
        primary="#1F6FB2",
        secondary="#3F7F35",
        accent="#A8650A",
        warning="#8A6D00",
        error="#B3261E",
        success="#2E7D32",
        background="#F7F7F5",
        surface="#FFFFFF",
        panel="#E6E8EB",
        dark=False,
    ),
    Theme(
        name="crm-contrast",
        primary="#FFFF00",
        secondary="#00FFFF",
        accent="#FF00FF",
        warning="#FFFF00",
        error="#FF5555",
        success="#55FF55",
        foreground="#FFFFFF",
        background="#000000",
        surface="#000000",
        panel="#202020",
        dark=True,
    ),
]
DEFAULT_THEME = "crm-dark"
