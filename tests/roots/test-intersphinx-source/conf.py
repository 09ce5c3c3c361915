# The site whose people another site links to: its objects.inv lists each person with a card.
extensions = ["myst_parser", "sphinx_workshop"]
exclude_patterns = ["_build"]
project = "ML4Astro"
