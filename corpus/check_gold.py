#!/usr/bin/python3
"""Check the sample corpus's gold annotations against its documents.

usage: /usr/bin/python3 corpus/check_gold.py [--quiet] [--against DIR ...]

For every corpus/gold/<stem>.json there must be exactly one corpus/docs/<stem>.{txt,html,pdf}
(and the other way round), and:
  * the JSON has the fields of the gold format (shared/eval/GUIDELINES.md) with the right types:
    kind, published (YYYY-MM-DD or null), local_areas, inspection (null or an object whose
    outcome fits its revisit flag), quotes, deadlines (values ISO 8601 durations or dates),
    weaknesses, strengths, themes;
  * every key (quote keys, deadline keys, weakness and strength strings) occurs in the document
    as an exact substring. The document text is read as the pipeline's input would be:
      - .txt: the bytes decoded as UTF-8 (a BOM is dropped), else as Windows-1252;
      - .html: the text outside tags (not inside <script>, <style>, <noscript>), with character
        references unescaped, as Python's html.parser gives it;
      - .pdf: not read; the keys are checked in corpus/src/<stem>.txt, the text the PDF was
        rendered from, and, when scripts/render_pdf.py is there, also against its line layout:
        a key must not cross a line end where the typesetting hyphenated a word;
  * every weakness and strength key has a themes entry, and theme ids are from the taxonomy;
  * two keys of the same list do not fall in the same sentence (one sentence counts once);
  * corpus/README.md names every document.
Guideline lengths (quote keys 4-10 words, weakness and strength keys 6-15 words), keys found
more than once and local_areas names missing from the reference list are warnings.

--against DIR: also report every run of 10 or more consecutive words that a document shares
with a .txt/.html file under DIR (third-party texts must not be copied); such a run is an error.

Standard library only. Exit status 0 when there are no errors.
"""
import csv
import html.parser
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DOCS = os.path.join(HERE, "docs")
GOLD = os.path.join(HERE, "gold")
SRC = os.path.join(HERE, "src")
README = os.path.join(HERE, "README.md")
RENDER_PDF = os.path.join(REPO, "scripts", "render_pdf.py")
REFERENCE = os.path.join(os.path.dirname(REPO), "shared", "reference", "uk_local_authorities.csv")

THEMES = {"identification", "assessment_ehcp", "joint_commissioning", "health_services",
          "coproduction", "local_offer", "leadership_strategy", "outcomes",
          "transition_adulthood", "workforce", "inclusion_mainstream"}
KINDS = {"news", "letter", "other"}
CATEGORIES = {"official", "parent", "inspectorate", "other"}
OUTCOMES = {"wsoa_required", "no_wsoa", "sufficient_progress", "insufficient_progress",
            "positive", "inconsistent", "widespread_failings"}
REVISIT_OUTCOMES = {"sufficient_progress", "insufficient_progress"}
TOP_FIELDS = ["source", "kind", "published", "local_areas", "inspection", "quotes",
              "deadlines", "weaknesses", "strengths", "themes"]
INSPECTION_FIELDS = ["month", "revisit", "outcome", "weakness_areas", "weakness_areas_improved"]
DATE_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
DURATION_RE = re.compile(r"^P(?=\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$")
POINT_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
DOC_EXTS = (".txt", ".html", ".pdf")


# --------------------------------------------------------------------------------------------
# reading documents

def decode_text(data):
    """UTF-8 (BOM dropped), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


class _TextOfHtml(html.parser.HTMLParser):
    SKIP = {"script", "style", "noscript", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(data):
    p = _TextOfHtml()
    p.feed(decode_text(data))
    p.close()
    return "".join(p.parts)


def load_document(path):
    """-> (text the keys are checked against, description, rendered PDF lines or None)."""
    stem, ext = os.path.splitext(os.path.basename(path))
    if ext == ".pdf":
        src = os.path.join(SRC, stem + ".txt")
        with open(src, "rb") as fh:
            text = decode_text(fh.read())
        return text, os.path.relpath(src, REPO), pdf_lines(text)
    with open(path, "rb") as fh:
        data = fh.read()
    if ext == ".html":
        return html_text(data), os.path.relpath(path, REPO), None
    return decode_text(data), os.path.relpath(path, REPO), None


def pdf_lines(text):
    """The PDF's body text as render_pdf.py lays it out (lines joined by newlines), or None."""
    if not os.path.exists(RENDER_PDF):
        return None
    import importlib.util
    spec = importlib.util.spec_from_file_location("render_pdf", RENDER_PDF)
    mod = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(mod)
        _, paras = mod.parse_article(text)
        pages = mod.layout(paras, True, mod.is_title_like(paras))
    except Exception:  # noqa: BLE001 - the renderer changed; skip this check
        return None
    lines = [b" ".join(ln.words).decode("cp1252") for page in pages for _, ln in page]
    return "\n".join(lines)


