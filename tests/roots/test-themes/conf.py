# People, a schedule and dates, built on several themes (tests/test_themes.py sets html_theme).
extensions = ["myst_parser", "sphinx_workshop"]
exclude_patterns = ["_build"]
project = "Workshop"
workshop_deadlines = "dates.yaml"
