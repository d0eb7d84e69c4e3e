"""Pictograms for boards and signs, drawn as vectors.

Every id of `phrasebooks/pictograms.toml` maps to a `Pictogram`: one or two glyphs of the
Material Design Icons font (Apache-2.0, shipped as TrueType by the `qtawesome` package; we read
the font file only and never import the package, which would load Qt), an optional
prohibition mark, and a tone that gives its colour (blue information, green safe condition and
first aid, amber warning, red prohibition, teal health). A few are drawn by hand because no
icon says it well: the yes/no marks (maru and batsu), "no entry", the first-aid cross and the
body outlines of the health board, whose parts are highlighted. An id without a drawing gets a
labelled placeholder tile, so a new id in the data never breaks printing.

On a mirrored (right-to-left) page (see `mirror`) a pictogram goes to its mirrored place and is
drawn the right way round; only pictograms that show a direction (`Pictogram.directional`: a
running figure, a pointing hand) are drawn as their mirror image there, with the glyphs of a
several-glyph pictogram read from the right. Prohibition bars keep their ISO direction (top
left to bottom right), body outlines keep the patient's left and right.
"""

from __future__ import annotations

import importlib.util
import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from disastercenter.printing import mirror

#: Colours per tone: (main, light tint).
TONES: dict[str, tuple[str, str]] = {
    "info": ("#1f5fad", "#e3ecf7"),
    "safe": ("#1e7b45", "#e1f1e7"),
    "warning": ("#b36b00", "#fdf0d5"),
    "prohibit": ("#c62828", "#fbe4e4"),
    "health": ("#00796b", "#dff2ef"),
    "women": ("#c2185b", "#fbe3ee"),
}
INK = "#1a1a1a"


@dataclass(frozen=True)
class Pictogram:
    icons: tuple[str, ...]  # Material Design Icons names, drawn side by side
    tone: str = "info"
    crossed: bool = False  # red circle and bar over the icon
    special: str | None = None  # hand-drawn: maru, batsu, no_entry, first_aid, body:<part>
    #: Shows motion or points somewhere: mirrored on right-to-left pages, where "forward" is
    #: to the left (a figure running to the exit, a hand pointing at the answer).
    directional: bool = False


def _p(icons: str, tone: str = "info", crossed: bool = False,
       directional: bool = False) -> Pictogram:
    return Pictogram(tuple(icons.split()), tone, crossed, directional=directional)


def _s(special: str, tone: str = "info") -> Pictogram:
    return Pictogram((), tone, False, special)


