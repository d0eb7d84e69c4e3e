"""Print centre use-cases: boards, signs, notices and the shelter kit, written as PDF files.

Every function checks first that each language can be printed with the installed fonts
(refusing with a message that names the languages and missing letters), builds the PDF in
memory, and writes it atomically: a failed or cancelled job leaves no half-written file.

Every function takes `progress(done, total, label)` and `cancelled()` callbacks, for the GUI's
worker thread and for the command line. A single PDF reports each page begun (`total` 0: not
known while drawing) and stops drawing at the next page once cancelled (`PrintCancelled`,
nothing written); the kit reports each file.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from disastercenter.core.errors import UserError
from disastercenter.core.languages import LANGUAGE_CODES
from disastercenter.printing.document import PdfDocument, PrintCancelled, paper_size
from disastercenter.printing.fonts import FontResolver, default_resolver

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


@dataclass
class PrintResult:
    path: Path
    pages: int
    warnings: list[str] = field(default_factory=list)


def _resolver(fonts_dir: Path | None) -> FontResolver:
    return default_resolver(fonts_dir)


def save_pdf(doc: PdfDocument, out: Path) -> PrintResult:
    """Write a finished document to `out` atomically (every printing service ends here)."""
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        doc.save(out)
    except OSError as exc:
        raise UserError("print.cannot_write", path=str(out), detail=exc.strerror or str(exc)) from exc
    return PrintResult(out, doc.pages, list(doc.warnings))


def page_size(paper: str, orientation: str = "portrait",
              error: str = "print.unknown_paper") -> tuple[float, float]:
    """The size of a named paper (A4, A3), or a UserError `error` naming it."""
    try:
        return paper_size(paper, orientation)
    except KeyError:
        raise UserError(error, paper=paper) from None


def _document(paper: str, orientation: str, title: str, fonts: FontResolver,
              progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> PdfDocument:
    return PdfDocument(page_size(paper, orientation), title=title, fonts=fonts,
                       cancelled=cancelled, progress=progress)


def print_language_board(out: Path, langs: Sequence[str] = LANGUAGE_CODES, paper: str = "A4",
                         fonts_dir: Path | None = None, progress: Progress | None = None,
                         cancelled: Cancelled | None = None) -> PrintResult:
    from disastercenter.printing.boards import draw_language_board

    fonts = _resolver(fonts_dir)
    fonts.require(langs)
    doc = _document(paper, "portrait", "Language board", fonts, progress, cancelled)
    draw_language_board(doc, list(langs))
    return save_pdf(doc, out)


def print_board(board: str, lang: str, out: Path, lang2: str | None = "ja",
                english: bool = False, paper: str = "A4",
                fonts_dir: Path | None = None, progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> PrintResult:
    """A pointing board ("evacuee", "staff", "health") or the language board ("language")."""
    from disastercenter.printing.boards import BOARD_KINDS, draw_pointing_board

    if board == "language":
        return print_language_board(out, paper=paper, fonts_dir=fonts_dir, progress=progress,
                                    cancelled=cancelled)
    if board not in BOARD_KINDS:
        raise UserError("print.unknown_board", board=board, boards=", ".join(("language", *BOARD_KINDS)))
    fonts = _resolver(fonts_dir)
    fonts.require([c for c in (lang, lang2, "en" if english else None) if c])
    doc = _document(paper, "portrait", f"{board} board ({lang})", fonts, progress, cancelled)
    draw_pointing_board(doc, board, lang, lang2, english)
    return save_pdf(doc, out)


def print_sign(sign: str, langs: Sequence[str], out: Path, qr: bool = False,
               wifi_ssid: str | None = None, wifi_password: str | None = None,
               paper: str = "A4", fonts_dir: Path | None = None,
               progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> PrintResult:
    from disastercenter.printing.signs import check_languages, draw_sign

    langs = check_languages(langs)
    fonts = _resolver(fonts_dir)
    fonts.require(langs)
    doc = _document(paper, "portrait", f"Sign: {sign}", fonts, progress, cancelled)
    draw_sign(doc, sign, langs, qr=qr, wifi_ssid=wifi_ssid, wifi_password=wifi_password)
    return save_pdf(doc, out)


def print_notice(template: str, langs: Sequence[str], values: Mapping[str, str], out: Path,
                 issued: str = "", shelter: str = "", qr: bool = False,
                 one_per_page: bool = False, paper: str = "A4",
                 fonts_dir: Path | None = None, orientation: str = "portrait",
                 progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> PrintResult:
    from disastercenter.printing.notices import draw_notice
    from disastercenter.printing.signs import check_languages

    langs = check_languages(langs, limit=len(LANGUAGE_CODES) if one_per_page else 5)
    fonts = _resolver(fonts_dir)
    fonts.require(langs)
    doc = _document(paper, orientation, f"Notice: {template}", fonts, progress, cancelled)
    draw_notice(doc, template, langs, values, issued=issued, shelter=shelter, qr=qr,
                one_per_page=one_per_page)
    return save_pdf(doc, out)


# --- the shelter kit ----------------------------------------------------------------------------

@dataclass(frozen=True)
class KitPart:
    """One file of the kit: what to draw and where it goes."""

    kind: str  # "language_board" | "boards" | "form" | "signs"
    file: str
    langs: tuple[str, ...]
    label: str


def kit_parts(langs: Sequence[str]) -> list[KitPart]:
    """The files of a kit: the language board, the pointing boards and the paper registration
    form of each language (with Japanese), and the kit's signs, five languages a sheet."""
    parts = [KitPart("language_board", "language-board.pdf", tuple(langs), "language board")]
    for code in langs:
        if code == "ja":
            parts.append(KitPart("form", "form-ja.pdf", (code,), "registration form (ja)"))
        if code in ("ja", "ja-x-easy"):
            continue
        parts.append(KitPart("boards", f"boards-{code}.pdf", (code,), f"pointing boards ({code})"))
        parts.append(KitPart("form", f"form-{code}.pdf", (code,), f"registration form ({code})"))
    parts.append(KitPart("signs", "signs.pdf", tuple(langs), "signs"))
    return parts


