"""Pages whose primary language is written right to left (ar, fa, ur) are mirrored as pages:
positions are read from what the drawing layer recorded (`PdfDocument(record=True)`), and a
few are checked against the rendered PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from disastercenter.content.phrasebook import load_phrasebook
from disastercenter.printing.boards import board, draw_pointing_board
from disastercenter.printing.document import MM, PdfDocument
from disastercenter.printing.layout import TextStyle
from disastercenter.printing.mirror import Placement, upright
from disastercenter.printing.notices import draw_notice
from disastercenter.printing.pages import MARGIN
from disastercenter.printing.pictograms import PICTOGRAMS, draw_body
from disastercenter.printing.signs import draw_sign

WIDTH = 595.2756  # A4 portrait, points
EPS = 0.01


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    return load_phrasebook()


def drawn(kind: str, lang: str, book, english: bool = False) -> PdfDocument:  # type: ignore[no-untyped-def]
    doc = PdfDocument(record=True)
    draw_pointing_board(doc, kind, lang, "ja", english=english, book=book)
    # (two long Urdu phrases are shrunk to their minimum on a trilingual board, mirrored or not)
    assert not doc.warnings or english
    return doc


def on_page(doc: PdfDocument, page: int, kind: str) -> list[Placement]:
    return [p for p in doc.placements if p.page == page and p.kind == kind]


def text_of(doc: PdfDocument, page: int, value: str, lang: str) -> Placement:
    """The first line drawn on `page` in `lang` that is the start of `value`."""
    found = [p for p in on_page(doc, page, "text")
             if p.lang == lang and p.label and value.startswith(p.label)]
    assert found, (value, lang)
    return found[0]


def first_cells(book, kind: str, count: int = 3) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(key, pictogram) of the first items of a board."""
    keys = board(kind, book).sections[0].keys[:count]
    return [(key, book.phrases[key].pictogram) for key in keys]


@pytest.mark.parametrize("lang", ["ar", "fa", "ur"])
def test_on_a_right_to_left_board_each_pictogram_is_right_of_its_texts(lang: str, book) -> None:  # type: ignore[no-untyped-def]
    doc = drawn("evacuee", lang, book, english=True)
    key, pid = first_cells(book, "evacuee", 1)[0]
    (picto,) = [p for p in on_page(doc, 1, "pictogram") if p.label == pid][:1]
    for code in (lang, "ja", "en"):
        line = text_of(doc, 1, book.text(key, code), code)
        assert line.right <= picto.x + EPS
        # every language hangs from the pictogram's side, as one block
        assert picto.x - line.right < 4 * MM, code


def test_on_a_left_to_right_board_each_pictogram_is_left_of_its_texts(book) -> None:  # type: ignore[no-untyped-def]
    doc = drawn("evacuee", "vi", book, english=True)
    key, pid = first_cells(book, "evacuee", 1)[0]
    (picto,) = [p for p in on_page(doc, 1, "pictogram") if p.label == pid][:1]
    for code in ("vi", "ja", "en"):
        line = text_of(doc, 1, book.text(key, code), code)
        assert line.x >= picto.right - EPS
        assert line.x - picto.right < 4 * MM, code


def test_the_grid_of_an_arabic_board_fills_from_the_right(book) -> None:  # type: ignore[no-untyped-def]
    cells = first_cells(book, "evacuee", 3)
    for lang, direction in (("ar", -1), ("vi", 1)):
        doc = drawn("evacuee", lang, book)
        xs = [next(p.x for p in on_page(doc, 1, "pictogram") if p.label == pid) for _, pid in cells]
        assert all(direction * (b - a) > 10 * MM for a, b in zip(xs, xs[1:])), (lang, xs)


def test_every_page_of_an_arabic_board_is_the_mirror_image_of_the_same_layout(book) -> None:  # type: ignore[no-untyped-def]
    """Same grid as the Vietnamese board, each pictogram at page width - x - size."""
    for kind in ("evacuee", "staff", "health"):
        ar, vi = drawn(kind, "ar", book), drawn(kind, "vi", book)
        assert ar.pages == vi.pages
        left = [(p.page, p.label, round(p.y, 2), round(WIDTH - p.x - p.width, 2))
                for p in vi.placements if p.kind in ("pictogram", "body")]
        right = [(p.page, p.label, round(p.y, 2), round(p.x, 2))
                 for p in ar.placements if p.kind in ("pictogram", "body")]
        assert right == left and len(left) > 20, kind