PICTOGRAMS: dict[str, Pictogram] = {
    "allergy": _p("alert", "warning"),
    "ambulance": _p("ambulance", "health"),
    "announcement": _p("bullhorn"),
    "baby": _p("baby-face-outline"),
    "baby_bottle": _p("baby-bottle-outline"),
    "baby_food": _p("bowl-mix"),
    "bath": _p("bathtub"),
    "blanket": _p("bed-outline"),
    "bleeding": _p("water-opacity", "health"),
    "body_arm": _s("body:arm", "health"),
    "body_back": _s("body:back", "health"),
    "body_chest": _s("body:chest", "health"),
    "body_ear": _s("face:ear", "health"),
    "body_eye": _s("face:eye", "health"),
    "body_foot": _s("body:foot", "health"),
    "body_hand": _s("body:hand", "health"),
    "body_head": _s("body:head", "health"),
    "body_leg": _s("body:leg", "health"),
    "body_mouth": _s("face:mouth", "health"),
    "body_neck": _s("body:neck", "health"),
    "body_nose": _s("face:nose", "health"),
    "body_skin": _s("body:skin", "health"),
    "body_stomach": _s("body:stomach", "health"),
    "body_throat": _s("face:throat", "health"),
    "body_tooth": _p("tooth-outline", "health"),
    "breathing": _p("lungs", "health"),
    "buckwheat": _p("noodles", "warning"),
    "cannot_sleep": _p("bed-clock"),
    "changing_room": _p("hanger"),
    "child": _p("human-child"),
    "children_play": _p("toy-brick"),
    "chronic_illness": _p("calendar-clock pill", "health"),
    "cleaning": _p("broom"),
    "clothes": _p("tshirt-crew"),
    "cold": _p("snowflake-thermometer"),
    "cough": _p("emoticon-sick-outline", "health"),
    "crab": _p("fish", "warning"),
    "danger": _p("alert", "warning"),
    "diaper": _p("baby-face-outline"),
    "diarrhoea": _p("toilet stomach", "health"),
    "dizziness": _p("head-question-outline", "health"),
    "doctor": _p("stethoscope", "health"),
    "documents": _p("file-document-multiple"),
    "earthquake": _p("home-alert", "warning"),
    "egg": _p("egg", "warning"),
    "embassy": _p("bank"),
    "emergency_exit": _p("exit-run", "safe", directional=True),
    "emergency_toilet": _p("toilet delete-outline"),
    "evacuate": _p("run-fast", "safe", directional=True),
    "family": _p("human-male-female-child"),
    "female_staff": _p("human-female"),
    "fever": _p("thermometer-high", "health"),
    "fine": _p("emoticon-happy-outline"),
    "fire": _p("fire", "warning"),
    "first_aid": _s("first_aid", "safe"),
    "fish": _p("fish", "warning"),
    "food": _p("rice"),
    "food_restriction": _p("silverware-fork-knife", "prohibit", crossed=True),
    "free": _p("hand-coin"),
    "glasses": _p("glasses"),
    "halal": _p("food-halal"),
    "hand_sanitizer": _p("spray-bottle"),
    "hand_wash": _p("hand-wash"),
    "health": _p("heart-pulse", "health"),
    "hearing_aid": _p("ear-hearing"),
    "heavy_rain": _p("weather-pouring", "warning"),
    "help": _p("hand-front-left"),
    "high_ground": _p("hiking", "safe", directional=True),
    "hospital": _p("hospital-building", "health"),
    "hot": _p("sun-thermometer"),
    "hot_water": _p("kettle-steam"),
    "house": _p("home"),
    "house_damaged": _p("home-remove", "warning"),
    "hungry": _p("emoticon-frown-outline"),
    "information": _p("information"),
    "ingredients": _p("magnify-scan"),
    "injury": _p("bandage", "health"),
    "interpreter": _p("account-voice translate"),
    "itching": _p("hand-back-left", "health"),
    "landslide": _p("image-filter-hdr", "warning"),
    "language": _p("translate"),
    "laundry": _p("washing-machine"),
    "lights_out": _p("lightbulb-off"),
    "lonely": _p("account-outline"),
    "lost_found": _p("umbrella bag-personal"),
    "mask": _p("face-mask"),
    "medicine": _p("pill", "health"),
    "milk": _p("cup", "warning"),
    "money": _p("cash"),
    "nausea": _p("emoticon-sick", "health"),
    "no": _s("batsu", "prohibit"),
    "no_alcohol": _p("glass-cocktail-off", "prohibit"),
    "no_beef": _p("cow-off", "prohibit"),
    "no_electricity": _p("power-plug-off", "warning"),
    "no_elevator": _p("elevator-passenger-off", "prohibit"),
    "no_entry": _s("no_entry", "prohibit"),
    "no_fire": _p("fire", "prohibit", crossed=True),
    "no_flush": _p("toilet", "prohibit", crossed=True),
    "no_pets": _p("paw", "prohibit", crossed=True),
    "no_photos": _p("camera", "prohibit", crossed=True),
    "no_pork": _p("pig", "prohibit", crossed=True),
    "no_smoking": _p("smoking", "prohibit", crossed=True),
    "no_water": _p("water-off", "warning"),
    "noise": _p("ear-hearing"),
    "not_drinkable": _p("cup-water", "prohibit", crossed=True),
    "nurse": _p("account-heart", "health"),
    "nursing_room": _p("mother-nurse"),
    "pain": _p("account-injury-outline", "health"),
    "passage_clear": _p("arrow-left-right-bold"),
    "passport": _p("passport"),
    "peanut": _p("peanut", "warning"),
    "pets": _p("dog cat"),
    "phone": _p("phone"),
    "phone_charge": _p("cellphone-charging"),
    "point": _p("hand-pointing-right", directional=True),
    "police": _p("police-badge"),
    "pork": _p("pig", "warning"),
    "prayer": _p("hands-pray"),
    "prayer_room": _p("mosque"),
    "pregnant": _p("human-pregnant"),
    "protect_head": _p("table-furniture", "safe"),
    "queue": _p("human-queue", directional=True),
    "quiet": _p("volume-off"),
    "rash": _p("hand-back-left", "health"),
    "reception": _p("account-tie"),
    "residence_card": _p("card-account-details"),
    "rubbish": _p("trash-can-outline recycle"),
    "sad": _p("emoticon-cry-outline"),
    "sanitary_pad": _p("human-female"),
    "scared": _p("emoticon-dead-outline"),
    "school": _p("school"),
    "sesame": _p("seed", "warning"),
    "shelter": _p("home-group"),
    "shoes_off": _p("shoe-sneaker"),
    "shower": _p("shower"),
    "shrimp": _p("fish", "warning"),
    "sleep": _p("bed"),
    "smoking_area": _p("smoking"),
    "soy": _p("sprout", "warning"),
    "suitcase": _p("bag-suitcase"),
    "supplies": _p("package-variant-closed"),
    "thirsty": _p("cup-outline"),
    "tired": _p("emoticon-neutral-outline"),
    "toilet": _p("toilet"),
    "toilet_accessible": _p("human-wheelchair toilet"),
    "toilet_men": _p("human-male"),
    "toilet_paper_bin": _p("paper-roll-outline delete-outline", directional=True),
    "toilet_women": _p("human-female", "women"),
    "toothbrush": _p("toothbrush-paste"),
    "towel": _p("rug"),
    "tsunami": _p("tsunami", "warning"),
    "typhoon": _p("weather-hurricane", "warning"),
    "underwear": _p("tshirt-crew-outline"),
    "unwell": _p("emoticon-sick-outline", "health"),
    "valuables": _p("wallet"),
    "vegan": _p("sprout"),
    "vegetarian": _p("leaf"),
    "vomiting": _p("emoticon-sick", "health"),
    "walnut": _p("seed-outline", "warning"),
    "water": _p("cup-water"),
    "water_container": _p("water-pump"),
    "wheat": _p("barley", "warning"),
    "wheelchair": _p("wheelchair"),
    "wifi": _p("wifi"),
    "women_only": _p("human-female-female", "women"),
    "work": _p("briefcase"),
    "worried": _p("emoticon-confused-outline"),
    "write": _p("pencil"),
    "yes": _s("maru", "safe"),
}


