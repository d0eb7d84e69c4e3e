"""The Phrasebook page: browse and search phrases in two languages side by side, edit a
translation and mark it reviewed, add a center's own phrases, and the translator round trip.

Everything goes through `services.phrasebook.PhrasebookService`: edits of shipped phrases land in
the workspace's own phrasebook folder, the center's own phrases in the synced database
(docs/phrasebooks.md, "Where edits go"). Japanese is shown without its furigana markup in the
list, where it must read like print; the editor shows the markup, which is what gets saved.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from disastercenter.content.phrasebook import CATEGORIES, Phrase, Review, strip_ruby
from disastercenter.content.roundtrip import ImportPlan, review_of
from disastercenter.core.errors import UserError
from disastercenter.core.languages import LANGUAGES
from disastercenter.services.phrasebook import PhrasebookService, UserPhraseInput
from disastercenter.services.registry import Registry, ValidationError
from disastercenter.ui.dialogs.form_widgets import ERROR_STYLE
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.models import language_name
from disastercenter.ui.widgets import fill_combo

KEY_ROLE = Qt.ItemDataRole.UserRole
#: True for a cell holding Arabic, Persian or Urdu text: laid out right to left.
RTL_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex

#: Category ids and their labels (English source text for tr()).
CATEGORY_LABELS: dict[str, str] = {
    "language_board": "Language board", "reception": "Reception", "rules": "Shelter rules",
    "distribution": "Meals and supplies", "facilities": "Facilities", "safety": "Safety",
    "health": "Health", "answers": "Answers", "numbers": "Numbers", "time": "Time",
    "evacuee": "Evacuee needs", "diet": "Diet", "religion": "Religion", "feelings": "Feelings",
    "notice": "Notices", "form": "Form", "vocab": "Vocabulary", "signs": "Signs",
}
assert set(CATEGORY_LABELS) == set(CATEGORIES)


def category_label(category: str) -> str:
    return tr(CATEGORY_LABELS[category]) if category in CATEGORY_LABELS else category


def language_label(code: str) -> str:
    """`Tiếng Việt（ベトナム語）`: the name readers know, and the one staff know."""
    native = LANGUAGES[code].native_name
    known = language_name(code)
    if known == native:
        return native
    label = f"{native}（{known}）" if i18n.language == "ja" else f"{native} ({known})"
    # Left-to-right mark: an Arabic-script name first must not turn the label around.
    return "\u200e" + label if LANGUAGES[code].is_rtl else label


def review_text(review: Review, has_text: bool) -> str:
    if not has_text:
        return tr("Missing")
    if review.is_reviewed:
        return tr("Reviewed by {reviewer} on {date}", reviewer=review.reviewer, date=review.reviewed_on)
    return tr("Unreviewed")


@dataclass
class PhraseRow:
    key: str
    category: str
    phrase: Phrase
    haystack: str  # key, category and every text, case-folded, for search


class PhraseTableModel(QAbstractTableModel):
    """Every phrase (a few hundred rows: all in memory) with two chosen languages."""

    COLUMNS = ("key", "category", "left", "right", "status")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PhraseRow] = []
        self.left = "ja"
        self.right = "en"

    def set_phrases(self, phrases: list[Phrase]) -> None:
        self.beginResetModel()
        self.rows = [
            PhraseRow(p.key, p.category, p, " ".join(
                [p.key, p.category, category_label(p.category),
                 *(strip_ruby(t) for t in p.texts.values())]
            ).casefold())
            for p in phrases
        ]
        self.endResetModel()

    def set_languages(self, left: str, right: str) -> None:
        self.left, self.right = left, right
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self.rows) - 1, 4))

    def row_of(self, key: str) -> int | None:
        for number, row in enumerate(self.rows):
            if row.key == key:
                return number
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        column = self.COLUMNS[section]
        if column == "left":
            return language_label(self.left)
        if column == "right":
            return language_label(self.right)
        return {"key": tr("Key"), "category": tr("Category"), "status": tr("Review")}[column]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == KEY_ROLE:
            return row.key
        language = self.left if column == "left" else self.right
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == "key":
                return row.key
            if column == "category":
                return category_label(row.category)
            if column == "status":
                return review_text(review_of(row.phrase, self.right), bool(row.phrase.texts.get(self.right)))
            return strip_ruby(row.phrase.texts.get(language, ""))
        if role == RTL_ROLE:
            return column in ("left", "right") and LANGUAGES[language].is_rtl
        if role == Qt.ItemDataRole.ForegroundRole and column == "status":
            from PySide6.QtGui import QColor

            review = review_of(row.phrase, self.right)
            if not row.phrase.texts.get(self.right):
                return QColor("#b00020")
            return QColor("#1b5e20") if review.is_reviewed else QColor("#8a5a00")
        return None


class RightToLeftDelegate(QStyledItemDelegate):
    """Lays out right-to-left cells as right-to-left paragraphs: aligned right, with the final
    full stop on the left, where Arabic readers expect it (a left-to-right view would put it at
    the right end of the Arabic words)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        if index.data(RTL_ROLE):
            option.direction = Qt.LayoutDirection.RightToLeft


