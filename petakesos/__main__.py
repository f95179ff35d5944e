"""`python -m petakesos ...` — see petakesos/cli.py."""

from .cli import main

raise SystemExit(main())
