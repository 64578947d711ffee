"""Palette entries for the role reports that have no key of their own on every screen.

The quarterly role audit is opened a few times a year; a key on every screen would be
wasted, but the palette (Ctrl+P) finds it by name anywhere.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from crm_tui.i18n import _


class RoleCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        return [
            (f"{_('report')}: {_('Quarterly role audit')}",
             _("Contacts who left, stale contacts in roles, deals without a primary contact"),
             self._open_audit),
        ]

    def _open_audit(self) -> None:
        from crm_tui.screens.role_audit import RoleAuditScreen

        self.app.push_screen(RoleAuditScreen())

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
