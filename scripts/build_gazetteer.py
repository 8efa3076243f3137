#!/usr/bin/env python3
"""Builds lexicons/areas.tsv, the gazetteer of English local authority areas, from mySociety's
uk_local_authorities.csv and uk_local_authority_name_lookup.csv, merged with the hand-written
lexicons/area_aliases.tsv.

Standard library only. Output is deterministic (rows sorted by name). Warnings about the
reference data (corrections applied, alias collisions resolved) go to stderr; a summary of
row counts goes to stdout. Exit status 1 when an input is missing or area_aliases.tsv has a
row that names no area.

    /usr/bin/python3 scripts/build_gazetteer.py [--reference DIR] [--aliases FILE] [--out FILE]
"""

import argparse
import collections
import csv
import datetime
import os
import re
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_REFERENCE = os.path.normpath(os.path.join(REPO, "..", "shared", "reference"))
AUTHORITIES_CSV = "uk_local_authorities.csv"
LOOKUP_CSV = "uk_local_authority_name_lookup.csv"

COLUMNS = ["name", "gss", "type", "region", "parent", "start", "end", "successors",
           "aliases", "abbreviations", "context"]

# mySociety local-authority-type -> our type. COMB (combined authorities) and the Greater
# London Authority (SRA) have no SEND duties and are left out.
TYPES = {"CTY": "county", "UA": "unitary", "MD": "metropolitan", "LBO": "london",
         "CC": "city_of_london", "NMD": "district"}
TYPE_BY_CODE = {"IOS": "isles_of_scilly"}  # the csv files the Isles of Scilly as UA
EXCLUDED_CODES = {"GLA"}
GSS_PREFIX = {"county": "E10", "unitary": "E06", "metropolitan": "E08", "london": "E09",
              "city_of_london": "E09", "isles_of_scilly": "E06", "district": "E07"}

# A county council replaced by a unitary council of the same name is one area to a reader
# ("Somerset", "North Yorkshire"): one row, with the unitary's code, type and region, no start
# date, and the old county's aliases. old code -> new code.
MERGED = {"BKM": "BUC", "DOR": "DST", "NYK": "NYE", "SOM": "SMT"}

# The short common name, where mySociety's nice-name is not the one journalists use.
NAMES = {
    "BST": "Bristol",                       # nice-name "City of Bristol"
    "DST": "Dorset",                        # nice-name "Dorset Council"
    "SHN": "St Helens",                     # nice-name "St. Helens"
    "KIN": "King's Lynn and West Norfolk",  # nice-name without the apostrophe
    "LIC": "Lincoln",                       # nice-name "City of Lincoln"
}

# Errors in the reference data, corrected only while the csv still has the wrong value:
# (code, field, value in the csv, corrected value).
FIXES = [
    ("DBY", "region", "West Midlands", "East Midlands"),          # Derbyshire
    ("LIN", "region", "Yorkshire and The Humber", "East Midlands"),  # Lincolnshire
    ("FOR", "county-la", "SRY", "SFK"),  # Forest Heath was in Suffolk (successor West Suffolk)
]

# Variants in the csv that are not names of the row's area (lowercase, after suffix stripping).
DROPPED_VARIANTS = {
    "adur and worthing",  # the joint council of two districts, not Worthing alone
    "city and county of the city of london",  # a legal style, never used in prose
}

# Inverted index forms ("Bristol, City of", "bristol city of") are left out: in a list of places
# ("Bristol, City of London and Leeds") they would swallow the next area's name.
INVERTED = re.compile(r",? (city|county) of$", re.IGNORECASE)

# Start dates between these are the date a council entered the government register (2005),
# not the date it was created: written as unknown (empty).
REGISTER_DATES = ("2005-05-01", "2005-06-30")

# Council words stripped from the ends of variants: the extractor adds council words itself.
SUFFIXES = [" city and district council", " metropolitan borough council",
            " metropolitan district council", " borough council", " district council",
            " county council", " city council", " council", " london boro", " ua", " mdc",
            " district", " county", " city", " borough", " corporation"]
