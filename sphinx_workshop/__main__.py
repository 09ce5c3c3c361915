"""``python -m sphinx_workshop``: the same as the ``sphinx-workshop`` command."""

import sys

from sphinx_workshop.cli.main import main

sys.exit(main())
