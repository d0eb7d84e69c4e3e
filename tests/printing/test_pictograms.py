"""Pictograms: every id the phrasebooks use has a drawing, and drawing them makes a real PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

from disastercenter.content.paths import shipped_dir
from disastercenter.content.phrasebook import (
    load_phrasebook,
    parse_pictograms,
    read_toml,
)
from disastercenter.printing.document import MM, PdfDocument
from disastercenter.printing.pictograms import PICTOGRAMS, draw_pictogram, has_drawing


def pictogram_ids() -> dict[str, str]:
    path = shipped_dir("phrasebooks") / "pictograms.toml"
    problems: list = []
    data = read_toml(path, str(path), problems)
    assert data is not None and not problems
    return parse_pictograms(data, str(path), problems)


def test_every_pictogram_id_has_a_real_drawing() -> None:
    ids = pictogram_ids()
    missing = sorted(pid for pid in ids if not has_drawing(pid))
    assert not missing
    used = {p.pictogram for p in load_phrasebook().phrases.values() if p.pictogram}
    assert used <= set(ids)
    assert set(PICTOGRAMS) == set(ids)  # no drawings for ids the data dropped


def test_an_unknown_id_gets_a_labelled_placeholder_instead_of_failing(tmp_path: Path) -> None:
    doc = PdfDocument()
    doc.new_page()
    assert not has_drawing("future_id")
    draw_pictogram(doc.canvas, "future_id", 20 * MM, 200 * MM, 30 * MM)
    pdf = doc.save(tmp_path / "placeholder.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    assert "future id" in text.stdout


def test_all_pictograms_draw_in_both_styles(tmp_path: Path) -> None:
    doc = PdfDocument()
    doc.new_page()
    for i, pid in enumerate(sorted(PICTOGRAMS)):
        if i and i % 80 == 0:
            doc.new_page()
        x = 10 * MM + (i % 10) * 19 * MM
        y = 260 * MM - ((i % 80) // 10) * 32 * MM
        draw_pictogram(doc.canvas, pid, x, y, 16 * MM, style="tile")
        draw_pictogram(doc.canvas, pid, x, y - 15 * MM, 14 * MM, style="sign")
    pdf = doc.save(tmp_path / "all.pdf")
    assert pdf.stat().st_size > 10_000
    assert doc.pages == 3