# --- the icon font ------------------------------------------------------------------------------

_MDI_FILE = "materialdesignicons6-webfont-6.9.96.ttf"
_MDI_CHARMAP = "materialdesignicons6-webfont-charmap-6.9.96.json"
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _icon_font_dir() -> Path | None:
    spec = importlib.util.find_spec("qtawesome")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0]) / "fonts"
    return folder if (folder / _MDI_FILE).is_file() else None


def icon_font_path() -> Path | None:
    """The Material Design Icons TrueType file (the GUI draws its icons with it too)."""
    folder = _icon_font_dir()
    return folder / _MDI_FILE if folder is not None else None


@lru_cache(maxsize=1)
def icon_charmap() -> dict[str, int]:
    folder = _icon_font_dir()
    if folder is None:
        return {}
    data = json.loads((folder / _MDI_CHARMAP).read_text(encoding="utf-8"))
    return {name: int(code, 16) for name, code in data.items()}


_ICON_FONT: dict[str, Any] = {}


def _icon_font() -> tuple[str, Any] | None:
    """(reportlab font name, HarfBuzz font) of the icon font, registered once."""
    folder = _icon_font_dir()
    if folder is None:
        return None
    with _LOCK:
        if not _ICON_FONT:
            import uharfbuzz as hb
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            path = folder / _MDI_FILE
            pdfmetrics.registerFont(TTFont("dc-mdi", str(path)))
            face = hb.Face(hb.Blob.from_file_path(str(path)))
            _ICON_FONT.update(name="dc-mdi", hb=hb.Font(face), upem=face.upem)
        return _ICON_FONT["name"], _ICON_FONT