def sentence_spans(text):
    """Rough sentences: split at . ! ? followed by space and a capital or quote, and at newlines."""
    spans, start = [], 0
    for m in re.finditer(r"(?<=[.!?])[\"'\u201d\u2019]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n+", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


# --------------------------------------------------------------------------------------------
# checks

def load_area_names():
    names = set()
    try:
        with open(REFERENCE, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row.get("nation") == "England":
                    names.add(row["nice-name"])
    except OSError:
        return None
    return names


def is_count(v):
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def check_inspection(insp, pub, err, warn):
    if insp is None:
        return
    if not isinstance(insp, dict):
        err("'inspection' must be an object or null")
        return
    for f in INSPECTION_FIELDS:
        if f not in insp:
            err(f"inspection: missing '{f}'")
    extra = set(insp) - set(INSPECTION_FIELDS) - {"note"}
    if extra:
        err(f"inspection: unexpected fields {sorted(extra)}")
    month, revisit, outcome = insp.get("month"), insp.get("revisit"), insp.get("outcome")
    if month is not None and not (isinstance(month, str) and MONTH_RE.match(month)):
        err(f"inspection: month must be YYYY-MM or null, got {month!r}")
    elif isinstance(month, str) and isinstance(pub, str) and month > pub[:7]:
        warn(f"inspection: month {month} is after published {pub}")
    if not isinstance(revisit, bool):
        err(f"inspection: revisit must be true or false, got {revisit!r}")
    if outcome is not None and outcome not in OUTCOMES:
        err(f"inspection: bad outcome {outcome!r}")
    elif outcome is not None and isinstance(revisit, bool) and revisit != (outcome in REVISIT_OUTCOMES):
        err(f"inspection: outcome {outcome!r} does not go with revisit={str(revisit).lower()}")
    areas, improved = insp.get("weakness_areas"), insp.get("weakness_areas_improved")
    for name, v in (("weakness_areas", areas), ("weakness_areas_improved", improved)):
        if v is not None and not is_count(v):
            err(f"inspection: {name} must be an integer >= 0 or null, got {v!r}")
    if is_count(improved):
        if revisit is not True:
            err("inspection: weakness_areas_improved is only for revisits")
        if is_count(areas) and improved > areas:
            err(f"inspection: {improved} improved > {areas} areas")
        if is_count(areas) and outcome == "sufficient_progress" and improved != areas:
            err(f"inspection: sufficient_progress but {improved} of {areas} improved")
        if is_count(areas) and outcome == "insufficient_progress" and improved >= areas:
            err(f"inspection: insufficient_progress but {improved} of {areas} improved")
    if outcome == "no_wsoa" and is_count(areas) and areas > 0:
        err(f"inspection: no_wsoa with {areas} areas of significant weakness")
    if "note" in insp and not isinstance(insp["note"], str):
        err("inspection: note must be a string")


def check_one(stem, doc_path, area_names, errors, warnings, notes):
    tag = f"corpus/gold/{stem}.json"

    def err(m):
        errors.append(f"{tag}: {m}")

    def warn(m):
        warnings.append(f"{tag}: {m}")

    def note(m):
        notes.append(f"{tag}: {m}")

    try:
        with open(os.path.join(GOLD, stem + ".json"), encoding="utf-8") as fh:
            g = json.load(fh)
    except (OSError, ValueError) as e:
        err(f"cannot read: {e}")
        return None
    if not isinstance(g, dict):
        err("top level is not an object")
        return None
    for f in TOP_FIELDS:
        if f not in g:
            err(f"missing field '{f}'")
    extra = set(g) - set(TOP_FIELDS)
    if extra:
        err(f"unexpected fields {sorted(extra)}")
    if g.get("source") != os.path.basename(doc_path):
        err(f"source {g.get('source')!r} is not the document's file name {os.path.basename(doc_path)!r}")
    if g.get("kind") not in KINDS:
        err(f"bad kind {g.get('kind')!r}")
    pub = g.get("published")
    if pub is not None and not (isinstance(pub, str) and DATE_RE.match(pub)):
        err(f"published must be YYYY-MM-DD or null, got {pub!r}")
    la = g.get("local_areas")
    if not isinstance(la, list) or not la or not all(isinstance(x, str) and x for x in la):
        err("local_areas must be a non-empty list of names")
    elif area_names is not None:
        for name in la:
            if name not in area_names:
                warn(f"local area {name!r} is not a nice-name in the reference list")
    check_inspection(g.get("inspection"), pub, err, warn)

    try:
        text, where, rendered = load_document(doc_path)
    except (OSError, UnicodeDecodeError) as e:
        err(f"cannot read the document: {e}")
        return g

    def check_key(key, what):
        if not isinstance(key, str) or not key.strip():
            err(f"{what}: key must be a non-empty string")
            return False
        if key != key.strip():
            err(f"{what}: key has leading/trailing whitespace: {key!r}")
        n = text.count(key)
        if n == 0:
            err(f"{what}: key not found in {where}: {key!r}")
            return False
        if n > 1:
            note(f"{what}: key occurs {n} times: {key!r}")
        if rendered is not None:
            pat = r"\s+".join(re.escape(w) for w in key.split())
            if not re.search(pat, rendered):
                err(f"{what}: key crosses a hyphenated line end in the rendered PDF: {key!r}")
        return True

    quotes = g.get("quotes") if isinstance(g.get("quotes"), list) else []
    if not isinstance(g.get("quotes"), list):
        err("quotes must be a list")
    seen = set()
    for i, q in enumerate(quotes):
        what = f"quotes[{i}]"
        if not isinstance(q, dict) or set(q) != {"key", "speaker", "category"}:
            err(f"{what}: must be an object with key, speaker, category")
            continue
        check_key(q["key"], what)
        if q["speaker"] is not None and not (isinstance(q["speaker"], str) and q["speaker"]):
            err(f"{what}: speaker must be a non-empty string or null")
        if q["category"] not in CATEGORIES:
            err(f"{what}: bad category {q['category']!r}")
        if isinstance(q["key"], str):
            if not 4 <= len(q["key"].split()) <= 10:
                warn(f"{what}: {len(q['key'].split())} words (guideline 4-10)")
            if q["key"] in seen:
                err(f"{what}: duplicate key")
            seen.add(q["key"])

    dls = g.get("deadlines") if isinstance(g.get("deadlines"), list) else []
    if not isinstance(g.get("deadlines"), list):
        err("deadlines must be a list")
    for i, d in enumerate(dls):
        what = f"deadlines[{i}]"
        if not isinstance(d, dict) or not {"key", "value"} <= set(d) or set(d) - {"key", "value", "note"}:
            err(f"{what}: must be an object with key, value and an optional note")
            continue
        check_key(d["key"], what)
        v = d["value"]
        if v is not None and not (isinstance(v, str) and (DURATION_RE.match(v) or POINT_RE.match(v))):
            err(f"{what}: value is not an ISO 8601 duration or date: {v!r}")

    themes = g.get("themes")
    if not isinstance(themes, dict):
        err("themes must be an object")
        themes = {}
    all_keys = []
    spans = sentence_spans(text)
    for field in ("weaknesses", "strengths"):
        lst = g.get(field)
        if not isinstance(lst, list):
            err(f"{field} must be a list")
            continue
        used = {}
        for i, k in enumerate(lst):
            what = f"{field}[{i}]"
            if not check_key(k, what):
                continue
            if k in all_keys and field == "weaknesses":
                err(f"{what}: duplicate key")
            all_keys.append(k)
            n = len(k.split())
            if not 6 <= n <= 15:
                warn(f"{what}: {n} words (guideline 6-15): {k!r}")
            if k not in themes:
                err(f"{what}: no themes entry for {k!r}")
            pos = text.find(k)
            for s, e in spans:
                if s <= pos < e:
                    if (s, e) in used:
                        err(f"{what}: same sentence as {used[(s, e)]!r} (one sentence counts once)")
                    used[(s, e)] = k
                    break
    for k, ids in themes.items():
        if k not in all_keys:
            err(f"themes[{k!r}]: not a key of weaknesses or strengths")
        if not isinstance(ids, list):
            err(f"themes[{k!r}]: must be a list")
            continue
        for t in ids:
            if t not in THEMES:
                err(f"themes[{k!r}]: unknown theme id {t!r}")
        if len(set(ids)) != len(ids):
            err(f"themes[{k!r}]: repeated theme id")
        if len(ids) > 3:
            warn(f"themes[{k!r}]: {len(ids)} themes")
    return g


# --------------------------------------------------------------------------------------------
# copying check

def words_of(text):
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'").replace("'", ""))


def shared_runs(mine, theirs_index, n=10):
    """Runs of >= n consecutive words of `mine` that occur in any indexed third-party text."""
    w = words_of(mine)
    hits, i = [], 0
    while i + n <= len(w):
        if tuple(w[i:i + n]) in theirs_index:
            j = i + n
            while j < len(w) and tuple(w[j - n + 1:j + 1]) in theirs_index:
                j += 1
            hits.append(" ".join(w[i:j]))
            i = j
        else:
            i += 1
    return hits


def build_index(dirs, n=10):
    index = set()
    for d in dirs:
        for root, _, files in os.walk(d):
            for f in files:
                if f.endswith((".txt", ".html")):
                    with open(os.path.join(root, f), "rb") as fh:
                        data = fh.read()
                    t = html_text(data) if f.endswith(".html") else decode_text(data)
                    w = words_of(t)
                    index.update(tuple(w[i:i + n]) for i in range(len(w) - n + 1))
    return index


# --------------------------------------------------------------------------------------------

def main(argv):
    quiet = "--quiet" in argv
    against = []
    if "--against" in argv:
        against = [a for a in argv[argv.index("--against") + 1:] if not a.startswith("--")]
    errors, warnings, notes = [], [], []
    docs = {}
    for f in sorted(os.listdir(DOCS)):
        stem, ext = os.path.splitext(f)
        if ext not in DOC_EXTS:
            errors.append(f"corpus/docs/{f}: not a .txt, .html or .pdf document")
            continue
        if stem in docs:
            errors.append(f"corpus/docs/{f}: stem {stem!r} used twice")
        docs[stem] = os.path.join(DOCS, f)
    golds = {os.path.splitext(f)[0] for f in os.listdir(GOLD) if f.endswith(".json")}
    for s in sorted(set(docs) - golds):
        errors.append(f"corpus/docs/{os.path.basename(docs[s])}: no gold file")
    for s in sorted(golds - set(docs)):
        errors.append(f"corpus/gold/{s}.json: no document")
    try:
        with open(README, encoding="utf-8") as fh:
            readme = fh.read()
    except OSError:
        readme = None
        errors.append("corpus/README.md: missing")
    area_names = load_area_names()
    totals = {"docs": 0, "inspections": 0, "quotes": 0, "deadlines": 0, "weaknesses": 0, "strengths": 0}
    themes_used = set()
    for s in sorted(set(docs) & golds):
        g = check_one(s, docs[s], area_names, errors, warnings, notes)
        if readme is not None and os.path.basename(docs[s]) not in readme:
            errors.append(f"corpus/README.md: does not list {os.path.basename(docs[s])}")
        if not g:
            continue
        totals["docs"] += 1
        totals["inspections"] += isinstance(g.get("inspection"), dict)
        for k in ("quotes", "deadlines", "weaknesses", "strengths"):
            totals[k] += len(g.get(k) or [])
        for ids in (g.get("themes") or {}).values():
            themes_used.update(ids if isinstance(ids, list) else [])
    for t in sorted(THEMES - themes_used):
        warnings.append(f"corpus: theme {t!r} is used by no finding")

    if against:
        index = build_index(against)
        for s, path in sorted(docs.items()):
            text, where, _ = load_document(path)
            for run in shared_runs(text, index):
                errors.append(f"{where}: shares a run of {len(run.split())} words with a text under "
                              f"{', '.join(against)}: {run!r}")

    if not quiet:
        for m in notes:
            print("note:", m)
        for m in warnings:
            print("warning:", m)
    for m in errors:
        print("ERROR:", m)
    print("corpus: " + ", ".join(f"{k}={v}" for k, v in totals.items())
          + f", themes used={len(themes_used)}/{len(THEMES)}")
    print(f"{len(errors)} error(s), {len(warnings)} warning(s), {len(notes)} note(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
