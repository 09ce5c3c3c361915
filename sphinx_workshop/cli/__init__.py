"""The ``sphinx-workshop`` command: ``check`` and the importers. Needs only the data layer."""

from sphinx_workshop.cli.main import main

__all__ = ["main"]