class PhraseFilterProxy(QSortFilterProxyModel):
    """Search words (all must match, in the key, category or any language), a category, and
    the review status of the right-hand language."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.category: str | None = None
        self.status: str | None = None  # "reviewed", "unreviewed", "missing"

    def source(self) -> PhraseTableModel:
        model = self.sourceModel()
        assert isinstance(model, PhraseTableModel)
        return model

    def set_filter(self, text: str, category: str | None, status: str | None) -> None:
        self.words = text.casefold().split()
        self.category = category
        self.status = status
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        model = self.source()
        row = model.rows[source_row]
        if self.category and row.category != self.category:
            return False
        if self.status:
            has_text = bool(row.phrase.texts.get(model.right))
            state = "missing" if not has_text else review_of(row.phrase, model.right).status
            if state != self.status:
                return False
        return all(word in row.haystack for word in self.words)

    def key_at(self, index: QModelIndex) -> str | None:
        return self.mapToSource(index).data(KEY_ROLE) if index.isValid() else None


class PhrasebookPage(QWidget):
    data_changed = Signal()

    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self.service = PhrasebookService(registry.ws)
        self.model = PhraseTableModel()
        self.proxy = PhraseFilterProxy()
        self.proxy.setSourceModel(self.model)
        self.current_key: str | None = None

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self, singleShot=True, interval=150)
        self.search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self.search_timer.start())
        self.category_filter = QComboBox()
        self.status_filter = QComboBox()
        self.left_language = QComboBox()
        self.right_language = QComboBox()
        self.swap_button = QPushButton("⇄")
        self.swap_button.setFixedWidth(36)
        self.swap_button.clicked.connect(self.swap_languages)
        for combo in (self.category_filter, self.status_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        for combo in (self.left_language, self.right_language):
            combo.currentIndexChanged.connect(self._languages_changed)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_phrase)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_language)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_language)
        self.export_own_button = QPushButton()
        self.export_own_button.clicked.connect(self.export_own_phrases)
        self.count_label = QLabel()

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(RightToLeftDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((190, 110, 280, 280, 170)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self.show_selected)

        # -- the editor of the selected phrase --
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.left_label = QLabel()
        self.left_text = QLabel()
        self.left_text.setWordWrap(True)
        self.left_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.right_label = QLabel()
        self.right_text = QPlainTextEdit()
        self.right_text.setMaximumHeight(110)
        self.review_label = QLabel()
        self.reviewer = QLineEdit()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_text)
        self.review_button = QPushButton()
        self.review_button.clicked.connect(self.mark_reviewed)
        self.unreview_button = QPushButton()
        self.unreview_button.clicked.connect(self.mark_unreviewed)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.where_label = QLabel()
        self.where_label.setWordWrap(True)
        self.where_label.setStyleSheet("color: #555;")
        for big in (self.left_text, self.right_text):
            font = QFont(big.font())
            font.setPointSizeF(font.pointSizeF() * 1.25)
            big.setFont(font)

        editor = QWidget()
        form = QFormLayout(editor)
        form.addRow(self.title)
        form.addRow(self.left_label, self.left_text)
        form.addRow(self.right_label, self.right_text)
        form.addRow("", self.review_label)
        self.reviewer_label = QLabel()
        form.addRow(self.reviewer_label, self.reviewer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.review_button)
        buttons.addWidget(self.unreview_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        form.addRow(self.error)
        form.addRow(self.where_label)

        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.category_filter, 1)
        top.addWidget(self.status_filter, 1)
        pair = QHBoxLayout()
        self.pair_label = QLabel()
        pair.addWidget(self.pair_label)
        pair.addWidget(self.left_language)
        pair.addWidget(self.swap_button)
        pair.addWidget(self.right_language)
        pair.addStretch(1)
        pair.addWidget(self.new_button)
        pair.addWidget(self.export_button)
        pair.addWidget(self.import_button)
        pair.addWidget(self.export_own_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(pair)
        layout.addWidget(self.count_label)
        layout.addWidget(splitter, 1)

        self._fill_languages("ja", "en")
        self.retranslate()
        self.reload()

    # -- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.search.setPlaceholderText(tr("Search phrases: key, category or text in any language"))
        self.pair_label.setText(tr("Languages"))
        self.swap_button.setToolTip(tr("Swap the two languages"))
        self.new_button.setText(tr("New phrase…"))
        self.export_button.setText(tr("Export for translators…"))
        self.import_button.setText(tr("Import translations…"))
        self.export_own_button.setText(tr("Export own phrases…"))
        self.reviewer_label.setText(tr("Reviewer"))
        self.reviewer.setPlaceholderText(tr("Name of the person who checked the text"))
        self.save_button.setText(tr("Save text"))
        self.review_button.setText(tr("Mark reviewed"))
        self.unreview_button.setText(tr("Mark unreviewed"))
        fill_combo(self.category_filter, tr("All categories"),
                         sorted(((c, category_label(c)) for c in CATEGORIES), key=lambda i: i[1]))
        fill_combo(self.status_filter, tr("Any review status"), [
            ("unreviewed", tr("Unreviewed")), ("reviewed", tr("Reviewed")), ("missing", tr("Missing")),
        ])
        self._fill_languages(self.left_language.currentData() or "ja",
                             self.right_language.currentData() or "en")
        self.show_selected()

    def _fill_languages(self, left: str, right: str) -> None:
        for combo, chosen in ((self.left_language, left), (self.right_language, right)):
            combo.blockSignals(True)
            combo.clear()
            for code in LANGUAGES:
                combo.addItem(language_label(code), code)
            combo.setCurrentIndex(combo.findData(chosen))
            combo.blockSignals(False)
        self.model.set_languages(left, right)

    # -- data -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the phrases again (after an edit here or an import) and keep the selection."""
        keep = self.current_key
        self.model.set_phrases(list(self.service.phrasebook().phrases.values()))
        self.apply_filter()
        if keep:
            self.select_key(keep)

    def refresh(self) -> None:
        self.retranslate()
        self.reload()

    def apply_filter(self) -> None:
        self.search_timer.stop()
        self.proxy.set_filter(self.search.text(), self.category_filter.currentData(),
                              self.status_filter.currentData())
        self.count_label.setText(tr("{shown} of {total} phrases", shown=self.proxy.rowCount(),
                                    total=self.model.rowCount()))

    def set_languages(self, left: str, right: str) -> None:
        self._fill_languages(left, right)
        self.apply_filter()
        self.show_selected()

    def _languages_changed(self) -> None:
        self.set_languages(self.left_language.currentData(), self.right_language.currentData())

    def swap_languages(self) -> None:
        self.set_languages(self.model.right, self.model.left)

    def select_key(self, key: str) -> bool:
        row = self.model.row_of(key)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return True

    def selected_phrase(self) -> Phrase | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        key = self.proxy.key_at(rows[0])
        row = self.model.row_of(key) if key else None
        return self.model.rows[row].phrase if row is not None else None

    def show_selected(self) -> None:
        phrase = self.selected_phrase()
        self.error.hide()
        left, right = self.model.left, self.model.right
        self.left_label.setText(language_label(left))
        self.right_label.setText(language_label(right))
        for widget, code in ((self.left_text, left), (self.right_text, right)):
            rtl = LANGUAGES[code].is_rtl
            widget.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        # A text editor lays out its document by the document's own option, not the widget's.
        option = self.right_text.document().defaultTextOption()
        rtl = LANGUAGES[right].is_rtl
        option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        option.setAlignment(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
        self.right_text.document().setDefaultTextOption(option)
        enabled = phrase is not None
        for widget in (self.right_text, self.save_button, self.review_button, self.unreview_button):
            widget.setEnabled(enabled)
        if phrase is None:
            self.current_key = None
            self.title.setText(html.escape(tr("Select a phrase to see and edit it.")))
            self.left_text.clear()
            self.right_text.setPlainText("")
            self.review_label.clear()
            self.where_label.clear()
            return
        self.current_key = phrase.key
        details = [f"<b>{html.escape(phrase.key)}</b>", html.escape(category_label(phrase.category))]
        if phrase.placeholders:
            details.append(html.escape(" ".join(f"{{{n}}}" for n in phrase.placeholders)))
        if phrase.note:
            details.append(f"<i>{html.escape(phrase.note)}</i>")
        self.title.setText(" · ".join(details))
        self.left_text.setText(strip_ruby(phrase.texts.get(left, "")) or tr("Missing"))
        # The editor holds exactly what is saved: Japanese keeps its {漢字|かんじ} markup.
        self.right_text.setPlainText(phrase.texts.get(right, ""))
        review = review_of(phrase, right)
        self.review_label.setText(review_text(review, bool(phrase.texts.get(right))))
        self.unreview_button.setEnabled(review.is_reviewed)
        if self.service.is_user_key(phrase.key):
            self.where_label.setText(tr("This workspace's own phrase: changes are synced with the other devices."))
        else:
            self.where_label.setText(tr("Changes are saved for this workspace in {path}; the shipped phrasebook stays as it is.",
                                        path=str(self.service.override_dir)))

    # -- editing ----------------------------------------------------------------------------

    def _run(self, action) -> bool:  # type: ignore[no-untyped-def]
        """Call a service; show validation problems under the editor, other errors in a box."""
        self.error.hide()
        try:
            action()
        except ValidationError as exc:
            self.error.setText(" ".join(i18n.message(p.key, p.params) for p in exc.problems))
            self.error.show()
            return False
        except UserError as exc:
            QMessageBox.critical(self, tr("Could not save"), exc.message(i18n.language))
            return False
        self.reload()
        self.data_changed.emit()
        return True

    def save_text(self) -> bool:
        """Save the edited text (unreviewed: a changed text needs a review again)."""
        phrase = self.selected_phrase()
        if phrase is None:
            return False
        text = self.right_text.toPlainText()
        return self._run(lambda: self.service.set_text(phrase.key, self.model.right, text))

    def mark_reviewed(self) -> bool:
        """Save the text as shown, reviewed by the name in the reviewer field."""
        phrase = self.selected_phrase()
        if phrase is None:
            return False
        reviewer = self.reviewer.text().strip()
        if not reviewer:
            self.error.setText(i18n.message("phrase.reviewer_required"))
            self.error.show()
            self.reviewer.setFocus()
            return False
        text = self.right_text.toPlainText()
        return self._run(lambda: self.service.set_text(phrase.key, self.model.right, text, reviewer=reviewer))

    def mark_unreviewed(self) -> bool:
        phrase = self.selected_phrase()
        if phrase is None:
            return False
        return self._run(lambda: self.service.set_review(phrase.key, self.model.right, None))

    def new_phrase(self) -> str | None:
        dialog = UserPhraseDialog(self.service, self)
        if not dialog.exec() or not dialog.saved_key:
            return None
        self.reload()
        self.search.clear()
        self.apply_filter()
        self.select_key(dialog.saved_key)
        self.data_changed.emit()
        return dialog.saved_key

    # -- the translator round trip -----------------------------------------------------------

    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            parent, tr("Export for translators"), suggested, tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        return path

    @classmethod
    def ask_open_path(cls, parent: QWidget) -> str:
        path, _ = QFileDialog.getOpenFileName(
            parent, tr("Import translations"), "", tr("Translations (*.xlsx *.csv)"),
        )
        return path

    @classmethod
    def ask_folder(cls, parent: QWidget) -> str:
        return QFileDialog.getExistingDirectory(parent, tr("Export own phrases into an empty folder"))

    @classmethod
    def ask_reviewer(cls, parent: QWidget, suggested: str) -> str | None:
        name, ok = QInputDialog.getText(
            parent, tr("Import translations"),
            tr("Reviewer (recorded on every changed entry):"), text=suggested,
        )
        return name if ok else None

    def export_language(self) -> Path | None:
        language = self.model.right
        suggested = str(Path.home() / f"phrases-{language}.xlsx")
        chosen = self.ask_save_path(self, suggested)
        if not chosen:
            return None
        path = Path(chosen)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in ("xlsx", "csv"):
            path, fmt = path.with_suffix(".xlsx"), "xlsx"
        # A few hundred rows: a fraction of a second, no worker thread needed.
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            rows = self.service.export_translations(language, path, fmt)
        except UserError as exc:
            QMessageBox.critical(self, tr("Could not export"), exc.message(i18n.language))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        QMessageBox.information(self, tr("Exported"), tr("{rows} phrases in {language} written to {path}",
                                rows=rows, language=language_label(language), path=str(path)))
        return path

    def import_language(self) -> int | None:
        chosen = self.ask_open_path(self)
        if not chosen:
            return None
        reviewer = self.ask_reviewer(self, self.reviewer.text())
        if reviewer is None:
            return None
        language = self.model.right
        try:
            plan = self.service.plan_import(Path(chosen), language, reviewer)
        except UserError as exc:
            QMessageBox.critical(self, tr("Could not import"), exc.message(i18n.language))
            return None
        dialog = ImportPreviewDialog(plan, self)
        if not dialog.exec():
            return None
        try:
            written = self.service.apply_import(plan)
        except UserError as exc:
            QMessageBox.critical(self, tr("Could not import"), exc.message(i18n.language))
            return None
        self.reviewer.setText(reviewer)
        self.reload()
        self.data_changed.emit()
        return written

    def export_own_phrases(self) -> Path | None:
        chosen = self.ask_folder(self)
        if not chosen:
            return None
        try:
            result = self.service.export_user_phrases(Path(chosen))
        except UserError as exc:
            QMessageBox.critical(self, tr("Could not export"), exc.message(i18n.language))
            return None
        lines = [tr("{count} phrases written to {path}", count=result.phrases, path=str(result.folder))]
        if result.incomplete:
            lines.append(tr("Not written (some phrases untranslated): {languages}",
                            languages=", ".join(language_label(c) for c in result.incomplete)))
        QMessageBox.information(self, tr("Exported"), "\n".join(lines))
        return result.folder


class ImportPreviewDialog(QDialog):
    """What an import will change, row by row, before anything is written."""

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Import translations"))
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        self.summary = QLabel(plan.summary(i18n.language))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlainText("\n".join(plan.preview(i18n.language)) or tr("Nothing to change."))
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setText(tr("Apply {count} changes", count=len(plan.changes)))
        self.apply_button.setEnabled(bool(plan.changes))
        self.apply_button.clicked.connect(self.accept)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class UserPhraseDialog(QDialog):
    """A new phrase of this workspace: category, Japanese with furigana, やさしい日本語, English."""

    FIELDS = (("ja", "Japanese"), ("ja_easy", "Easy Japanese"), ("en", "English"))

    def __init__(self, service: PhrasebookService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.saved_key: str | None = None
        self.setWindowTitle(tr("New phrase"))
        self.resize(620, 460)
        layout = QFormLayout(self)
        self.category = QComboBox()
        for category in sorted(CATEGORIES, key=category_label):
            self.category.addItem(category_label(category), category)
        self.category.setCurrentIndex(self.category.findData("notice"))
        layout.addRow(tr("Category"), self.category)
        self.editors: dict[str, QLineEdit] = {}
        hints = {
            "ja": tr("Furigana on every kanji: {水|みず}を{配|くば}ります"),
            "ja_easy": tr("Short, plain words with spaces: {水|みず}を くばります"),
            "en": tr("Placeholders by type: {time} {date} {place} {count} {text}"),
        }
        for name, label in self.FIELDS:
            editor = QLineEdit()
            editor.setPlaceholderText(hints[name])
            self.editors[name] = editor
            layout.addRow(tr(label), editor)
        self.key = QLineEdit()
        self.key.setPlaceholderText(tr("Optional, e.g. user.bus_times (made from the English)"))
        layout.addRow(tr("Key"), self.key)
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("For translators: where it is used, tone, length"))
        layout.addRow(tr("Note"), self.note)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def value(self) -> UserPhraseInput:
        return UserPhraseInput(
            self.category.currentData(), self.editors["ja"].text(), self.editors["ja_easy"].text(),
            self.editors["en"].text(), key=self.key.text(), note=self.note.text(),
        )

    def save(self) -> bool:
        labels = {name: tr(label) for name, label in self.FIELDS}
        labels.update(key=tr("Key"), category=tr("Category"))
        try:
            self.saved_key = self.service.add_user_phrase(self.value())
        except ValidationError as exc:
            self.error.setText("\n".join(
                f"{labels.get(p.field, p.field)}: {i18n.message(p.key, p.params)}" for p in exc.problems
            ))
            self.error.show()
            return False
        except UserError as exc:
            QMessageBox.critical(self, tr("Could not save"), exc.message(i18n.language))
            return False
        self.accept()
        return True
