project = "Kinds Workshop"
extensions = ["myst_parser", "sphinx_workshop"]
exclude_patterns = ["_build"]
# A kind of the site's own, and another label for a built-in kind.
workshop_session_kinds = {"tutorial": "Hands-on Tutorial", "poster": "Posters"}
