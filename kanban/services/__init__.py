"""Services: the one API through which the CLI and the TUI read and change boards."""

from kanban.services.board_service import Breach, CardChange, KanbanService, Undone

__all__ = ["Breach", "CardChange", "KanbanService", "Undone"]
