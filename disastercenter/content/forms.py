"""Form definitions (forms/*.toml): loading, schema checks, and checking entered values.

A form lists sections of fields; each field has a type, a label phrase key and its rules. The
registration dialog and (later) the paper form are both built from the same definition.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from disastercenter.content.paths import content_dirs
from disastercenter.content.phrasebook import ContentError, Phrasebook

FIELD_TYPES = frozenset({
    "text", "multiline", "date", "choice", "multichoice", "bool", "phone", "country",
    "language_levels", "needs", "shelter",
})
SCOPES = frozenset({"household", "member"})
_FIELD_KEYS = frozenset({
    "id", "type", "label", "help", "required", "max_length", "pattern", "pattern_message",
    "choices", "choice_labels", "default", "optional_choice",
})


@dataclass(frozen=True)
class FormField:
    id: str
    type: str
    label: str
    help: str = ""
    required: bool = False
    max_length: int | None = None
    pattern: str | None = None
    pattern_message: str = "validation.pattern"
    choices: tuple[str, ...] = ()
    choice_labels: str = ""
    default: str | None = None
    optional_choice: bool = False

    def choice_label_key(self, value: str) -> str:
        return f"{self.choice_labels}.{value}"

    def check(self, value: object) -> tuple[str, dict[str, object]] | None:
        """The (message key, params) for an invalid `value`, or None."""
        empty = value in (None, "", [], ())
        if empty:
            if self.required:
                return ("validation.languages_required" if self.type == "language_levels"
                        else "validation.required", {})
            return None
        if isinstance(value, str):
            if self.max_length is not None and len(value) > self.max_length:
                return "validation.max_length", {"limit": self.max_length}
            if self.pattern and not re.fullmatch(self.pattern, value):
                return self.pattern_message, {}
        if self.type == "choice" and value not in self.choices:
            return "validation.choice", {"value": value}
        if self.type == "multichoice" and isinstance(value, (list, tuple)):
            for item in value:
                if item not in self.choices:
                    return "validation.choice", {"value": item}
        return None


@dataclass(frozen=True)
class FormSection:
    id: str
    scope: str
    label: str
    fields: tuple[FormField, ...]


@dataclass(frozen=True)
class FormDefinition:
    id: str
    version: int
    title: str
    sections: tuple[FormSection, ...]
    source: str = ""

    def fields(self, scope: str | None = None) -> list[FormField]:
        return [f for s in self.sections if scope in (None, s.scope) for f in s.fields]

    def field(self, field_id: str) -> FormField:
        for f in self.fields():
            if f.id == field_id:
                return f
        raise KeyError(field_id)

    def phrase_keys(self) -> set[str]:
        keys = {self.title}
        for section in self.sections:
            keys.add(section.label)
            for f in section.fields:
                keys.add(f.label)
                if f.help:
                    keys.add(f.help)
                keys.update(f.choice_label_key(c) for c in f.choices if f.choice_labels)
        return keys


def parse_form(data: dict, source: str, problems: list[tuple[str, str, str]]) -> FormDefinition | None:
    """Build a form from TOML data, appending every problem found (file, key, reason)."""
    count_before = len(problems)

    def bad(key: str, reason: str) -> None:
        problems.append((source, key, reason))

    for key in ("id", "version", "title", "sections"):
        if key not in data:
            bad(key, "missing")
    if not isinstance(data.get("version", 1), int):
        bad("version", "must be an integer")
    sections: list[FormSection] = []
    seen: set[str] = set()
    for s_index, raw_section in enumerate(data.get("sections", [])):
        where = f"sections[{s_index}]"
        if raw_section.get("scope") not in SCOPES:
            bad(f"{where}.scope", f"must be one of {sorted(SCOPES)}")
        fields: list[FormField] = []
        for f_index, raw in enumerate(raw_section.get("fields", [])):
            fwhere = f"{where}.fields[{f_index}]"
            unknown = set(raw) - _FIELD_KEYS
            if unknown:
                bad(fwhere, f"unknown keys {sorted(unknown)}")
            field_id = raw.get("id")
            if not isinstance(field_id, str) or not field_id:
                bad(f"{fwhere}.id", "missing")
                continue
            fwhere = f"{where}.{field_id}"
            if field_id in seen:
                bad(fwhere, "duplicate field id")
            seen.add(field_id)
            if raw.get("type") not in FIELD_TYPES:
                bad(f"{fwhere}.type", f"unknown type {raw.get('type')!r}")
            if not isinstance(raw.get("label"), str):
                bad(f"{fwhere}.label", "missing phrase key")
            if raw.get("type") in ("choice", "multichoice") and not raw.get("choices"):
                bad(f"{fwhere}.choices", "a choice field needs choices")
            pattern = raw.get("pattern")
            if pattern is not None:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    bad(f"{fwhere}.pattern", f"invalid regular expression: {exc}")
            if "default" in raw and raw.get("choices") and raw["default"] not in raw["choices"]:
                bad(f"{fwhere}.default", "not one of the choices")
            fields.append(FormField(
                id=field_id, type=str(raw.get("type", "")), label=str(raw.get("label", "")),
                help=str(raw.get("help", "")), required=bool(raw.get("required", False)),
                max_length=raw.get("max_length"), pattern=pattern,
                pattern_message=str(raw.get("pattern_message", "validation.pattern")),
                choices=tuple(raw.get("choices", ())),
                choice_labels=str(raw.get("choice_labels", "")),
                default=raw.get("default"), optional_choice=bool(raw.get("optional_choice", False)),
            ))
        sections.append(FormSection(
            str(raw_section.get("id", where)), str(raw_section.get("scope", "")),
            str(raw_section.get("label", "")), tuple(fields),
        ))
    if len(problems) > count_before:
        return None
    return FormDefinition(
        str(data["id"]), int(data["version"]), str(data["title"]), tuple(sections), source
    )


def check_form_phrases(
    form: FormDefinition, phrasebook: Phrasebook, problems: list[tuple[str, str, str]]
) -> None:
    """Report phrase keys the form uses that the catalogue lacks."""
    for key in sorted(form.phrase_keys()):
        if key not in phrasebook.phrases:
            problems.append((form.source, key, "phrase missing from the catalogue"))


@lru_cache(maxsize=16)
def load_form(form_id: str, workspace_path: Path | None = None) -> FormDefinition:
    """The form `form_id`, the workspace's own copy winning over the shipped one."""
    problems: list[tuple[str, str, str]] = []
    chosen: FormDefinition | None = None
    for folder in content_dirs("forms", workspace_path):
        path = folder / f"{form_id}.toml"
        if not path.is_file():
            continue
        try:
            with path.open("rb") as handle:
                data = tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            problems.append((str(path), "", f"cannot read: {exc}"))
            continue
        form = parse_form(data, str(path), problems)
        if form is not None:
            chosen = form
    if problems:
        raise ContentError(problems)
    if chosen is None:
        raise ContentError([("forms", form_id, "form not found")])
    return chosen
