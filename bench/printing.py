"""Printing: the 25-language shelter kit, the cost of a page against bare reportlab, fonts.

- kit: `python -m disastercenter print kit` for every language (quick: five), in a fresh
  process as a user runs it; wall time and the peak memory of the process and its workers
  (sampled every 50 ms with psutil): summed RSS is the figure held to the target, summed PSS
  must meet it too (see `_run_measured`), CPU time of the whole tree in the note.
- per page: the strings of one pointing-board page (24 items, target language and English)
  laid out and drawn by our text layer (`layout_text` + `TextBlock.draw`: shaping, bidi,
  line breaking) vs `canvas.drawString` of the same strings in the same TrueType font, which
  shapes nothing and breaks no lines. Both warm (fonts registered, first page not timed); the
  ratio is the price of correct text.
- fonts: registering with reportlab every font the 25 languages use, in a fresh process, and
  the coverage check of `python -m disastercenter fonts`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, Row, Sizes, say

TARGET_KIT_SECONDS = 10.0
TARGET_KIT_MB = 400.0
PAGES = 19  # 19 x 24 phrases: each page different


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISASTERCENTER_")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _memory(proc: object) -> tuple[int, int]:
    """(PSS, RSS) of a process in bytes; PSS = RSS where the OS has no PSS (not Linux)."""
    import psutil

    try:
        full = proc.memory_full_info()  # type: ignore[attr-defined]
        rss = full.rss
        return getattr(full, "pss", rss), rss
    except psutil.Error:
        return 0, 0


def _run_measured(command: list[str]) -> tuple[float, float, float, float, str]:
    """(wall seconds, peak summed PSS in MB of the process tree, peak summed RSS in MB,
    CPU seconds of the whole tree, stdout).

    The kit runs in worker processes forked from the command; they share the parent's pages
    (imported modules, ICU data, the phrasebook) until they write to them. Summed RSS counts
    every shared page once per process: what a task manager adds up, and the figure the
    target holds. Summed PSS (proportional set size) splits shared pages between the processes
    that map them (lower); both are reported."""
    import psutil

    try:
        import resource  # POSIX only: CPU of the process tree
    except ImportError:
        resource = None  # type: ignore[assignment]
    before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    root = psutil.Process(process.pid)
    peak_pss = peak_rss = 0
    while process.poll() is None:
        pss = rss = 0
        try:
            for proc in [root, *root.children(recursive=True)]:
                one_pss, one_rss = _memory(proc)
                pss += one_pss
                rss += one_rss
        except psutil.Error:
            pass
        peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
        time.sleep(0.05)
    out, err = process.communicate()
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{err}")
    cpu = float("nan")
    if resource is not None and before is not None:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, peak_pss / 2**20, peak_rss / 2**20, cpu, out


def _kit(langs: list[str]) -> Row:
    with tempfile.TemporaryDirectory(prefix="dc-bench-kit-") as out:
        wall, peak, peak_rss, cpu, stdout = _run_measured([
            sys.executable, "-m", "disastercenter", "print", "kit", "--langs", ",".join(langs),
            "--out-dir", out,
        ])
        files = sorted(Path(out).glob("*.pdf"))
        size = sum(f.stat().st_size for f in files)
    pages = sum(int(line.split("\t")[1].split()[0]) for line in stdout.splitlines() if "\t" in line)
    ok = wall <= TARGET_KIT_SECONDS and peak_rss <= TARGET_KIT_MB and peak <= TARGET_KIT_MB
    return Row(
        "printing.kit", f"shelter kit, {len(langs)} languages ({pages} pages, {len(files)} PDFs, CLI)",
        wall, "s", target=f"<= {TARGET_KIT_SECONDS:g} s, <= {TARGET_KIT_MB:g} MB RSS", passed=ok,
        note=f"peak memory {peak_rss:.0f} MB (RSS summed over the command and its workers; "
             f"PSS {peak:.0f} MB), CPU {cpu:.1f} s",
        details={"cpu_seconds": cpu, "pages": pages, "files": len(files), "bytes": size, "peak_pss_mb": peak,
                 "peak_rss_summed_mb": peak_rss, "cpus": os.cpu_count()},
    )


_PAGE_SCRIPT = r"""
import json, sys, time
from disastercenter.content.phrasebook import load_phrasebook
from disastercenter.printing.document import MM, PdfDocument
from disastercenter.printing.fonts import default_resolver
from disastercenter.printing.layout import TextStyle, layout_text

