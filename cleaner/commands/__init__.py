"""Subcommands of the ``cleaner`` CLI, one module each."""
