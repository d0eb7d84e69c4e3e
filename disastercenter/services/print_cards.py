"""Print centre use-cases for staff printables: registration cards, the paper registration
form, the shelter roster. Each builds the PDF in memory and writes it atomically.

Fonts are checked before anything is drawn: a language that cannot be printed completely is
refused with a message naming it (see `printing.fonts.FontResolver.require`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from disastercenter.core.errors import UserError
from disastercenter.core.ids import card_code
from disastercenter.core.languages import LANGUAGES
from disastercenter.core.scan_codes import person_payload
from disastercenter.printing.cards import CARD_PAGE, CardData, draw_cards
from disastercenter.printing.dispatch import DispatchAssignment
from disastercenter.printing.document import PdfDocument
from disastercenter.printing.fonts import default_resolver
from disastercenter.services.printing import (
    Cancelled,
    PrintResult,
    Progress,
    page_size,
    save_pdf,
)
from disastercenter.services.registry import PersonFilter, PersonRow, Registry

_PAGE_ROWS = 500
JAPAN = ZoneInfo("Asia/Tokyo")


def _pagesize(paper: str, orientation: str = "portrait") -> tuple[float, float]:
    return page_size(paper, orientation, error="print.paper_size")  # its message names "card"


def shelter_persons(registry: Registry, shelter_id: str) -> list[PersonRow]:
    """Every person of a shelter, in the evacuee list's order (passport name)."""
    registry.get_shelter(shelter_id)  # an unknown shelter fails here, with its id
    rows: list[PersonRow] = []
    while True:
        page = registry.list_persons(PersonFilter(shelter_id=shelter_id), offset=len(rows),
                                     limit=_PAGE_ROWS)
        rows.extend(page)
        if len(page) < _PAGE_ROWS:
            return rows


# --- registration cards --------------------------------------------------------------------------

def card_for(row: PersonRow) -> CardData:
    return CardData(
        card_code=card_code(row.id), name_latin=row.name_latin, name_native=row.name_native,
        name_kana=row.name_kana, languages=tuple(code for code, _level in row.languages),
        shelter=row.shelter_name, person_id=row.id, qr_payload=person_payload(row.id),
    )


def card_data(registry: Registry, person_ids: Sequence[str] = (),
              shelter_id: str | None = None) -> tuple[list[CardData], str]:
    """What the cards of `person_ids` (or of every person of `shelter_id`) show, and the
    sheet title. Reading is apart from drawing, so a window reads the database on its own
    thread and draws in the background."""
    if shelter_id is not None:
        rows = shelter_persons(registry, shelter_id)
        if not rows:
            raise UserError("print.no_persons", shelter=registry.get_shelter(shelter_id).name_ja)
        title = rows[0].shelter_name
    else:
        rows = [_person_row(registry, person_id) for person_id in person_ids]
        if not rows:
            raise UserError("print.no_persons", shelter="-")
        title = rows[0].shelter_name if len({r.shelter_id for r in rows}) == 1 else ""
    return [card_for(row) for row in rows], title


def print_card_sheet(cards: Sequence[CardData], out: Path, title: str = "", paper: str = "A4",
                     fonts_dir: Path | None = None, progress: Progress | None = None,
                     cancelled: Cancelled | None = None) -> PrintResult:
    """Registration cards (see `card_data`): ten a sheet with cut marks on A4 (one person: one
    card at the top of the sheet), or one per page for card printers (`paper="card"`)."""
    if not cards:
        raise UserError("print.no_persons", shelter="-")
    # Cards print names, not phrases: each name is checked as it is set (a name no font can
    # print leaves its card without it, with a warning), not the languages' whole phrasebooks.
    fonts = default_resolver(fonts_dir)
    size = CARD_PAGE if paper.lower() == "card" else _pagesize(paper)
    doc = PdfDocument(size, title=f"Registration cards {title}".strip(), fonts=fonts,
                      progress=progress, cancelled=cancelled)
    draw_cards(doc, list(cards), title)
    return save_pdf(doc, out)


