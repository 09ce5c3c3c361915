"""What the extension adds to the pages (``syntax``) and finding it in a page's source (``scan``).

Both the build (``sphinxext/``) and ``sphinx-workshop check`` (``cli/``) use these; neither imports Sphinx.
"""