def has_drawing(pid: str) -> bool:
    """Whether `pid` has a real drawing (not the placeholder tile)."""
    picto = PICTOGRAMS.get(pid)
    if picto is None:
        return False
    if picto.special:
        return True
    charmap = icon_charmap()
    return all(name in charmap for name in picto.icons)


# --- drawing ------------------------------------------------------------------------------------

def draw_pictogram(canvas: Any, pid: str | None, x: float, y: float, size: float,
                   style: str = "tile", mirrored: bool | None = None) -> None:
    """Draw pictogram `pid` in the square (x, y, size) (lower-left corner, points).

    style "tile": dark icon on a light rounded tile (boards). "sign": white icon on a solid
    square of the tone colour, or black on white in a red ring for prohibitions (signs).
    `mirrored`: draw the mirror image; by default a directional pictogram is mirrored on a
    right-to-left page (signs pass False: their direction is the one on the wall)."""
    picto = PICTOGRAMS.get(pid or "")
    if mirrored is None:
        mirrored = mirror.axis(canvas) is not None and picto is not None and picto.directional
    mirror.record_box(canvas, "pictogram", pid or "", x, y, size, size, mirrored=mirrored)
    with mirror.upright(canvas, x, size):
        # Drawn once per document as a form, then placed: boards repeat pictograms a lot.
        forms = canvas.__dict__.setdefault("_dc_forms", {})
        key = ("pictogram", pid, round(size, 2), style, mirrored)
        name = forms.get(key)
        if name is None:
            name = f"dcf{len(forms)}"
            with mirror.suspended(canvas):
                canvas.beginForm(name, 0, 0, size, size)
                _draw(canvas, pid, 0, 0, size, style, mirrored)
                canvas.endForm()
            forms[key] = name
        canvas.addLiteral(f"q 1 0 0 1 {x:.3f} {y:.3f} cm")
        canvas.doForm(name)
        canvas.addLiteral("Q")


def draw_icon(canvas: Any, name: str, cx: float, cy: float, size: float, ink: str = INK) -> None:
    """One glyph of the icon font centred on (cx, cy), the right way round on any page."""
    with mirror.upright(canvas, cx - size / 2, size):
        _icons(canvas, (name,), cx, cy, size, ink)


def _draw(canvas: Any, pid: str | None, x: float, y: float, size: float, style: str,
          mirrored: bool = False) -> None:
    picto = PICTOGRAMS.get(pid or "")
    canvas.saveState()
    if picto is None or not has_drawing(pid or ""):
        _placeholder(canvas, pid or "?", x, y, size)
        canvas.restoreState()
        return
    main, tint = TONES[picto.tone]
    prohibition = picto.crossed or picto.special in ("no_entry",)
    if style == "sign" and not prohibition and picto.special not in ("maru", "batsu"):
        background, ink = main, "#ffffff"
    elif style == "sign":
        background, ink = "#ffffff", INK
    else:
        background, ink = tint, (INK if picto.tone in ("warning", "prohibit") else main)
    radius = size * 0.12
    canvas.setFillColor(_hex(background))
    if style == "sign" and background == "#ffffff":
        canvas.setStrokeColor(_hex(main))
        canvas.setLineWidth(size * 0.015)
        canvas.roundRect(x, y, size, size, radius, stroke=1, fill=1)
    else:
        canvas.roundRect(x, y, size, size, radius, stroke=0, fill=1)
    if picto.special:
        _special(canvas, picto.special, x, y, size, main, ink)
    else:
        inner = size * (0.56 if picto.crossed else 0.74)
        icons = picto.icons[::-1] if mirrored else picto.icons
        _icons(canvas, icons, x + size / 2, y + size / 2, inner, ink, mirrored)
        if picto.crossed:
            _prohibition(canvas, x + size / 2, y + size / 2, size * 0.42, TONES["prohibit"][0])
    canvas.restoreState()


