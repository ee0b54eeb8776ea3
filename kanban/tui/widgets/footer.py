"""A Footer that rebuilds itself only when the keys it shows change.

Textual's Footer recomposes on every focus change and every ``refresh_bindings()``: moving
between columns (which share their keys) or enabling Undo would rebuild a dozen widgets each
time, the slowest part of a keypress. When only the enabled state of some keys changed, this one
dims or undims those keys in place.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class QuietFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._shown: dict[str, tuple[str, bool]] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = {
            key: (active.binding.description, active.enabled)
            for key, active in screen.active_bindings.items()
            if active.binding.show
        }
        previous, self._shown = self._shown, shown
        if shown == previous:
            return
        if previous is None or {k: d for k, (d, _) in shown.items()} != {
            k: d for k, (d, _) in previous.items()
        }:
            super().bindings_changed(screen)
            return
        for footer_key in self.query(FooterKey):
            if footer_key.key in shown:
                disabled = not shown[footer_key.key][1]
                footer_key._disabled = disabled  # what a click on the key checks
                footer_key.set_class(disabled, "-disabled")