def _sign_groups(langs: Sequence[str]) -> list[list[str]]:
    """Languages in sheets of five; Japanese heads every sheet."""
    rest = [c for c in langs if c != "ja"]
    head = ["ja"] if "ja" in langs else []
    size = 5 - len(head)
    if not rest:
        return [head]
    return [head + rest[i:i + size] for i in range(0, len(rest), size)]


def _draw_part(part: KitPart, paper: str, wifi_ssid: str | None, fonts: FontResolver,
               cancelled: Cancelled | None = None) -> PdfDocument:
    from disastercenter.printing.boards import (
        BOARD_KINDS,
        draw_language_board,
        draw_pointing_board,
    )
    from disastercenter.printing.signs import draw_sign

    doc = _document(paper, "portrait", part.label, fonts, cancelled=cancelled)
    if part.kind == "language_board":
        draw_language_board(doc, list(part.langs))
    elif part.kind == "boards":
        for kind in BOARD_KINDS:
            draw_pointing_board(doc, kind, part.langs[0], "ja")
    elif part.kind == "form":
        from disastercenter.printing.paper_form import draw_paper_form

        draw_paper_form(doc, part.langs[0], "ja" if part.langs[0] != "ja" else "en")
    else:
        for sign in KIT_SIGNS:
            for group in _sign_groups(part.langs):
                draw_sign(doc, sign, group, wifi_ssid=wifi_ssid)
    return doc


_CJK = ("ja", "ja-x-easy", "zh-Hans", "zh-Hant", "ko")
#: Signs in a kit: the ones the issue lists for a newly opened shelter. Others print alone.
KIT_SIGNS = ("reception", "toilet_men", "toilet_women", "toilet_accessible", "water", "food",
             "first_aid", "information", "no_smoking", "no_entry", "phone_charging", "wifi",
             "prayer_room", "nursing_room", "pets", "rubbish", "quiet")


