"""The household registration dialog and the person edit dialog, built from forms/registration.

Enter saves; every invalid field shows its message under it in the UI language and nothing is
saved until all are fixed.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from disastercenter.content.forms import FormDefinition, load_form
from disastercenter.core.people import FieldProblem, PersonInput
from disastercenter.services.forms import (
    check_member,
    check_registration,
    draft_from_values,
    person_from_values,
    save_registration,
)
from disastercenter.services.registry import (
    HouseholdRegistration,
    Registry,
)
from disastercenter.ui.dialogs.form_widgets import (
    ERROR_STYLE,
    FieldEditor,
    hide_needs_asked_by_fields,
)
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.widgets import save_cancel_buttons, save_or_report


def _message(problem: FieldProblem) -> str:
    return i18n.message(problem.key, problem.params)


class MemberForm(QScrollArea):
    """The member fields of the form for one person (scrollable)."""

    def __init__(self, form: FormDefinition) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        inner = QWidget()
        column = QVBoxLayout(inner)
        self.editors: dict[str, FieldEditor] = {}
        for section in form.sections:
            if section.scope != "member":
                continue
            box = QGroupBox(i18n.phrase(section.label))
            layout = QFormLayout(box)
            layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for field in section.fields:
                editor = FieldEditor(field)
                editor.add_to(layout)
                self.editors[field.id] = editor
            column.addWidget(box)
        column.addStretch(1)
        hide_needs_asked_by_fields(self.editors)
        self.setWidget(inner)

    def values(self) -> dict[str, object]:
        return {field_id: editor.value() for field_id, editor in self.editors.items()}

    def load(self, person: PersonInput) -> None:
        for field_id, editor in self.editors.items():
            if hasattr(person, field_id):
                editor.set_value(getattr(person, field_id))

    def show_problems(self, problems: list[FieldProblem]) -> FieldEditor | None:
        """Show each problem under its field; return the first invalid field's editor."""
        by_field = {p.field: p for p in problems}
        first: FieldEditor | None = None
        for field_id, editor in self.editors.items():
            problem = by_field.get(field_id)
            editor.show_error(_message(problem) if problem else None)
            if problem and first is None:
                first = editor
        return first


