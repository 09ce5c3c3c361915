# Keynotes and panels with abstracts, a speaker with a bio, spotlights of one paper without a title of their own.
project = "Talks Workshop"
extensions = ["myst_parser", "sphinx_workshop"]
exclude_patterns = ["_build"]