@lru_cache(maxsize=256)
def _hex(value: str) -> Any:
    from reportlab.lib.colors import HexColor

    return HexColor(value)


def _icons(canvas: Any, names: tuple[str, ...], cx: float, cy: float, size: float, ink: str,
           mirrored: bool = False) -> None:
    """Glyphs of the icon font side by side, centred on (cx, cy); each glyph mirrored in its
    own square when `mirrored` (the order of `names` is the caller's)."""
    font = _icon_font()
    if font is None:
        return
    name, info = font
    charmap = icon_charmap()
    count = len(names)
    glyph_size = size if count == 1 else size * 0.62
    gap = glyph_size * 0.02
    total = count * glyph_size + (count - 1) * gap
    left = cx - total / 2
    canvas.setFillColor(_hex(ink))
    canvas.setFont(name, glyph_size)
    for i, icon in enumerate(names):
        code = charmap[icon]
        gx = left + i * (glyph_size + gap)
        hb_font, upem = info["hb"], info["upem"]
        gid = hb_font.get_nominal_glyph(code)
        ext = hb_font.get_glyph_extents(gid) if gid else None
        scale = glyph_size / upem
        if ext is not None and ext.width:
            ink_cx = (ext.x_bearing + ext.width / 2) * scale
            ink_cy = (ext.y_bearing + ext.height / 2) * scale
        else:
            ink_cx, ink_cy = glyph_size / 2, glyph_size / 2
        if mirrored:
            canvas.saveState()
            canvas.transform(-1, 0, 0, 1, 2 * (gx + glyph_size / 2), 0)
        canvas.drawString(gx + glyph_size / 2 - ink_cx, cy - ink_cy, chr(code))
        if mirrored:
            canvas.restoreState()


def _prohibition(canvas: Any, cx: float, cy: float, radius: float, red: str) -> None:
    canvas.setStrokeColor(_hex(red))
    canvas.setLineWidth(radius * 0.16)
    canvas.circle(cx, cy, radius, stroke=1, fill=0)
    d = radius * 0.7071
    canvas.line(cx - d, cy + d, cx + d, cy - d)


def _placeholder(canvas: Any, pid: str, x: float, y: float, size: float) -> None:
    """A grey tile with the id written on it: clearly a stand-in, never mistaken for a sign."""
    canvas.setFillColor(_hex("#eeeeee"))
    canvas.setStrokeColor(_hex("#888888"))
    canvas.setLineWidth(size * 0.02)
    canvas.setDash(size * 0.06, size * 0.04)
    canvas.roundRect(x, y, size, size, size * 0.12, stroke=1, fill=1)
    canvas.setDash()
    canvas.setFillColor(_hex("#555555"))
    canvas.setFont("Helvetica", max(4.0, size * 0.11))
    label = pid.replace("_", " ")
    canvas.drawCentredString(x + size / 2, y + size / 2 - size * 0.04, label[:18])


def _special(canvas: Any, special: str, x: float, y: float, size: float, main: str, ink: str) -> None:
    cx, cy = x + size / 2, y + size / 2
    if special == "maru":
        canvas.setStrokeColor(_hex(main))
        canvas.setLineWidth(size * 0.11)
        canvas.circle(cx, cy, size * 0.31, stroke=1, fill=0)
    elif special == "batsu":
        canvas.setStrokeColor(_hex(main))
        canvas.setLineWidth(size * 0.11)
        canvas.setLineCap(1)
        d = size * 0.27
        canvas.line(cx - d, cy - d, cx + d, cy + d)
        canvas.line(cx - d, cy + d, cx + d, cy - d)
    elif special == "no_entry":
        canvas.setFillColor(_hex(main))
        canvas.circle(cx, cy, size * 0.38, stroke=0, fill=1)
        canvas.setFillColor(_hex("#ffffff"))
        canvas.rect(cx - size * 0.26, cy - size * 0.065, size * 0.52, size * 0.13, stroke=0, fill=1)
    elif special == "first_aid":
        canvas.setFillColor(_hex(main))
        canvas.roundRect(x + size * 0.14, y + size * 0.14, size * 0.72, size * 0.72, size * 0.06,
                         stroke=0, fill=1)
        canvas.setFillColor(_hex("#ffffff"))
        arm, half = size * 0.13, size * 0.25
        canvas.rect(cx - arm, cy - half, 2 * arm, 2 * half, stroke=0, fill=1)
        canvas.rect(cx - half, cy - arm, 2 * half, 2 * arm, stroke=0, fill=1)
    elif special.startswith("body:"):
        part = special.split(":", 1)[1]
        view = "back" if part == "back" else "front"
        draw_body(canvas, x + size * 0.1, y + size * 0.06, size * 0.8, size * 0.88, view,
                  highlight={part}, ink=ink, accent=TONES["prohibit"][0])
    elif special.startswith("face:"):
        draw_face(canvas, cx, cy, size * 0.36, special.split(":", 1)[1], ink=ink,
                  accent=TONES["prohibit"][0])


