"""`python -m disastercenter`: the command line."""

from disastercenter.cli import main

raise SystemExit(main())
