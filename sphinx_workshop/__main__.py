"""``python -m sphinx_workshop``: the same as the ``sphinx-workshop`` command."""

import sys

from .cli import main

sys.exit(main())
