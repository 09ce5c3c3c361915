project = "Test Workshop 2022"
extensions = ["myst_parser", "sphinx_workshop", "sphinxext.opengraph", "sphinx_sitemap"]
exclude_patterns = ["_build"]
html_baseurl = "https://workshop.example.org/en/latest/"
ogp_site_url = html_baseurl
ogp_social_cards = {"enable": False}
sitemap_url_scheme = "{link}"
