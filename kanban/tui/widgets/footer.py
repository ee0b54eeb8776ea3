"""A Footer that rebuilds itself only when the keys it shows change, and that never cuts a
key in half.

Textual's Footer recomposes on every focus change and every ``refresh_bindings()``: moving
between columns (which share their keys) or enabling Undo would rebuild a dozen widgets each
time, the slowest part of a keypress. When only the enabled state of some keys changed, this one
dims or undims those keys in place.

On a narrow terminal Textual's Footer cuts the keys off at the right (at 80 columns, in the
middle of "Delete", with Help and Quit gone). This one hides whole keys instead, in the order
given by ``drop`` (actions; ``"palette"`` for the command palette's key), then from the right,
until the rest fits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PALETTE = "palette"


def key_width(key: FooterKey) -> int:
    """The cells a key takes: `` key description `` (and the palette key's border)."""
    extra = 2 if key.has_class("-command-palette") else 0
    return cell_len(key.key_display) + cell_len(key.description) + 3 + extra


class QuietFooter(Footer):
    def __init__(self, drop: Sequence[str] = ()) -> None:
        super().__init__()
        self.drop = drop
        self._shown: dict[str, tuple[str, bool]] | None = None

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        self._fit(widgets)
        yield from widgets

    def _on_resize(self, event: events.Resize) -> None:
        self._fit(self.children)

    def _fit(self, widgets: Iterable[Widget]) -> None:
        """Show whole keys only, as many as fit, dropping the least important first."""
        keys = [key for key in widgets if isinstance(key, FooterKey)]
        for key in keys:
            key.display = True
        width = self.size.width
        if not width:
            return
        total = sum(key_width(key) for key in keys)

        def name(key: FooterKey) -> str:
            return PALETTE if key.has_class("-command-palette") else key.action

        listed = [key for key in keys if name(key) in self.drop]
        listed.sort(key=lambda key: self.drop.index(name(key)))
        unlisted = [key for key in reversed(keys) if name(key) not in self.drop]
        for key in [*listed, *unlisted]:
            if total <= width:
                break
            key.display = False
            total -= key_width(key)

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
