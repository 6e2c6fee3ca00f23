#!/usr/bin/env bash
# Renders docs/workbook.png: the Summary (汇总) and Charts (图表) sheets of report.xlsx of the
# shipped Siming run with --lang zh, as LibreOffice prints them (headless). Needs
# libreoffice-calc, poppler-utils and fonts-wqy-microhei (apt-get install -y ...), the debug
# binary and the notebook venv (for Pillow). Not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
.build/debug/fiscal-sim run scenarios/siming-pilot.yaml --xlsx --lang zh --out "$tmp/run" --quiet > /dev/null
libreoffice --headless --convert-to pdf --outdir "$tmp" "$tmp/run/report.xlsx" > /dev/null 2>&1
pages=$(pdfinfo "$tmp/report.pdf" | awk '/^Pages:/ {print $2}')
page_of() {  # the first page whose text matches $1
    for p in $(seq 1 "$pages"); do
        if pdftotext -f "$p" -l "$p" "$tmp/report.pdf" - | grep -q "$1"; then echo "$p"; return; fi
    done
}
summary=$(page_of '年合计')
charts=$(page_of '：改革效应')
pdftoppm -r 110 -png -f "$summary" -l "$summary" -singlefile "$tmp/report.pdf" "$tmp/summary"
pdftoppm -r 110 -png -f "$charts" -l "$charts" -singlefile "$tmp/report.pdf" "$tmp/charts"
.venv/bin/python - "$tmp" <<'PY'
import sys
from PIL import Image, ImageOps
tmp = sys.argv[1]
def cropped(name):
    image = Image.open(f"{tmp}/{name}.png").convert("RGB")
    x0, y0, x1, y1 = ImageOps.invert(image).getbbox()
    return image.crop((max(0, x0 - 20), max(0, y0 - 20), min(image.width, x1 + 20), min(image.height, y1 + 20)))
top, bottom = cropped("summary"), cropped("charts")
out = Image.new("RGB", (max(top.width, bottom.width), top.height + bottom.height + 10), "white")
out.paste(top, (0, 0))
out.paste(bottom, (0, top.height + 10))
for x in range(out.width):
    out.putpixel((x, top.height + 4), (180, 180, 180))
out.save("docs/workbook.png", optimize=True)
print(f"docs/workbook.png: {out.width}x{out.height}")
PY
