# A later edition that links to the people of the first: its objects.inv is a local file here
# (the test copies the first site's), so no network is needed.
extensions = ["myst_parser", "sphinx_workshop", "sphinx.ext.intersphinx"]
exclude_patterns = ["_build"]
project = "ML4Astro 2023"
intersphinx_mapping = {"ml4astro": ("https://ml4astro.example.org/", "ml4astro.inv")}
