extensions = ["myst_parser", "sphinx_workshop"]
project = "Test Workshop 2022"
exclude_patterns = ["_build"]
