#!/usr/bin/python3
"""Write broken and locked PDFs for testing the PDF reader's error paths.

usage: make_bad_pdfs.py OUTDIR

Writes into OUTDIR (created if needed), all from one sample letter written here (not taken from
../shared), deterministically:
  valid.pdf      the intact two-page PDF made by render_pdf.py, for comparison
  truncated.pdf  valid.pdf cut in half (no xref table, no trailer, last objects missing)
  corrupt.pdf    a "%PDF-1.4" header followed by garbage bytes (no objects at all)
  encrypted.pdf  the same letter encrypted with the standard security handler, RC4 40-bit
                 (/V 1 /R 2), user password "secret": content streams are really encrypted, so
                 a reader that ignores /Encrypt gets binary garbage; poppler asks for a password
                 (pdfinfo: "Incorrect password"; pdfinfo -upw secret opens it)
Standard library only (hashlib MD5 plus an RC4 written here).
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import render_pdf  # noqa: E402

USER_PASSWORD = b"secret"
OWNER_PASSWORD = b"sendscan-owner"
PERMISSIONS = -44                       # print + copy allowed; others denied (bits 1-2 and 7-32 set)
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")

SAMPLE = """ date 2021-03-04 Joint area SEND inspection in Northvale

Dear Director of Children's Services and Accountable Officer,

From 18 to 22 January 2021, inspectors from Ofsted and the Care Quality Commission (CQC) looked together at how well Northvale has carried out the 2014 reforms to support for children with special educational needs and disabilities.

As a result of the findings of this inspection and in accordance with the Children Act 2004 (Joint Area Reviews) Regulations 2015, Her Majesty's Chief Inspector (HMCI) has determined that a Written Statement of Action is required because of significant areas of weakness in the local area's practice. HMCI has also determined that the local authority and the area's clinical commissioning group are jointly responsible for submitting the written statement to Ofsted.

Main findings

Leaders' understanding of the local area's strengths and weaknesses is underdeveloped. Self-evaluation is overly optimistic and does not draw on a sufficiently wide range of information.

The quality of education, health and care (EHC) plans is too variable. Too many plans are not completed within the statutory 20-week timescale, and contributions from health and social care professionals are often missing or out of date.

Parents and carers describe a system that is difficult to navigate. Many told inspectors that they have to "fight" to get the support their children need. The local offer is not well known or well used.

Joint commissioning arrangements are at an early stage of development. Leaders have not yet established how they will jointly plan and commission services to meet the needs of children and young people aged 0 to 25.

Young children with special educational needs and/or disabilities (SEND) are spotted early in the early years. Health visitors and early years practitioners work together effectively, and the integrated review at two years old is well established.

Co-production with the parent carer forum is a strength. The forum is well represented on strategic boards and has helped to redesign the short breaks offer.

How well the area identifies the needs of children and young people with SEND

Strengths

Practitioners in early years settings are knowledgeable and identify needs quickly. Referral pathways to speech and language therapy are clear, and waiting times have reduced over the past year.

Areas for development

The identification of social, emotional and mental health needs in secondary schools is inconsistent. Waiting times for the autism spectrum disorder assessment pathway are too long, with some families waiting more than two years.

How well the area meets those needs

Strengths

Special schools provide a good quality of education, and pupils make strong progress from their starting points. Transition arrangements into adult health services are improving.

Areas for development

Annual reviews of EHC plans are not always completed on time and too often do not lead to changes in provision. The rate of fixed-term exclusions for pupils with SEND is above the national average.

Leaders must now prepare a Written Statement of Action, setting out for Ofsted how they will put right these areas of significant weakness: the lack of strategic leadership, the poor quality and timeliness of EHC plans, and the underdeveloped joint commissioning arrangements.

Yours sincerely,

Joanna Fairweather
Her Majesty's Inspector
"""


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) & 0xFF])
    return bytes(out)


def _pad(pw: bytes) -> bytes:
    return (pw + _PAD)[:32]


class Rc4Security:
    """Standard security handler, revision 2 (40-bit RC4), PDF 1.7 algorithms 2, 3, 4 and 1."""

    def __init__(self, file_id: bytes, user=USER_PASSWORD, owner=OWNER_PASSWORD, p=PERMISSIONS):
        self.file_id = file_id
        okey = hashlib.md5(_pad(owner)).digest()[:5]                       # algorithm 3
        self.o = rc4(okey, _pad(user))
        h = hashlib.md5(_pad(user) + self.o + (p & 0xFFFFFFFF).to_bytes(4, "little") + file_id)
        self.key = h.digest()[:5]                                            # algorithm 2
        self.u = rc4(self.key, _PAD)                                         # algorithm 4
        self.dictionary = (b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P %d /O <%s> /U <%s> >>"
                           % (p, self.o.hex().upper().encode(), self.u.hex().upper().encode()))

    def crypt(self, num: int, gen: int, data: bytes) -> bytes:                # algorithm 1
        k = hashlib.md5(self.key + num.to_bytes(3, "little") + gen.to_bytes(2, "little")).digest()
        return rc4(k[:len(self.key) + 5], data)


def corrupt_bytes(n=6000) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    block = b"sendscan-corrupt"
    while len(out) < n:
        block = hashlib.sha256(block).digest()
        out += block
    return bytes(out[:n]) + b"\n"


def make_all(outdir: Path) -> dict:
    outdir.mkdir(parents=True, exist_ok=True)
    doc = render_pdf.build(SAMPLE)
    valid = render_pdf.serialise(doc)
    files = {
        "valid.pdf": valid,
        "truncated.pdf": valid[: len(valid) // 2],
        "corrupt.pdf": corrupt_bytes(),
        "encrypted.pdf": render_pdf.serialise(doc, Rc4Security(doc.file_id())),
    }
    for name, data in files.items():
        (outdir / name).write_bytes(data)
    return files


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or argv[0].startswith("-"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    for name, data in make_all(Path(argv[0])).items():
        print(f"{Path(argv[0]) / name}\t{len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
