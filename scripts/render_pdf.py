#!/usr/bin/python3
"""Render a plain-text article or letter as a multi-page A4 PDF in the style of an Ofsted/CQC letter.

usage: render_pdf.py IN.txt OUT.pdf [--header TEXT] [--footer TEXT] [--no-hyphenate]
                     [--published YYYY-MM-DD] [--no-compress]

Standard library only. Used to turn the plain-text evaluation documents into PDF inputs for
`sendscan extract`, so the PDF reader (running headers and footers, page numbers, hyphenation at
line ends, justified spacing, WinAnsi text) can be scored against the same gold as the text.

What the PDF holds:
  - A4 pages (595 x 842 pt), base-14 font Helvetica (and -Bold, -Oblique), not embedded, with
    /Encoding /WinAnsiEncoding: text is written as cp1252 bytes, so curly quotes, dashes, the
    pound sign and accented letters survive; characters outside cp1252 become ASCII lookalikes.
  - Body text 11 pt, about 90-95 characters a line, justified with word spacing (Tw) except the
    last line of a paragraph; a blank line between paragraphs; a short title-like first line is
    set in bold as a heading.
  - Long words that do not fit at a line end are hyphenated ("inspec-" / "tion") unless
    --no-hyphenate; words that already contain a hyphen, all-capital words and words with digits
    are never split, so every hyphen at a line end that is followed by a lower-case letter on the
    next line was added by the typesetting.
  - A running header on every page (--header, default: the first line of the text, shortened to
    about 80 characters at a word boundary with "..."), and a footer on every page (--footer,
    default "Ofsted / Care Quality Commission - joint local area SEND inspection") with
    "Page N of M" at the right.
  - A news-crawl first line " date YYYY-MM-DD ..." loses its prefix; the date (or --published) is
    set as the letter's first line ("16 January 2020") and as /CreationDate in /Info.
  - Deterministic bytes: no clock; /ID is an MD5 of the content.

corpus/docs/stockport-2021-revisit-letter.pdf is rendered by this script (corpus/README.md):
changing the layout constants or the hyphenation rules changes its bytes and its line breaks,
so regenerate it and re-check its gold when you do.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import sys
import unicodedata
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from article_source import parse_article, read_input  # noqa: E402

PAGE_W, PAGE_H = 595, 842
MARGIN_L, MARGIN_R = 56, 56
TEXT_W = PAGE_W - MARGIN_L - MARGIN_R          # 483 pt: about 90-95 characters of 11 pt Helvetica
BODY_SIZE, LEADING = 11, 14
BODY_TOP, BODY_BOTTOM = 770, 72                 # baselines of the first and lowest body lines
HEADER_Y, FOOTER_Y = 806, 40
DEFAULT_FOOTER = "Ofsted / Care Quality Commission \u2014 joint local area SEND inspection"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# ---------------------------------------------------------------------------------------------
# Helvetica metrics (AFM widths, 1/1000 em) by WinAnsi code

_W = {32: 278, 33: 278, 34: 355, 35: 556, 36: 556, 37: 889, 38: 667, 39: 191, 40: 333, 41: 333,
      42: 389, 43: 584, 44: 278, 45: 333, 46: 278, 47: 278, 58: 278, 59: 278, 60: 584, 61: 584,
      62: 584, 63: 556, 64: 1015, 65: 667, 66: 667, 67: 722, 68: 722, 69: 667, 70: 611, 71: 778,
      72: 722, 73: 278, 74: 500, 75: 667, 76: 556, 77: 833, 78: 722, 79: 778, 80: 667, 81: 778,
      82: 722, 83: 667, 84: 611, 85: 722, 86: 667, 87: 944, 88: 667, 89: 667, 90: 611, 91: 278,
      92: 278, 93: 278, 94: 469, 95: 556, 96: 333, 97: 556, 98: 556, 99: 500, 100: 556, 101: 556,
      102: 278, 103: 556, 104: 556, 105: 222, 106: 222, 107: 500, 108: 222, 109: 833, 110: 556,
      111: 556, 112: 556, 113: 556, 114: 333, 115: 500, 116: 278, 117: 556, 118: 500, 119: 722,
      120: 500, 121: 500, 122: 500, 123: 334, 124: 260, 125: 334, 126: 584,
      0x80: 556, 0x82: 222, 0x83: 556, 0x84: 333, 0x85: 1000, 0x86: 556, 0x87: 556, 0x88: 333,
      0x89: 1000, 0x8A: 667, 0x8B: 333, 0x8C: 1000, 0x8E: 611, 0x91: 222, 0x92: 222, 0x93: 333,
      0x94: 333, 0x95: 350, 0x96: 556, 0x97: 1000, 0x98: 333, 0x99: 1000, 0x9A: 500, 0x9B: 333,
      0x9C: 944, 0x9E: 500, 0x9F: 667, 0xA0: 278, 0xA1: 333, 0xA6: 260, 0xA8: 333, 0xA9: 737,
      0xAA: 370, 0xAC: 584, 0xAD: 333, 0xAE: 737, 0xAF: 333, 0xB0: 400, 0xB1: 584, 0xB2: 333,
      0xB3: 333, 0xB4: 333, 0xB6: 537, 0xB7: 278, 0xB8: 333, 0xB9: 333, 0xBA: 365, 0xBC: 834,
      0xBD: 834, 0xBE: 834, 0xBF: 611, 0xC6: 1000, 0xC7: 722, 0xD0: 722, 0xD1: 722, 0xD7: 584,
      0xD8: 778, 0xDD: 667, 0xDE: 667, 0xDF: 611, 0xE6: 889, 0xE7: 500, 0xF7: 584, 0xF8: 611,
      0xFD: 500, 0xFF: 500}
for _c in range(48, 58):
    _W[_c] = 556
for _lo, _hi, _w in ((0xC0, 0xC5, 667), (0xC8, 0xCB, 667), (0xCC, 0xCF, 278), (0xD2, 0xD6, 778),
                     (0xD9, 0xDC, 722), (0xE0, 0xE5, 556), (0xE8, 0xEB, 556), (0xEC, 0xEF, 278),
                     (0xF0, 0xF6, 556), (0xF9, 0xFC, 556)):
    for _c in range(_lo, _hi + 1):
        _W[_c] = _w
WIDTHS = [_W.get(c, 556) for c in range(256)]

# ---------------------------------------------------------------------------------------------
# text -> cp1252 bytes

_LOOKALIKE = {
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2015": "\u2014", "\u2212": "-", "\u2043": "-",
    "\u2032": "'", "\u2033": '"', "\u2035": "'", "\u201b": "'", "\u201f": '"', "\u2039": "<",
    "\u25fc": "*", "\u25a0": "*", "\u25aa": "*", "\u25cf": "*", "\u25e6": "o", "\u2023": ">",
    "\u2192": "->", "\u2190": "<-", "\u2713": "v", "\u2714": "v", "\u2717": "x", "\u2265": ">=",
    "\u2264": "<=", "\u2260": "!=", "\u2248": "~", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "\u2002": " ", "\u2003": " ", "\u2007": " ", "\u2008": " ", "\u200a": " ",
    "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "",
}


def to_winansi(s: str) -> bytes:
    """Unicode -> cp1252 bytes; characters outside cp1252 become ASCII lookalikes (or '?')."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", s):
        ch = _LOOKALIKE.get(ch, ch)
        try:
            out += ch.encode("cp1252")
            continue
        except UnicodeEncodeError:
            pass
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c))
        try:
            out += base.encode("cp1252") if base else b"?"
        except UnicodeEncodeError:
            out += b"?"
    return bytes(out)


