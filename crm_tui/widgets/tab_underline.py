"""The tab underline of a card, drawn in the card's first frame.

Textual places a `TabbedContent`'s underline once its tabs have been laid out, after the
next refresh: every card was drawn once without it and again one or two frames later (85 ms
later on the client card at 1,000,000 contacts: the last change of its opening). The tabs'
widths follow from their labels, so the underline's place is known before any layout; put
there on mount, Textual's own placing after the layout finds it already right and draws
nothing more. (Should the two ever disagree, Textual's placing moves it, as before.)
"""

from __future__ import annotations

from textual.widgets import TabbedContent, Tabs
from textual.widgets._tabs import Underline
from textual.widgets.tabbed_content import ContentTab


def place_underline(tabbed: TabbedContent) -> None:
    """Put the underline under the active tab, from the widths of the tabs' labels."""
    tabs = tabbed.query_one(Tabs)
    x = 0
    for tab in tabs.query(ContentTab):
        gutter = tab.styles.gutter
        width = tab.label.cell_length
        if tab.has_class("-active"):
            underline = tabs.query_one(Underline)
            underline.show_highlight = True
            underline.highlight_start = x + gutter.left
            underline.highlight_end = x + gutter.left + width
            return
        x += width + gutter.width
