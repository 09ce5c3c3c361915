# A workshop site in French: every word the extension writes comes from its French catalog.
project = "Atelier AstroML 2022"
extensions = ["myst_parser", "sphinx_workshop"]
exclude_patterns = ["_build"]
language = "fr"
workshop_deadlines = "dates.yaml"