def text_width(b: bytes, size: float) -> float:
    return sum(WIDTHS[c] for c in b) * size / 1000.0


def pdf_text_string(s: str) -> bytes:
    """A text string for /Info: literal when ASCII, else UTF-16BE with a byte order mark."""
    if all(32 <= ord(c) < 127 for c in s):
        return pdf_string(s.encode("ascii"))
    return b"<FEFF" + s.encode("utf-16-be").hex().upper().encode() + b">"


def pdf_string(b: bytes) -> bytes:
    out = bytearray(b"(")
    for c in b:
        if c in (0x28, 0x29, 0x5C):
            out += b"\\" + bytes([c])
        elif c < 32 or c > 126:
            out += b"\\%03o" % c
        else:
            out.append(c)
    return bytes(out + b")")


# ---------------------------------------------------------------------------------------------
# input

def long_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def shorten(s: str, limit=80) -> str:
    if len(s) <= limit:
        return s
    cut = s[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-\u2013\u2014")
    return cut + "\u2026"


def is_title_like(paragraphs) -> bool:
    return (len(paragraphs) > 1 and len(paragraphs[0]) < 150 and not paragraphs[0].endswith(".")
            and len(paragraphs[0].split()) <= 20)


# ---------------------------------------------------------------------------------------------
# hyphenation

_WORD = re.compile(r"^([\W_]*?)([^\W\d_]+)((?:['\u2019][sS])?[\W_]*)$")
_VOWELS = set("aeiouy\u00e0\u00e1\u00e2\u00e4\u00e8\u00e9\u00ea\u00eb\u00ec\u00ed\u00ee\u00ef"
              "\u00f2\u00f3\u00f4\u00f6\u00f9\u00fa\u00fb\u00fc")
_NO_SPLIT = {"th", "ch", "sh", "ph", "gh", "ck", "ng", "qu", "wh", "wr", "kn", "gn"}
_SUFFIXES = ("tions", "tion", "sions", "sion", "ments", "ment", "nesses", "ness",
             "ities", "ity", "ances", "ance", "ences", "ence", "ings", "ing", "able", "ible",
             "ship", "ful", "less", "ised", "ized", "ises", "izes")
_PREFIXES = ("inter", "under", "over", "trans", "super", "multi", "counter")


def break_points(word: str):
    """Indices i (split word[:i] + '-' / word[i:]) where a hyphenation is acceptable: before a
    common suffix, after a common prefix, VC-CV and V-CV; at least 3 letters on each side. Words
    of fewer than 7 letters, all-capital words and words holding digits or hyphens are never
    split."""
    m = _WORD.match(word)
    if not m:
        return []
    lead, core = m.group(1), m.group(2)
    if len(core) < 7 or core.isupper():
        return []
    low = core.lower()
    pts = set()
    for suf in _SUFFIXES:
        if low.endswith(suf) and len(low) - len(suf) >= 3:
            pts.add(len(low) - len(suf))
            break
    for pre in _PREFIXES:
        if low.startswith(pre) and len(low) - len(pre) >= 3:
            pts.add(len(pre))
    for i in range(3, len(low) - 2):
        a, b = low[i - 1], low[i]
        v_before, v_after = low[i - 2] in _VOWELS, low[i + 1] in _VOWELS
        if a not in _VOWELS and b not in _VOWELS and v_before and v_after and a + b not in _NO_SPLIT:
            pts.add(i)                                  # VC-CV: "impor-tant", "commis-sion"
        elif a in _VOWELS and b not in _VOWELS and v_after and b != "x":
            pts.add(i)                                  # V-CV: "edu-cation"
    return sorted(len(lead) + i for i in pts if 3 <= i <= len(low) - 3)


# ---------------------------------------------------------------------------------------------
# layout

class Line:
    __slots__ = ("words", "justify", "font", "size")

    def __init__(self, words, justify, font="F1", size=BODY_SIZE):
        self.words, self.justify, self.font, self.size = words, justify, font, size


def wrap(paragraph: str, size: float, hyphenate: bool, scale=1.0, justify=True):
    """Greedy line filling; -> list of Line (word lists as cp1252 bytes)."""
    space = WIDTHS[32] * size / 1000.0 * scale
    maxw = TEXT_W
    lines, cur, curw = [], [], 0.0

    def width(b):
        return text_width(b, size) * scale

    for word in paragraph.split(" "):
        if not word:
            continue
        wb = to_winansi(word)
        if not wb:
            continue
        add = width(wb) + (space if cur else 0.0)
        if curw + add <= maxw:
            cur.append(wb)
            curw += add
            continue
        if hyphenate and cur:
            room = maxw - curw - space
            best = None
            for i in break_points(word):
                pre = to_winansi(word[:i]) + b"-"
                if width(pre) <= room:
                    best = i
            if best is not None:
                cur.append(to_winansi(word[:best]) + b"-")
                lines.append(Line(cur, justify))
                wb = to_winansi(word[best:])
                cur, curw = [wb], width(wb)
                continue
        if cur:
            lines.append(Line(cur, justify))
        cur, curw = [], 0.0
        while width(wb) > maxw:                          # a word longer than a line: cut it
            n = len(wb)
            while n > 1 and width(wb[:n]) > maxw:
                n -= 1
            lines.append(Line([wb[:n]], False))
            wb = wb[n:]
        cur, curw = [wb], width(wb)
    if cur:
        lines.append(Line(cur, False))
    return lines


def layout(paragraphs, hyphenate=True, title=False):
    """-> list of pages, each a list of (y, Line)."""
    items = []                                          # Line or None (= paragraph gap)
    for k, para in enumerate(paragraphs):
        if k:
            items.append(None)
        if k == 0 and title:
            for ln in wrap(para, 13, False, scale=1.08, justify=False):
                ln.font, ln.size = "F2", 13
                items.append(ln)
        else:
            items.extend(wrap(para, BODY_SIZE, hyphenate))
    pages, cur, y = [], [], BODY_TOP
    for it in items:
        if it is None:
            if cur:
                y -= LEADING
            continue
        if y < BODY_BOTTOM:
            pages.append(cur)
            cur, y = [], BODY_TOP
        cur.append((y, it))
        y -= LEADING
    if cur or not pages:
        pages.append(cur)
    return pages


def line_ops(y, ln: Line) -> bytes:
    data = b" ".join(ln.words)
    tw = 0.0
    if ln.justify and len(ln.words) > 1:
        natural = text_width(data, ln.size)
        tw = (TEXT_W - natural) / (len(ln.words) - 1)
        if tw > 2.5 * ln.size:                           # a very loose line: leave it ragged
            tw = 0.0
    return (b"/%s %g Tf 1 0 0 1 %d %g Tm %.3f Tw %s Tj\n"
            % (ln.font.encode(), ln.size, MARGIN_L, y, tw, pdf_string(data)))


def page_content(lines, header: bytes, footer: bytes, pageno: int, npages: int) -> bytes:
    out = bytearray()
    if header:
        out += b"q 0.35 g BT /F3 8.5 Tf 1 0 0 1 %d %d Tm %s Tj ET Q\n" % (MARGIN_L, HEADER_Y, pdf_string(header))
        out += b"q 0.6 G 0.5 w %d %d m %d %d l S Q\n" % (MARGIN_L, HEADER_Y - 6, PAGE_W - MARGIN_R, HEADER_Y - 6)
    out += b"BT 0 g\n"
    for y, ln in lines:
        out += line_ops(y, ln)
    out += b"ET\n"
    out += b"q 0.6 G 0.5 w %d %d m %d %d l S Q\n" % (MARGIN_L, FOOTER_Y + 12, PAGE_W - MARGIN_R, FOOTER_Y + 12)
    num = to_winansi(f"Page {pageno} of {npages}")
    x = PAGE_W - MARGIN_R - text_width(num, 8)
    out += b"q 0.35 g BT /F1 8 Tf 1 0 0 1 %d %d Tm %s Tj ET\n" % (MARGIN_L, FOOTER_Y, pdf_string(footer))
    out += b"BT /F1 8 Tf 1 0 0 1 %.2f %d Tm %s Tj ET Q\n" % (x, FOOTER_Y, pdf_string(num))
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# objects and file

class PdfObj:
    __slots__ = ("num", "body", "stream")

    def __init__(self, num, body: bytes, stream: bytes | None = None):
        self.num, self.body, self.stream = num, body, stream


class PdfDoc:
    """Objects of a PDF before serialisation (make_bad_pdfs.py encrypts them)."""

    def __init__(self, objects, root, info, npages, compress):
        self.objects, self.root, self.info, self.npages, self.compress = objects, root, info, npages, compress

    def file_id(self) -> bytes:
        h = hashlib.md5()
        for o in self.objects:
            h.update(o.body)
            h.update(o.stream or b"")
        return h.digest()


def build(text: str, header=None, footer=None, hyphenate=True, published=None, compress=True) -> PdfDoc:
    text_date, paragraphs = parse_article(text)
    if published is None:
        published = text_date
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    title = is_title_like(paragraphs)
    if header is None:
        header = shorten(paragraphs[0]) if paragraphs else ""
    if footer is None:
        footer = DEFAULT_FOOTER
    body = list(paragraphs)
    if published:
        if title:                                       # date line under the heading
            body.insert(1, long_date(published))
        else:
            body.insert(0, long_date(published))
    if not body:
        body = [""]
    pages = layout(body, hyphenate, title)
    n = len(pages)
    hb, fb = to_winansi(header), to_winansi(footer)

    objs = []
    font_nums = {"F1": 3, "F2": 4, "F3": 5}
    objs.append(PdfObj(1, b"<< /Type /Catalog /Pages 2 0 R >>"))
    first_page = 7
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(n))
    objs.append(PdfObj(2, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n)))
    for name, base in (("F1", b"Helvetica"), ("F2", b"Helvetica-Bold"), ("F3", b"Helvetica-Oblique")):
        objs.append(PdfObj(font_nums[name], b"<< /Type /Font /Subtype /Type1 /BaseFont /%s "
                                            b"/Encoding /WinAnsiEncoding >>" % base))
    info = b"<< /Producer (sendscan scripts/render_pdf.py) /Creator (sendscan test fixtures)"
    if header:
        info += b" /Title " + pdf_text_string(header)
    if published:
        info += b" /CreationDate (D:%04d%02d%02d090000Z)" % (published.year, published.month, published.day)
    objs.append(PdfObj(6, info + b" >>"))
    fonts = b" ".join(b"/%s %d 0 R" % (k.encode(), v) for k, v in font_nums.items())
    for i, lines in enumerate(pages):
        pnum, cnum = first_page + 2 * i, first_page + 2 * i + 1
        objs.append(PdfObj(pnum, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
                                 b"/Resources << /Font << %s >> /ProcSet [/PDF /Text] >> /Contents %d 0 R >>"
                                 % (PAGE_W, PAGE_H, fonts, cnum)))
        content = page_content(lines, hb, fb, i + 1, n)
        objs.append(PdfObj(cnum, b"", content))
    return PdfDoc(objs, 1, 6, n, compress)


