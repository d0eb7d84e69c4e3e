"""Signs: a large pictogram and a short label in up to five languages, optional QR code.

    draw_sign(doc, "toilet_women", ["ja", "en", "vi", "ne", "my"])
    draw_sign(doc, "wifi", ["ja", "en", "zh-Hans"], wifi_ssid="00000JAPAN")

Each language's row has the sign's label as its big text (トイレ, Toilets, 卫生间, 화장실…) and,
on the signs where a sentence adds something the label does not say ("please sort your
rubbish", "no password is needed"), that sentence in smaller type under it.

The Wi-Fi sign's QR code joins the network (`WIFI:S:…;T:nopass;;`); on other signs the QR code,
when asked for, carries the sign's label and instruction in its languages (split into several
codes or refused with a clear message when too long; see `notices.qr_payloads`).

The first language is the sign's primary one (printed largest, on top): when it is written
right to left the page is mirrored (see `mirror`: the QR code on the left, the Wi-Fi details
and the footer from the right). The languages keep the order they were given. The pictogram is
never mirrored: an exit sign shows the way to the real exit, whatever the reader's script.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from disastercenter.content.phrasebook import Phrasebook, load_phrasebook
from disastercenter.core.errors import UserError
from disastercenter.core.languages import language
from disastercenter.printing.document import MM, Box, PdfDocument
from disastercenter.printing.layout import TextStyle, fit_text
from disastercenter.printing.mirror import is_rtl
from disastercenter.printing.pages import (
    LINE,
    content_box,
    footer,
    hex_color,
    is_unreviewed,
    phrase_text,
    text,
)
from disastercenter.printing.pictograms import draw_pictogram
from disastercenter.printing.qr import make_qr, wifi_payload

MAX_LANGUAGES = 5
DEFAULT_SSID = "00000JAPAN"


@dataclass(frozen=True)
class Sign:
    pictogram: str
    label: str  # phrase key of the short label: the big text of each language's row
    #: Phrase key of a sentence printed smaller under the label, only where it adds information.
    instruction: str | None = None


SIGNS: dict[str, Sign] = {
    "reception": Sign("reception", "sign.reception"),
    "toilet": Sign("toilet", "sign.toilet"),
    "toilet_men": Sign("toilet_men", "facility.toilet_men"),
    "toilet_women": Sign("toilet_women", "facility.toilet_women"),
    "toilet_accessible": Sign("toilet_accessible", "facility.toilet_accessible"),
    "emergency_toilet": Sign("emergency_toilet", "sign.emergency_toilet"),
    "water": Sign("water", "sign.water"),
    "not_drinkable": Sign("not_drinkable", "sign.not_drinkable", "facility.water_not_drinkable"),
    "food": Sign("food", "sign.food", "distribution.line_up"),
    "first_aid": Sign("first_aid", "sign.first_aid"),
    "information": Sign("information", "sign.information", "info.in_your_language"),
    "no_smoking": Sign("no_smoking", "sign.no_smoking", "rules.no_smoking"),
    "smoking_area": Sign("smoking_area", "sign.smoking_area"),
    "no_entry": Sign("no_entry", "sign.no_entry", "rules.no_entry"),
    "phone_charging": Sign("phone_charge", "sign.phone_charging"),
    "wifi": Sign("wifi", "sign.wifi", "facility.wifi_no_password"),
    "prayer_room": Sign("prayer_room", "sign.prayer_room"),
    "nursing_room": Sign("nursing_room", "sign.nursing_room"),
    "changing_room": Sign("changing_room", "sign.changing_room"),
    "children_area": Sign("children_play", "sign.children_area"),
    "sleeping_area": Sign("sleep", "sign.sleeping_area"),
    "pets": Sign("pets", "sign.pets", "facility.pets_area"),
    "no_pets": Sign("no_pets", "sign.no_pets", "rules.no_pets_inside"),
    "rubbish": Sign("rubbish", "sign.rubbish", "rules.sort_rubbish"),
    "quiet": Sign("quiet", "sign.quiet"),
    "shoes_off": Sign("shoes_off", "sign.shoes_off"),
    "wash_hands": Sign("hand_wash", "sign.wash_hands"),
    "emergency_exit": Sign("emergency_exit", "safety.emergency_exit"),
    "women_only": Sign("women_only", "sign.women_only"),
}
SIGN_IDS: tuple[str, ...] = tuple(SIGNS)


def check_languages(langs: Sequence[str], limit: int = MAX_LANGUAGES) -> list[str]:
    """The languages without repeats; refuses unknown codes and more than `limit`."""
    out: list[str] = []
    for code in langs:
        try:
            language(code)
        except KeyError:
            raise UserError("validation.unknown_language", value=code) from None
        if code not in out:
            out.append(code)
    if not out:
        raise UserError("print.no_languages")
    if len(out) > limit:
        raise UserError("print.too_many_languages", count=len(out), limit=limit)
    return out


def draw_sign(doc: PdfDocument, sign_id: str, langs: Sequence[str], qr: bool = False,
              wifi_ssid: str | None = None, wifi_password: str | None = None,
              book: Phrasebook | None = None) -> int:
    """One sign page (the document's paper size). Returns the number of pages (1)."""
    if sign_id not in SIGNS:
        raise UserError("print.unknown_sign", sign=sign_id, signs=", ".join(SIGN_IDS))
    langs = check_languages(langs)
    book = book or load_phrasebook()
    sign = SIGNS[sign_id]
    is_wifi = sign_id == "wifi"
    ssid = (wifi_ssid or DEFAULT_SSID) if is_wifi else None
    instruction = sign.instruction
    if is_wifi and wifi_password:
        instruction = None  # "no password is needed" is wrong; the password is printed instead
    page = doc.new_page(rtl=is_rtl(langs[0]))
    box = content_box(page, 12 * MM)
    canvas = doc.canvas
    scale = box.width / (186 * MM)  # A3 scales everything up
    side = min(box.width * 0.62, box.height * 0.42)
    picto_y = box.top - side
    draw_pictogram(canvas, sign.pictogram, box.x + (box.width - side) / 2, picto_y, side,
                   style="sign", mirrored=False)
    bottom = box.y + 6 * MM
    code = None
    if is_wifi:
        code = make_qr(wifi_payload(ssid or DEFAULT_SSID, wifi_password))
    elif qr:
        from disastercenter.printing.notices import qr_payloads

        payloads = qr_payloads([(c, sign_text(book, sign.label, instruction, c)) for c in langs])
        code = make_qr(payloads[0]) if len(payloads) == 1 else None
        if code is None:
            doc.warn(f"sign {sign_id}: the QR code was left out, its text needs "
                     f"{len(payloads)} codes")
    rows_top = picto_y - 6 * MM
    if code is not None or is_wifi:
        qr_side = 42 * MM * scale
        qr_box = Box(box.right - qr_side, bottom, qr_side, qr_side)
        code.draw(canvas, qr_box.x, qr_box.y, qr_side)  # type: ignore[union-attr]
        if is_wifi:
            details = f"Wi-Fi: {ssid}"
            if wifi_password:
                details += f"\nPassword / パスワード: {wifi_password}"
            text(doc, details, "en", Box(box.x, bottom, box.width - qr_side - 6 * MM, qr_side),
                 26 * scale, 10, bold=True, valign="middle", align="left")
        bottom += qr_side + 4 * MM
    rows = len(langs)
    row_h = (rows_top - bottom) / rows
    unreviewed = False
    for i, lang in enumerate(langs):
        row = Box(box.x, rows_top - (i + 1) * row_h, box.width, row_h)
        size = (40 if i == 0 else 30) * scale
        _row_text(doc, book, sign.label, instruction, lang, row.inset(0, 1.5 * MM), size)
        if i < rows - 1:
            canvas.saveState()
            canvas.setStrokeColor(hex_color(LINE))
            canvas.setLineWidth(0.8)
            canvas.line(row.x + 20 * MM, row.y, row.right - 20 * MM, row.y)
            canvas.restoreState()
        unreviewed = unreviewed or any(is_unreviewed(book, k, lang)
                                       for k in (sign.label, instruction) if k)
    footer(doc, page, f"disastercenter · {sign_id}", " ".join(langs), unreviewed)
    return 1


def sign_text(book: Phrasebook, label: str, instruction: str | None, lang: str) -> str:
    """A sign's text in one language as its QR code carries it: the label, then the
    instruction when the sign has one."""
    value = phrase_text(book, label, lang)
    if instruction:
        value += " — " + phrase_text(book, instruction, lang)
    return value


def _row_text(doc: PdfDocument, book: Phrasebook, label: str, instruction: str | None,
              lang: str, box: Box, size: float) -> None:
    """One language's row: the label large and bold; the instruction, if any, in smaller type
    under it."""
    value = phrase_text(book, label, lang)
    if not instruction:  # a label alone is a word or two: larger than the sentences were
        text(doc, value, lang, box, size * 1.3, 10, bold=True, align="center",
             valign="middle", balance=True)
        return
    # The instruction gets the height it needs (at most 40 % of the row), the label the rest;
    # the two are centred in the row together.
    note = phrase_text(book, instruction, lang)
    label_size, note_size, gap = size * 1.2, size * 0.5, min(1.5 * MM, box.height * 0.04)
    note_h = _fitted_height(doc, note, lang, box.width, box.height * 0.4, note_size, 7, False)
    label_h = _fitted_height(doc, value, lang, box.width, box.height - note_h - gap, label_size,
                             10, True)
    top = box.top - max(0.0, (box.height - label_h - gap - note_h) / 2)
    text(doc, value, lang, Box(box.x, top - label_h, box.width, label_h), label_size, 10,
         bold=True, align="center", balance=True)
    text(doc, note, lang, Box(box.x, top - label_h - gap - note_h, box.width, note_h),
         note_size, 7, align="center", balance=True)


def _fitted_height(doc: PdfDocument, value: str, lang: str, width: float, height: float,
                   size: float, min_size: float, bold: bool) -> float:
    """The height `value` takes when fitted into width x height (at most `height`), with a
    hair of slack so fitting it again into exactly that height gives the same size."""
    style = TextStyle(lang, size=size, bold=bold, align="center", balance=True, line_gap=0.12)
    return min(height, fit_text(value, style, width, height, min_size, doc.fonts).height + 0.5)
