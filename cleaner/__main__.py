"""``python -m cleaner`` is the same as the ``cleaner`` command."""

from cleaner.cli import main

raise SystemExit(main())