def _weight(part: KitPart) -> int:
    """Rough cost of a kit file, in board files."""
    if part.kind == "signs":
        return max(2, len(part.langs) // 3)
    if part.kind == "form":
        return 1
    return 3


def _bundles(parts: Sequence[KitPart], workers: int) -> list[list[KitPart]]:
    """Kit files split into `workers` bundles of about equal cost. The signs and the Chinese
    and Korean boards go together: each worker registers only the fonts its files use, and the
    large CJK fonts (their character maps and metrics, and the layouts cached for their texts)
    are read by one worker, not all."""
    heavy = [p for p in parts
             if p.kind == "signs" or (p.kind in ("boards", "form") and p.langs[0] in _CJK)]
    light = [p for p in parts if p not in heavy]
    ordered = heavy + light
    total = sum(_weight(p) for p in ordered)
    bundles: list[list[KitPart]] = [[] for _ in range(workers)]
    share = total / workers
    index, cost = 0, 0.0
    for part in ordered:
        if cost >= share * (index + 1) and index < workers - 1:
            index += 1
        bundles[index].append(part)
        cost += _weight(part)
    return [b for b in bundles if b]


_WORKER: dict[str, object] = {}


def _worker_init(stop: object, done: object) -> None:
    _WORKER["stop"], _WORKER["done"] = stop, done


def _kit_worker(bundle: list[KitPart], out_dir: str, paper: str, wifi_ssid: str | None,
                fonts_dir: str | None) -> list[tuple[str, int, list[str]]]:
    fonts = default_resolver(Path(fonts_dir) if fonts_dir else None)
    stop, done = _WORKER["stop"], _WORKER["done"]
    results = []
    for part in bundle:
        if stop.is_set():  # type: ignore[attr-defined]
            break
        try:
            doc = _draw_part(part, paper, wifi_ssid, fonts, stop.is_set)  # type: ignore[attr-defined]
            result = save_pdf(doc, Path(out_dir) / part.file)
        except PrintCancelled:
            break
        results.append((str(result.path), result.pages, result.warnings))
        done.put(part.label)  # type: ignore[attr-defined]
    return results


def _worker_context() -> Any:
    """How kit workers start. A command (one thread, on Linux) forks them: they share the
    modules and the phrasebook it has loaded. A process with other threads, such as the GUI
    printing from a job thread, spawns fresh interpreters: forking it would give every worker
    a copy of the whole GUI (a 25-language kit measured 491 MB summed RSS from the GUI with
    forked workers, 405 MB with spawned ones) and can deadlock on a lock another thread held.
    macOS and Windows spawn anyway."""
    import multiprocessing

    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def print_kit(langs: Sequence[str], out_dir: Path, paper: str = "A4",
              wifi_ssid: str | None = None, fonts_dir: Path | None = None,
              progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
              workers: int | None = None) -> list[PrintResult]:
    """Everything a newly opened shelter needs, for `langs`, as PDF files in `out_dir`.

    With `workers` > 1 (default: one per CPU, at most 2: each worker holds the fonts and
    layout caches it uses, so more workers cost memory) the files are made in parallel
    processes (see `_worker_context` for how they start). Cancelling stops the files being
    drawn at their next page; files already written stay (each is complete), and
    PrintCancelled is raised."""
    from disastercenter.printing.signs import check_languages

    langs = check_languages(langs, limit=len(LANGUAGE_CODES))
    fonts = _resolver(fonts_dir)
    fonts.require(langs)
    out_dir = Path(out_dir)
    parts = kit_parts(langs)
    total = len(parts)

    def report(done: int, label: str) -> None:
        if progress is not None:
            progress(done, total, label)

    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    workers = max(1, min(workers, total))
    report(0, "")
    if workers == 1:
        results: list[PrintResult] = []
        for i, part in enumerate(parts):
            if cancelled is not None and cancelled():
                raise PrintCancelled()
            doc = _draw_part(part, paper, wifi_ssid, fonts, cancelled)
            results.append(save_pdf(doc, out_dir / part.file))
            report(i + 1, part.label)
        return results
    folder = str(fonts.fonts_dir) if fonts.fonts_dir else None
    context = _worker_context()
    stop, finished = context.Event(), context.Queue()
    collected: list[tuple[str, int, list[str]]] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init,
                             initargs=(stop, finished)) as pool:
        futures = [pool.submit(_kit_worker, bundle, str(out_dir), paper, wifi_ssid, folder)
                   for bundle in _bundles(parts, workers)]
        done = 0
        while not all(f.done() for f in futures) or not finished.empty():
            try:
                label = finished.get(timeout=0.1)
            except Exception:  # queue.Empty: nothing finished in this tick
                label = None
            if label is not None:
                done += 1
                report(done, label)
            if cancelled is not None and not stop.is_set() and cancelled():
                stop.set()
        for future in futures:
            collected.extend(future.result())
    if stop.is_set():
        raise PrintCancelled()
    by_file = {Path(path).name: PrintResult(Path(path), pages, warnings)
               for path, pages, warnings in collected}
    return [by_file[p.file] for p in parts]
