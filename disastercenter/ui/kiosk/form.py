"""The registration form as the evacuee fills it in: one step for the household, one per person.

Built from forms/registration.toml with the evacuee's wording (self_label, self_choice_labels);
fields for staff only (the shelter, staff notes) are left out. Big, touch-friendly widgets.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from disastercenter.content.forms import FormDefinition
from disastercenter.core.people import FieldProblem
from disastercenter.ui.dialogs.form_widgets import (
    FieldEditor,
    hide_needs_asked_by_fields,
)
from disastercenter.ui.kiosk.fonts import font_for
from disastercenter.ui.kiosk.texts import KioskTexts

#: Point sizes of the form's text: answers and questions, hints, messages.
FORM_POINTS = 19
HINT_POINTS = 16

_ERROR_COLOUR = QColor("#b00020")


class StepPage(QScrollArea):
    """The self-service fields of one scope (household, or one person), stacked."""

    def __init__(self, form: FormDefinition, scope: str, texts: KioskTexts) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        self.column.setContentsMargins(24, 8, 24, 24)
        self.column.setSpacing(6)
        self.editors: dict[str, FieldEditor] = {}
        for section in form.sections:
            fields = [f for f in section.fields if f.for_self_service]
            if section.scope != scope or not fields:
                continue
            heading = QLabel(texts.phrase(section.label))
            heading.setObjectName("section")
            self.column.addWidget(heading)
            for field in fields:
                editor = FieldEditor(field, (), texts)
                editor.label.setObjectName("question")
                # Explicit fonts: labels with their own style sheet do not inherit one.
                editor.hint.setFont(font_for(texts.code, HINT_POINTS))
                editor.error.setFont(font_for(texts.code, FORM_POINTS))
                editor.add_stacked(self.column)
                self.column.addSpacing(14)
                self.editors[field.id] = editor
        hide_needs_asked_by_fields(self.editors)
        for combo in inner.findChildren(QComboBox):
            # Long items (language and country names) must not widen the page past the screen.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.column.addStretch(1)
        self.setWidget(inner)

    def values(self) -> dict[str, object]:
        return {field_id: editor.value() for field_id, editor in self.editors.items()}

    def load(self, values: Mapping[str, object]) -> None:
        for field_id, value in values.items():
            if field_id in self.editors:
                self.editors[field_id].set_value(value)

    def show_problems(self, problems: Sequence[FieldProblem], texts: KioskTexts) -> FieldEditor | None:
        """Show each problem under its field, in the evacuee's language; the first invalid
        field's editor, or None."""
        by_field = {p.field: p for p in problems}
        first: FieldEditor | None = None
        for field_id, editor in self.editors.items():
            problem = by_field.get(field_id)
            editor.show_error(texts.message(problem.key, problem.params) if problem else None)
            if problem and first is None:
                first = editor
        return first