PREFIXES = ["london borough of ", "metropolitan borough of ", "borough council of ",
            "borough of ", "council of the ", "the "]
SMALL_WORDS = {"and", "of", "upon", "on", "in", "with", "the", "under"}

ALIAS_KINDS = ("alias", "abbrev", "context")


def warn(message):
    print("build_gazetteer: " + message, file=sys.stderr)


def token_key(text):
    """The extractor's canonical form of a phrase (src/lexicon/tokens.hpp): lowercased runs of
    letters and digits, '&' read as 'and', everything else a separator."""
    return " ".join(re.findall(r"\w+", text.replace("&", " and ").lower()))


def recase(text):
    """Title case for a lowercase variant; small words after the first stay lowercase."""
    def fix(match):
        word = match.group(0)
        if match.start() > 0 and word.lower() in SMALL_WORDS:
            return word.lower()
        return word if word != word.lower() else word[0].upper() + word[1:]
    return re.sub(r"[^\W\d_][\w']*", fix, text)


def recase_small_words(text):
    """'Blackburn With Darwen' -> 'Blackburn with Darwen', 'Isle Of Wight' -> 'Isle of Wight'."""
    return re.sub(r"(?<=[\s-])(\w+)(?=[\s-]|$)",
                  lambda m: m.group(1).lower() if m.group(1).lower() in SMALL_WORDS
                  else m.group(1), text)


def strip_council_words(variant):
    """'London Borough of Brent' -> 'Brent', 'Derby City UA' -> 'Derby'; 'City of Bristol'
    and 'Royal Borough of Greenwich' are names of areas and stay."""
    text = " ".join(variant.split())
    changed = True
    while changed:
        changed = False
        low = text.lower()
        for suffix in SUFFIXES:
            if low.endswith(suffix) and len(low) > len(suffix):
                text, changed = text[: -len(suffix)].rstrip(" ,"), True
                break
        low = text.lower()
        for prefix in PREFIXES:
            if low.startswith(prefix) and len(low) > len(prefix):
                text, changed = text[len(prefix):], True
                break
    return text


def split_alt_names(field):
    """alt-names is comma separated, but a name may hold ', ' ('Bristol, City of')."""
    return [part.strip() for part in re.split(r",(?! )", field) if part.strip()]


def end_date(value):
    """The last day an authority existed. The csv sometimes gives the vesting day of its
    successor (1 April) instead: that is moved to the day before."""
    if not value:
        return ""
    day = datetime.date.fromisoformat(value)
    if (day.month, day.day) == (4, 1):
        day -= datetime.timedelta(days=1)
    return day.isoformat()


def start_date(value):
    if not value or REGISTER_DATES[0] <= value <= REGISTER_DATES[1]:
        return ""
    return value


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_reference(reference):
    rows = read_csv(os.path.join(reference, AUTHORITIES_CSV))
    by_code = {}
    for row in rows:
        code, kind = row["local-authority-code"], row["local-authority-type"]
        if row["nation"] != "England" or kind not in TYPES or code in EXCLUDED_CODES:
            continue
        by_code[code] = row
    variants = collections.defaultdict(list)
    for row in by_code.values():
        code = row["local-authority-code"]
        variants[code] += [row["official-name"], row["nice-name"]]
        variants[code] += split_alt_names(row["alt-names"])
    for row in read_csv(os.path.join(reference, LOOKUP_CSV)):
        if row["local-authority-code"] in by_code:
            variants[row["local-authority-code"]].append(row["la-name"])
    return by_code, variants


def apply_fixes(by_code, notes):
    for code, field, wrong, right in FIXES:
        row = by_code.get(code)
        if row is not None and row[field] == wrong:
            row[field] = right
            notes.append("%s: %s corrected from '%s' to '%s'" % (row["nice-name"], field, wrong,
                                                                  right))


def row_code(code):
    return MERGED.get(code, code)


