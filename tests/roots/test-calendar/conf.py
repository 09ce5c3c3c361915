project = "Test Workshop 2022"
extensions = ["myst_parser", "sphinx_workshop"]
exclude_patterns = ["_build"]
