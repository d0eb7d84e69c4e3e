"""The lean reportlab font: reportlab's tables and subsets, without the font file in memory."""

from __future__ import annotations

import tracemalloc

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from disastercenter.printing.rlfont import LeanTTFont, load_ttfont
from tests.printing.test_fonts import system_font

# Character maps in format 4 (Noto Sans, Nanum Gothic) and 12 (BIZ UDGothic, Noto Sans
# Sinhala, WenQuanYi), units per em 1000 and 2048, and a face inside a collection.
FACES = [
    ("NotoSans-Regular.ttf", 0),
    ("NotoSansSinhala-Bold.ttf", 0),
    ("BIZUDGothic-Regular.ttf", 0),
    ("NanumGothic.ttf", 0),
    ("uming.ttc", 2),
]


@pytest.mark.parametrize(("file", "index"), FACES)
def test_a_lean_font_gives_reportlab_the_tables_and_subsets_of_its_own_parser(
        file: str, index: int) -> None:
    path = str(system_font(file))
    theirs = TTFont("theirs", path, subfontIndex=index).face
    ours = LeanTTFont("ours", path, index).face

    assert (ours.name, ours.bbox, ours.flags, ours.ascent, ours.descent, ours.defaultWidth) == \
        (theirs.name, theirs.bbox, theirs.flags, theirs.ascent, theirs.descent, theirs.defaultWidth)
    assert len(ours.charToGlyph) == len(theirs.charToGlyph)
    for code, gid in theirs.charToGlyph.items():
        assert code in ours.charToGlyph and ours.charToGlyph[code] == gid
        assert ours.charWidths.get(code) == theirs.charWidths[code]
    for code in (0x01, 0xE000, 0xF0000, 0x10FFFF):
        assert (code in ours.charToGlyph) == (code in theirs.charToGlyph)
        assert ours.getCharWidth(code) == theirs.getCharWidth(code)
    for gid in range(theirs.numGlyphs + 2):
        assert ours.glyphToChar.get(gid) == theirs.glyphToChar.get(gid)
    assert [ours.hmetrics[g] for g in range(theirs.numGlyphs)] == list(theirs.hmetrics)
    assert list(ours.glyphPos) == list(theirs.glyphPos)
    codes = sorted(theirs.charToGlyph)
    subset = codes[:: max(1, len(codes) // 250)][:255]
    assert ours.makeSubset(subset) == theirs.makeSubset(subset)


def test_codes_added_for_shaped_glyphs_are_found_like_the_fonts_own() -> None:
    face = LeanTTFont("added", str(system_font("NotoSansDevanagari-Regular.ttf"))).face
    face.charToGlyph[0xF0000] = 42
    face.charWidths[0xF0000] = 512.0
    assert 0xF0000 in face.charToGlyph and face.charToGlyph[0xF0000] == 42
    assert face.getCharWidth(0xF0000) == 512.0
    assert face.makeSubset([0x915, 0xF0000])  # a subset with the added code embeds its glyph


@pytest.mark.parametrize("file", ["wqy-microhei.ttc", "uming.ttc"])
def test_a_lean_cjk_font_holds_a_fraction_of_its_file_and_keeps_it_closed(file: str) -> None:
    path = system_font(file)
    tracemalloc.start()
    try:
        ours = load_ttfont("ours", str(path))
        ours.face.glyphToChar.get(3)  # with the reverse map built
        size = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert isinstance(ours, LeanTTFont)
    # reportlab's own TTFont holds the whole file, and as much again in dicts and lists.
    assert len(TTFont("theirs", str(path)).face._ttf_data) == path.stat().st_size
    assert size < path.stat().st_size / 4, size
    assert ours.face._ttf_data._handle is None