def build_rows(by_code, notes):
    """One dict per output row, keyed by the code of the authority that gives it its name."""
    names = {code: NAMES.get(code, row["nice-name"]) for code, row in by_code.items()}
    rows = {}
    for code, src in by_code.items():
        if code in MERGED:
            continue
        kind = TYPE_BY_CODE.get(code, TYPES[src["local-authority-type"]])
        rows[code] = {
            "name": names[code], "gss": src["gss-code"], "type": kind,
            "region": src["region"],
            "parent": names[row_code(src["county-la"])] if src["county-la"] else "",
            "start": start_date(src["start-date"]), "end": end_date(src["end-date"]),
            "successors": [names[row_code(c)] for c in src["replaced-by"].split(",") if c],
            "codes": [code],
        }
    for old, new in sorted(MERGED.items()):
        if old in by_code and new in rows:
            rows[new]["codes"].insert(0, old)
            rows[new]["start"] = ""
            o, n = by_code[old], by_code[new]
            notes.append("%s: one row for %s (%s, to %s) and %s (%s, from %s)" % (
                rows[new]["name"], o["official-name"], o["gss-code"], end_date(o["end-date"]),
                n["official-name"], n["gss-code"], n["start-date"]))
    fill_regions(rows, notes)
    return rows


def fill_regions(rows, notes):
    """A district takes its county's region; a former authority its successor's."""
    by_name = {r["name"]: r for r in rows.values()}
    for r in sorted(rows.values(), key=lambda r: r["name"]):
        source = by_name.get(r["parent"]) or (by_name.get(r["successors"][0])
                                              if r["successors"] else None)
        if not r["region"] and source:
            r["region"] = source["region"]
        elif source and r["parent"] and r["region"] != source["region"]:
            notes.append("%s: region '%s' differs from its county's '%s'" % (
                r["name"], r["region"], source["region"]))


def derive_aliases(rows, variants):
    """Aliases from the csv variants: council words stripped, lowercase ones recased, those
    equal to the name for the tokeniser (case, '&', hyphens, full stops) left out."""
    aliases = {}
    for code, r in rows.items():
        seen = {token_key(r["name"])}
        out = []
        candidates = [strip_council_words(v) for c in r["codes"] for v in variants[c]]
        # Prefer a capitalised spelling over a lowercase duplicate, and "and" over "&".
        candidates.sort(key=lambda v: (token_key(v), v == v.lower(), "&" in v, v))
        for v in candidates:
            key = token_key(v)
            if not key or key in seen or v.lower() in DROPPED_VARIANTS or INVERTED.search(v):
                continue
            seen.add(key)
            out.append(recase(v) if v == v.lower() else recase_small_words(v))
        aliases[code] = out
    return aliases


def read_alias_file(path):
    """area_aliases.tsv rows as (line, area, kind, text); raises ValueError on a bad row."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = [x.strip() for x in line.split("\t")]
            if len(fields) != 3 or not all(fields) or fields[1] not in ALIAS_KINDS:
                raise ValueError("%s:%d: expected area TAB kind (%s) TAB text" % (
                    path, number, "|".join(ALIAS_KINDS)))
            rows.append((number, *fields))
    return rows


def merge_alias_file(rows, derived, hand):
    """Adds the hand-written aliases, abbreviations and context flags. Returns
    {code: [aliases, abbreviations, context texts]}; raises ValueError for an unknown area or a
    context text that is neither the area's name nor one of its aliases."""
    code_by_name = {r["name"]: code for code, r in rows.items()}
    extra = collections.defaultdict(lambda: {"alias": [], "abbrev": [], "context": []})
    for number, area, kind, text in hand:
        if area not in code_by_name:
            raise ValueError("area_aliases.tsv:%d: '%s' is not an area name" % (number, area))
        extra[code_by_name[area]][kind].append((number, text))
    result = {}
    for code, r in rows.items():
        own = extra[code]
        aliases = unique_by_key([t for _, t in own["alias"]] + derived[code], {r["name"]})
        abbrevs = unique_by_key([t for _, t in own["abbrev"]], {r["name"], *aliases})
        texts = {token_key(t) for t in [r["name"], *aliases]}
        for number, text in own["context"]:
            if token_key(text) not in texts:
                raise ValueError("area_aliases.tsv:%d: context text '%s' is neither the name nor "
                                 "an alias of %s" % (number, text, r["name"]))
        result[code] = [aliases, abbrevs, [text for _, text in own["context"]]]
    return result


