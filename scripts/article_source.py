"""Reading a plain-text article for the renderers (render_html.py, render_pdf.py): the
news-crawl date prefix and the paragraphs, one per non-blank line."""
from __future__ import annotations

import datetime as dt
import re

_DATE_PREFIX = re.compile(r"^[ \t]*date (\d{4})-(\d{2})-(\d{2})(?:[ \t]+|$)")


def parse_article(text: str):
    """-> (published date or None, paragraphs). Strips a news-crawl ' date YYYY-MM-DD ' prefix;
    spaces inside a paragraph are collapsed."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    published = None
    m = _DATE_PREFIX.match(text)
    if m:
        try:
            published = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            text = text[m.end():]
        except ValueError:
            published = None
    paragraphs = [" ".join(line.split()) for line in text.split("\n")]
    return published, [p for p in paragraphs if p]
