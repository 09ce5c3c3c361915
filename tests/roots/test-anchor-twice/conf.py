extensions = ["myst_parser", "sphinx_workshop"]
exclude_patterns = ["_build"]
