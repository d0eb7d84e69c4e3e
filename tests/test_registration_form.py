"""forms/registration.toml: complete, in every language, and checked by `content check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from disastercenter.content.forms import load_form
from disastercenter.content.phrasebook import fill, load_phrasebook
from disastercenter.core.languages import LANGUAGE_CODES
from disastercenter.services.forms import check_member, check_registration
from tests.test_content_check import check, reasons

FORM_HEAD = '''\
id = "example"
version = 1
title = "form.example.title"
{top}
[[sections]]
id = "main"
scope = "member"
label = "form.example.title"

  [[sections.fields]]
  id = "pick"
  type = "{type}"
  label = "form.example.title"
{extra}
'''


def _form(type_: str = "choice", extra: str = "", top: str = "") -> dict[str, str | None]:
    return {"forms/example.toml": FORM_HEAD.format(type=type_, extra=extra, top=top)}


def test_the_form_asks_the_paper_cards_items() -> None:
    form = load_form("registration")
    household = {f.id for f in form.fields("household")}
    member = {f.id for f in form.fields("member")}
    assert {"reasons", "reason_other"} <= household
    assert {"embassy_contact", "consent_basis", "consent_scopes", "name_latin", "languages",
            "needs"} <= member


def test_every_text_of_the_form_exists_in_all_25_languages() -> None:
    form = load_form("registration")
    book = load_phrasebook()
    keys = form.phrase_keys() | set(form.message_params())
    assert len(LANGUAGE_CODES) == 25
    missing = [(key, lang) for key in sorted(keys) for lang in LANGUAGE_CODES if not book.has(key, lang)]
    assert missing == []


def test_the_evacuee_reads_questions_and_staff_read_short_labels() -> None:
    form = load_form("registration")
    embassy = form.field("embassy_contact")
    assert embassy.label_key() == "field.embassy_contact"
    assert embassy.label_key(self_service=True) == "reception.embassy_contact"
    assert embassy.choice_label_key("yes") == "vocab.embassy_contact.yes"
    assert embassy.choice_label_key("yes", True) == "answer.yes"
    consent = form.field("consent_basis")
    assert "emergency" in consent.choices and "emergency" not in consent.self_service_choices()
    assert not form.field("shelter_id").for_self_service
    assert not form.field("notes").for_self_service


@pytest.mark.parametrize("lang", ["my", "ar", "ne", "zh-Hant", "ja-x-easy"])
def test_validation_messages_read_in_the_chosen_language(lang: str) -> None:
    form = load_form("registration")
    book = load_phrasebook()
    problems = check_member(form, {"name_latin": "", "birth_date": "2090-01-01",
                                   "phone": "call me", "languages": [],
                                   "consent_basis": "none"})
    by_field = {p.field: p for p in problems}
    assert set(by_field) == {"name_latin", "birth_date", "phone", "languages"}
    phone = by_field["phone"]
    shown = fill(book.text(phone.key, lang), dict(phone.params))
    english = fill(book.text(phone.key, "en"), dict(phone.params))
    assert "call me" in shown and shown != english
    assert "{" not in shown


def test_other_as_a_reason_needs_the_words() -> None:
    form = load_form("registration")
    household, members = check_registration(
        form, {"shelter_id": "x", "reasons": ["other"], "reason_other": ""},
        [{"name_latin": "A", "languages": [("vi", "native")], "consent_basis": "none"}],
    )
    assert [(p.field, p.key) for p in household] == [("reason_other", "validation.reason_other_missing")]
    assert members == [[]]


# --- content check: the parts of a form it now checks ---------------------------------------------


def test_a_missing_hint_question_or_choice_label_is_reported(tmp_path: Path) -> None:
    report = check(tmp_path, _form(extra='''\
  help = "field.pick.hint"
  self_label = "field.pick.question"
  choices = ["a"]
  choice_labels = "vocab.pick"
  self_choice_labels = "answer.pick"
'''))
    for key in ("field.pick.hint", "field.pick.question", "vocab.pick.a", "answer.pick.a"):
        assert reasons(report, "forms/example.toml", key) == ["phrase missing from the catalogue"]


def test_a_staff_only_choice_needs_no_label_for_the_evacuee(tmp_path: Path) -> None:
    report = check(tmp_path, _form(extra='''\
  choices = ["need", "water"]
  choice_labels = "need"
  self_choice_labels = "facility"
  staff_choices = ["need"]
'''))
    # need.water exists; facility.wifi exists; facility.need is never shown, so not required
    assert reasons(report, "forms/example.toml", "facility.need") == []
    assert reasons(report, "forms/example.toml", "facility.water") == ["phrase missing from the catalogue"]


def test_validation_messages_of_a_field_must_be_phrases(tmp_path: Path) -> None:
    report = check(tmp_path, _form("text", '''\
  max_length = 10
  pattern = "^a$"
  pattern_message = "notice.meal"
'''))
    assert reasons(report, "forms/example.toml", "validation.max_length") == [
        "message missing from the catalogue"]
    assert reasons(report, "forms/example.toml", "notice.meal") == [
        "message is filled with none, the catalogue declares {place}, {time}"]


def test_the_messages_of_the_forms_rule_sets_must_be_phrases(tmp_path: Path) -> None:
    report = check(tmp_path, _form("text", top='rules = ["household"]\n'))
    assert reasons(report, "forms/example.toml", "validation.head_missing") == [
        "message missing from the catalogue"]
    bad = check(tmp_path / "bad", _form("text", top='rules = ["pets"]\n'))
    assert reasons(bad, "forms/example.toml", "rules") == ["must be a list of ['household', 'person']"]


@pytest.mark.parametrize(("extra", "key", "fragment"), [
    ('  choices = ["a"]\n  staff_choices = ["b"]\n', "sections[0].pick.staff_choices",
     "must be a list of the field's choices"),
    ('  choices = ["a"]\n  staff_choices = ["a"]\n', "sections[0].pick.staff_choices",
     "leaves the evacuee no choice"),
    ('  choices = ["a", "b"]\n  staff_choices = ["a"]\n  default = "a"\n', "sections[0].pick.default",
     "staff-only default"),
    ('  choices = ["a"]\n  audience = "kiosk"\n', "sections[0].pick.audience", "must be one of"),
    ('  choices = ["a"]\n  self_label = ""\n', "sections[0].pick.self_label", "must be a phrase key"),
])
def test_audience_rules_of_a_field_are_checked(tmp_path: Path, extra: str, key: str, fragment: str) -> None:
    report = check(tmp_path, _form(extra=extra))
    assert any(fragment in r for r in reasons(report, "forms/example.toml", key)), report.problems


def test_self_service_labels_only_fit_choice_fields(tmp_path: Path) -> None:
    report = check(tmp_path, _form("text", '  self_choice_labels = "answer"\n'))
    assert reasons(report, "forms/example.toml", "sections[0].pick") == [
        "self_choice_labels and staff_choices need a choice field"]
