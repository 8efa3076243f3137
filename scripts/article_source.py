"""Reading a plain-text article for the renderers (render_html.py, render_pdf.py): the
news-crawl date prefix and the paragraphs, one per non-blank line."""
from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

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


def read_input(ap, args, tool: str):
    """The command-line input of a renderer: (--published as a date or None, the input text),
    or None after printing why the input cannot be read (usage errors exit through `ap`)."""
    published = None
    if args.published:
        try:
            published = dt.date.fromisoformat(args.published)
        except ValueError:
            ap.error(f"--published: not a YYYY-MM-DD date: {args.published}")
    try:
        return published, Path(args.input).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        print(f"{tool}: {args.input}: {e}", file=sys.stderr)
        return None
