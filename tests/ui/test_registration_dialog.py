"""Registering a household through the dialog built from forms/registration."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from disastercenter.core.people import ShelterInput
from disastercenter.ui.dialogs.registration import PersonEditDialog, RegistrationDialog
from disastercenter.ui.i18n import i18n


def _fill(member, **values):  # type: ignore[no-untyped-def]
    for field_id, value in values.items():
        member.editors[field_id].set_value(value)


def test_registering_a_household_through_the_dialog_saves_every_member(qtbot, registry):
    shelter = registry.add_shelter(ShelterInput("大野北小学校"))
    dialog = RegistrationDialog(registry)
    qtbot.addWidget(dialog)
    first = dialog.members[0]
    qtbot.keyClicks(first.editors["name_latin"].widget, "NGUYEN Van An")
    _fill(first, name_kana="グエン ヴァン アン", sex="male", birth_date="1988-03-02",
          nationality="VN", languages=[("vi", "native"), ("en", "basic")], phone="090-1234-5678",
          consent_basis="consent", consent_scopes=["municipality"])
    first.editors["needs"].widget.checks["allergy"].setChecked(True)
    first.editors["needs"].widget.allergens.boxes["egg"].setChecked(True)
    second = dialog.add_member()
    _fill(second, name_latin="TRAN Thi Mai", name_kana="チャン ティ マイ", sex="female",
          languages=[("vi", "native")])
    assert dialog.tabs.count() == 2
    assert dialog.tabs.tabText(0) == "1. NGUYEN Van An"

    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    registration = dialog.result_registration
    assert registration is not None and len(registration.person_ids) == 2
    head = registry.get_person(registration.person_ids[0])
    assert head.shelter_id == shelter
    assert head.data.languages == [("vi", "native"), ("en", "basic")]
    assert [(n.tag, n.items) for n in head.data.needs] == [("allergy", ["egg"])]
    assert head.data.consent_scopes == ["municipality"]
    assert head.status == "checked_in"
    assert registry.get_person(registration.person_ids[1]).data.name_kana == "チャン ティ マイ"


def test_enter_in_a_field_saves_the_household(qtbot, registry):
    registry.add_shelter(ShelterInput("大野北小学校"))
    dialog = RegistrationDialog(registry)
    qtbot.addWidget(dialog)
    dialog.show()
    member = dialog.members[0]
    _fill(member, languages=[("ne", "native")])
    name = member.editors["name_latin"].widget
    qtbot.keyClicks(name, "SHRESTHA Ram")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(name, Qt.Key.Key_Return)
    assert registry.count_persons() == 1


def test_invalid_values_show_messages_next_to_their_fields_and_nothing_is_saved(qtbot, registry):
    i18n.set_language("ja")
    registry.add_shelter(ShelterInput("大野北小学校"))
    ops_before = registry.conn.execute("SELECT count(*) FROM ops").fetchone()[0]
    dialog = RegistrationDialog(registry)
    qtbot.addWidget(dialog)
    member = dialog.members[0]
    _fill(member, name_latin="グエン", birth_date="2090-01-01", nationality="Vietnam",
          phone="call me")
    dialog.save()

    errors = {fid: e.error.text() for fid, e in member.editors.items() if not e.error.isHidden()}
    assert errors["name_latin"] == i18n.message("validation.latin_only")
    assert errors["birth_date"] == i18n.message("validation.future_date")
    assert "VN" in errors["nationality"]
    assert errors["phone"].startswith("電話番号ではありません")
    assert errors["languages"] == i18n.message("validation.languages_required")
    assert not dialog.summary.isHidden()
    assert dialog.result() == 0
    assert registry.conn.execute("SELECT count(*) FROM ops").fetchone()[0] == ops_before
    assert registry.count_persons() == 0

    # Fixing the fields clears the messages and saves.
    _fill(member, name_latin="NGUYEN An", birth_date="1990-01-01", nationality="VN", phone="",
          languages=[("vi", "native")])
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.save()
    assert registry.count_persons() == 1


def test_messages_follow_the_ui_language(qtbot, registry):
    registry.add_shelter(ShelterInput("大野北小学校"))
    i18n.set_language("en")
    try:
        dialog = RegistrationDialog(registry)
        qtbot.addWidget(dialog)
        dialog.save()
        message = dialog.members[0].editors["name_latin"].error.text()
        assert message.startswith("Please enter at least one name")
        assert dialog.windowTitle() == "Evacuee registration"
    finally:
        i18n.set_language("ja")


def test_editing_a_person_changes_only_what_was_edited(qtbot, registry):
    from tests.ui.helpers import add_family

    _, (an, _mai) = add_family(registry)
    ops_before = registry.conn.execute("SELECT count(*) FROM ops").fetchone()[0]
    dialog = PersonEditDialog(registry, an)
    qtbot.addWidget(dialog)
    phone = dialog.member.editors["phone"].widget
    assert isinstance(phone, QLineEdit) and phone.text() == "090-1111-2222"
    phone.setText("080-9999-0000")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.save()
    assert registry.get_person(an).data.phone == "080-9999-0000"
    new_ops = registry.conn.execute(
        "SELECT field FROM ops ORDER BY hlc LIMIT -1 OFFSET ?", (ops_before,)
    ).fetchall()
    assert [f for (f,) in new_ops] == ["phone"]
    assert registry.search("08099990000")[0].id == an


def test_a_shelter_choice_lists_only_open_shelters_when_there_are_any(qtbot, registry):
    open_one = registry.add_shelter(ShelterInput("開設中の避難所"))
    registry.add_shelter(ShelterInput("閉鎖した避難所", is_open=False))
    dialog = RegistrationDialog(registry)
    qtbot.addWidget(dialog)
    combo = dialog.household_editors["shelter_id"].widget
    assert isinstance(combo, QComboBox)
    assert [combo.itemData(i) for i in range(combo.count())] == [open_one]


def test_a_failed_save_shows_the_real_error_and_keeps_the_dialog_open(qtbot, registry, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    registry.add_shelter(ShelterInput("大野北小学校"))
    dialog = RegistrationDialog(registry)
    qtbot.addWidget(dialog)
    _fill(dialog.members[0], name_latin="SILVA Joao", languages=[("pt-BR", "native")])
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    registry.conn.execute("PRAGMA query_only = 1")  # what read-only media look like to SQLite
    try:
        dialog.save()
    finally:
        registry.conn.execute("PRAGMA query_only = 0")
    assert len(shown) == 1 and "readonly" in shown[0].replace("-", "").replace(" ", "")
    assert dialog.result() == 0 and dialog.result_registration is None
    assert registry.count_persons() == 0
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.save()  # nothing was lost: saving again works once the media is writable
    assert registry.count_persons() == 1
