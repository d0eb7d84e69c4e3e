"""Recording what an evacuee pointed at on a printed board.

Every board item carries its phrase key (printed small under it). A coordinator picks the
item in the app and it is added to the person: as a need when the phrase plainly states one of
the need tags (`core.vocab.NEED_TAGS`: "I eat only halal food" is `diet_halal`), else as a
line of the person's notes with the phrase in Japanese and the time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from disastercenter.content.phrasebook import Phrasebook, load_phrasebook
from disastercenter.core.errors import UserError
from disastercenter.core.people import Need
from disastercenter.core.vocab import ALLERGENS
from disastercenter.services.registry import Registry

JAPAN = ZoneInfo("Asia/Tokyo")

#: The boards evacuees point at (the staff board is what staff point at).
PERSON_BOARDS: tuple[str, ...] = ("evacuee", "health")

#: Phrase key -> (need tag, keep the phrase as the need's detail). Only phrases that say the
#: need outright; "I am cold" or "I need an interpreter" go to the notes.
NEED_OF_PHRASE: dict[str, tuple[str, bool]] = {
    "need.medicine": ("medication", True),
    "health.take_this_medicine": ("medication", True),
    "health.out_of_medicine": ("medication", True),
    "health.medicine_notebook": ("medication", True),
    "need.doctor": ("medical", True),
    "health.unwell": ("medical", True),
    "need.contact_family": ("family_contact", True),
    "need.looking_for_family": ("family_contact", True),
    "need.contact_embassy": ("embassy_contact", False),
    "need.lost_documents": ("lost_documents", True),
    "need.lost_residence_card": ("lost_documents", True),
    "need.lost_passport": ("lost_documents", True),
    "need.wheelchair": ("mobility", True),
    "need.hearing_aid": ("disability", True),
    "need.hearing_aid_battery": ("disability", True),
    "need.baby_supplies": ("infant", True),
    "need.diapers": ("infant", True),
    "need.formula_milk": ("infant", True),
    "need.baby_food": ("infant", True),
    "diet.halal": ("diet_halal", False),
    "diet.vegetarian": ("diet_vegetarian", False),
    "diet.vegan": ("diet_vegan", False),
    "diet.no_pork": ("diet_no_pork", False),
    "diet.no_beef": ("diet_no_beef", False),
    "diet.no_alcohol": ("diet_no_alcohol", False),
    "diet.have_allergies": ("allergy", False),
    "religion.where_to_pray": ("prayer_space", False),
    "religion.when_to_pray": ("prayer_space", False),
    "religion.quiet_place": ("prayer_space", False),
    "religion.wash_before_prayer": ("prayer_space", False),
    "health.pregnant": ("pregnancy", False),
}
#: Key prefixes whose every phrase states a need: chronic illnesses and symptoms are medical.
NEED_OF_PREFIX: dict[str, tuple[str, bool]] = {
    "health.chronic.": ("medical", True),
    "health.symptom.": ("medical", True),
}


@dataclass(frozen=True)
class BoardItem:
    key: str
    board: str
    text_ja: str
    text_en: str
    #: The need tag the item adds, or None when it goes to the notes.
    need: str | None
    #: The allergen of an `allergy.<allergen>` item.
    allergen: str | None = None



def need_of(key: str) -> tuple[str | None, str | None, bool]:
    """(need tag, allergen, keep the phrase as detail) for a board phrase key."""
    if key in NEED_OF_PHRASE:
        tag, detail = NEED_OF_PHRASE[key]
        return tag, None, detail
    if key.startswith("allergy."):
        allergen = key.removeprefix("allergy.")
        if allergen in ALLERGENS:
            return "allergy", allergen, False
    for prefix, (tag, detail) in NEED_OF_PREFIX.items():
        if key.startswith(prefix):
            return tag, None, detail
    return None, None, False


def board_item_choices(book: Phrasebook | None = None) -> list[BoardItem]:
    """The items of the boards evacuees point at, in printed order, each once."""
    from disastercenter.printing.boards import board_items

    book = book or load_phrasebook(languages=frozenset())  # ja and en are in the catalogue
    items: dict[str, BoardItem] = {}
    for kind in PERSON_BOARDS:
        for key in board_items(kind, book):
            if key not in items:
                need, allergen, _detail = need_of(key)
                items[key] = BoardItem(key, kind, book.text(key, "ja"), book.text(key, "en"),
                                       need, allergen)
    return list(items.values())


@dataclass(frozen=True)
class Recorded:
    """What pointing at an item changed: a need (`tag`) or a line of the notes."""

    key: str
    tag: str | None
    note: str
    #: False when the person already had exactly this (nothing was saved).
    changed: bool


def record_pointed_item(registry: Registry, person_id: str, key: str,
                        now: dt.datetime | None = None) -> Recorded:
    """Add what the person pointed at (board item `key`) to them, in one transaction."""
    book = load_phrasebook(languages=frozenset())
    if key not in book.phrases or key not in {item.key for item in board_item_choices(book)}:
        raise UserError("board.unknown_item", item=key)
    person = registry.get_person(person_id)
    data = person.data
    text_ja = book.text(key, "ja")
    tag, allergen, keep_detail = need_of(key)
    if tag is None:
        moment = (now or dt.datetime.now(dt.UTC)).astimezone(JAPAN)
        line = f"指差し {moment:%m/%d %H:%M}: {text_ja}"
        notes = f"{data.notes.rstrip()}\n{line}" if data.notes.strip() else line
        registry.update_person(person_id, replace(data, notes=notes))
        return Recorded(key, None, line, True)
    needs = [replace(n, items=list(n.items)) for n in data.needs]
    need = next((n for n in needs if n.tag == tag), None)
    before = (need.detail, sorted(need.items)) if need is not None else None
    if need is None:
        need = Need(tag)
        needs.append(need)
    if allergen and allergen not in need.items:
        need.items.append(allergen)
    if keep_detail and text_ja not in need.detail:
        need.detail = f"{need.detail} {text_ja}".strip()
    embassy = "yes" if tag == "embassy_contact" else data.embassy_contact
    changed = before != (need.detail, sorted(need.items)) or embassy != data.embassy_contact
    if changed:
        registry.update_person(person_id, replace(data, needs=needs, embassy_contact=embassy))
    return Recorded(key, tag, "", changed)
