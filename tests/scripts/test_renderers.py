"""Tests for scripts/render_html.py, scripts/render_pdf.py and scripts/make_bad_pdfs.py.

run: /usr/bin/python3 -m unittest discover -s tests/scripts -p 'test_*.py'
The sample text is written here (never taken from ../shared). The pdftotext/pdfinfo checks are
skipped when poppler-utils is not installed.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
sys.path.insert(0, str(SCRIPTS))

import make_bad_pdfs  # noqa: E402
import render_html  # noqa: E402
import render_pdf  # noqa: E402

TITLE = "Kingsmere told to improve support for children with special needs"
PARAS = [
    "Inspectors from Ofsted and the Care Quality Commission (CQC) found “significant weaknesses” "
    "in the way Kingsmere's local area supports children & young people with special educational "
    "needs and disabilities.",
    "The council and the clinical commissioning group now have 70 days to produce a written "
    "statement of action, costing an estimated £250,000 <according to early figures>.",
    "What parents said",
    "Renée Castellano, who chairs the parent carer forum, said: “Families have waited far too long "
    "for assessments – some for more than a year. We want co-production to mean something.” ✓",
    "Inspectors praised the work of the early years teams, which identify needs quickly and work "
    "well with health visitors.",
]
# Enough further paragraphs for a multi-page PDF.
FILLER = [
    f"Paragraph {i}: the inspection considered the effectiveness of arrangements for identifying, "
    f"assessing and meeting needs, including the timeliness of education, health and care plans, "
    f"the involvement of professionals from health and social care, the understanding of leaders "
    f"and the experiences of families across the neighbourhoods of the borough."
    for i in range(1, 25)
]
SAMPLE = " date 2018-05-16 " + TITLE + "\n\n" + "\n\n".join(PARAS) + "\n"
LONG_SAMPLE = SAMPLE + "\n" + "\n\n".join(FILLER) + "\n"

# per template: strings that must appear in the page (raw markup) when published is 2018-05-16
DATE_FORMS = {
    "regional": ['<meta property="article:published_time" content="2018-05-16T',
                 '<time datetime="2018-05-16T', '"datePublished": "2018-05-16T'],
    "council": ['<p class="date">Published: 16 May 2018</p>'],
    "wordpress": ['<time class="entry-date published" datetime="2018-05-16T', '>May 16, 2018</time>',
                  "/2018/05/16/"],
    "modern": ['"datePublished": "2018-05-16T'],
    "minimal": ['<span class="date">Published Wednesday, 16th May 2018</span>'],
    "charity": ['<span class="blog-date">16/05/2018</span>', 'itemprop="datePublished" content="2018-05-16"'],
}
# per template: markup that must be absent when the article has no date
UNDATED_ABSENT = {
    "regional": ['class="published"', 'class="updated"'],
    "council": ['class="date"', "Last updated"],
    "wordpress": ["entry-date", "Posted on"],
    "modern": [],
    "minimal": ['class="date"', "Published "],
    "charity": ["blog-date"],
}
PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")


def decode_page(template: str, data: bytes) -> str:
    return data.decode(render_html.ENCODINGS.get(template, "utf-8"))


class RenderHtmlTest(unittest.TestCase):
    def test_every_template_is_covered(self):
        self.assertGreaterEqual(len(render_html.TEMPLATE_NAMES), 5)
        self.assertEqual(set(DATE_FORMS), set(render_html.TEMPLATE_NAMES))

    def test_deterministic(self):
        for t in render_html.TEMPLATE_NAMES:
            with self.subTest(template=t):
                a = render_html.render(SAMPLE, template=t, stem="sample")
                b = render_html.render(SAMPLE, template=t, stem="sample")
                self.assertEqual(a, b)

    def test_contains_every_paragraph_and_title(self):
        for t in render_html.TEMPLATE_NAMES:
            with self.subTest(template=t):
                page = html.unescape(decode_page(t, render_html.render(SAMPLE, template=t, stem="s")))
                for p in PARAS + [TITLE]:
                    self.assertIn(p, page)
                self.assertNotIn(" date 2018-05-16", page)

    def test_text_is_escaped(self):
        for t in render_html.TEMPLATE_NAMES:
            with self.subTest(template=t):
                page = decode_page(t, render_html.render(SAMPLE, template=t, stem="s"))
                self.assertIn("&lt;according to early figures&gt;", page)
                self.assertIn("children &amp; young people", page)
                self.assertNotIn("<according", page)

    def test_date_forms(self):
        for t, forms in DATE_FORMS.items():
            with self.subTest(template=t):
                page = decode_page(t, render_html.render(SAMPLE, template=t, stem="s"))
                for f in forms:
                    self.assertIn(f, page)

    def test_modern_has_no_meta_or_visible_date(self):
        page = render_html.render(SAMPLE, template="modern", stem="s").decode()
        self.assertNotIn("published_time", page)
        self.assertNotIn("16 May 2018", page)
        self.assertNotIn("May 16, 2018", page)

    def test_minimal_is_windows_1252(self):
        data = render_html.render(SAMPLE, template="minimal", stem="s")
        self.assertIn(b'<meta charset="windows-1252">', data)
        self.assertIn("£250,000".encode("cp1252"), data)
        self.assertIn("Renée".encode("cp1252"), data)
        self.assertIn(b"&#10003;", data)               # the check mark is not in windows-1252
        with self.assertRaises(UnicodeDecodeError):
            data.decode("utf-8")

    def test_published_option_and_no_date(self):
        page = render_html.render(SAMPLE, template="council", published="2019-02-03", stem="s").decode()
        self.assertIn("Published: 3 February 2019", page)
        self.assertNotIn("16 May 2018", page)
        undated = "\n\n".join([TITLE] + PARAS)
        for t in render_html.TEMPLATE_NAMES:
            with self.subTest(template=t):
                page = decode_page(t, render_html.render(undated, template=t, stem="s"))
                for f in UNDATED_ABSENT[t] + ["datePublished", "published_time"]:
                    self.assertNotIn(f, page)

    def test_title_rules(self):
        page = render_html.render(SAMPLE, template="regional", stem="s").decode()
        self.assertIn(f'<meta property="og:title" content="{TITLE}">', page)
        self.assertIn(f"<h1 class=\"headline\">{TITLE}</h1>", page)
        _, paras = render_html.parse_article("A short headline\n" + PARAS[0])
        self.assertEqual(render_html.choose_title(paras), ("A short headline", [PARAS[0]]))
        self.assertIsNone(render_html.choose_title(["A short sentence.", PARAS[1]])[0])
        self.assertIsNone(render_html.choose_title(["x" * 150, PARAS[1]])[0])
        self.assertIsNone(render_html.choose_title(["Only paragraph"])[0])
        page = render_html.render(SAMPLE, template="regional", title="Given title", stem="s").decode()
        self.assertIn("<title>Given title | ", page)

    def test_url_and_canonical(self):
        url = "https://www.example.co.uk/news/1.story/"
        page = render_html.render(SAMPLE, template="regional", url=url, stem="s").decode()
        self.assertIn(f'<link rel="canonical" href="{url}">', page)
        self.assertIn(f'<meta property="og:url" content="{url}">', page)

    def test_template_from_seed_and_stem(self):
        n = len(render_html.TEMPLATE_NAMES)
        for seed in range(n):
            by_seed = render_html.render(SAMPLE, seed=seed, stem="x")
            by_name = render_html.render(SAMPLE, template=render_html.TEMPLATE_NAMES[seed], seed=seed, stem="x")
            self.assertEqual(by_seed, by_name)
        self.assertEqual(render_html.render(SAMPLE, stem="abc"), render_html.render(SAMPLE, stem="abc"))

    def test_regional_clutter(self):
        page = render_html.render(SAMPLE, template="regional", stem="s").decode()
        for s in ("Share this article", "READ MORE:", 'id="comments"', "cookie", "newsletter",
                  "application/ld+json", "NewsArticle", "Related articles", "&copy;"):
            self.assertIn(s, page)
        self.assertEqual(page.count('class="comment"'), 3)
        self.assertGreaterEqual(len(re.findall(r'<li><a href="/[a-z-]+/">', page)), 15)

    def test_cli(self):
        with tempfile.TemporaryDirectory() as d:
            src, dst = Path(d, "story.txt"), Path(d, "story.html")
            src.write_text(SAMPLE, encoding="utf-8")
            subprocess.run([sys.executable, str(SCRIPTS / "render_html.py"), str(src), str(dst),
                            "--template", "wordpress"], check=True)
            self.assertEqual(dst.read_bytes(), render_html.render(SAMPLE, template="wordpress", stem="story"))


def pdf_pages(data: bytes) -> int:
    m = re.search(rb"/Type /Pages /Kids \[[^\]]*\] /Count (\d+)", data)
    return int(m.group(1))


def pdftotext(path, *args) -> str:
    return subprocess.run([PDFTOTEXT, "-layout", *args, str(path), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")


def norm(s: str) -> str:
    return " ".join(s.split())


class RenderPdfTest(unittest.TestCase):
    def test_bytes(self):
        a = render_pdf.render(LONG_SAMPLE)
        self.assertEqual(a, render_pdf.render(LONG_SAMPLE))
        self.assertTrue(a.startswith(b"%PDF-1.4\n"))
        self.assertTrue(a.rstrip().endswith(b"%%EOF"))
        doc = render_pdf.build(LONG_SAMPLE)
        self.assertGreaterEqual(doc.npages, 2)
        self.assertEqual(pdf_pages(a), doc.npages)
        self.assertEqual(len(re.findall(rb"/Type /Page ", a)), doc.npages)
        self.assertEqual(pdf_pages(render_pdf.render(SAMPLE)), 1)

    def test_xref_offsets(self):
        data = render_pdf.render(LONG_SAMPLE)
        start = int(re.search(rb"startxref\n(\d+)\n%%EOF", data).group(1))
        self.assertTrue(data[start:].startswith(b"xref\n0 "))
        lines = data[start:].split(b"\n")
        n = int(lines[1].split()[1])
        for num, entry in enumerate(lines[2:2 + n]):
            self.assertEqual(len(entry) + 1, 20)
            off, _, kind = entry.split()
            if kind == b"n":
                self.assertTrue(data[int(off):].startswith(b"%d 0 obj" % num), num)

    def test_winansi(self):
        self.assertEqual(render_pdf.to_winansi("“£é”–—’"), b"\x93\xa3\xe9\x94\x96\x97\x92")
        self.assertEqual(render_pdf.to_winansi("\u25fc \u2713 \u2212"), b"* v -")
        self.assertEqual(render_pdf.to_winansi("a\u00adb"), b"ab")

    def test_hyphenation_points(self):
        self.assertIn("inspec-tion", ["inspection"[:i] + "-" + "inspection"[i:]
                                      for i in render_pdf.break_points("inspection")])
        for w in ("co-production", "EHCP", "2018", "cat", "needs.", "Year10s"):
            self.assertEqual(render_pdf.break_points(w), [], w)

    @unittest.skipUnless(PDFTOTEXT, "pdftotext not installed")
    def test_text_round_trips(self):
        doc = render_pdf.build(LONG_SAMPLE)
        with tempfile.TemporaryDirectory() as d:
            path = Path(d, "letter.pdf")
            path.write_bytes(render_pdf.serialise(doc))
            text = pdftotext(path)
        pages = [p for p in text.split("\f") if p.strip()]
        self.assertEqual(len(pages), doc.npages)
        header = render_pdf.shorten(TITLE)
        body = []
        for i, page in enumerate(pages, 1):
            lines = [ln for ln in page.split("\n") if ln.strip()]
            self.assertEqual(lines[0].strip(), header, f"page {i}")
            self.assertIn(render_pdf.DEFAULT_FOOTER, lines[-1])
            self.assertTrue(lines[-1].rstrip().endswith(f"Page {i} of {len(pages)}"), lines[-1])
            body.extend(lines[1:-1])
        joined = re.sub(r"([a-z])-\n([a-z])", r"\1\2", "\n".join(body))      # undo hyphenation
        self.assertGreater(len(re.findall(r"[a-z]-\n[a-z]", "\n".join(body))), 2)
        flat = norm(joined)
        expected = [TITLE, "16 May 2018"] + PARAS + FILLER
        pos = 0
        for p in expected:
            p = norm(render_pdf.to_winansi(p).decode("cp1252"))
            at = flat.find(p, pos)
            self.assertGreaterEqual(at, 0, p)
            pos = at + len(p)

    @unittest.skipUnless(PDFTOTEXT, "pdftotext not installed")
    def test_no_hyphenate_and_options(self):
        with tempfile.TemporaryDirectory() as d:
            src, dst = Path(d, "in.txt"), Path(d, "out.pdf")
            src.write_text(LONG_SAMPLE, encoding="utf-8")
            subprocess.run([sys.executable, str(SCRIPTS / "render_pdf.py"), str(src), str(dst),
                            "--no-hyphenate", "--header", "Northvale local area SEND inspection",
                            "--footer", "Ofsted outcome letter"], check=True)
            text = pdftotext(dst)
        self.assertEqual(re.findall(r"[a-z]-\n", text), [])
        pages = [p for p in text.split("\f") if p.strip()]
        for i, page in enumerate(pages, 1):
            lines = [ln for ln in page.split("\n") if ln.strip()]
            self.assertEqual(lines[0].strip(), "Northvale local area SEND inspection")
            self.assertIn("Ofsted outcome letter", lines[-1])
            self.assertIn(f"Page {i} of {len(pages)}", lines[-1])


class CorpusPdfTest(unittest.TestCase):
    """The corpus PDF is rendered by render_pdf.py: the renderer must still reproduce it."""
    SRC = SCRIPTS.parent / "corpus" / "src" / "stockport-2021-revisit-letter.txt"
    PDF = SCRIPTS.parent / "corpus" / "docs" / "stockport-2021-revisit-letter.pdf"

    @unittest.skipUnless(SRC.is_file() and PDF.is_file(), "corpus PDF or its source absent")
    def test_corpus_pdf_reproducible(self):
        text = self.SRC.read_text(encoding="utf-8")
        data = render_pdf.render(text, header="Joint local area SEND revisit in Stockport")
        self.assertEqual(data, self.PDF.read_bytes(),
                         "render_pdf.py no longer reproduces the corpus PDF: regenerate it "
                         "(command in corpus/README.md) and re-check its gold")


class BadPdfTest(unittest.TestCase):
    def test_bad_pdfs(self):
        with tempfile.TemporaryDirectory() as d:
            files = make_bad_pdfs.make_all(Path(d))
            self.assertEqual(len(files["truncated.pdf"]), len(files["valid.pdf"]) // 2)
            self.assertTrue(files["corrupt.pdf"].startswith(b"%PDF-1.4\n"))
            self.assertNotIn(b"obj", files["corrupt.pdf"])
            self.assertIn(b"/Encrypt", files["encrypted.pdf"])
            self.assertIn(b"/Filter /Standard /V 1 /R 2", files["encrypted.pdf"])
            if not (PDFINFO and PDFTOTEXT):
                self.skipTest("poppler-utils not installed")
            for name in ("truncated.pdf", "corrupt.pdf", "encrypted.pdf"):
                r = subprocess.run([PDFINFO, str(Path(d, name))], capture_output=True)
                self.assertNotEqual(r.returncode, 0, name)
            r = subprocess.run([PDFINFO, str(Path(d, "encrypted.pdf"))], capture_output=True)
            self.assertIn(b"password", r.stderr.lower())
            unlocked = pdftotext(Path(d, "encrypted.pdf"), "-upw", "secret")
            self.assertEqual(unlocked, pdftotext(Path(d, "valid.pdf")))

    def test_rc4_known_answer(self):
        # RFC 6229 test vector: key 0x0102030405, first output bytes
        self.assertEqual(make_bad_pdfs.rc4(bytes.fromhex("0102030405"), bytes(8)).hex(), "b2396305f03dc027")


if __name__ == "__main__":
    unittest.main()