def context_flag(name, aliases, context_texts):
    """1 when the name or a surviving alias needs a council/area cue, else 0."""
    keys = {token_key(t) for t in [name, *aliases]}
    return "1" if any(token_key(t) in keys for t in context_texts) else "0"


def unique_by_key(texts, taken):
    keys = {token_key(t) for t in taken}
    out = []
    for t in texts:
        if token_key(t) not in keys:
            keys.add(token_key(t))
            out.append(t)
    return out


def resolve_collisions(rows, merged, notes):
    """A text (compared as tokens) may name one area only. A row's name beats other rows'
    aliases and abbreviations, an alias beats abbreviations; a text held at the same rank by two
    rows is dropped from both."""
    rank = {"name": 0, "alias": 1, "abbrev": 2}
    owners = collections.defaultdict(set)
    for code, r in rows.items():
        owners[token_key(r["name"])].add((code, "name"))
        for kind, texts in (("alias", merged[code][0]), ("abbrev", merged[code][1])):
            for t in texts:
                owners[token_key(t)].add((code, kind))
    for key, users in sorted(owners.items()):
        if len({code for code, _ in users}) < 2:
            continue
        best = min(rank[kind] for _, kind in users)
        winners = {code for code, kind in users if rank[kind] == best}
        for code, kind in sorted(users):
            if kind == "name" or (rank[kind] == best and len(winners) == 1):
                continue
            index = 0 if kind == "alias" else 1
            merged[code][index] = [t for t in merged[code][index] if token_key(t) != key]
            others = sorted("%s (%s)" % (rows[c]["name"], k) for c, k in users if c != code)
            notes.append("'%s' names several areas: dropped as %s of %s; also %s" % (
                key, kind, rows[code]["name"], ", ".join(others)))


def check(rows, notes):
    names = collections.Counter(r["name"] for r in rows.values())
    keys = collections.Counter(token_key(name) for name in names)
    for name in sorted(names):
        if names[name] > 1 or keys[token_key(name)] > 1:
            raise ValueError("name '%s' is not unique" % name)
    for r in rows.values():
        for ref in r["successors"] + ([r["parent"]] if r["parent"] else []):
            if ref not in names:
                raise ValueError("%s refers to unknown area '%s'" % (r["name"], ref))
        if not r["gss"].startswith(GSS_PREFIX[r["type"]]):
            notes.append("%s: GSS %s does not fit type %s" % (r["name"], r["gss"], r["type"]))
        for field in COLUMNS[:7]:
            if any(c in str(r.get(field, "")) for c in "\t|\n"):
                raise ValueError("%s: field %s holds a TAB, '|' or newline" % (r["name"], field))