class KioskForm(QWidget):
    """Steps on one side (household, person 1, person 2…), the current step's fields beside."""

    #: The evacuee pressed Finish: check the values (the window decides what happens next).
    finish_requested = Signal()

    def __init__(self, form: FormDefinition, texts: KioskTexts) -> None:
        super().__init__()
        self.form = form
        self.texts = texts
        self.steps = QListWidget()
        self.steps.setObjectName("steps")
        self.steps.setMaximumWidth(380)
        self.steps.setMinimumWidth(260)
        self.steps.setWordWrap(True)
        self.steps.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.currentRowChanged.connect(self._show_step)
        self.pages = QStackedWidget()
        self.household = StepPage(form, "household", texts)
        self.pages.addWidget(self.household)
        self.steps.addItem(texts.phrase("form.section.household"))
        self.members: list[StepPage] = []

        self.add_person_button = QPushButton("+ " + texts.phrase("kiosk.add_person"))
        self.add_person_button.clicked.connect(lambda: self.add_member(show=True))
        self.remove_person_button = QPushButton(texts.phrase("kiosk.remove_person"))
        self.remove_person_button.setObjectName("secondary")
        self.remove_person_button.clicked.connect(self.remove_current_member)
        side = QVBoxLayout()
        side.addWidget(self.steps, 1)
        side.addWidget(self.add_person_button)
        side.addWidget(self.remove_person_button)

        self.summary = QLabel()
        self.summary.setObjectName("error")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.back_button = QPushButton(texts.phrase("kiosk.back"))
        self.back_button.setObjectName("secondary")
        self.next_button = QPushButton()
        self.next_button.setObjectName("primary")
        self.back_button.clicked.connect(lambda: self.go(self.steps.currentRow() - 1))
        self.next_button.clicked.connect(self._next)
        footer = QHBoxLayout()
        footer.addWidget(self.back_button, 1)
        footer.addWidget(self.next_button, 2)

        main = QVBoxLayout()
        main.addWidget(self.pages, 1)
        main.addWidget(self.summary)
        main.addLayout(footer)
        body = QHBoxLayout(self)
        body.setContentsMargins(16, 8, 16, 16)
        body.addLayout(side)
        body.addLayout(main, 1)
        self.add_member(show=False)
        self.go(0)

    # -- steps ----------------------------------------------------------------------------

    def add_member(self, show: bool = True) -> StepPage:
        page = StepPage(self.form, "member", self.texts)
        self.members.append(page)
        self.pages.addWidget(page)
        self.steps.addItem("")
        for field_id in ("name_latin", "name_native"):
            editor = page.editors.get(field_id)
            if editor is not None:
                editor.widget.textChanged.connect(self._update_step_titles)  # type: ignore[attr-defined]
        self._update_step_titles()
        if show:
            self.go(len(self.members))
        return page

    def remove_current_member(self) -> None:
        row = self.steps.currentRow()
        if row < 2:  # the household and the first person stay
            return
        page = self.members.pop(row - 1)
        self.pages.removeWidget(page)
        page.deleteLater()
        self.steps.takeItem(row)
        self._update_step_titles()
        self.go(min(row, len(self.members)))

    def _update_step_titles(self) -> None:
        for number, page in enumerate(self.members, start=1):
            name = ""
            for field_id in ("name_native", "name_latin"):
                editor = page.editors.get(field_id)
                if editor is not None and str(editor.value()):
                    name = str(editor.value())
                    break
            person = self.texts.message("kiosk.person", {"count": number})
            self.steps.item(number).setText(f"{person}\n{name}" if name else person)

    def go(self, row: int) -> None:
        row = max(0, min(row, self.steps.count() - 1))
        self.steps.setCurrentRow(row)

    def _show_step(self, row: int) -> None:
        if row < 0:
            return
        self.pages.setCurrentIndex(row)
        last = row == self.steps.count() - 1
        self.next_button.setText(self.texts.phrase("kiosk.finish" if last else "kiosk.next"))
        self.back_button.setEnabled(row > 0)
        self.remove_person_button.setVisible(row >= 2)

    def _next(self) -> None:
        row = self.steps.currentRow()
        if row == self.steps.count() - 1:
            self.finish_requested.emit()
        else:
            self.go(row + 1)

    # -- values ---------------------------------------------------------------------------

    def household_values(self) -> dict[str, object]:
        return self.household.values()

    def member_values(self) -> list[dict[str, object]]:
        return [page.values() for page in self.members]

    def load(self, household: Mapping[str, object], members: Sequence[Mapping[str, object]]) -> None:
        """Fill the form again (after the evacuee changed the language mid-way)."""
        self.household.load(household)
        while len(self.members) < len(members):
            self.add_member(show=False)
        for page, values in zip(self.members, members):
            page.load(values)
        self._update_step_titles()

    def show_problems(
        self, household: Sequence[FieldProblem], members: Sequence[Sequence[FieldProblem]]
    ) -> bool:
        """Mark every problem and go to the first step that has one; True when there were any."""
        pages = [(self.household, household), *zip(self.members, members)]
        first_row: int | None = None
        first_editor: FieldEditor | None = None
        for row, (page, problems) in enumerate(pages):
            editor = page.show_problems(problems, self.texts)
            item = self.steps.item(row)
            item.setForeground(QBrush(_ERROR_COLOUR) if problems else QBrush())
            if editor is not None and first_row is None:
                first_row, first_editor = row, editor
        if first_row is None or first_editor is None:
            self.summary.hide()
            return False
        self.summary.setText(self.texts.phrase("kiosk.check_marked"))
        self.summary.show()
        self.go(first_row)
        page = pages[first_row][0]
        page.widget().layout().activate()
        # The question at the top, so its hint, field and message show below it.
        page.verticalScrollBar().setValue(first_editor.label.y() - 12)
        first_editor.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)
        return True
