"""A copy of the site with 40 invented accepted papers (a ~1 KB abstract each, keywords, a PDF link),
for measuring the papers list and the paper pages (QUALITY.md):

    .venv/bin/python tools/site_with_papers.py /tmp/site40
    .venv/bin/sphinx-build -q -W -b html /tmp/site40 /tmp/site40/_build/html
    .venv/bin/python tools/audit.py --site /tmp/site40/_build/html --out /tmp/audit40 \
        --pages program/papers.html program/papers/12.html --no-comparison
"""
import random
import shutil
import sys
from pathlib import Path
import yaml
src, dest = Path(__file__).resolve().parent.parent, Path(sys.argv[1])
if dest.exists(): shutil.rmtree(dest)
shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".*", "_build", "node_modules", "tests", "benchmarks", "tools", "sphinx_workshop", "__pycache__"))
rng = random.Random(7)
words = ("galaxy survey neural posterior inference lensing transient spectra simulation likelihood "
         "cosmology photometric redshift emulator anomaly detection equivariant diffusion radio telescope "
         "stellar population gravitational wave dark matter halo").split()
def sentence(n): return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."
papers = []
for i in range(1, 41):
    papers.append({"id": i, "title": sentence(9)[:-1], "authors": [f"Author {i}-{k} Name" for k in range(rng.randint(2, 6))],
                   "abstract": " ".join(sentence(14) for _ in range(9)) + "\n\n" + " ".join(sentence(12) for _ in range(4)),
                   "keywords": rng.sample(words, 3), "pdf": f"https://example.org/papers/{i}.pdf",
                   "spotlight": i % 5 == 0})
(dest / "program" / "papers.yaml").write_text(yaml.safe_dump({"announcement": "2022-06-10", "papers": papers}, sort_keys=False, allow_unicode=True))