HEADER = """\
# generated by scripts/build_gazetteer.py from uk_local_authorities.csv (mySociety, MIT licence, see lexicons/NOTICE); do not edit: edit lexicons/area_aliases.tsv and rerun
# The gazetteer of England's local authority areas: every upper-tier authority with SEND duties
# (counties, unitaries, metropolitan boroughs, London boroughs, the City of London, the Isles of
# Scilly), current or abolished, and every shire district, current or abolished, so a district
# named in a document maps to the upper-tier area responsible for SEND at the document's date.
# One row = one area. TAB separated, UTF-8, no quoting; an empty field is an empty string;
# lists are joined by '|'. Columns:
#   name           the short common name journalists and gold annotations use; unique
#   gss            ONS GSS code (E10 county, E06 unitary and Isles of Scilly, E08 metropolitan,
#                  E09 London borough and City of London, E07 district)
#   type           county | unitary | metropolitan | london | city_of_london | isles_of_scilly |
#                  district
#   region         English region ("London", "South East", ...)
#   parent         for a district: the name of the upper-tier area it belongs (or belonged) to
#   start          YYYY-MM-DD the authority came into being; empty = not recorded, long before
#                  the period covered (the csv's 2005 dates of entry in the register are dropped)
#   end            YYYY-MM-DD, its last day (the day before its successors' vesting day);
#                  empty = still exists
#   successors     names of the areas that took it over after `end`
#   aliases        other names of the area in text (always count); the extractor adds council
#                  words ("Council", "Borough Council") itself, and spellings that differ only
#                  in case, '&' for 'and', hyphens or full stops are left out (same tokens)
#   abbreviations  count only when the area's name or an alias is in the same document
#   context        1 = the name or an alias is also a common word or a place elsewhere, so a
#                  mention counts only next to a council/area cue (lexicons/area_context) or when
#                  the document names the area's council; area_aliases.tsv says which text
# Notes on this build:
"""


def render(rows, merged, notes):
    lines = [HEADER.rstrip("\n")]
    lines += ["#   " + note for note in notes]
    for code, r in sorted(rows.items(), key=lambda kv: (kv[1]["name"].casefold(), kv[1]["name"])):
        aliases, abbrevs, context_texts = merged[code]
        fields = [r["name"], r["gss"], r["type"], r["region"], r["parent"], r["start"], r["end"],
                  "|".join(r["successors"]), "|".join(aliases), "|".join(abbrevs),
                  context_flag(r["name"], aliases, context_texts)]
        lines.append("\t".join(fields))
    return "\n".join(lines) + "\n"


def write_atomically(path, text):
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".areas.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def check_nhs_bodies(path, names):
    """Warns about rows of nhs_bodies.tsv that name an area not in the gazetteer."""
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            for area in (fields[1].split("|") if len(fields) > 1 else []):
                if area not in names:
                    warn("%s:%d: unknown area '%s'" % (path, number, area))


def summary(rows):
    counts = collections.Counter((r["type"], "former" if r["end"] else "current")
                                 for r in rows.values())
    current_upper = sum(n for (t, state), n in counts.items()
                        if t != "district" and state == "current")
    lines = ["%-16s %7s %7s" % ("type", "current", "former")]
    for t in ["county", "unitary", "metropolitan", "london", "city_of_london",
              "isles_of_scilly", "district"]:
        lines.append("%-16s %7d %7d" % (t, counts[(t, "current")], counts[(t, "former")]))
    lines.append("current upper tier: %d; rows: %d" % (current_upper, len(rows)))
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", default=DEFAULT_REFERENCE,
                        help="folder with the mySociety csv files (default: %(default)s)")
    parser.add_argument("--aliases", default=os.path.join(REPO, "lexicons", "area_aliases.tsv"),
                        help="hand-written aliases, abbreviations, context (default: %(default)s)")
    parser.add_argument("--out", default=os.path.join(REPO, "lexicons", "areas.tsv"),
                        help="output file (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        by_code, variants = load_reference(args.reference)
        notes = []
        apply_fixes(by_code, notes)
        rows = build_rows(by_code, notes)
        check(rows, notes)
        merged = merge_alias_file(rows, derive_aliases(rows, variants),
                                  read_alias_file(args.aliases))
        resolve_collisions(rows, merged, notes)
    except (OSError, ValueError, KeyError) as e:
        warn(str(e))
        return 1
    for note in notes:
        warn(note)
    write_atomically(args.out, render(rows, merged, notes))
    check_nhs_bodies(os.path.join(os.path.dirname(os.path.abspath(args.aliases)),
                                  "nhs_bodies.tsv"), {r["name"] for r in rows.values()})
    print("wrote %s\n%s" % (args.out, summary(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
