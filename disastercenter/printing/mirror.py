"""Right-to-left pages: one layout, mirrored as a whole, with text and pictograms readable.

Page layouts are written once, left to right. A page whose primary language is written right
to left (Arabic, Persian, Urdu: `core.languages` says which) is started with
`PdfDocument.new_page(rtl=True)`, which flips the page: every x of the layout becomes
`page width - x`. So the grid of a board fills from the right, a pictogram sits right of its
text, the target-language column of a bilingual board is on the right, and frames, rules and
bands follow, without a line of the page layouts knowing about it.

What must read the same on a mirrored page is drawn the right way round, at its mirrored place,
by the drawing layer itself:

- text (`layout.TextBlock.draw`). Alignment "left" and "right" name sides of the left-to-right
  design and are swapped ("left" is the side a page starts from: headers, footers, the text
  next to a pictogram hang from the right); "start", "end" and "center" follow each text's own
  direction (an Arabic paragraph is flush right, a Japanese one flush left on any page).
  Furigana moves with its line.
- pictograms (`pictograms.draw_pictogram`): only those that show a direction (a running
  figure, a pointing hand) are drawn as their mirror image; icons of several glyphs are read
  from the right. Prohibition bars, body outlines (their left and right are the patient's) and
  everything else keep their drawing.
- QR codes, and what a layout wraps in `upright(canvas, x, width)`: a part drawn left to right
  inside its mirrored place (letter boxes for Latin names, tick marks, a staff-only box).

PDF forms (reused frames and pictograms) are defined in their own coordinates (`suspended`)
and placed like any other drawing.

With `PdfDocument(record=True)` every text, pictogram and QR code drawn is recorded as a
`Placement` in page coordinates: tests (and tools) can ask where things landed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from disastercenter.core.languages import LANGUAGES

_AXIS = "_dc_mirror_axis"
_RECORD = "_dc_placements"
_IN_FORM = "_dc_in_form"
#: Inside `upright`: how far the drawing is moved on the page (x, points), for `record`.
_OFFSET = "_dc_mirror_offset"


def is_rtl(lang: str | None) -> bool:
    """Whether `lang` (a language code) is written right to left."""
    entry = LANGUAGES.get(lang or "")
    return bool(entry and entry.is_rtl)


def axis(canvas: Any) -> float | None:
    """The page width when the current drawing is flipped (x -> axis - x), else None."""
    return canvas.__dict__.get(_AXIS)


def page_x(canvas: Any, x: float, width: float = 0.0) -> float:
    """Where something `width` wide placed at `x` of the layout lands on the page."""
    flip = axis(canvas)
    return x if flip is None else flip - x - width


def begin_page(canvas: Any, width: float, rtl: bool) -> None:
    """Start drawing a page (called by `PdfDocument.new_page`)."""
    canvas.__dict__[_AXIS] = None
    canvas.__dict__[_OFFSET] = 0.0
    if rtl:
        canvas.addLiteral(f"q -1 0 0 1 {width:.4f} 0 cm")
        canvas.__dict__[_AXIS] = width


def end_page(canvas: Any) -> None:
    """Close a flipped page before it is shown (the page stream must balance q and Q)."""
    if axis(canvas) is not None:
        canvas.addLiteral("Q")
        canvas.__dict__[_AXIS] = None


@contextmanager
def upright(canvas: Any, x: float = 0.0, width: float | None = None) -> Iterator[None]:
    """Inside, the layout's box [x, x + width] is drawn left to right at its mirrored place
    (nothing changes on a page that is not flipped). Without `width`: the whole page, so
    coordinates inside are page coordinates."""
    flip = axis(canvas)
    if flip is None:
        yield
        return
    span = flip if width is None else 2 * x + width
    canvas.addLiteral(f"q -1 0 0 1 {span:.4f} 0 cm")
    canvas.__dict__[_AXIS] = None
    canvas.__dict__[_OFFSET] = flip - span
    try:
        yield
    finally:
        canvas.addLiteral("Q")
        canvas.__dict__[_AXIS] = flip
        canvas.__dict__[_OFFSET] = 0.0


@contextmanager
def suspended(canvas: Any) -> Iterator[None]:
    """For defining a PDF form: its content has coordinates of its own, never flipped."""
    flip, inside = axis(canvas), canvas.__dict__.get(_IN_FORM, False)
    canvas.__dict__[_AXIS] = None
    canvas.__dict__[_IN_FORM] = True
    try:
        yield
    finally:
        canvas.__dict__[_AXIS] = flip
        canvas.__dict__[_IN_FORM] = inside


# --- where things landed ------------------------------------------------------------------------

@dataclass(frozen=True)
class Placement:
    """Something drawn, in page coordinates (points, origin bottom-left)."""

    kind: str  # "text" | "ruby" | "pictogram" | "qr" | "body"
    label: str  # the text, the furigana reading, the pictogram id, the QR data, the view
    page: int
    x: float
    y: float
    width: float
    height: float
    lang: str = ""
    #: A pictogram drawn as its mirror image.
    mirrored: bool = False

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height

    @property
    def centre_x(self) -> float:
        return self.x + self.width / 2


def start_recording(canvas: Any) -> list[Placement]:
    return canvas.__dict__.setdefault(_RECORD, [])


def recording(canvas: Any) -> bool:
    """Whether drawings are recorded here (not inside a form definition: nothing is on a page
    there yet; the form's placement is what counts)."""
    return canvas.__dict__.get(_RECORD) is not None and not canvas.__dict__.get(_IN_FORM)


def record(canvas: Any, kind: str, label: str, x: float, y: float, width: float, height: float,
           lang: str = "", mirrored: bool = False) -> None:
    """Record a drawing whose box is given in the coordinates drawn in, not flipped (the
    page's, or an `upright` part's), when the document records."""
    if not recording(canvas):
        return
    x += canvas.__dict__.get(_OFFSET, 0.0)
    canvas.__dict__[_RECORD].append(Placement(kind, label, canvas.getPageNumber(), x, y, width,
                                              height, lang, mirrored))


def record_box(canvas: Any, kind: str, label: str, x: float, y: float, width: float,
               height: float, lang: str = "", mirrored: bool = False) -> None:
    """Record a drawing whose box is given in layout coordinates."""
    if recording(canvas):
        record(canvas, kind, label, page_x(canvas, x, width), y, width, height, lang, mirrored)
