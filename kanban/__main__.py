from kanban.cli.main import entry

entry()
