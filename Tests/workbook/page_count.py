#!/usr/bin/env python3
"""Prints workbooks as a planner does and counts the pages (issue 21): LibreOffice headless
converts each report.xlsx to PDF with the sheets' own page setup (A4 landscape, one page wide,
header rows repeated), pdfinfo counts the pages.

    page_count.py WORKBOOK:MAX_PAGES ...

Prints `WORKBOOK: N pages` per workbook and exits 1 when one prints on more than MAX_PAGES."""
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def pages(workbook: Path) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "report.xlsx"
        shutil.copy(workbook, copy)
        subprocess.run(["libreoffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", tmp, str(copy)],
                       check=True, capture_output=True, timeout=600)
        info = subprocess.run(["pdfinfo", str(Path(tmp) / "report.pdf")], check=True, capture_output=True, text=True)
        return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


def main(argv):
    failed = 0
    for target in argv:
        path, _, limit = target.rpartition(":")
        count = pages(Path(path))
        verdict = "ok" if count <= int(limit) else f"MORE THAN {limit}"
        failed += count > int(limit)
        print(f"{path}: {count} pages ({verdict})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
