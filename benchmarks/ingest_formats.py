"""Time `read_report` on about 5 MB of report text in each input format.

Run: python benchmarks/ingest_formats.py [--size-mb 5] [--repeat 3]
Needs the ingest extra (lxml, pypdf) and fpdf2 (in the test extra) to make the PDF.

The same generated report (paragraphs of eight footnoted sentences under a heading every
twenty paragraphs, 400 endnotes of defanged URLs) is written as plain text, as scraped
Markdown (one paragraph per line, `[[n]](#_ednn)` markers), as an HTML page
(`<sup><a href="#_ednn">` markers, `<h2>` headings) and as a PDF (made with fpdf2; its file
is compressed, so "5 MB" is the text it holds). Prints the best of several runs (one for the
PDF); record the figures in docs/performance.md.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from osintreport.ingest import read_report

NOTES = 400
SENTENCE = "Militias moved armour near the river crossing at dawn, residents said.{m} "


def paragraphs(size_mb: float, marker: Callable[[int], str]) -> list[tuple[str | None, str]]:
    """(heading or None, paragraph) pairs holding about ``size_mb`` of text."""
    out: list[tuple[str | None, str]] = []
    total = n = 0
    while total < size_mb * 1_000_000:
        text = "".join(SENTENCE.format(m=marker((n + i) % NOTES + 1)) for i in range(8))
        heading = f"Section {len(out) // 20 + 1}" if len(out) % 20 == 0 else None
        out.append((heading, text.strip()))
        total += len(text) + 1
        n += 8
    return out


def endnote(n: int) -> str:
    return f"hxxps://news{n % 37}[.]example/2023/07/{n}/story ; https://sana[dot]sy/?p={n}"


def as_text(size_mb: float) -> bytes:
    lines = ["Synthetic report", "By Jane Doe and John Roe", "August 3, 2023", ""]
    for heading, text in paragraphs(size_mb, lambda n: f"[{n}]"):
        lines.extend(([heading, ""] if heading else []) + [text, ""])
    lines += ["Endnotes"] + [f"[{n}] {endnote(n)}" for n in range(1, NOTES + 1)]
    return "\n".join(lines).encode()


def as_markdown(size_mb: float) -> bytes:
    lines = ["[Home](/) | [Research](/research)", "# Synthetic report", "August 3, 2023"]
    for heading, text in paragraphs(size_mb, lambda n: f"[[{n}]](#_edn{n})"):
        lines.extend(([f"## {heading}"] if heading else []) + [text])
    lines += ["## Endnotes"]
    lines += [f"[[{n}]](#_ednref{n}) {endnote(n)}" for n in range(1, NOTES + 1)]
    return "\n".join(lines).encode()


def as_html(size_mb: float) -> bytes:
    parts = ["<html><head><title>Synthetic report</title></head><body><article>"]
    parts.append("<h1>Synthetic report</h1><p>August 3, 2023</p>")
    marker = lambda n: f'<sup><a href="#_edn{n}">[{n}]</a></sup>'  # noqa: E731
    for heading, text in paragraphs(size_mb, marker):
        parts.append((f"<h2>{heading}</h2>" if heading else "") + f"<p>{text}</p>")
    parts.append("<h2>Endnotes</h2>")
    parts += [
        f'<p><a name="_edn{n}" href="#_ednref{n}">[{n}]</a> {endnote(n)}</p>'
        for n in range(1, NOTES + 1)
    ]
    return "\n".join([*parts, "</article></body></html>"]).encode()


def as_pdf(size_mb: float, path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    for line in ["Synthetic report", "By Jane Doe and John Roe", "August 3, 2023"]:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    for heading, text in paragraphs(size_mb, lambda n: f"[{n}]"):
        if heading:
            pdf.ln(3)
            pdf.cell(0, 5, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.cell(0, 5, "Endnotes", new_x="LMARGIN", new_y="NEXT")
    for n in range(1, NOTES + 1):
        pdf.multi_cell(0, 5, f"[{n}] {endnote(n)}", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def best_of(source: bytes | Path, kind: str, repeat: int) -> tuple[float, int, int]:
    times = []
    claims = markers = 0
    for _ in range(repeat):
        start = time.perf_counter()
        draft = read_report(source, kind)  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
        claims, markers = draft.stats.claims, draft.stats.markers
    return min(times), claims, markers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mb", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| input | size | time | claims | rate |")
    print("| --- | --- | --- | --- | --- |")
    for kind, make in (("text", as_text), ("markdown", as_markdown), ("html", as_html)):
        data = make(args.size_mb)
        seconds, claims, _ = best_of(data, kind, args.repeat)
        size = len(data) / 1_000_000
        print(
            f"| {kind} | {size:.1f} MB | {seconds:.2f} s | {claims:,} | {size / seconds:.1f} MB/s |"
        )
    with tempfile.TemporaryDirectory() as folder:
        made = time.perf_counter()
        path = as_pdf(args.size_mb, Path(folder) / "report.pdf")
        made = time.perf_counter() - made
        seconds, claims, _ = best_of(path, "pdf", 1)
        size = path.stat().st_size / 1_000_000
        rate = args.size_mb / seconds
        print(
            f"| pdf ({args.size_mb:.1f} MB of text) | {size:.2f} MB file | {seconds:.2f} s | "
            f"{claims:,} | {rate:.1f} MB/s of text |"
        )
        print(f"(making the PDF with fpdf2 took {made:.0f} s)")


if __name__ == "__main__":
    main()