def test_header_and_footer_start_on_the_right_of_an_arabic_board(book) -> None:  # type: ignore[no-untyped-def]
    for lang in ("ar", "vi"):
        doc = drawn("staff", lang, book)
        name = text_of(doc, 1, "العربية" if lang == "ar" else "Tiếng Việt", lang)
        foot = next(p for p in on_page(doc, 1, "text") if p.label.startswith("disastercenter"))
        number = next(p for p in on_page(doc, 1, "text") if p.label.startswith("1 / "))
        if lang == "ar":
            assert abs(name.right - (WIDTH - MARGIN - 3 * MM)) < 1
            assert abs(foot.right - (WIDTH - MARGIN)) < 1 and number.x < WIDTH / 4
        else:
            assert abs(name.x - (MARGIN + 3 * MM)) < 1
            assert abs(foot.x - MARGIN) < 1 and number.right > WIDTH * 3 / 4


def test_only_pictograms_that_show_a_direction_are_mirrored(book) -> None:  # type: ignore[no-untyped-def]
    directional = {pid for pid, p in PICTOGRAMS.items() if p.directional}
    assert {"emergency_exit", "evacuate", "point"} <= directional
    assert not any(PICTOGRAMS[pid].crossed or PICTOGRAMS[pid].special for pid in directional)
    seen = set()
    for kind in ("evacuee", "staff"):
        for lang in ("ar", "vi"):
            for p in drawn(kind, lang, book).placements:
                if p.kind == "pictogram":
                    assert p.mirrored == (lang == "ar" and p.label in directional), (p.label, lang)
                    seen.add(p.label)
    assert {"evacuate", "point"} <= seen


def test_the_body_outlines_keep_the_patients_sides_and_say_which_is_which(book) -> None:  # type: ignore[no-untyped-def]
    for lang in ("ar", "vi"):
        doc = drawn("health", lang, book)
        bodies = {p.label: p for p in on_page(doc, 1, "body")}
        front, back = bodies["front"], bodies["back"]
        # reading order: the front view first, so on the right of an Arabic page
        assert (front.x > back.x) == (lang == "ar")
        for view, figure in bodies.items():
            right = [p for p in on_page(doc, 1, "text")
                     if p.lang == lang and p.label == book.text("health.side.right", lang)
                     and figure.x <= p.centre_x <= figure.right]
            left = [p for p in on_page(doc, 1, "text")
                    if p.lang == lang and p.label == book.text("health.side.left", lang)
                    and figure.x <= p.centre_x <= figure.right]
            assert len(right) == len(left) == 1, (lang, view)
            # Seen from the front the patient's right is on our left; from behind, on our right.
            assert (right[0].centre_x < left[0].centre_x) == (view == "front"), (lang, view)


