"""Real PDFs, rasterised with pdftoppm: every language prints without a missing glyph, QR
codes scan back."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from disastercenter.content.phrasebook import load_phrasebook
from disastercenter.core.languages import LANGUAGE_CODES, language
from disastercenter.printing.document import MM, PdfDocument
from disastercenter.printing.fonts import default_resolver
from disastercenter.printing.layout import TextBlock, TextStyle
from disastercenter.printing.qr import make_qr, wifi_payload

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")

KEYS = ["reception.this_is_shelter", "need.water", "facility.toilet_accessible",
        "health.symptom.fever", "facility.water_not_drinkable", "answer.yes", "answer.no",
        "facility.free_wifi"]


def rasterise(pdf: Path, dpi: int, out: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out / "page")], check=True,
                   timeout=120)
    return sorted(out.glob("page-*.png"))


def language_page(doc: PdfDocument, code: str) -> list[TextBlock]:
    """One page: the native name, then phrases of the phrasebook (Japanese with furigana)."""
    book = load_phrasebook()
    page = doc.new_page()
    x, top, width = 20 * MM, page.top - 20 * MM, page.width - 40 * MM
    blocks = []
    title = doc.layout(language(code).native_name, TextStyle(code, size=36, bold=True), width)
    title.draw(doc.canvas, x, top)
    blocks.append(title)
    top -= title.height + 8 * MM
    for key in KEYS:
        text = book.text(key, code, ruby=True)
        block = doc.layout(text, TextStyle(code, size=16), width)
        block.draw(doc.canvas, x, top)
        blocks.append(block)
        top -= block.height + 4 * MM
    return blocks


def test_one_page_per_language_prints_every_glyph(tmp_path: Path) -> None:
    resolver = default_resolver()
    resolver.require(LANGUAGE_CODES)  # coverage is complete for every language
    doc = PdfDocument(title="languages")
    for code in LANGUAGE_CODES:
        for block in language_page(doc, code):
            assert not block.overflow
            for run in block.runs:
                assert run.gids and 0 not in run.gids, (code, run.text)
    pdf = doc.save(tmp_path / "languages.pdf")
    assert not doc.warnings

    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(" yes yes " in row for row in rows), fonts.stdout  # embedded subsets

    pages = rasterise(pdf, 30, tmp_path)
    assert len(pages) == len(LANGUAGE_CODES)
    for png in pages:
        dark = sum(Image.open(png).convert("L").histogram()[:128])
        assert dark > 300, png.name  # the page has text on it


def test_a_drawn_qr_code_decodes_back_at_150_dpi(tmp_path: Path) -> None:
    payloads = [
        "dc:person:0192f4e3a1b27c3d8e9f00112233445566",
        wifi_payload("00000JAPAN"),
        "水は体育館にあります / Nước uống ở nhà thể chất / पानी व्यायामशालामा छ",
    ]
    doc = PdfDocument()
    doc.new_page()
    for i, data in enumerate(payloads):
        code = make_qr(data)
        code.draw(doc.canvas, 20 * MM + i * 65 * MM, 200 * MM, 55 * MM)
    pdf = doc.save(tmp_path / "qr.pdf")
    (png,) = rasterise(pdf, 150, tmp_path)
    found = {result.text for result in zxingcpp.read_barcodes(Image.open(png))}
    assert found == set(payloads)


def test_wifi_payload_escapes_special_characters() -> None:
    assert wifi_payload("00000JAPAN") == "WIFI:S:00000JAPAN;T:nopass;;"
    assert wifi_payload('Gym;1,"A"', "p:w") == 'WIFI:S:Gym\\;1\\,\\"A\\";T:WPA;P:p\\:w;;'


def test_too_much_text_for_a_qr_code_is_refused_with_a_message() -> None:
    from disastercenter.core.errors import UserError

    with pytest.raises(UserError) as caught:
        make_qr("避難所" * 1000)
    assert caught.value.key == "print.qr_too_large"
    assert "9000" in caught.value.message("en") and "QRコード" in caught.value.message("ja")


def test_text_copied_from_the_pdf_reads_as_the_original(tmp_path: Path) -> None:
    """Conjuncts and Arabic joining forms map back to their letters."""
    samples = {"hi": "क्षत्रिय", "ar": "العربية", "ja": "野家", "en": "office"}
    doc = PdfDocument()
    doc.new_page()
    top = 280 * MM
    for code, text in samples.items():
        block = doc.layout(text, TextStyle(code, size=20), 150 * MM)
        block.draw(doc.canvas, 20 * MM, top)
        top -= block.height + 10 * MM
    pdf = doc.save(tmp_path / "copy.pdf")
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    lines = [line.strip() for line in out.splitlines() if line.strip()]
    # Indic glyph reordering cannot be undone by a ToUnicode map: the letters are all there.
    assert set("क्षत्रिय") <= set(lines[0]) and "\ufffd" not in lines[0]
    assert lines[2] == "野家"
    assert lines[3] in ("office", "oﬃce")  # the ffi ligature glyph is U+FB03 in Noto Sans
    arabic = unicodedata.normalize("NFKC", lines[1].strip("\u202a\u202b\u202c\u202d\u202e"))
    assert arabic == "العربية"  # joined forms read back as the letters, in logical order
