"""Main text of saved news pages: each extractor scored against text chosen by hand (run by hand).

    git clone https://github.com/GeneralNewsExtractor/GeneralNewsExtractor /tmp/gne
    .venv/bin/pip install trafilatura  # readability-lxml is a dependency of geo
    .venv/bin/python benchmarks/main_text.py --pages /tmp/gne

The pages are the saved Chinese news pages of GeneralNewsExtractor's tests (PAGES: repository,
commit), read from a clone (or bare snapshot) at that commit, never copied here. For each page,
``benchmarks/data/main_text/<page>.json`` holds its main text as chosen blind by annotators
who ran no extractor (three, 2026-12-07, reading each page's text blocks in page order): the
body's paragraphs, without headline, byline, navigation, related-news lists, comments or
footer. Each extractor's text is scored by its character
4-grams (Chinese, letters and digits; punctuation and spaces dropped) against the gold's:
precision is the share of what it kept that is article, recall the share of the article it
kept. Pages without an article (list pages, empty script shells) are scored on precision
alone: what an extractor keeps from them is all furniture.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from geo.corpus import remove_furniture
from geo.textfiles import decode
from geo.webpage import read_html, read_page

PAGES = ("GeneralNewsExtractor/GeneralNewsExtractor", "3d5a67c65f4d6c8e13c3047754a4c18fc0b0754a")
GOLD = Path(__file__).resolve().parent / "data" / "main_text"
_KEPT = re.compile(r"[\w]", re.UNICODE)


def grams(text: str, n: int = 4) -> Counter[str]:
    chars = "".join(_KEPT.findall(text.replace("_", "")))
    return Counter(chars[i:i + n] for i in range(max(0, len(chars) - n + 1)))


def page_bytes(pages: Path, path: str) -> bytes:
    return subprocess.run(["git", "-C", str(pages), "show", f"{PAGES[1]}:{path}"],
                          check=True, capture_output=True).stdout


def whole_page(html: str) -> str:
    """Before: the page's whole text, less the furniture lines of geo/data/furniture.txt."""
    return remove_furniture(read_html(html)[1])


def atlas(html: str) -> str:
    """What geo reads of a page now (geo.webpage.read_page)."""
    return remove_furniture(read_page(html)[1])


def trafilatura_text(html: str) -> str:
    import trafilatura
    return trafilatura.extract(html, include_comments=False, include_tables=True) or ""


def trafilatura_recall(html: str) -> str:
    import trafilatura
    return trafilatura.extract(html, include_comments=False, include_tables=True,
                               favor_recall=True) or ""


def readability_text(html: str) -> str:
    from readability import Document
    return read_html(Document(html).summary(html_partial=True))[1]


EXTRACTORS: dict[str, Callable[[str], str]] = {
    "whole page (before)": whole_page,
    "trafilatura": trafilatura_text,
    "trafilatura (favor_recall)": trafilatura_recall,
    "readability-lxml": readability_text,
    "geo: readability, else whole": atlas,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, required=True,
                        help=f"a clone of {PAGES[0]} holding commit {PAGES[1][:7]}")
    parser.add_argument("--show", action="store_true", help="per-page scores")
    args = parser.parse_args()
    golds = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(GOLD.glob("*.json"))]
    totals = {name: Counter() for name in EXTRACTORS}
    seconds: dict[str, list[float]] = {name: [] for name in EXTRACTORS}
    per_page_f: dict[str, list[float]] = {name: [] for name in EXTRACTORS}
    for gold in golds:
        data = page_bytes(args.pages, gold["path"])
        html = decode(data, Path(gold["path"]))
        truth = grams("\n".join(gold["paragraphs"]))
        for name, extract in EXTRACTORS.items():
            start = time.perf_counter()
            try:
                text = extract(html)
            except Exception as error:  # an extractor that fails keeps nothing
                print(f"{gold['path']}: {name} failed: {error!r}")
                text = ""
            seconds[name].append(time.perf_counter() - start)
            kept = grams(text)
            common = sum((kept & truth).values())
            totals[name].update(kept=sum(kept.values()), truth=sum(truth.values()),
                                common=common)
            p = common / sum(kept.values()) if kept else 1.0
            r = common / sum(truth.values()) if truth else 1.0
            if truth:
                per_page_f[name].append(2 * p * r / (p + r) if p + r else 0.0)
            if args.show:
                print(f"{gold['path']:32} {name:28} P {p:.2f} R {r:.2f}")
    print(f"{len(golds)} pages ({sum(1 for g in golds if g['paragraphs'])} with an article), "
          f"pages from {PAGES[0]}@{PAGES[1][:7]}")
    print(f"{'extractor':28} {'P':>5} {'R':>5} {'F1':>5} {'page F1 median':>15} "
          f"{'ms/page median':>15}")
    for name, total in totals.items():
        p = total["common"] / total["kept"] if total["kept"] else 0.0
        r = total["common"] / total["truth"] if total["truth"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:28} {p:5.3f} {r:5.3f} {f:5.3f} {statistics.median(per_page_f[name]):15.3f} "
              f"{1000 * statistics.median(seconds[name]):15.1f}")


if __name__ == "__main__":
    main()