def test_a_body_outline_on_a_mirrored_page_is_drawn_as_it_is(tmp_path: Path) -> None:
    """The highlighted skin spot sits right of the figure's middle on both pages (rendered)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs poppler-utils")
    doc = PdfDocument()
    for rtl in (False, True):
        doc.new_page(rtl=rtl)
        draw_body(doc.canvas, 60 * MM, 60 * MM, 90 * MM, 150 * MM, "front", highlight={"skin"})
    pdf = doc.save(tmp_path / "bodies.pdf")
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "p")], check=True)
    for png, figure_left in zip(sorted(tmp_path.glob("p-*.png")), (60, 210 - 60 - 90)):
        image = Image.open(png).convert("RGB")
        scale = image.width / 210  # pixels per mm
        red = [x for x in range(image.width) for y in range(image.height)
               if (lambda r, g, b: r > 150 and g < 90 and b < 90)(*image.getpixel((x, y)))]
        assert red, png.name
        middle = (figure_left + 45) * scale
        assert min(red) > middle, png.name


def test_furigana_sits_over_the_same_japanese_on_an_arabic_board(book) -> None:  # type: ignore[no-untyped-def]
    ar, vi = drawn("evacuee", "ar", book), drawn("evacuee", "vi", book)

    def rubies(doc: PdfDocument) -> list[tuple[str, float]]:
        """Each reading with its offset from the start of the Japanese line under it."""
        lines = [p for p in doc.placements if p.kind == "text" and p.lang == "ja"]
        out = []
        for ruby in (p for p in doc.placements if p.kind == "ruby"):
            line = min((ln for ln in lines if ln.page == ruby.page and ln.top <= ruby.y + 1
                        and ln.x - EPS <= ruby.centre_x <= ln.right + EPS),
                       key=lambda ln: ruby.y - ln.top)
            out.append((ruby.label, round(ruby.x - line.x, 2)))
        return out

    found = rubies(ar)
    assert len(found) > 30 and found == rubies(vi)


def test_an_arabic_sign_keeps_its_order_moves_its_qr_code_and_never_mirrors_its_pictogram(book) -> None:  # type: ignore[no-untyped-def]
    for lang in ("ar", "vi"):
        doc = PdfDocument(record=True)
        draw_sign(doc, "emergency_exit", [lang, "ja", "en"], qr=True, book=book)
        (picto,) = on_page(doc, 1, "pictogram")
        (qr,) = on_page(doc, 1, "qr")
        assert not picto.mirrored and abs(picto.centre_x - WIDTH / 2) < 1
        assert (qr.right < WIDTH / 2) == (lang == "ar")
        rows = [text_of(doc, 1, book.text("safety.emergency_exit", c), c) for c in (lang, "ja", "en")]
        assert rows[0].y > rows[1].y > rows[2].y  # the order given, top to bottom


def test_a_notice_is_mirrored_by_its_first_language_each_text_aligned_to_its_own(book) -> None:  # type: ignore[no-untyped-def]
    values = {"time": "12:00", "place": "体育館"}
    doc = PdfDocument(record=True)
    draw_notice(doc, "notice.meal", ["ar", "ja", "vi"], values, issued="11/21", qr=True, book=book)
    (picto,) = on_page(doc, 1, "pictogram")
    (qr,) = on_page(doc, 1, "qr")
    assert picto.x > WIDTH / 2 and qr.right < WIDTH / 2
    right_edge, left_edge = WIDTH - 12 * MM, 12 * MM
    arabic = [p for p in on_page(doc, 1, "text") if p.lang == "ar" and p.label.startswith("ستُقدم")]
    japanese = next(p for p in on_page(doc, 1, "text") if p.label.startswith("食事は"))
    assert arabic and abs(arabic[0].right - right_edge) < 1  # flush right
    assert abs(japanese.x - left_edge) < 1  # flush left, on the same page


def test_one_language_per_page_mirrors_only_the_right_to_left_pages(book) -> None:  # type: ignore[no-untyped-def]
    doc = PdfDocument(record=True)
    draw_notice(doc, "notice.meal", ["vi", "fa", "ja"], {"time": "12:00", "place": "体育館"},
                one_per_page=True, book=book)
    sides = [on_page(doc, page, "pictogram")[0].x > WIDTH / 2 for page in (1, 2, 3)]
    assert sides == [False, True, False]


def test_alignment_names_page_sides_and_start_follows_each_texts_direction() -> None:
    doc = PdfDocument(record=True)
    doc.new_page(rtl=True)
    box_x, width = 30 * MM, 100 * MM
    top = 250 * MM
    for value, lang, align in (("Left", "en", "left"), ("Right", "en", "right"),
                               ("Start", "en", "start"), ("مرحبا", "ar", "start")):
        doc.layout(value, TextStyle(lang, size=12, align=align), width).draw(doc.canvas, box_x, top)
        top -= 10 * MM
    mirrored = (WIDTH - box_x - width, WIDTH - box_x)  # the box on the page
    lines = {p.label: p for p in doc.placements}
    assert abs(lines["Left"].right - mirrored[1]) < EPS  # "left": where the page starts
    assert abs(lines["Right"].x - mirrored[0]) < EPS
    assert abs(lines["Start"].x - mirrored[0]) < EPS  # English reads from the left
    assert abs(lines["مرحبا"].right - mirrored[1]) < EPS  # Arabic from the right
    with upright(doc.canvas, box_x, width):  # drawn as designed, in the mirrored place
        doc.layout("Up", TextStyle("en", size=12, align="left"), width).draw(doc.canvas, box_x, top)
    assert abs(doc.placements[-1].x - mirrored[0]) < EPS


def test_a_mirrored_board_renders_where_the_drawing_layer_says(book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The first pictogram's tile is on the page where its placement says, not where the
    left-to-right board has it, and poppler reads the page without complaint."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs poppler-utils")
    doc = drawn("evacuee", "ar", book)
    pdf = doc.save(tmp_path / "ar.pdf")
    run = subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", str(pdf),
                          str(tmp_path / "p")], capture_output=True, text=True, check=True)
    assert run.stderr == ""
    image = Image.open(next(tmp_path.glob("p-*.png"))).convert("RGB")
    scale = image.width / WIDTH
    tile = on_page(doc, 1, "pictogram")[0]

    def pixel(x: float, y: float) -> tuple[int, int, int]:
        return image.getpixel((round(x * scale), round(image.height - y * scale)))

    corner = (tile.x + 0.08 * tile.width, tile.y + 0.5 * tile.height)
    assert pixel(*corner) == (227, 236, 247)  # the light tile of an "info" pictogram
    assert pixel(WIDTH - corner[0], corner[1]) == (255, 255, 255)
