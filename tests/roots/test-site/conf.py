extensions = ["myst_parser", "sphinx_workshop"]
exclude_patterns = ["_build"]
workshop_deadlines = "dates.yaml"
