"""`python -m petakesos ...` — see petakesos/cli/__init__.py."""

from petakesos.cli import main

raise SystemExit(main())