def serialise(doc: PdfDoc, encrypt=None) -> bytes:
    """encrypt: None, or an object with .dictionary (bytes), .file_id (bytes) and
    .crypt(num, gen, data) -> bytes; the /Info object is left out of an encrypted file."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    file_id = encrypt.file_id if encrypt else doc.file_id()
    objects = [o for o in doc.objects if not (encrypt and o.num == doc.info)]
    enc_num = None
    if encrypt:
        enc_num = max(o.num for o in doc.objects) + 1
        objects.append(PdfObj(enc_num, encrypt.dictionary))
    for o in objects:
        offsets[o.num] = len(out)
        out += b"%d 0 obj\n" % o.num
        if o.stream is not None:
            data, filt = o.stream, b""
            if doc.compress:
                data, filt = zlib.compress(data, 9), b" /Filter /FlateDecode"
            if encrypt:
                data = encrypt.crypt(o.num, 0, data)
            out += b"<< /Length %d%s >>\nstream\n" % (len(data), filt)
            out += data + b"\nendstream\n"
        else:
            out += o.body + b"\n"
        out += b"endobj\n"
    size = max(offsets) + 1
    xref = len(out)
    out += b"xref\n0 %d\n" % size
    out += b"0000000000 65535 f \n"
    for num in range(1, size):
        if num in offsets:
            out += b"%010d 00000 n \n" % offsets[num]
        else:
            out += b"0000000000 65535 f \n"
    hexid = file_id.hex().encode()
    out += b"trailer\n<< /Size %d /Root %d 0 R" % (size, doc.root)
    if encrypt:
        out += b" /Encrypt %d 0 R" % enc_num
    else:
        out += b" /Info %d 0 R" % doc.info
    out += b" /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (hexid, hexid, xref)
    return bytes(out)


def render(text: str, header=None, footer=None, hyphenate=True, published=None, compress=True) -> bytes:
    return serialise(build(text, header, footer, hyphenate, published, compress))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="plain-text document (UTF-8)")
    ap.add_argument("output", help="PDF file to write")
    ap.add_argument("--header", help="running header text (default: the first line, shortened)")
    ap.add_argument("--footer", help=f"footer text (default: {DEFAULT_FOOTER!r})")
    ap.add_argument("--no-hyphenate", action="store_true", help="never split words at line ends")
    ap.add_argument("--published", help="YYYY-MM-DD: date line and /CreationDate (overrides a ' date' prefix)")
    ap.add_argument("--no-compress", action="store_true", help="write content streams uncompressed")
    a = ap.parse_args(argv)
    loaded = read_input(ap, a, "render_pdf.py")
    if loaded is None:
        return 1
    published, text = loaded
    data = render(text, a.header, a.footer, not a.no_hyphenate, published, not a.no_compress)
    Path(a.output).write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
