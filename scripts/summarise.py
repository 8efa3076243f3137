#!/usr/bin/python3
"""Prints one line per `sendscan extract` JSON line: file, kind, published, subject areas,
inspectorates and item counts (the demo's overview)."""
import json
import os
import sys


def row(d):
    if "error" in d:
        return [os.path.basename(d.get("source", "?")), "ERROR", d["error"][:60], "", "", ""]
    subjects = ", ".join(a["name"] for a in d["local_areas"] if a["role"] == "subject") or "-"
    mentioned = sum(1 for a in d["local_areas"] if a["role"] == "mentioned")
    counts = f"{len(d['findings'])}/{len(d['deadlines'])}/{len(d['quotes'])}"
    return [os.path.basename(d["source"]), d["kind"], d["published"] or "-",
            subjects + (f" (+{mentioned})" if mentioned else ""),
            "+".join(d["inspectorates"]) or "-", counts]


def main(path):
    with open(path, encoding="utf-8") as fh:
        rows = [row(json.loads(line)) for line in fh if line.strip()]
    header = ["document", "kind", "published", "subject area (+mentioned)", "inspectorates",
              "find/dead/quot"]
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    for r in [header] + rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())


if __name__ == "__main__":
    main(sys.argv[1])