def print_cards(registry: Registry, out: Path, person_ids: Sequence[str] = (),
                shelter_id: str | None = None, paper: str = "A4",
                fonts_dir: Path | None = None, progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> PrintResult:
    """Registration cards of `person_ids`, or of every person of `shelter_id`."""
    cards, title = card_data(registry, person_ids, shelter_id)
    return print_card_sheet(cards, out, title, paper, fonts_dir, progress, cancelled)


def _person_row(registry: Registry, person_id: str) -> PersonRow:
    """The list row of one person (what a card shows), by id."""
    detail = registry.get_person(person_id)  # unknown ids fail here, with the id
    shelter = registry.get_shelter(detail.shelter_id).name_ja if detail.shelter_id else ""
    data = detail.data
    return PersonRow(
        id=detail.id, name_latin=data.name_latin, name_native=data.name_native,
        name_kana=data.name_kana, sex=data.sex, age="", nationality=data.nationality or "",
        languages=list(data.languages), needs=[n.tag for n in data.needs],
        shelter_id=detail.shelter_id, shelter_name=shelter, status=detail.status,
        status_at=detail.status_at, household_id=detail.household_id,
    )


# --- shelter roster ------------------------------------------------------------------------------

#: Statuses of persons who are at the shelter (or will come back to it).
PRESENT_STATUSES = frozenset({"checked_in", "in_hospital", ""})


def print_roster(registry: Registry, out: Path, shelter_id: str, labels: str = "ja",
                 include_left: bool = False, fonts_dir: Path | None = None,
                 now: datetime | None = None, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> PrintResult:
    """The confidential roster of a shelter, grouped by first language and by need.

    Persons who left or were transferred are left out unless `include_left`."""
    from disastercenter.content.phrasebook import load_phrasebook
    from disastercenter.printing.roster import RosterData, RosterPerson, draw_roster

    shelter = registry.get_shelter(shelter_id)
    rows = [row for row in shelter_persons(registry, shelter_id)
            if include_left or row.status in PRESENT_STATUSES]
    persons = []
    for row in rows:
        needs: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
        if row.needs:  # details (allergens, notes) only for those who have needs
            needs = tuple((n.tag, n.detail, tuple(n.items))
                          for n in registry.get_person(row.id).data.needs)
        persons.append(RosterPerson(
            name_latin=row.name_latin, name_native=row.name_native, name_kana=row.name_kana,
            sex=row.sex, age=row.age, nationality=row.nationality,
            languages=tuple((code, level) for code, level in row.languages), needs=needs,
            status=row.status, card_code=card_code(row.id),
        ))
    fonts = default_resolver(fonts_dir)
    moment = (now or datetime.now(timezone.utc)).astimezone(JAPAN)
    note = "" if include_left else "在所者のみ（退所・移動を除く） Present only (left and transferred not shown)"
    data = RosterData(shelter.name_ja, moment.strftime("%Y-%m-%d %H:%M"), persons, labels, note)
    doc = PdfDocument(_pagesize("A4", "landscape"), title=f"Roster {shelter.name_ja}", fonts=fonts,
                      progress=progress, cancelled=cancelled)
    draw_roster(doc, data, load_phrasebook(registry.ws.path, frozenset()))
    return save_pdf(doc, out)


# --- paper registration form ---------------------------------------------------------------------

def print_paper_form(out: Path, lang: str, paper: str = "A4", members: int = 1,
                     form_id: str = "registration", shelter_name: str = "",
                     fonts_dir: Path | None = None, workspace_path: Path | None = None,
                     lang2: str = "ja", progress: Progress | None = None,
                     cancelled: Cancelled | None = None) -> PrintResult:
    """The paper form `form_id` (the workspace's own definition if it has one) in `lang`,
    with `lang2` (Japanese) under every label, room for `members` household members."""
    from disastercenter.content.forms import load_form
    from disastercenter.content.phrasebook import load_phrasebook
    from disastercenter.printing.paper_form import draw_paper_form

    for code in (lang, lang2):
        if code not in LANGUAGES:
            raise UserError("print.unknown_language", lang=code, langs=", ".join(LANGUAGES))
    form = load_form(form_id, workspace_path)
    fonts = default_resolver(fonts_dir)
    fonts.require(dict.fromkeys([lang, lang2]))
    doc = PdfDocument(_pagesize(paper), title=f"{form_id} v{form.version} {lang}", fonts=fonts,
                      progress=progress, cancelled=cancelled)
    book = load_phrasebook(workspace_path, frozenset({lang, lang2}))
    draw_paper_form(doc, lang, lang2, max(1, min(members, 10)), form=form, book=book,
                    shelter_name=shelter_name)
    return save_pdf(doc, out)


# --- interpreter dispatch ------------------------------------------------------------------------

def print_dispatch(out: Path, assignments: Sequence[DispatchAssignment], schedules: bool = False,
                   fonts_dir: Path | None = None, progress: Progress | None = None,
                   cancelled: Cancelled | None = None) -> PrintResult:
    """Dispatch cards (two per A4 sheet) of `assignments`, or with `schedules` a day schedule
    per interpreter. The matching service builds the `DispatchAssignment`s."""
    from disastercenter.printing.dispatch import draw_day_schedules, draw_dispatch_cards

    if not assignments:
        raise UserError("print.no_assignments")
    doc = PdfDocument(_pagesize("A4"), title="Interpreter schedules" if schedules
                      else "Dispatch cards", fonts=default_resolver(fonts_dir),
                      progress=progress, cancelled=cancelled)
    if schedules:
        draw_day_schedules(doc, assignments)
    else:
        draw_dispatch_cards(doc, assignments)
    return save_pdf(doc, out)
