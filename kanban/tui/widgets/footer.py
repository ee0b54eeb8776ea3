"""The board's footer: its keys on one line, drawn from the screen's active bindings, whole
keys only.

On a narrow terminal Textual's Footer cuts the keys off at the right (at 80 columns, in the
middle of "Delete", with Help and Quit gone). This one hides whole keys instead, in the order
given by ``drop`` (actions; ``"palette"`` for the command palette's key), then from the right,
until the rest fits.

It is one line of text, not a widget per key: a change of the keys (a focus change, Undo
becoming possible) redraws a line instead of rebuilding a dozen widgets, which was the slowest
part of a keypress. It looks like Textual's Footer (the same theme variables) and uses public
API only: ``Screen.active_bindings``, ``Screen.bindings_updated_signal``, ``Screen.is_active``,
``App.get_key_display`` and ``App.simulate_key``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

PALETTE = "palette"


@dataclass(frozen=True, slots=True)
class FooterKey:
    """One key as the footer shows it: `` key description ``."""

    key: str  # what a click presses
    display: str  # the key as shown ("shift+→")
    description: str
    action: str  # or PALETTE for the command palette's key, drawn at the right
    enabled: bool = True

    @property
    def width(self) -> int:
        """The cells it takes: a space, the key, a space, the description, a space (for the
        palette's key, a bar instead of the first space)."""
        return cell_len(self.display) + cell_len(self.description) + 3


def fit(keys: Sequence[FooterKey], width: int, drop: Sequence[str]) -> list[FooterKey]:
    """The keys that fit in ``width`` cells, the listed ones dropped first, in ``drop``'s
    order, then the others from the right."""
    total = sum(key.width for key in keys)
    listed = sorted((key for key in keys if key.action in drop), key=lambda k: drop.index(k.action))
    unlisted = [key for key in reversed(keys) if key.action not in drop]
    hidden = set()
    for key in [*listed, *unlisted]:
        if total <= width:
            break
        hidden.add(key)
        total -= key.width
    return [key for key in keys if key not in hidden]


class QuietFooter(Widget):
    COMPONENT_CLASSES = {
        "footer--key",
        "footer--description",
        "footer--hover",
        "footer--palette-bar",
    }

    DEFAULT_CSS = """
    QuietFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;

        & > .footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer--hover {
            background: $block-hover-background;
        }
        & > .footer--palette-bar {
            color: $foreground 20%;
        }
    }
    """

    ALLOW_SELECT = False

    def __init__(self, drop: Sequence[str] = ()) -> None:
        super().__init__()
        self.drop = drop
        self.keys: list[FooterKey] = []  # every key the screen offers now
        self.hover: FooterKey | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        keys = self.offered(screen)
        if keys != self.keys:  # moving between columns, which share their keys: nothing to do
            self.keys = keys
            self.refresh()

    def offered(self, screen: Screen) -> list[FooterKey]:
        """The shown bindings, one key an action (its first), the palette's key last. Under
        another screen, the screen's own keys rest: only the app's are left (Quit)."""
        app = screen.app
        keys: dict[str, FooterKey] = {}
        palette = None
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not screen.is_active and active.node is not app:
                continue
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                display = app.get_key_display(binding)
                palette = FooterKey(key, display, binding.description, PALETTE, active.enabled)
            elif binding.show and binding.action not in keys:
                display = app.get_key_display(binding)
                keys[binding.action] = FooterKey(
                    key, display, binding.description, binding.action, active.enabled
                )
        return [*keys.values(), *([palette] if palette is not None else [])]

    @property
    def shown(self) -> list[FooterKey]:
        """The keys that fit the footer's width."""
        return fit(self.keys, self.size.width, self.drop)

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer--key")
        text_style = self.get_component_rich_style("footer--description")
        hover = self.get_component_rich_style("footer--hover", partial=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        palette = None
        for key in self.shown:
            if key.action == PALETTE:
                palette = key
                continue
            state = (Style(dim=True) if not key.enabled else Style()) + (
                hover if key == self.hover else Style()
            )
            line.append(f" {key.display} ", key_style + state)
            line.append(f"{key.description} ", text_style + state)
        if palette is not None:
            line.pad_right(self.size.width - line.cell_len - palette.width)
            bar = self.get_component_rich_style("footer--palette-bar")
            state = Style(dim=True) if not palette.enabled else Style()
            line.append("▏", bar)
            line.append(palette.display, key_style + state)
            line.append(f" {palette.description}", text_style + state)
            line.append(" ")  # the key's right padding, in the footer's colours
        return line

    def key_at(self, x: int) -> FooterKey | None:
        """The key drawn at column ``x``."""
        shown = self.shown
        regular = [key for key in shown if key.action != PALETTE]
        start = 0
        for key in regular:
            if start <= x < start + key.width:
                return key
            start += key.width
        palettes = [key for key in shown if key.action == PALETTE]
        if palettes and x >= self.size.width - palettes[0].width:
            return palettes[0]
        return None

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self.key_at(event.x)
        if key != self.hover:
            self.hover = key
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self.hover is not None:
            self.hover = None
            self.refresh()
