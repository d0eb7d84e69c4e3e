"""What the QR codes we print hold, and reading back what a scanner (or a person) typed.

Payloads (version 1, `DC1`):

    person card   DC1/P/<person id: 32 hex digits>/<check>     DC1/P/0192F4E3A1B27C3D8E9F001122334455/5
    dispatch card DC1/A/<assignment id: 32 hex digits>/<check>
    paper form    DC1/F/<form id>/<version>/<language>[/<page>] DC1/F/registration/1/vi/2

`<check>` is a check character (0-9, A-G, see `hex_check`) of the 32 hex digits: it catches
every single wrong digit and every swap of two neighbours.

Why this alphabet: a USB barcode scanner "types" what it reads as key presses of a US
keyboard. On a Japanese (JIS) keyboard layout some US symbol keys give other characters
(`:` arrives as `+`, `=` as `^`…), and Caps Lock swaps letter case. Digits, letters, `/` and
`-` sit on the same keys in both layouts, so the payload uses only those, and reading accepts
any letter case, full-width forms (an input method in 全角 mode) and the US-layout look-alikes
of the separator.

The printed card code (`core.ids.card_code`, `ABCD-EFGH-J`) is accepted as well: people type
it from the card when there is no scanner.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass

from disastercenter.core.ids import normalise_card_code
from disastercenter.core.languages import LANGUAGE_CODES

PAYLOAD_VERSION = "DC1"
_CHECK = "0123456789ABCDEFG"
#: Separators read as "/": the slash itself and what other layouts or a typist may give.
_SEP = r"[/:\-+|\\]"
_RECORD = re.compile(rf"^DC1{_SEP}([PA]){_SEP}([0-9A-F]{{32}}|[0-9A-F\-]{{36}}){_SEP}([0-9A-G])$")
_FORM = re.compile(rf"^DC1{_SEP}F{_SEP}([A-Z0-9_]+){_SEP}([0-9]{{1,4}}){_SEP}([A-Z\-]+)"
                   rf"(?:{_SEP}([0-9]{{1,3}}))?$")
_LANGUAGES_UPPER = {code.upper(): code for code in LANGUAGE_CODES}


def hex_check(digits: str) -> str:
    """The check character (0-9, A-G) of hexadecimal `digits`: an ISO 7064 style pure system
    modulo 17 with radix 3 (a primitive root of 17), so every weight differs from its
    neighbours': it catches every single wrong digit and every swap of two neighbours."""
    total = 0
    for ch in digits:
        total = (total + int(ch, 16)) * 3 % 17
    return _CHECK[-total % 17]


def person_payload(person_id: str) -> str:
    """The QR payload of a person's registration card."""
    return _record_payload("P", person_id)


def assignment_payload(assignment_id: str) -> str:
    """The QR payload of an interpreter's dispatch card."""
    return _record_payload("A", assignment_id)


def _record_payload(kind: str, record_id: str) -> str:
    digits = uuid.UUID(record_id).hex.upper()
    return f"{PAYLOAD_VERSION}/{kind}/{digits}/{hex_check(digits)}"


def form_payload(form_id: str, version: int, lang: str, page: int | None = None) -> str:
    """The QR payload of a printed paper form: which form, which version, which language, and
    which page (so a loose sheet finds its place)."""
    tail = f"/{page}" if page is not None else ""
    return f"{PAYLOAD_VERSION}/F/{form_id}/{version}/{lang}{tail}"


@dataclass(frozen=True)
class Scan:
    """A code read from a scan or typed text.

    kind: "person" (card QR: `person_id` set), "assignment" (dispatch card: `assignment_id`),
    "card_code" (printed code: `card_code` set), "form" (paper form QR: `form_id`,
    `form_version`, `lang` set; `page` when there is one)."""

    kind: str
    person_id: str | None = None
    assignment_id: str | None = None
    card_code: str | None = None
    form_id: str | None = None
    form_version: int | None = None
    lang: str | None = None
    page: int | None = None


def _clean(text: str) -> str:
    # NFKC folds full-width letters and digits (ＤＣ１) to ASCII; scanners may add spaces or a tab.
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def read_scan(text: str) -> Scan | None:
    """What `text` names, or None when it is no code of ours or its check character is wrong."""
    cleaned = _clean(text)
    match = _RECORD.match(cleaned)
    if match:
        digits = match.group(2).replace("-", "")
        if len(digits) != 32 or hex_check(digits) != match.group(3):
            return None
        record_id = str(uuid.UUID(hex=digits))
        if match.group(1) == "A":
            return Scan("assignment", assignment_id=record_id)
        return Scan("person", person_id=record_id)
    match = _FORM.match(cleaned)
    if match:
        lang = _LANGUAGES_UPPER.get(match.group(3))
        if lang is None:
            return None
        page = int(match.group(4)) if match.group(4) else None
        return Scan("form", form_id=match.group(1).lower(), form_version=int(match.group(2)),
                    lang=lang, page=page)
    code = normalise_card_code(cleaned)
    if code is not None:
        return Scan("card_code", card_code=code)
    return None


def looks_like_our_code(text: str) -> bool:
    """Whether `text` was meant as one of our codes (starts like a payload, or has the shape of
    a card code), even if it does not read: worth a "damaged or mistyped code" message."""
    cleaned = _clean(text)
    if cleaned.startswith(PAYLOAD_VERSION[:2]):
        return True
    return bool(re.fullmatch(r"[0-9A-Z]{4}-?[0-9A-Z]{4}-?[0-9A-Z*~$=]", cleaned))
