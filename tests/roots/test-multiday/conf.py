project = "Multi-day Workshop 2022"
extensions = ["myst_parser", "sphinx_workshop"]
exclude_patterns = ["_build"]
language = "en"
# The program as the site writes it: 24-hour venue times.
workshop_clock = "24h"
# The theme of the site, set up as the site sets it up for a phone (a short title, no search box).
html_theme = "pydata_sphinx_theme"
html_title = "Workshop"
html_sidebars = {"**": []}
html_context = {"default_mode": "auto"}
html_theme_options = {"secondary_sidebar_items": {"**": []}, "navbar_end": ["theme-switcher"],
                      "navbar_persistent": [], "disable_search": True}
html_baseurl = "https://workshop.example.org/"
