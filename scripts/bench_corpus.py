#!/usr/bin/python3
"""Generate the benchmark corpus: about 20 MB in about 5,000 distinct files.

usage: bench_corpus.py [OUT] [--seed N] [--files N]

OUT (default build/bench/corpus) gets text/, html/ and pdf/ and the lists text.list, html.list,
pdf.list and all.list (absolute paths, one a line) that scripts/bench hands to sendscan_bench,
cat and grep. The material is only the project's own sample corpus (corpus/docs, corpus/src),
never ../shared: paragraphs from several documents are recombined and shuffled, council names
swapped, and a serial-number sentence added, so no two files are byte-identical. Mix by count:
70% plain text (some Windows-1252, a few with a UTF-8 BOM), 25% HTML through the site templates
of render_html.py, 5% letters of 2-4 pages through render_pdf.py.

Deterministic: the bytes depend only on the seed, the file count, the sources and the two
renderers. A stamp file records those; when it matches, the existing corpus is reused.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html.parser
import json
import random
import re
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import render_html  # noqa: E402  (imported, not run per file: 1,250 interpreters would take minutes)
import render_pdf  # noqa: E402

GENERATOR_VERSION = 1  # bump when the output changes for the same seed and sources
STAMP = ".bench_corpus.json"
SOURCES = [ROOT / "corpus" / "docs", ROOT / "corpus" / "src"]
# Scripts whose edits change the output; this one included, so a stale stamp cannot survive a
# change that someone forgot to mark by bumping GENERATOR_VERSION.
SCRIPTS = [ROOT / "scripts" / name for name in
           ("render_html.py", "render_pdf.py", "article_source.py", "bench_corpus.py")]

SHARE_TEXT, SHARE_HTML = 0.70, 0.25  # the rest is PDF
CP1252_SHARE, BOM_SHARE = 0.08, 0.03  # of the text files
# File sizes: (low, high, skew). Sizes are skewed towards the low end, as real articles are,
# so 5,000 files come to about 20 MB; an HTML page also carries 1-10 KB of template clutter.
TEXT_BYTES = (2048, 8192, 6.0)
HTML_BYTES = (5120, 15360, 8.0)
PDF_PAGES = (2, 4)

# Names the sample documents are about; each generated file swaps them all for one council.
SOURCE_COUNCILS = [
    "Bath and North East Somerset", "Kingston upon Hull", "Northamptonshire", "Hertfordshire",
    "Cheshire East", "Derbyshire", "Birmingham", "Stockport", "Norfolk", "Reading", "Halton",
    "Sutton", "Essex", "Kent", "Hull", "Bury", "York",
]
COUNCILS = [
    "Barnsley", "Bedford", "Blackpool", "Bolton", "Bradford", "Brent", "Bristol", "Calderdale",
    "Cambridgeshire", "Camden", "Cornwall", "Coventry", "Croydon", "Cumbria", "Darlington",
    "Devon", "Doncaster", "Dorset", "Dudley", "Ealing", "Enfield", "Gateshead", "Gloucestershire",
    "Hackney", "Hampshire", "Haringey", "Herefordshire", "Islington", "Kirklees", "Knowsley",
    "Lambeth", "Lancashire", "Leeds", "Leicestershire", "Lewisham", "Lincolnshire", "Luton",
    "Manchester", "Medway", "Merton", "Middlesbrough", "Newham", "North Somerset", "Nottingham",
    "Oldham", "Oxfordshire", "Peterborough", "Plymouth", "Portsmouth", "Rochdale", "Rotherham",
    "Salford", "Sandwell", "Sefton", "Sheffield", "Shropshire", "Slough", "Somerset",
    "Southampton", "Southwark", "Staffordshire", "Suffolk", "Sunderland", "Surrey", "Swindon",
    "Tameside", "Torbay", "Trafford", "Wakefield", "Walsall", "Warrington", "Warwickshire",
    "Wigan", "Wiltshire", "Wirral", "Wolverhampton", "Worcestershire",
]
HEADLINES = [
    "{c} SEND services criticised by inspectors",
    "Inspectors find significant weaknesses in {c} support for children with SEND",
    "{c} told to write a written statement of action",
    "Parents in {c} describe a fight for help",
    "{c} council responds to Ofsted and CQC letter",
    "Progress in {c} after SEND revisit",
    "What the inspection means for families in {c}",
    "{c} SEND: waiting times for assessments under scrutiny",
]
LETTER_SOURCES = ("stockport-2021-revisit-letter", "york-2024-area-send-report-letter",
                  "hertfordshire-2019-outcome-letter")


# ---------------------------------------------------------------------------------------------
# source material


class _ParagraphText(html.parser.HTMLParser):
    """Collects the text of <p> elements: the article body, plus a little page clutter."""

    def __init__(self):
        super().__init__()
        self.depth, self.current, self.paragraphs = 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self.depth, self.current = 1, []

    def handle_endtag(self, tag):
        if tag == "p" and self.depth:
            self.depth = 0
            self.paragraphs.append(" ".join("".join(self.current).split()))

    def handle_data(self, data):
        if self.depth:
            self.current.append(data)


def decode(data: bytes) -> str:
    # The sample corpus holds one Windows-1252 file on purpose.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def paragraphs_of(path: Path) -> list[str]:
    text = decode(path.read_bytes())
    if path.suffix == ".html":
        parser = _ParagraphText()
        parser.feed(text)
        return [p for p in parser.paragraphs if p]
    _, paras = render_html.parse_article(text)  # drops a news-crawl " date ..." prefix
    return paras


def load_sources() -> dict[str, list[str]]:
    """stem -> paragraphs, for every readable text or HTML document (the PDF comes from src/)."""
    docs = {}
    for folder in SOURCES:
        for path in sorted(folder.iterdir()):
            if path.suffix in (".txt", ".html"):
                docs[path.stem] = paragraphs_of(path)
    return docs


def inputs_digest() -> str:
    h = hashlib.sha256()
    for path in sorted(p for folder in SOURCES for p in folder.iterdir()) + SCRIPTS:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------
# text


_COUNCIL_RE = re.compile(r"\b(" + "|".join(map(re.escape, SOURCE_COUNCILS)) + r")\b")


def swap_councils(paragraphs: list[str], council: str) -> list[str]:
    return [_COUNCIL_RE.sub(council, p) for p in paragraphs]


def random_date(rng: random.Random) -> dt.date:
    return dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(9 * 365))


def serial_sentence(rng: random.Random, serial: str, council: str) -> str:
    # Curly apostrophe and pound sign: every file has non-ASCII text, so the Windows-1252
    # files really are not UTF-8 and take the encoding-detection path.
    return (f"The council\u2019s reference for this case is {serial}, and its SEND budget for "
            f"the year was \u00a3{rng.randint(20, 400)}.{rng.randint(0, 9)}m in {council}.")


def body_paragraphs(rng: random.Random, docs: dict, stems, budget: int) -> list[str]:
    """Paragraphs drawn from two to four source documents, shuffled, about `budget` bytes."""
    pool = [p for stem in rng.sample(stems, rng.randint(2, min(4, len(stems)))) for p in docs[stem]]
    rng.shuffle(pool)
    out, size = [], 0
    while size < budget:
        if not pool:  # short sources: draw from more documents
            pool = list(docs[rng.choice(stems)])
            rng.shuffle(pool)
        p = pool.pop()
        out.append(p)
        size += len(p.encode()) + 2
    return out


def sized(rng: random.Random, low: int, high: int, skew: float) -> int:
    return int(low + (high - low) * rng.betavariate(1.0, skew))


def article(rng: random.Random, docs, stems, serial: str, budget: int):
    """-> (council, title, date, paragraphs) for a news-like document."""
    council = rng.choice(COUNCILS)
    title = rng.choice(HEADLINES).format(c=council)
    paras = swap_councils(body_paragraphs(rng, docs, stems, budget), council)
    paras.insert(rng.randrange(len(paras) + 1), serial_sentence(rng, serial, council))
    return council, title, random_date(rng), paras


def cut_to(data: bytes, limit: int) -> bytes:
    """At most `limit` bytes, cut at a space so no UTF-8 sequence is split."""
    if len(data) <= limit:
        return data
    cut = data.rfind(b" ", 0, limit)
    return data[:cut if cut > 0 else limit] + b"\n"


def text_file(rng: random.Random, docs, stems, serial: str) -> bytes:
    target = sized(rng, *TEXT_BYTES)
    _, title, date, paras = article(rng, docs, stems, serial, target)
    if rng.random() < 0.4:  # the news-crawl form
        text = f" date {date.isoformat()} {title}\n\n" + "\n\n".join(paras) + "\n"
    else:
        text = f"{title}\n\n{render_html.long_date(date)}\n\n" + "\n\n".join(paras) + "\n"
    data = cut_to(text.encode(), TEXT_BYTES[1])
    roll = rng.random()
    if roll < CP1252_SHARE:
        return data.decode().encode("cp1252", "replace")
    if roll < CP1252_SHARE + BOM_SHARE:
        return b"\xef\xbb\xbf" + data
    return data


# ---------------------------------------------------------------------------------------------
# HTML and PDF


def html_file(rng: random.Random, docs, stems, serial: str, n: int) -> bytes:
    """An article through one of render_html's site templates, grown to a target page size."""
    target = sized(rng, *HTML_BYTES)
    _, title, date, paras = article(rng, docs, stems, serial, target // 5)
    seed, stem = rng.randrange(1_000_000), f"h{n:05d}"

    def render(ps):
        return render_html.render("\n".join([title] + ps), seed=seed, published=date, stem=stem)

    page = render(paras)
    extra = body_paragraphs(rng, docs, stems, target)
    while len(page) < target and extra:  # templates differ in clutter: grow until big enough
        paras.append(extra.pop())
        page = render(paras)
    while len(page) > HTML_BYTES[1] and len(paras) > 2:
        paras.pop()
        page = render(paras)
    return page


def letter_text(rng: random.Random, docs, serial: str, council: str, budget: int) -> str:
    date = random_date(rng)
    head = ["Ofsted", "Agora", "6 Cumberland Place", "Nottingham", "NG1 6HJ", "",
            render_pdf.long_date(date), "", "Director of Children's Services", f"{council} Council",
            "", "Dear Director", "", f"Joint local area SEND inspection in {council}", ""]
    # Only running text from the letters: their address blocks are written once, above.
    running = {s: [p for p in docs[s] if len(p) >= 60] for s in LETTER_SOURCES}
    body = swap_councils(body_paragraphs(rng, running, list(LETTER_SOURCES), budget), council)
    body.insert(rng.randrange(len(body) + 1), serial_sentence(rng, serial, council))
    tail = ["", "Yours sincerely", "", rng.choice(render_html.FIRST) + " "
            + rng.choice(render_html.LAST), "Her Majesty's Inspector"]
    return "\n".join(head + "\n\n".join(body).split("\n") + tail) + "\n"


def pdf_file(rng: random.Random, docs, serial: str) -> bytes:
    """A 2-4 page letter; the text budget is corrected until the page count is right."""
    pages = rng.randint(*PDF_PAGES)
    council = rng.choice(COUNCILS)
    header = f"Joint local area SEND inspection in {council}"
    state = rng.getstate()
    budget = 1800 * pages - 900  # about 1.8 KB of letter text a page, after the address block
    for _ in range(8):
        rng.setstate(state)  # same choices each try; only the length changes
        doc = render_pdf.build(letter_text(rng, docs, serial, council, budget), header=header)
        if doc.npages == pages:
            break
        budget += 600 if doc.npages < pages else -600
    return render_pdf.serialise(doc)


# ---------------------------------------------------------------------------------------------
# output


def plan(files: int) -> list[str]:
    """The kind of each file, by count: text, html, pdf."""
    n_text, n_html = round(files * SHARE_TEXT), round(files * SHARE_HTML)
    return ["text"] * n_text + ["html"] * n_html + ["pdf"] * (files - n_text - n_html)


def generate(out: Path, seed: int, files: int) -> dict[str, list[Path]]:
    docs = load_sources()
    stems = list(docs)
    rng = random.Random(seed)
    lists = {"text": [], "html": [], "pdf": []}
    seen = set()
    for n, kind in enumerate(plan(files)):
        serial = f"SEND/{seed}/{n:05d}"
        if kind == "text":
            data, name = text_file(rng, docs, stems, serial), f"t{n:05d}.txt"
        elif kind == "html":
            data, name = html_file(rng, docs, stems, serial, n), f"h{n:05d}.html"
        else:
            data, name = pdf_file(rng, docs, serial), f"p{n:05d}.pdf"
        digest = hashlib.sha256(data).digest()
        assert digest not in seen, f"duplicate file {name}"  # the serial sentence prevents this
        seen.add(digest)
        path = out / kind / name
        path.write_bytes(data)
        lists[kind].append(path)
    return lists


def write_lists(out: Path, lists: dict[str, list[Path]]) -> None:
    for kind, paths in lists.items():
        (out / f"{kind}.list").write_text("".join(f"{p}\n" for p in paths))
    everything = [p for kind in ("text", "html", "pdf") for p in lists[kind]]
    (out / "all.list").write_text("".join(f"{p}\n" for p in everything))


def summary(out: Path) -> str:
    parts, total = [], 0
    for kind in ("text", "html", "pdf"):
        paths = (out / f"{kind}.list").read_text().split()
        size = sum(Path(p).stat().st_size for p in paths)
        total += size
        parts.append(f"{kind} {len(paths)} files {size / 1e6:.1f} MB")
    return f"bench corpus {out}: " + ", ".join(parts) + f"; total {total / 1e6:.1f} MB"


def prepare(out: Path, stamp: dict) -> bool:
    """True when `out` already holds this exact corpus. Otherwise empties our subfolders, after
    checking the folder is ours (a stamp) or new, so a mistyped OUT never loses anyone's files."""
    stamp_path = out / STAMP
    if stamp_path.exists():
        if json.loads(stamp_path.read_text()) == stamp:
            return True
    elif out.exists() and any(out.iterdir()):
        sys.exit(f"bench_corpus.py: {out} is not empty and holds no {STAMP}; choose another folder")
    out.mkdir(parents=True, exist_ok=True)
    stamp_path.write_text(json.dumps({"incomplete": True}))  # claims the folder, matches nothing
    for kind in ("text", "html", "pdf"):
        shutil.rmtree(out / kind, ignore_errors=True)
        (out / kind).mkdir()
    return False


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?", default=str(ROOT / "build" / "bench" / "corpus"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--files", type=int, default=5000)
    a = ap.parse_args(argv)
    out = Path(a.out).resolve()
    stamp = {"generator": GENERATOR_VERSION, "seed": a.seed, "files": a.files,
             "inputs": inputs_digest(), "out": str(out)}
    start = time.monotonic()
    if prepare(out, stamp):
        print(summary(out) + " (reused)", file=sys.stderr)
        return 0
    write_lists(out, generate(out, a.seed, a.files))
    (out / STAMP).write_text(json.dumps(stamp))  # last: a killed run is never taken as complete
    print(summary(out) + f" (generated in {time.monotonic() - start:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