# --- body and face outlines (health board) ------------------------------------------------------

#: Body parts in a unit box (0..1 wide, 0..1 tall, y up) of a standing figure, front view.
#: Each part is a list of shapes: ("ellipse", cx, cy, rx, ry) or ("rect", x, y, w, h, r).
BODY_PARTS: dict[str, list[tuple]] = {
    "head": [("ellipse", 0.5, 0.9, 0.085, 0.085)],
    "neck": [("rect", 0.465, 0.78, 0.07, 0.05, 0.01)],
    "chest": [("rect", 0.36, 0.62, 0.28, 0.17, 0.05)],
    "stomach": [("rect", 0.37, 0.47, 0.26, 0.16, 0.04)],
    "back": [("rect", 0.36, 0.47, 0.28, 0.32, 0.05)],
    "arm": [("rect", 0.25, 0.46, 0.09, 0.33, 0.04), ("rect", 0.66, 0.46, 0.09, 0.33, 0.04)],
    "hand": [("ellipse", 0.295, 0.42, 0.045, 0.045), ("ellipse", 0.705, 0.42, 0.045, 0.045)],
    "leg": [("rect", 0.38, 0.08, 0.1, 0.38, 0.04), ("rect", 0.52, 0.08, 0.1, 0.38, 0.04)],
    "foot": [("ellipse", 0.42, 0.05, 0.06, 0.03), ("ellipse", 0.58, 0.05, 0.06, 0.03)],
    "skin": [("ellipse", 0.7, 0.6, 0.03, 0.05)],
}
_BODY_ORDER = ("leg", "foot", "arm", "hand", "stomach", "chest", "back", "neck", "head")


def _shape(canvas: Any, shape: tuple, x: float, y: float, w: float, h: float, fill: bool) -> None:
    if shape[0] == "ellipse":
        _, cx, cy, rx, ry = shape
        canvas.ellipse(x + (cx - rx) * w, y + (cy - ry) * h, x + (cx + rx) * w, y + (cy + ry) * h,
                       stroke=1, fill=1 if fill else 0)
    else:
        _, rx, ry, rw, rh, r = shape
        canvas.roundRect(x + rx * w, y + ry * h, rw * w, rh * h, r * min(w, h),
                         stroke=1, fill=1 if fill else 0)


def draw_body(canvas: Any, x: float, y: float, width: float, height: float, view: str = "front",
              highlight: set[str] | frozenset[str] = frozenset(), ink: str = INK,
              accent: str = "#c62828", labels: dict[str, str] | None = None) -> dict[str, tuple[float, float]]:
    """A standing figure in the box, front or back view, with `highlight` parts filled in
    `accent`. Returns the centre of each part (points), for leader lines and labels.

    Never mirrored: the figure's left and right are the patient's (front view: their right
    on the viewer's left), on a right-to-left page too."""
    mirror.record_box(canvas, "body", view, x, y, width, height)
    with mirror.upright(canvas, x, width):
        return _body(canvas, x, y, width, height, view, highlight, ink, accent)


def body_square(x: float, y: float, width: float, height: float) -> tuple[float, float, float]:
    """(x, y, side) of the unit square `BODY_PARTS` are drawn in, for a figure in the box."""
    side = min(width / 0.6, height)  # the figure spans 0.5 of its unit box in width
    return x + (width - side) / 2, y + (height - side) / 2, side


