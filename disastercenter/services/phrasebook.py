"""Use-cases for phrases: browsing, a center's own phrases, edits, the translator round trip.

Where each kind of text lives (docs/phrasebooks.md, "Editing in the app"):

- **Shipped phrases** come from the phrasebook files. The app never edits the shipped files (in an
  installed app they sit in the program folder and are replaced by each update). An edit made
  in the app — a corrected translation, a review — goes to the workspace's own phrasebook folder,
  `<workspace dir>/content/phrasebooks/`, whose entries override the shipped ones key by key.
  Translators who maintain the shipped files work in a checkout with
  `content import FILE --dir phrasebooks` instead.
- **User phrases**, written by a center during an operation, are synced records (`user_phrase`
  and `user_phrase_text` in the op-log), so they travel between the center and its shelters.
  Their keys start with `user.`; a phrase's record id derives from its key, so two devices that
  add the same key edit one phrase. They can be exported as a phrasebook folder (catalogue plus
  one file per language) in the shipped format, which `content check` accepts.

Each public method that changes data runs one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from disastercenter.content.check import CheckReport, check_content, text_issues
from disastercenter.content.paths import shipped_dir, workspace_content_dir
from disastercenter.content.phrasebook import (
    CATALOG_FILE,
    CATALOG_LANGUAGES,
    CATEGORIES,
    PICTOGRAMS_FILE,
    PLACEHOLDER,
    PLACEHOLDER_TYPES,
    LanguageEntry,
    Phrase,
    Phrasebook,
    Problem,
    Review,
    load_phrasebook,
    parse_pictograms,
    read_toml,
)
from disastercenter.content.roundtrip import (
    ImportPlan,
    export_rows,
    plan_import,
    read_rows,
    review_of,
    write_export,
)
from disastercenter.content.toml_files import (
    CATALOG_FILE_COMMENT,
    LANGUAGE_FILE_COMMENT,
    new_catalog_file,
    new_language_file,
    write_atomically,
    write_catalog_entries,
    write_language_entries,
)
from disastercenter.core.errors import UserError
from disastercenter.core.languages import LANGUAGES
from disastercenter.core.people import FieldProblem
from disastercenter.services.registry import ValidationError, utc_now, write_transaction
from disastercenter.store.db import Workspace
from disastercenter.store.oplog import child_id

JAPAN = ZoneInfo("Asia/Tokyo")
USER_PREFIX = "user."
USER_KEY = re.compile(r"user(\.[a-z0-9_]+)+")
#: `Phrase.source` of a user phrase.
USER_SOURCE = "workspace"
#: The parent id every user phrase id derives from (with its key).
_USER_PHRASES = "user_phrase"
#: Catalogue languages and the user_phrase column holding each.
_CATALOG_COLUMNS = {"ja": "ja", "ja-x-easy": "ja_easy", "en": "en"}


@dataclass
class UserPhraseInput:
    """What a person writes for a new phrase (or an edit of one)."""

    category: str
    ja: str
    ja_easy: str
    en: str
    key: str = ""  # made from the English text when empty
    note: str = ""
    pictogram: str | None = None
    #: name -> type; None: each placeholder of the texts is named after its type ({time}…)
    placeholders: dict[str, str] | None = None


@dataclass
class UserPhraseExport:
    """What `export_user_phrases` wrote."""

    folder: Path
    phrases: int
    languages: list[str]  # language files written (every phrase translated)
    incomplete: dict[str, int] = field(default_factory=dict)  # language -> phrases untranslated
    check: CheckReport | None = None


def user_phrase_id(key: str) -> str:
    """The record id of the user phrase `key`: the same on every device."""
    return child_id(_USER_PHRASES, "key", key)


def today_in_japan() -> str:
    return dt.datetime.now(JAPAN).date().isoformat()


class PhrasebookService:
    """Phrases of one open workspace: shipped, overridden in the workspace, and its own."""

    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace
        self.conn: sqlite3.Connection = workspace.conn
        self.oplog = workspace.oplog

    def _transaction(self) -> AbstractContextManager[None]:
        return write_transaction(self.ws)

    @property
    def override_dir(self) -> Path:
        """Where edits of shipped phrases made in this workspace are kept."""
        return workspace_content_dir("phrasebooks", self.ws.path)

    # -- reading ----------------------------------------------------------------------------

    def phrasebook(self, languages: frozenset[str] | None = None) -> Phrasebook:
        """Shipped phrases, this workspace's overrides and its own phrases, merged."""
        return load_phrasebook(self.ws.path, languages, additions=self.user_phrases())

    def user_phrases(self) -> list[Phrase]:
        """The phrases this workspace wrote (and received by sync), oldest first."""
        rows = self.conn.execute(
            "SELECT id, key, coalesce(category, ''), pictogram, coalesce(ja, ''), "
            "coalesce(ja_easy, ''), coalesce(en, ''), placeholders, coalesce(note, ''), "
            "coalesce(status, 'unreviewed'), coalesce(reviewer, ''), coalesce(reviewed_on, '') "
            "FROM user_phrase WHERE deleted = 0 AND key IS NOT NULL "
            "ORDER BY coalesce(created_at, ''), key"
        ).fetchall()
        phrases: dict[str, Phrase] = {}
        for (pid, key, category, pictogram, ja, ja_easy, en, placeholders, note,
             status, reviewer, reviewed_on) in rows:
            texts = {lang: text for lang, text in (("ja", ja), ("ja-x-easy", ja_easy), ("en", en)) if text}
            phrases[pid] = Phrase(
                key, category, texts, USER_SOURCE, pictogram or None,
                json.loads(placeholders) if placeholders else {}, note,
                Review(status, reviewer, reviewed_on),
            )
        for pid, language, text, status, reviewer, reviewed_on in self.conn.execute(
            "SELECT phrase_id, language, coalesce(text, ''), coalesce(status, 'unreviewed'), "
            "coalesce(reviewer, ''), coalesce(reviewed_on, '') FROM user_phrase_text "
            "WHERE deleted = 0 AND phrase_id IN (SELECT id FROM user_phrase WHERE deleted = 0)"
        ):
            phrase = phrases.get(pid)
            if phrase is None or language in CATALOG_LANGUAGES:
                continue
            if text:
                phrase.texts[language] = text
            phrase.reviews[language] = Review(status, reviewer, reviewed_on)
        return list(phrases.values())

    @staticmethod
    def is_user_key(key: str) -> bool:
        return key.startswith(USER_PREFIX)

    # -- a center's own phrases ----------------------------------------------------------------

    def add_user_phrase(self, data: UserPhraseInput) -> str:
        """Add a phrase (unreviewed) and return its key."""
        book = self.phrasebook(frozenset())
        key = data.key.strip()
        problems: list[FieldProblem] = []
        if key:
            if not USER_KEY.fullmatch(key):
                problems.append(FieldProblem("key", "phrase.key_format", (("value", key),)))
            elif key in book.phrases:
                problems.append(FieldProblem("key", "phrase.key_taken", (("value", key),)))
        else:
            key = self._new_key(data.en, book)
        phrase, more = self._draft(key, data)
        problems.extend(more)
        if problems:
            raise ValidationError(problems)
        with self._transaction():
            self.oplog.write(
                "user_phrase", user_phrase_id(key),
                {**self._phrase_fields(phrase), "created_at": utc_now(), "_deleted": False},
            )
        return key

    def update_user_phrase(self, key: str, data: UserPhraseInput) -> None:
        """Change a user phrase's category, texts, note…; changed source texts need a new review."""
        current = self._user_phrase(key)
        phrase, problems = self._draft(key, data)
        if problems:
            raise ValidationError(problems)
        if any(phrase.texts.get(lang) != current.texts.get(lang) for lang in CATALOG_LANGUAGES):
            phrase.review = Review()
        else:
            phrase.review = current.review
        old = self._phrase_fields(current)
        changes = {name: value for name, value in self._phrase_fields(phrase).items() if old.get(name) != value}
        if changes:
            with self._transaction():
                self.oplog.write("user_phrase", user_phrase_id(key), changes)

    def delete_user_phrase(self, key: str) -> None:
        """Delete a user phrase and its translations (deletes sync like every change)."""
        current = self._user_phrase(key)
        pid = user_phrase_id(key)
        changes: list[tuple[str, str, dict[str, object]]] = [("user_phrase", pid, {"_deleted": True})]
        for language in current.reviews:
            changes.append(("user_phrase_text", child_id(pid, "text", language), {"_deleted": True}))
        with self._transaction():
            self.oplog.write_many(changes)

    def _user_phrase(self, key: str) -> Phrase:
        for phrase in self.user_phrases():
            if phrase.key == key:
                return phrase
        raise UserError("phrase.not_found", phrase=key)

    def _new_key(self, english: str, book: Phrasebook) -> str:
        words = re.findall(r"[a-z0-9]+", PLACEHOLDER.sub(" ", english).lower())
        base = USER_PREFIX + ("_".join(words)[:40].strip("_") or "phrase")
        key, number = base, 2
        while key in book.phrases or self._key_has_record(key):
            key = f"{base}_{number}"
            number += 1
        return key

    def _key_has_record(self, key: str) -> bool:
        """A deleted phrase keeps its key's record; a new phrase gets a fresh key instead of
        bringing the old translations back."""
        row = self.conn.execute("SELECT 1 FROM user_phrase WHERE id = ?", (user_phrase_id(key),)).fetchone()
        return row is not None

    def _draft(self, key: str, data: UserPhraseInput) -> tuple[Phrase, list[FieldProblem]]:
        problems: list[FieldProblem] = []
        category = data.category.strip()
        if category not in CATEGORIES:
            problems.append(FieldProblem("category", "phrase.category", (("value", category),)))
        pictogram = (data.pictogram or "").strip() or None
        if pictogram is not None and pictogram not in _pictogram_ids():
            problems.append(FieldProblem("pictogram", "phrase.pictogram", (("value", pictogram),)))
        texts = {"ja": data.ja.strip(), "ja-x-easy": data.ja_easy.strip(), "en": data.en.strip()}
        if data.placeholders is None:
            names = dict.fromkeys(n for text in texts.values() for n in PLACEHOLDER.findall(text))
            placeholders = {}
            for name in names:
                if name in PLACEHOLDER_TYPES:
                    placeholders[name] = name
                else:
                    problems.append(FieldProblem("en", "phrase.placeholder_type", (("value", f"{{{name}}}"),)))
        else:
            placeholders = dict(data.placeholders)
            for name, kind in placeholders.items():
                if kind not in PLACEHOLDER_TYPES:
                    problems.append(FieldProblem("en", "phrase.placeholder_type", (("value", kind),)))
        phrase = Phrase(key, category, {k: v for k, v in texts.items() if v}, USER_SOURCE,
                        pictogram, placeholders, data.note.strip())
        for lang, field_name in _CATALOG_COLUMNS.items():
            problems.extend(_field_problems(field_name, texts[lang], lang, phrase))
        return phrase, problems

    @staticmethod
    def _phrase_fields(phrase: Phrase) -> dict[str, object]:
        fields: dict[str, object] = {
            "key": phrase.key, "category": phrase.category, "pictogram": phrase.pictogram,
            "placeholders": phrase.placeholders, "note": phrase.note,
        }
        for lang, column in _CATALOG_COLUMNS.items():
            fields[column] = phrase.texts.get(lang, "")
        fields.update(_review_fields(phrase.review))
        return fields

    # -- editing texts and reviews --------------------------------------------------------------

    def set_text(self, key: str, language: str, text: str, reviewer: str = "") -> None:
        """Save the text of `key` in `language`: reviewed by `reviewer` (today) when a name is
        given, unreviewed otherwise. Checked with the rules of `content check` first."""
        phrase = self._phrase(key, language)
        text = text.strip()
        problems = _field_problems(language, text, language, phrase)
        if problems:
            raise ValidationError(problems)
        review = Review("reviewed", reviewer.strip(), today_in_japan()) if reviewer.strip() else Review()
        self._save(phrase, language, text, review)

    def set_review(self, key: str, language: str, reviewer: str | None) -> None:
        """Mark the text of `key` in `language` reviewed by `reviewer` (today), or unreviewed
        with None. The text itself does not change."""
        phrase = self._phrase(key, language)
        if reviewer is not None and not reviewer.strip():
            raise ValidationError([FieldProblem("reviewer", "phrase.reviewer_required")])
        text = phrase.texts.get(language, "")
        if not text:
            raise ValidationError([FieldProblem(language, "phrase.empty")])
        review = Review("reviewed", reviewer.strip(), today_in_japan()) if reviewer else Review()
        self._save(phrase, language, text, review)

    def _phrase(self, key: str, language: str) -> Phrase:
        if language not in LANGUAGES:
            raise UserError("validation.unknown_language", value=language)
        phrase = self.phrasebook(frozenset({language})).phrases.get(key)
        if phrase is None:
            raise UserError("phrase.not_found", phrase=key)
        return phrase

    def _save(self, phrase: Phrase, language: str, text: str, review: Review) -> None:
        if self.is_user_key(phrase.key):
            with self._transaction():
                self.oplog.write_many(self._user_text_changes(phrase.key, language, text, review))
            return
        if language in CATALOG_LANGUAGES:
            # Source texts are one catalogue entry with one review: the workspace's catalogue
            # gets a whole copy of the entry, overriding the shipped one.
            edited = replace(phrase, texts={**phrase.texts, language: text}, review=review)
            write_catalog_entries(self.override_dir / CATALOG_FILE, [edited], self._order())
        else:
            write_language_entries(
                self.override_dir / f"{language}.toml", language,
                {phrase.key: LanguageEntry(text, review)}, self._order(),
            )

    def _user_text_changes(
        self, key: str, language: str, text: str, review: Review
    ) -> list[tuple[str, str, dict[str, object]]]:
        pid = user_phrase_id(key)
        if language in CATALOG_LANGUAGES:
            return [("user_phrase", pid, {_CATALOG_COLUMNS[language]: text, **_review_fields(review)})]
        return [("user_phrase_text", child_id(pid, "text", language), {
            "phrase_id": pid, "language": language, "text": text, **_review_fields(review),
            "_deleted": False,
        })]

    def _order(self) -> list[str]:
        return list(self.phrasebook(frozenset()).phrases)

    # -- exporting a center's phrases as a phrasebook ---------------------------------------------

    def export_user_phrases(self, folder: Path) -> UserPhraseExport:
        """Write the user phrases as a phrasebook folder in the shipped format: `catalog.toml`,
        one `<code>.toml` per language in which every phrase is translated, and the pictogram
        ids. `folder` must be new or empty. The result says which languages were left out and
        what `content check` finds in the folder."""
        folder = Path(folder)
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise UserError("phrase.export_not_empty", path=str(folder))
        phrases = self.user_phrases()
        if not phrases:
            raise UserError("phrase.nothing_to_export")
        written: list[str] = []
        incomplete: dict[str, int] = {}
        try:
            write_atomically(folder / CATALOG_FILE, new_catalog_file(phrases, CATALOG_FILE_COMMENT))
            shutil.copyfile(shipped_dir("phrasebooks") / PICTOGRAMS_FILE, folder / PICTOGRAMS_FILE)
            for code in LANGUAGES:
                if code in CATALOG_LANGUAGES:
                    continue
                missing = sum(1 for p in phrases if not p.texts.get(code))
                if missing:
                    if missing < len(phrases):
                        incomplete[code] = missing
                    continue
                entries = [(p.key, LanguageEntry(p.texts[code], p.reviews.get(code, Review())))
                           for p in phrases]
                comment = LANGUAGE_FILE_COMMENT.format(code=code)
                write_atomically(folder / f"{code}.toml", new_language_file(code, entries, comment))
                written.append(code)
        except OSError as exc:
            raise UserError("content.cannot_write", path=str(folder), detail=exc.strerror or str(exc)) from exc
        report = check_content(folder, check_forms=False)
        return UserPhraseExport(folder, len(phrases), written, incomplete, report)

    # -- the translator round trip -----------------------------------------------------------------

    def export_translations(self, language: str, path: Path, fmt: str) -> int:
        """Write every phrase (shipped and this workspace's own) in `language` to an XLSX or CSV
        file for a translator; the number of rows."""
        book = self.phrasebook(frozenset({language}))
        rows = export_rows(book, language)
        write_export(rows, language, Path(path), fmt)
        return len(rows)

    def plan_import(self, path: Path, language: str, reviewer: str) -> ImportPlan:
        """Read a returned file and say what importing it would change (nothing is written)."""
        rows = read_rows(Path(path), language)
        book = self.phrasebook(frozenset({language}))
        return plan_import(rows, book, language, reviewer, source=str(path))

    def apply_import(self, plan: ImportPlan) -> int:
        """Write a plan: user phrases in one transaction, shipped phrases' texts to this
        workspace's language file (atomically, inside that transaction, so a failed write
        leaves the database unchanged too). The number of entries changed."""
        user = [c for c in plan.changes if self.is_user_key(c.key)]
        shipped = {c.key: LanguageEntry(c.new_text, c.new_review)
                   for c in plan.changes if not self.is_user_key(c.key)}
        if not plan.changes:
            return 0
        order = self._order()
        with self._transaction():
            changes = []
            for change in user:
                changes.extend(self._user_text_changes(change.key, plan.language, change.new_text, change.new_review))
            if changes:
                self.oplog.write_many(changes)
            if shipped:
                write_language_entries(self.override_dir / f"{plan.language}.toml", plan.language, shipped, order)
        return len(plan.changes)

    def review(self, key: str, language: str) -> Review:
        """The review of one text (for the page's status column)."""
        return review_of(self._phrase(key, language), language)


def _review_fields(review: Review) -> dict[str, object]:
    if review.is_reviewed:
        return {"status": "reviewed", "reviewer": review.reviewer, "reviewed_on": review.reviewed_on}
    return {"status": "unreviewed", "reviewer": None, "reviewed_on": None}


def _field_problems(field_name: str, text: str, language: str, phrase: Phrase) -> list[FieldProblem]:
    return [
        FieldProblem(field_name, f"phrase.{issue.code}", tuple(issue.params.items()))
        for issue in text_issues(text, language, phrase)
    ]


def _pictogram_ids() -> frozenset[str]:
    path = shipped_dir("phrasebooks") / PICTOGRAMS_FILE
    problems: list[Problem] = []
    data = read_toml(path, str(path), problems)
    return frozenset(parse_pictograms(data, str(path), problems)) if data else frozenset()

