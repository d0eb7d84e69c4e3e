"""Signs: a large pictogram and one phrase in up to five languages, optional QR code.

    draw_sign(doc, "toilet_women", ["ja", "en", "vi", "ne", "my"])
    draw_sign(doc, "wifi", ["ja", "en", "zh-Hans"], wifi_ssid="00000JAPAN")

The Wi-Fi sign's QR code joins the network (`WIFI:S:…;T:nopass;;`); on other signs the QR code,
when asked for, carries the sign's text in its languages (split into several codes or refused
with a clear message when too long; see `notices.qr_payloads`).

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
    key: str  # the phrase printed under the pictogram


SIGNS: dict[str, Sign] = {
    "reception": Sign("reception", "facility.reception_here"),
    "toilet": Sign("toilet", "facility.toilet_there"),
    "toilet_men": Sign("toilet_men", "facility.toilet_men"),
    "toilet_women": Sign("toilet_women", "facility.toilet_women"),
    "toilet_accessible": Sign("toilet_accessible", "facility.toilet_accessible"),
    "emergency_toilet": Sign("emergency_toilet", "facility.emergency_toilet"),
    "water": Sign("water", "facility.water_drinkable"),
    "not_drinkable": Sign("not_drinkable", "facility.water_not_drinkable"),
    "food": Sign("food", "distribution.line_up"),
    "first_aid": Sign("first_aid", "facility.first_aid_room"),
    "information": Sign("information", "info.in_your_language"),
    "no_smoking": Sign("no_smoking", "rules.no_smoking"),
    "smoking_area": Sign("smoking_area", "rules.smoking_area"),
    "no_entry": Sign("no_entry", "rules.no_entry"),
    "phone_charging": Sign("phone_charge", "facility.charging_here"),
    "wifi": Sign("wifi", "facility.free_wifi"),
    "prayer_room": Sign("prayer_room", "religion.prayer_room_here"),
    "nursing_room": Sign("nursing_room", "facility.nursing_room"),
    "changing_room": Sign("changing_room", "facility.changing_room"),
    "children_area": Sign("children_play", "facility.children_area"),
    "sleeping_area": Sign("sleep", "facility.sleeping_area"),
    "pets": Sign("pets", "facility.pets_area"),
    "no_pets": Sign("no_pets", "rules.no_pets_inside"),
    "rubbish": Sign("rubbish", "rules.sort_rubbish"),
    "quiet": Sign("quiet", "rules.be_quiet"),
    "shoes_off": Sign("shoes_off", "rules.shoes_off"),
    "wash_hands": Sign("hand_wash", "rules.wash_hands"),
    "emergency_exit": Sign("emergency_exit", "safety.emergency_exit"),
    "women_only": Sign("women_only", "rules.women_only"),
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
    key = sign.key
    is_wifi = sign_id == "wifi"
    ssid = (wifi_ssid or DEFAULT_SSID) if is_wifi else None
    if is_wifi and ssid != DEFAULT_SSID:
        key = "facility.wifi_no_password" if not wifi_password else ""
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

        payloads = qr_payloads([(c, book.text(key, c)) for c in langs])
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
    if key:
        rows = len(langs)
        row_h = (rows_top - bottom) / rows
        unreviewed = False
        for i, lang in enumerate(langs):
            row = Box(box.x, rows_top - (i + 1) * row_h, box.width, row_h)
            size = (40 if i == 0 else 30) * scale
            text(doc, phrase_text(book, key, lang), lang, row.inset(0, 1.5 * MM), size, 10,
                 bold=True, align="center", valign="middle", balance=True)
            if i < rows - 1:
                canvas.saveState()
                canvas.setStrokeColor(hex_color(LINE))
                canvas.setLineWidth(0.8)
                canvas.line(row.x + 20 * MM, row.y, row.right - 20 * MM, row.y)
                canvas.restoreState()
            unreviewed = unreviewed or is_unreviewed(book, key, lang)
    else:
        unreviewed = False
    footer(doc, page, f"disastercenter · {sign_id}", " ".join(langs), unreviewed)
    return 1
