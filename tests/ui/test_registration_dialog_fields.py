"""The staff registration dialog with the paper card's items: reasons and the embassy wish."""

from __future__ import annotations

from disastercenter.core.people import Need, ShelterInput
from disastercenter.ui.dialogs.registration import PersonEditDialog, RegistrationDialog
from disastercenter.ui.i18n import i18n


def test_staff_register_reasons_and_the_embassy_wish_through_the_dialog(qtbot, registry):
    registry.add_shelter(ShelterInput("大野北小学校"))
    dialog = RegistrationDialog(registry)
    qtbot.addWidget(dialog)
    dialog.household_editors["reasons"].set_value(["house_damaged", "other"])
    dialog.household_editors["reason_other"].set_value("道路が通れない")
    member = dialog.members[0]
    member.editors["name_latin"].set_value("KHIN Mar")
    member.editors["languages"].set_value([("my", "native")])
    member.editors["embassy_contact"].set_value("yes")
    dialog.save()
    assert dialog.result_registration is not None, dialog.summary.text()
    household = registry.get_household(dialog.result_registration.household_id)
    assert household.details.reasons == ["house_damaged", "other"]
    assert household.details.reason_other == "道路が通れない"
    person = registry.get_person(dialog.result_registration.person_ids[0]).data
    assert person.embassy_contact == "yes"
    assert [n.tag for n in person.needs] == ["embassy_contact"]


def test_other_without_words_is_marked_under_the_field(qtbot, registry):
    i18n.set_language("ja")
    registry.add_shelter(ShelterInput("大野北小学校"))
    dialog = RegistrationDialog(registry)
    qtbot.addWidget(dialog)
    dialog.household_editors["reasons"].set_value(["other"])
    member = dialog.members[0]
    member.editors["name_latin"].set_value("KHIN Mar")
    member.editors["languages"].set_value([("my", "native")])
    dialog.save()
    assert dialog.result_registration is None
    editor = dialog.household_editors["reason_other"]
    assert not editor.error.isHidden()
    assert editor.error.text() == "その他の理由を書いてください。"
    assert registry.count_persons() == 0


def test_the_needs_list_leaves_the_embassy_to_its_own_question(qtbot, registry):
    from tests.ui.helpers import add_family

    _, (an, _mai) = add_family(registry)
    edited = registry.get_person(an).data
    edited.needs = [*edited.needs, Need("embassy_contact")]
    registry.update_person(an, edited)
    dialog = PersonEditDialog(registry, an)
    qtbot.addWidget(dialog)
    needs = dialog.member.editors["needs"].widget
    assert needs.checks["embassy_contact"].isHidden()
    assert dialog.member.editors["embassy_contact"].value() == "yes"
    dialog.member.editors["embassy_contact"].set_value("no")
    dialog.save()
    assert "embassy_contact" not in [n.tag for n in registry.get_person(an).data.needs]
