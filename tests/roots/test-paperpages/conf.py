extensions = ["myst_parser", "sphinx_workshop"]
project = "Test Workshop 2022"
workshop_booktitle = "ICML 2022 Workshop on Testing"
exclude_patterns = ["_build"]