def _body(canvas: Any, x: float, y: float, width: float, height: float, view: str,
          highlight: set[str] | frozenset[str], ink: str, accent: str) -> dict[str, tuple[float, float]]:
    bx, by, side = body_square(x, y, width, height)
    canvas.saveState()
    canvas.setLineWidth(max(0.5, side * 0.012))
    canvas.setLineJoin(1)
    centres: dict[str, tuple[float, float]] = {}
    for part in _BODY_ORDER:
        if view == "front" and part == "back":
            continue
        if view == "back" and part in ("chest", "stomach"):
            continue
        hot = part in highlight
        canvas.setStrokeColor(_hex(ink))
        canvas.setFillColor(_hex(accent if hot else "#ffffff"))
        for shape in BODY_PARTS[part]:
            _shape(canvas, shape, bx, by, side, side, True)
        first = BODY_PARTS[part][0]
        if first[0] == "ellipse":
            centres[part] = (bx + first[1] * side, by + first[2] * side)
        else:
            centres[part] = (bx + (first[1] + first[3] / 2) * side, by + (first[2] + first[4] / 2) * side)
    if "skin" in highlight:
        canvas.setFillColor(_hex(accent))
        for shape in BODY_PARTS["skin"]:
            _shape(canvas, shape, bx, by, side, side, True)
    if view == "back":  # a spine line tells the back view from the front at a glance
        canvas.setStrokeColor(_hex(ink))
        canvas.line(bx + 0.5 * side, by + 0.5 * side, bx + 0.5 * side, by + 0.77 * side)
    else:  # eyes on the front view
        canvas.setFillColor(_hex(ink))
        for ex in (0.47, 0.53):
            canvas.circle(bx + ex * side, by + 0.91 * side, side * 0.008, stroke=0, fill=1)
    canvas.restoreState()
    return centres


def draw_face(canvas: Any, cx: float, cy: float, radius: float, highlight: str = "",
              ink: str = INK, accent: str = "#c62828") -> None:
    """A face seen from the front with one part (eye, ear, nose, mouth, throat) highlighted."""
    canvas.saveState()
    canvas.setLineWidth(max(0.5, radius * 0.06))
    canvas.setStrokeColor(_hex(ink))

    def fill(part: str) -> Any:
        return _hex(accent if part == highlight else "#ffffff")

    # neck and throat
    canvas.setFillColor(fill("throat"))
    canvas.rect(cx - radius * 0.32, cy - radius * 1.35, radius * 0.64, radius * 0.5, stroke=1, fill=1)
    # ears
    canvas.setFillColor(fill("ear"))
    for side in (-1, 1):
        canvas.ellipse(cx + side * radius * 0.92 - radius * 0.16, cy - radius * 0.25,
                       cx + side * radius * 0.92 + radius * 0.16, cy + radius * 0.25, stroke=1, fill=1)
    canvas.setFillColor(_hex("#ffffff"))
    canvas.ellipse(cx - radius * 0.85, cy - radius, cx + radius * 0.85, cy + radius, stroke=1, fill=1)
    # eyes
    canvas.setFillColor(fill("eye"))
    for side in (-1, 1):
        canvas.ellipse(cx + side * radius * 0.35 - radius * 0.17, cy + radius * 0.2,
                       cx + side * radius * 0.35 + radius * 0.17, cy + radius * 0.38, stroke=1, fill=1)
    # nose
    canvas.setFillColor(fill("nose"))
    path = canvas.beginPath()
    path.moveTo(cx, cy + radius * 0.15)
    path.lineTo(cx - radius * 0.14, cy - radius * 0.22)
    path.lineTo(cx + radius * 0.14, cy - radius * 0.22)
    path.close()
    canvas.drawPath(path, stroke=1, fill=1)
    # mouth
    canvas.setFillColor(fill("mouth"))
    canvas.ellipse(cx - radius * 0.3, cy - radius * 0.6, cx + radius * 0.3, cy - radius * 0.4,
                   stroke=1, fill=1)
    canvas.restoreState()