class RegistrationDialog(QDialog):
    """Register a household: shelter, members (tabs), consent per member."""

    def __init__(self, registry: Registry, parent: QWidget | None = None,
                 shelter_id: str | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.form = load_form("registration")
        self.result_registration: HouseholdRegistration | None = None
        self.setWindowTitle(i18n.phrase(self.form.title))
        self.resize(760, 820)

        layout = QVBoxLayout(self)
        household_box = QGroupBox(i18n.phrase("form.section.household"))
        household_layout = QFormLayout(household_box)
        shelters = [s for s in registry.list_shelters() if s.is_open] or registry.list_shelters()
        self.household_editors: dict[str, FieldEditor] = {}
        for field in self.form.fields("household"):
            editor = FieldEditor(field, shelters)
            editor.add_to(household_layout)
            self.household_editors[field.id] = editor
        if shelter_id:
            self.household_editors["shelter_id"].set_value(shelter_id)
        self.head = QComboBox()
        head_label = QLabel(i18n.phrase("field.head"))
        head_label.setBuddy(self.head)
        household_layout.addRow(head_label, self.head)
        layout.addWidget(household_box)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        member_buttons = QHBoxLayout()
        self.add_member_button = QPushButton(tr("Add member"))
        self.add_member_button.setToolTip("Ctrl+M")
        self.remove_member_button = QPushButton(tr("Remove this member"))
        for button in (self.add_member_button, self.remove_member_button):
            button.setAutoDefault(False)  # Enter saves the dialog wherever the focus is
        member_buttons.addWidget(self.add_member_button)
        member_buttons.addWidget(self.remove_member_button)
        member_buttons.addStretch(1)
        layout.addLayout(member_buttons)
        self.add_member_button.clicked.connect(self.add_member)
        self.remove_member_button.clicked.connect(self.remove_current_member)
        QShortcut(QKeySequence("Ctrl+M"), self, activated=self.add_member)

        self.summary = QLabel()
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setWordWrap(True)
        self.summary.hide()
        layout.addWidget(self.summary)

        self.buttons = save_cancel_buttons(self, self.save)
        layout.addWidget(self.buttons)

        self.members: list[MemberForm] = []
        self.add_member()
        if not shelters:
            self.summary.setText(tr("Add a shelter first (Shelters page)."))
            self.summary.show()
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)

    # -- members --------------------------------------------------------------------------

    def add_member(self) -> MemberForm:
        member = MemberForm(self.form)
        self.members.append(member)
        self.tabs.addTab(member, "")
        member.editors["name_latin"].widget.textChanged.connect(self._update_titles)  # type: ignore[attr-defined]
        self._update_titles()
        self.tabs.setCurrentWidget(member)
        member.editors["name_latin"].widget.setFocus()
        self.remove_member_button.setEnabled(len(self.members) > 1)
        return member

    def remove_current_member(self) -> None:
        if len(self.members) <= 1:
            return
        member = self.tabs.currentWidget()
        assert isinstance(member, MemberForm)
        index = self.members.index(member)
        self.members.remove(member)
        self.tabs.removeTab(self.tabs.indexOf(member))
        member.deleteLater()
        head = self.head.currentIndex()
        self._update_titles()
        if head == index:
            self.head.setCurrentIndex(0)
        self.remove_member_button.setEnabled(len(self.members) > 1)

    def _update_titles(self) -> None:
        head = max(self.head.currentIndex(), 0)
        self.head.blockSignals(True)
        self.head.clear()
        for number, member in enumerate(self.members, start=1):
            name = str(member.editors["name_latin"].value()) or tr("Member {number}", number=number)
            self.tabs.setTabText(self.tabs.indexOf(member), f"{number}. {name}")
            self.head.addItem(f"{number}. {name}")
        self.head.setCurrentIndex(min(head, len(self.members) - 1))
        self.head.blockSignals(False)

    # -- saving ---------------------------------------------------------------------------

    def household_values(self) -> dict[str, object]:
        return {field_id: e.value() for field_id, e in self.household_editors.items()}

    def save(self) -> None:
        household = self.household_values()
        members = [m.values() for m in self.members]
        household_problems, member_problems = check_registration(self.form, household, members)
        first_invalid = None
        by_field = {p.field: p for p in household_problems}
        for field_id, editor in self.household_editors.items():
            problem = by_field.get(field_id)
            editor.show_error(_message(problem) if problem else None)
            if problem and first_invalid is None:
                first_invalid = editor
        for member, problems in zip(self.members, member_problems):
            editor = member.show_problems(problems)
            if editor and first_invalid is None:
                self.tabs.setCurrentWidget(member)
                first_invalid = editor
        if first_invalid is not None:
            count = len(household_problems) + sum(len(p) for p in member_problems)
            self.summary.setText(tr("Please check the marked fields ({count}).", count=count))
            self.summary.show()
            first_invalid.focus_widget().setFocus()
            return
        draft = draft_from_values(household, members, self.head.currentIndex())

        def save() -> None:
            self.result_registration = save_registration(self.registry, draft)

        if save_or_report(self, self.summary, save):
            self.accept()


class PersonEditDialog(QDialog):
    """Edit one registered person with the member part of the registration form."""

    def __init__(self, registry: Registry, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.person_id = person_id
        self.form = load_form("registration")
        detail = registry.get_person(person_id)
        self.setWindowTitle(tr("Edit {name}", name=detail.data.name_latin or detail.data.name_native))
        self.resize(720, 780)
        layout = QVBoxLayout(self)
        self.linked = QLabel()
        self.linked.setWordWrap(True)
        self.linked.setStyleSheet("background: #e3f2fd; padding: 6px;")
        if detail.linked:
            self.linked.setText(tr("Also registered at: {places}", places="; ".join(
                f"{r.shelter_name or '—'} ({r.name_latin or r.name_native or r.name_kana}, "
                f"{r.card_code})" for r in detail.linked
            )))
        else:
            self.linked.hide()
        layout.addWidget(self.linked)
        self.member = MemberForm(self.form)
        self.member.load(detail.data)
        layout.addWidget(self.member, 1)
        self.summary = QLabel()
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.hide()
        layout.addWidget(self.summary)
        buttons = save_cancel_buttons(self, self.save)
        layout.addWidget(buttons)

    def save(self) -> None:
        values = self.member.values()
        problems = check_member(self.form, values)
        first = self.member.show_problems(problems)
        if first is not None:
            self.summary.setText(tr("Please check the marked fields ({count}).", count=len(problems)))
            self.summary.show()
            first.focus_widget().setFocus()
            return
        if save_or_report(
            self, self.summary, lambda: self.registry.update_person(
                self.person_id, person_from_values(values)
            ),
        ):
            self.accept()