lang, pages = sys.argv[1], int(sys.argv[2])
book = load_phrasebook()
# Every page different (no layout cache hits): the phrases of the whole catalogue in turn.
keys = [k for k, p in book.phrases.items() if p.texts.get(lang) and not p.placeholders]
strings = []
for i in range(pages + 1):
    chunk = [keys[(i * 24 + j) % len(keys)] for j in range(24)]
    strings.append([(book.text(k, lang), book.text(k, "en")) for k in chunk])
font = default_resolver().stack(lang).primary.font

def ours(doc, page):
    doc.new_page()
    for j, (a, b) in enumerate(page):
        x, top = 15 * MM + (j % 3) * 62 * MM, 280 * MM - (j // 3) * 33 * MM
        layout_text(a, TextStyle(lang, size=12), 55 * MM).draw(doc.canvas, x, top)
        layout_text(b, TextStyle("en", size=9), 55 * MM).draw(doc.canvas, x, top - 12 * MM)

def bare(doc, page):
    doc.new_page()
    c = doc.canvas
    name = font.reportlab_name()
    for j, (a, b) in enumerate(page):
        x, top = 15 * MM + (j % 3) * 62 * MM, 280 * MM - (j // 3) * 33 * MM
        c.setFont(name, 12)
        c.drawString(x, top - 12, a)
        c.setFont(name, 9)
        c.drawString(x, top - 12 * MM - 9, b)

result = {}
for label, draw in (("bare", bare), ("ours", ours)):
    doc = PdfDocument()
    draw(doc, strings[0])  # warm-up: fonts registered, caches primed for nothing else
    started = time.perf_counter()
    for page in strings[1:]:
        draw(doc, page)
    doc.to_bytes()
    result[label] = (time.perf_counter() - started) / pages
print(json.dumps(result))
"""


def _per_page(lang: str, pages: int) -> list[Row]:
    out = subprocess.run([sys.executable, "-c", _PAGE_SCRIPT, lang, str(pages)], cwd=ROOT,
                         env=_env(), capture_output=True, text=True, check=True, timeout=600)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return [Row(
        f"printing.page.{lang}", f"board page, 48 strings ({lang} + en), our layout",
        data["ours"], "s", baseline=data["bare"], baseline_name="bare drawString",
        ratio=data["ours"] / data["bare"], ratio_meaning="time",
        details={"pages": pages},
    )]


_FONT_SCRIPT = r"""
import json, time
t0 = time.perf_counter()
from disastercenter.core.languages import LANGUAGE_CODES
from disastercenter.printing.fonts import default_resolver
resolver = default_resolver()
fonts = {}
for code in LANGUAGE_CODES:
    for bold in (False, True):
        for entry in resolver.stack(code, bold).entries[:1]:
            fonts[(entry.font.path, entry.font.index)] = entry.font
t1 = time.perf_counter()
times = {}
for font in fonts.values():
    started = time.perf_counter()
    font.reportlab_name()
    times[font.path.name] = time.perf_counter() - started
t2 = time.perf_counter()
print(json.dumps({"resolve": t1 - t0, "register": t2 - t1, "count": len(fonts), "each": times}))
"""


def _fonts() -> list[Row]:
    out = subprocess.run([sys.executable, "-c", _FONT_SCRIPT], cwd=ROOT, env=_env(),
                         capture_output=True, text=True, check=True, timeout=600)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    slowest = sorted(data["each"].items(), key=lambda kv: -kv[1])[:3]
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "disastercenter", "fonts"], cwd=ROOT, env=_env(),
                   capture_output=True, text=True, check=True, timeout=600)
    coverage = time.perf_counter() - started
    return [
        Row("printing.fonts.register",
            f"register {data['count']} fonts (every language, regular and bold) with reportlab",
            data["register"], "s",
            details={"slowest": {name: round(t, 3) for name, t in slowest},
                     "resolve_seconds": data["resolve"]}),
        Row("printing.fonts.coverage", "`fonts` command: coverage of 25 languages (CLI)",
            coverage, "s"),
    ]


def run(sizes: Sizes) -> list[Row]:
    from disastercenter.core.languages import LANGUAGE_CODES

    quick = sizes.persons < 100_000
    langs = ["ja", "ja-x-easy", "en", "vi", "my"] if quick else list(LANGUAGE_CODES)
    say(f"printing: shelter kit in {len(langs)} languages")
    rows = [_kit(langs)]
    pages = 10 if quick else PAGES
    for lang in ("vi", "my"):
        say(f"printing: {pages} board pages ({lang}) vs bare drawString")
        rows.extend(_per_page(lang, pages))
    say("printing: font registration and coverage")
    rows.extend(_fonts())
    return rows
