from kanban.cli.main import main

raise SystemExit(main())
