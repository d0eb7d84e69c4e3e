"""Form definitions (forms/*.toml): loading, schema checks, and checking entered values.

A form lists sections of fields; each field has a type, a label phrase key and its rules. The
registration dialog, the self-registration kiosk and (later) the paper form are all built from
the same definition. Every text a form shows is a phrase key: labels, hints, choices and the
validation messages, so the form exists in every language of the phrasebook.

Two audiences read a form. Staff read `label` and `choice_labels` (short nouns: "Nationality");
the evacuee at the kiosk reads `self_label` and `self_choice_labels` when given (questions and
answers: "What is your nationality?"). `audience = "staff"` keeps a field off the kiosk, and
`staff_choices` lists choices only staff may pick (the emergency basis for sharing).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from disastercenter.content.paths import content_dirs
from disastercenter.content.phrasebook import ContentError, Phrasebook
from disastercenter.core.people import RULE_MESSAGES

FIELD_TYPES = frozenset({
    "text", "multiline", "date", "choice", "multichoice", "bool", "phone", "country",
    "language_levels", "needs", "shelter",
})
SCOPES = frozenset({"household", "member"})
AUDIENCES = frozenset({"all", "staff"})
_FIELD_KEYS = frozenset({
    "id", "type", "label", "help", "required", "max_length", "pattern", "pattern_message",
    "choices", "choice_labels", "default", "optional_choice", "self_label", "self_choice_labels",
    "staff_choices", "audience",
})
_CHOICE_TYPES = frozenset({"choice", "multichoice"})


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
    self_label: str = ""
    self_choice_labels: str = ""
    staff_choices: tuple[str, ...] = ()
    audience: str = "all"

    def choice_label_key(self, value: str, self_service: bool = False) -> str:
        """The phrase key naming choice `value`, for staff or (self_service) the evacuee."""
        prefix = self.self_choice_labels if self_service and self.self_choice_labels else self.choice_labels
        return f"{prefix}.{value}"

    def label_key(self, self_service: bool = False) -> str:
        return self.self_label if self_service and self.self_label else self.label

    @property
    def for_self_service(self) -> bool:
        """Whether the evacuee fills this field in at the kiosk."""
        return self.audience != "staff"

    def self_service_choices(self) -> tuple[str, ...]:
        return tuple(c for c in self.choices if c not in self.staff_choices)

    def message_keys(self) -> dict[str, frozenset[str]]:
        """The validation messages `check` may give, with the parameters each is filled with."""
        keys: dict[str, frozenset[str]] = {}
        if self.required:
            keys["validation.languages_required" if self.type == "language_levels"
                 else "validation.required"] = frozenset()
        if self.max_length is not None:
            keys["validation.max_length"] = frozenset({"limit"})
        if self.pattern:
            keys[self.pattern_message] = frozenset()
        if self.type in _CHOICE_TYPES:
            keys["validation.choice"] = frozenset({"value"})
        return keys

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
    #: Domain rule sets the form's values go through (core.people.RULE_MESSAGES).
    rules: tuple[str, ...] = ()

    def fields(self, scope: str | None = None) -> list[FormField]:
        return [f for s in self.sections if scope in (None, s.scope) for f in s.fields]

    def field(self, field_id: str) -> FormField:
        for f in self.fields():
            if f.id == field_id:
                return f
        raise KeyError(field_id)

    def phrase_keys(self) -> set[str]:
        """The phrases the form shows as titles, labels, hints and choices (its validation
        messages are `message_params`)."""
        keys = {self.title}
        for section in self.sections:
            keys.add(section.label)
            for f in section.fields:
                keys.add(f.label)
                for key in (f.help, f.self_label):
                    if key:
                        keys.add(key)
                if f.choice_labels:
                    keys.update(f.choice_label_key(c) for c in f.choices)
                if f.self_choice_labels:
                    keys.update(f.choice_label_key(c, True) for c in f.self_service_choices())
        return keys

    def message_params(self) -> dict[str, frozenset[str]]:
        """Validation message key -> the parameters its text is filled with."""
        params: dict[str, frozenset[str]] = {}
        for rule in self.rules:
            params.update(RULE_MESSAGES.get(rule, {}))
        for f in self.fields():
            params.update(f.message_keys())
        return params


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
    rules = data.get("rules", [])
    if not isinstance(rules, list) or not all(r in RULE_MESSAGES for r in rules):
        bad("rules", f"must be a list of {sorted(RULE_MESSAGES)}")
        rules = []
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
            for key in ("help", "self_label", "self_choice_labels", "pattern_message"):
                if key in raw and not (isinstance(raw[key], str) and raw[key]):
                    bad(f"{fwhere}.{key}", "must be a phrase key")
            if raw.get("audience", "all") not in AUDIENCES:
                bad(f"{fwhere}.audience", f"must be one of {sorted(AUDIENCES)}")
            if ("self_choice_labels" in raw or "staff_choices" in raw) and raw.get("type") not in _CHOICE_TYPES:
                bad(fwhere, "self_choice_labels and staff_choices need a choice field")
            staff_only = raw.get("staff_choices", [])
            if not isinstance(staff_only, list) or not set(staff_only) <= set(raw.get("choices", [])):
                bad(f"{fwhere}.staff_choices", "must be a list of the field's choices")
                staff_only = []
            elif raw.get("audience", "all") == "all" and raw.get("choices") and \
                    set(staff_only) == set(raw["choices"]):
                bad(f"{fwhere}.staff_choices", "leaves the evacuee no choice")
            if raw.get("default") in staff_only:
                bad(f"{fwhere}.default", "the evacuee cannot pick a staff-only default")
            fields.append(FormField(
                id=field_id, type=str(raw.get("type", "")), label=str(raw.get("label", "")),
                help=str(raw.get("help", "")), required=bool(raw.get("required", False)),
                max_length=raw.get("max_length"), pattern=pattern,
                pattern_message=str(raw.get("pattern_message", "validation.pattern")),
                choices=tuple(raw.get("choices", ())),
                choice_labels=str(raw.get("choice_labels", "")),
                default=raw.get("default"), optional_choice=bool(raw.get("optional_choice", False)),
                self_label=str(raw.get("self_label", "")),
                self_choice_labels=str(raw.get("self_choice_labels", "")),
                staff_choices=tuple(staff_only), audience=str(raw.get("audience", "all")),
            ))
        sections.append(FormSection(
            str(raw_section.get("id", where)), str(raw_section.get("scope", "")),
            str(raw_section.get("label", "")), tuple(fields),
        ))
    if len(problems) > count_before:
        return None
    return FormDefinition(
        str(data["id"]), int(data["version"]), str(data["title"]), tuple(sections), source,
        tuple(rules),
    )


def check_form_phrases(
    form: FormDefinition, phrasebook: Phrasebook, problems: list[tuple[str, str, str]]
) -> None:
    """Report phrase keys the form uses that the catalogue lacks, and validation messages
    whose placeholders differ from the parameters they are filled with."""
    for key in sorted(form.phrase_keys()):
        if key not in phrasebook.phrases:
            problems.append((form.source, key, "phrase missing from the catalogue"))
    check_message_phrases(form.source, form.message_params(), phrasebook, problems)


def check_message_phrases(
    source: str, messages: dict[str, frozenset[str]], phrasebook: Phrasebook,
    problems: list[tuple[str, str, str]],
) -> None:
    """Each message must be a catalogue phrase whose placeholders are exactly its parameters."""
    for key, params in sorted(messages.items()):
        phrase = phrasebook.phrases.get(key)
        if phrase is None:
            problems.append((source, key, "message missing from the catalogue"))
            continue
        declared = set(phrase.placeholders)
        if declared != set(params):
            expected = ", ".join(f"{{{p}}}" for p in sorted(params)) or "none"
            problems.append((source, key, f"message is filled with {expected}, the catalogue "
                             f"declares {', '.join(f'{{{p}}}' for p in sorted(declared)) or 'none'}"))


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
