"""A saved web page: what it says of itself (title, date, publisher, address) and its main text.

The main text is the article without the page around it: navigation, related-news lists,
reader comments, share bars. readability-lxml finds it, chosen over trafilatura by
measurement on 62 saved Chinese news pages (benchmarks/main_text.py; docs/recognition.md):
it kept 97% of what it kept as article, and 98% of the article, where trafilatura kept 87%
and 98%. Where it finds no article (a page of short items, a script shell that readability
discards whole), the page's whole text is read instead, so an article is never lost to a
wrong guess.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

from readability import Document as Readable
from readability.readability import Unparseable

# readability logs a traceback for a page it cannot read, which we report as "no article":
# with no handler of its own, Python's last-resort handler would print it on every such page.
logging.getLogger("readability").addHandler(logging.NullHandler())

class _TextExtractor(HTMLParser):
    SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button"}
    BLOCK = {"p", "div", "br", "li", "tr", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: str | None = None
        self.meta: dict[str, str] = {}  # the page's own title, date, publisher, url
        self._skip_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "link"):
            self._read_meta(tag, dict(attrs))
        elif tag in self.SKIP:
            self._skip_depth += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def _read_meta(self, tag: str, attrs: dict[str, str | None]) -> None:
        """The first of each field the page states (PAGE_FIELDS)."""
        if tag == "link":
            key, value = f"link:{(attrs.get('rel') or '').lower()}", attrs.get("href")
        else:
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "")
            key, value = key.lower(), attrs.get("content")
        field = PAGE_FIELDS.get(key)
        if field and value and value.strip() and field not in self.meta:
            self.meta[field] = value.strip()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data.strip()
        elif not self._skip_depth:
            self.parts.append(data)


# A < that does not open a whole tag (<a <a <a…, <! followed by spaces, a bare </): the
# standard library's parser reads the rest of the page again at each one, which on hostile
# pages takes quadratic time. Written as text instead, each is read once. The lookahead stops
# at the next < or >, so the whole pass is linear.
_STRAY_LT = re.compile(r"<(?![a-zA-Z/!?][^<>]*>)")


def read_page(html: str) -> tuple[dict[str, str], str]:
    """What the page says of itself (``read_html``), and its main text: the article readability
    finds, or the whole page's text where that holds less than ARTICLE_CHARACTERS Chinese
    characters."""
    meta, whole = read_html(html)
    if len(_HAN.findall(whole)) < ARTICLE_CHARACTERS:
        return meta, whole  # too short to hold anything but the article, if that
    article = main_text(html)
    return meta, article if len(_HAN.findall(article)) >= ARTICLE_CHARACTERS else whole


# A news article has at least a sentence or two; readability's answer with fewer Chinese
# characters is a wrong guess (a caption, a link) or nothing.
ARTICLE_CHARACTERS = 40
_HAN = re.compile(r"[\u4e00-\u9fff]")


def main_text(html: str) -> str:
    """The text of the article readability finds in the page ("" where it finds none)."""
    try:
        article = Readable(html).summary(html_partial=True)
    except Unparseable:  # nothing lxml can parse: an empty or broken page
        return ""
    return read_html(article)[1]


def read_html(text: str) -> tuple[dict[str, str], str]:
    """What the page says of itself (``title``, ``date`` as an ISO day, ``publisher``,
    ``url``: from Open Graph and the usual meta tags, the title else from ``<title>``), and
    its whole text."""
    parser = _TextExtractor()
    parser.feed(_STRAY_LT.sub("&lt;", text))
    parser.close()
    # Each run of blanks is tried once, from its start: from every blank of a long run
    # without a newline the search would read the run again.
    body = re.sub(r"(?<![ \t])[ \t]*\n[ \t\n]*", "\n\n", "".join(parser.parts))
    meta = dict(parser.meta)
    if "date" in meta:
        day = _iso_day(meta.pop("date"))
        if day:
            meta["date"] = day
    if parser.title and "title" not in meta:
        meta["title"] = parser.title
    return meta, body


# Meta tags (property, name or itemprop; link rel) that say what a news page is, and the
# field each gives; the first one a page states wins.
PAGE_FIELDS = {
    "og:title": "title", "twitter:title": "title",
    "article:published_time": "date", "publishdate": "date", "pubdate": "date",
    "datepublished": "date", "publish_date": "date", "og:release_date": "date",
    "og:site_name": "publisher", "source": "publisher", "publisher": "publisher",
    "og:url": "url", "link:canonical": "url",
}
_DAY = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def _iso_day(value: str) -> str | None:
    """2024-03-07T10:00:00+08:00, 2024/3/7 or 2024年3月7日 as 2024-03-07."""
    match = _DAY.search(value)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
