"""The Print centre page: choose what to print, languages, paper and options; see a live preview;
print through the system print dialog or save as PDF. The kit is saved as a folder of PDFs.

Everything that draws runs on worker threads (one at a time: the layout caches are shared),
with progress and Cancel for long jobs; the GUI thread only reads the registry (cards) and
shows results. A cancelled job writes nothing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import uuid
import weakref
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QShortcut,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from disastercenter.core.errors import UserError
from disastercenter.core.languages import LANGUAGES
from disastercenter.printing.fonts import default_fonts_dir
from disastercenter.services.print_centre import LanguageChoice, language_choices
from disastercenter.services.printing import PrintCancelled, PrintResult, kit_parts
from disastercenter.services.registry import Registry
from disastercenter.ui.background import BackgroundTask
from disastercenter.ui.dialogs.form_widgets import ERROR_STYLE
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.icons import mdi_icon
from disastercenter.ui.printables import (
    PRINTABLES,
    Options,
    Printable,
    PrintContext,
    PrintOptions,
    describe,
)

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
#: Pages are rendered for the printer at this resolution at most (A4 at 300 dpi: 35 MB).
PRINT_DPI = 300
#: Quiet time after the last change before the preview is drawn again.
PREVIEW_DELAY_MS = 350

#: One drawing job at a time, whatever thread it runs on.
_DRAWING = threading.Lock()

Work = Callable[[Callable[[int, int, str], None], Callable[[], bool]], object]


class PrintJob(BackgroundTask):
    """A drawing job on a worker thread with progress (done, total, label) and cancel."""

    progress = Signal(int, int, str)

    def __init__(self, work: Work) -> None:
        super().__init__(lambda: self._locked(work))

    def _locked(self, work: Work) -> object:
        with _DRAWING:
            if self.cancelled:
                raise PrintCancelled()
            return work(self.progress.emit, lambda: self.cancelled)


def _to_place(run: Callable[[Path], object], target: Path, cancelled: Callable[[], bool]) -> object:
    """`run(temp)` beside `target`, then moved over it, unless cancelled meanwhile: a
    cancelled or failed save leaves `target` as it was."""
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        result = run(temp)
        if cancelled():
            raise PrintCancelled()
        try:
            os.replace(temp, target)
        except OSError as exc:
            raise UserError("print.cannot_write", path=str(target),
                            detail=exc.strerror or str(exc)) from exc
        if isinstance(result, PrintResult):
            result = PrintResult(target, result.pages, result.warnings)
        return result
    finally:
        temp.unlink(missing_ok=True)


def paint_pdf(path: Path, printer: QPrinter, progress: Callable[[int, int, str], None],
              cancelled: Callable[[], bool]) -> int:
    """Print the pages of the PDF `path` on `printer` (on a worker thread: Qt paints on
    printers from any thread). Returns the number of pages."""
    document = QPdfDocument()
    document.load(str(path))
    if document.status() != QPdfDocument.Status.Ready:
        raise UserError("print.cannot_print", detail=str(document.error()))
    count = document.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("print.cannot_print", detail=printer.printerName() or printer.outputFileName())
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        for index in range(count):
            if cancelled():
                printer.abort()
                raise PrintCancelled()
            if index:
                printer.newPage()
            points = document.pagePointSize(index)
            image = document.render(index, QSize(round(points.width() * dpi / 72),
                                                 round(points.height() * dpi / 72)))
            area = painter.viewport()
            scale = min(area.width() / image.width(), area.height() / image.height())
            width, height = round(image.width() * scale), round(image.height() * scale)
            target = QRect((area.width() - width) // 2, (area.height() - height) // 2, width, height)
            painter.drawImage(target, image)
            progress(index + 1, count, "")
    finally:
        painter.end()
        document.close()
    return count


class LanguageListModel(QAbstractTableModel):
    """The languages with their names, check marks and what stops them from printing.

    Columns: native name and code (checkable), Japanese and English names, status (review
    state, or why it cannot print). Unprintable languages are disabled. `toggled` reports a
    check mark the user set; the page decides and calls `show`."""

    toggled = Signal(str, bool)
    CODES: tuple[str, ...] = tuple(LANGUAGES)

    def __init__(self, status: Callable[[str], tuple[str, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.status = status  # code -> (text, colour)
        self.usable: Callable[[str], bool] = lambda code: True
        self.chosen: list[str] = []
        self.headers = ("", "", "")

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.CODES)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def show(self, chosen: list[str], usable: Callable[[str], bool], headers: tuple[str, str, str]) -> None:
        self.chosen, self.usable, self.headers = list(chosen), usable, headers
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        self.dataChanged.emit(self.index(0, 0), self.index(len(self.CODES) - 1, 2))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        code = self.CODES[index.row()]
        if not self.usable(code):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        code = self.CODES[index.row()]
        lang = LANGUAGES[code]
        column = index.column()
        if role == CODE_ROLE:
            return code
        if role == SEARCH_ROLE:
            return " ".join((code, lang.native_name, lang.name_ja, lang.name_en))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return f"{lang.native_name} ({code})"
            if column == 1:
                return f"{lang.name_ja} · {lang.name_en}"
            return self.status(code)[0]
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return QColor(self.status(code)[1])
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            checked = code in self.chosen and self.usable(code)
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        self.toggled.emit(self.CODES[index.row()], checked)
        return True


class PrintCentrePage(QWidget):
    #: A job ended: ("saved" | "printed" | "failed" | "cancelled", message)
    job_finished = Signal(str, str)
    #: A preview was shown (its page count) or could not be made (-1).
    preview_updated = Signal(int)

    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self.registry = registry
        self.context = PrintContext(registry)
        self.choices: dict[str, LanguageChoice] = {}
        self.fonts_dir: Path | None = self._initial_fonts_dir()
        self.fonts_task: BackgroundTask | None = None
        self.preview_task: PrintJob | None = None
        self._preview_again = False
        self._wanted = 0  # preview requests so far; a result for an older one is dropped
        self._preview_serial = 0
        self._preview_path: Path | None = None
        self.preview_result: PrintResult | None = None
        self.job: PrintJob | None = None
        self._job_kind = ""
        self._temp = Path(tempfile.mkdtemp(prefix="disastercenter-print-"))
        weakref.finalize(self, shutil.rmtree, self._temp, True)

        # what
        self.what = QListWidget()
        self.what.setIconSize(QSize(28, 28))
        self.what.setMinimumWidth(190)
        self.what.setMaximumWidth(260)
        self.what.setStyleSheet("QListWidget::item { padding: 6px; }")
        for item in PRINTABLES:
            row = QListWidgetItem(mdi_icon(item.icon), "")
            row.setData(Qt.ItemDataRole.UserRole, item.key)
            self.what.addItem(row)

        # languages
        self.languages_box = QGroupBox()
        self.language_search = QLineEdit()
        self.language_search.setClearButtonEnabled(True)
        self.language_model = LanguageListModel(self._language_status, self)
        self.language_proxy = QSortFilterProxyModel(self)
        self.language_proxy.setSourceModel(self.language_model)
        self.language_proxy.setFilterRole(SEARCH_ROLE)
        self.language_proxy.setFilterKeyColumn(0)
        self.language_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.language_view = QTreeView()
        self.language_view.setModel(self.language_proxy)
        self.language_view.setRootIsDecorated(False)
        self.language_view.setUniformRowHeights(True)
        self.language_view.setAlternatingRowColors(True)
        self.language_view.setMinimumHeight(240)
        self.language_view.header().setStretchLastSection(True)
        for column, width in enumerate((165, 200)):
            self.language_view.setColumnWidth(column, width)
        self.language_search.textChanged.connect(self.language_proxy.setFilterFixedString)
        self.language_model.toggled.connect(self._language_toggled)
        self.chosen_label = QLabel()
        self.chosen_label.setWordWrap(True)
        languages = QVBoxLayout(self.languages_box)
        languages.addWidget(self.language_search)
        languages.addWidget(self.language_view, 1)
        languages.addWidget(self.chosen_label)

        # paper
        self.paper_box = QGroupBox()
        self.paper = QComboBox()
        self.orientation = QComboBox()
        self.orientation.addItem("", "portrait")
        self.orientation.addItem("", "landscape")
        paper = QFormLayout(self.paper_box)
        paper.addRow(QLabel(), self.paper)
        paper.addRow(QLabel(), self.orientation)
        self.paper_form = paper
        self.paper.currentIndexChanged.connect(self.schedule_preview)
        self.orientation.currentIndexChanged.connect(self.schedule_preview)

        # options
        self.options_box = QGroupBox()
        self.options_stack = QStackedWidget()
        self.option_widgets: dict[str, PrintOptions] = {}
        for item in PRINTABLES:
            widget = item.options(self.context)
            widget.changed.connect(self._options_changed)
            self.option_widgets[item.key] = widget
            self.options_stack.addWidget(widget)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        options = QVBoxLayout(self.options_box)
        options.addWidget(self.hint)
        options.addWidget(self.options_stack)

        # fonts
        self.fonts_label = QLabel()
        self.fonts_label.setWordWrap(True)
        self.fonts_label.setStyleSheet("color: #555;")
        self.fonts_button = QPushButton()
        self.fonts_button.clicked.connect(self.choose_fonts_dir)
        fonts = QHBoxLayout()
        fonts.addWidget(self.fonts_label, 1)
        fonts.addWidget(self.fonts_button)

        settings = QWidget()
        column = QVBoxLayout(settings)
        column.addWidget(self.languages_box, 1)
        column.addWidget(self.paper_box)
        column.addWidget(self.options_box)
        column.addLayout(fonts)
        column.addStretch(0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(settings)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(420)

        # actions and messages
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(lambda: self.print_document())
        self.save_button = QPushButton()
        self.save_button.clicked.connect(lambda: self.save())
        self.progress = QProgressBar()
        self.progress.hide()
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel_job)
        self.cancel_button.hide()
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.cancel_button)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(scroll, 1)
        middle_layout.addWidget(self.message)
        middle_layout.addLayout(actions)

        # preview
        self.pdf = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("background: #6b6f76;")
        self.kit_files = QTextBrowser()
        self.preview_stack = QStackedWidget()
        self.preview_stack.addWidget(self.view)
        self.preview_stack.addWidget(self.kit_files)
        self.preview_status = QLabel()
        self.preview_status.setWordWrap(True)
        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.preview_status)
        preview_layout.addWidget(self.preview_stack, 1)

        splitter = QSplitter()
        splitter.addWidget(self.what)
        splitter.addWidget(middle)
        splitter.addWidget(preview)
        splitter.setStretchFactor(2, 1)
        splitter.setCollapsible(0, False)
        splitter.setSizes([210, 540, 650])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.render_preview)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=lambda: self.print_document())
        QShortcut(QKeySequence.StandardKey.Save, self, activated=lambda: self.save())

        self._chosen: dict[str, list[str]] = {p.key: list(p.default_languages) for p in PRINTABLES}
        self.what.currentRowChanged.connect(self._printable_changed)
        self.retranslate()
        self.what.setCurrentRow(0)
        self.check_fonts()

    # -- state ----------------------------------------------------------------------------

    @property
    def current(self) -> Printable:
        return PRINTABLES[max(0, self.what.currentRow())]

    @property
    def current_options(self) -> PrintOptions:
        return self.option_widgets[self.current.key]

    def chosen_languages(self) -> list[str]:
        return list(self._chosen[self.current.key]) if self.current.languages != "none" else []

    def language_limit(self) -> int:
        item = self.current
        if item.languages == "one":
            return 1
        return self.current_options.language_limit() or item.max_languages

    def select(self, key: str) -> None:
        """Show the printable `key`."""
        for row, item in enumerate(PRINTABLES):
            if item.key == key:
                self.what.setCurrentRow(row)
                return
        raise KeyError(key)

    def set_languages(self, codes: list[str]) -> None:
        """Choose these languages (in this order) for the current printable."""
        self._chosen[self.current.key] = list(codes)
        self._show_languages()
        self.schedule_preview()

    def set_person_selection(self, selected: Callable[[], list[str]]) -> None:
        """Where "the selected persons" come from (the Evacuees page's selection)."""
        self.context.selected_persons = selected

    def problems(self) -> list[str]:
        """What stops the current choice from printing, in the UI language."""
        item = self.current
        found: list[str] = []
        langs = self.chosen_languages()
        if item.languages != "none":
            if not langs:
                found.append(UserError("print.no_languages").message(i18n.language))
            elif len(langs) > self.language_limit():
                found.append(UserError("print.too_many_languages", count=len(langs),
                                       limit=self.language_limit()).message(i18n.language))
            blocked = [self.choices[c] for c in langs if c in self.choices and not self.choices[c].printable]
            if blocked:
                found.append(tr("Cannot print in {languages}: {reason}",
                                languages=", ".join(c.native_name for c in blocked),
                                reason="; ".join(self._font_reason(c) for c in blocked)))
        found.extend(self.current_options.problems())
        return found

    def options(self) -> Options:
        """The options of the current printable, with what `prepare` reads from the registry.
        Raises UserError."""
        item = self.current
        values: Options = {
            "langs": self.chosen_languages(),
            "paper": self.paper.currentData() or "A4",
            "orientation": (self.orientation.currentData()
                            if len(item.orientations) > 1 else item.orientations[0]),
            "fonts_dir": self.fonts_dir,
            **self.current_options.values(),
        }
        if item.prepare is not None:
            values = item.prepare(values, self.registry)
        return values

    # -- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        for row, item in enumerate(PRINTABLES):
            self.what.item(row).setText(tr(item.title))
        self.languages_box.setTitle(tr("Languages"))
        self.language_search.setPlaceholderText(tr("Search: name in any language or code"))
        self.paper_box.setTitle(tr("Paper"))
        self._form_label(self.paper_form, 0, tr("Size"))
        self._form_label(self.paper_form, 1, tr("Orientation"))
        self.orientation.setItemText(0, tr("Portrait"))
        self.orientation.setItemText(1, tr("Landscape"))
        self.options_box.setTitle(tr("Options"))
        self.fonts_button.setText(tr("Fonts folder…"))
        self.print_button.setToolTip("Ctrl+P")
        self.save_button.setToolTip("Ctrl+S")
        self.print_button.setText(tr("Print…"))
        self.cancel_button.setText(tr("Cancel"))
        for widget in self.option_widgets.values():
            widget.retranslate()
        self._show_fonts_dir()
        self._show_languages()
        self._show_printable_texts()

    @staticmethod
    def _form_label(form: QFormLayout, row: int, text: str) -> None:
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if label is not None and isinstance(label.widget(), QLabel):
            label.widget().setText(text)  # type: ignore[union-attr]

    def _show_printable_texts(self) -> None:
        item = self.current
        self.hint.setText(tr(item.hint) if item.hint else "")
        self.save_button.setText(tr("Save kit to folder…") if item.output == "folder"
                                 else tr("Save as PDF…"))

    def _show_fonts_dir(self) -> None:
        if self.fonts_dir is None:
            self.fonts_label.setText(tr("Fonts: the system's fonts"))
        else:
            self.fonts_label.setText(tr("Fonts folder: {folder}, then the system's fonts",
                                        folder=str(self.fonts_dir)))

    def _font_reason(self, choice: LanguageChoice) -> str:
        if choice.no_font:
            return tr("no font for its script")
        sample = choice.missing[:8] + ("…" if len(choice.missing) > 8 else "")
        return tr("{count} letters missing ({letters})", count=len(choice.missing), letters=sample)

    def _review_text(self, choice: LanguageChoice) -> str:
        if choice.review_state == "reviewed":
            return tr("reviewed")
        if choice.review_state == "partly":
            return tr("{percent}% reviewed", percent=choice.reviewed * 100 // max(1, choice.total))
        return tr("unreviewed")

    def _language_status(self, code: str) -> tuple[str, str]:
        """(text, colour) of the status column: the review state, or why it cannot print."""
        choice = self.choices.get(code)
        if choice is None:
            return tr("checking fonts…"), "#555555"
        if not choice.printable:
            return tr("cannot print: {reason}", reason=self._font_reason(choice)), "#b00020"
        colour = "#1b5e20" if choice.review_state == "reviewed" else "#8a5a00"
        return self._review_text(choice), colour

    def _show_languages(self) -> None:
        """Texts, check marks and enabled state of the language list for the current
        printable."""
        item = self.current
        chosen = self._chosen[item.key]
        self.language_model.show(
            chosen, lambda code: code not in self.choices or self.choices[code].printable,
            (tr("Language"), tr("Japanese · English"), tr("Translations")))
        self.languages_box.setVisible(item.languages != "none")
        if item.languages == "one":
            rule = tr("Choose the evacuee's language.")
        else:
            rule = tr("At most {limit} languages, in the order ticked.", limit=self.language_limit())
        names = ", ".join(LANGUAGES[c].native_name for c in chosen) or "—"
        self.chosen_label.setText(f"{rule}\n{tr('Chosen: {names}', names=names)}")

    # -- reacting -------------------------------------------------------------------------

    def _printable_changed(self, _row: int) -> None:
        item = self.current
        self.options_stack.setCurrentWidget(self.current_options)
        self.current_options.refresh()
        paper = self.paper.currentData()
        self.paper.blockSignals(True)
        self.paper.clear()
        for size in item.papers:
            self.paper.addItem(size, size)
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))
        self.paper.blockSignals(False)
        self.paper_form.setRowVisible(1, len(item.orientations) > 1)
        self.print_button.setEnabled(item.output == "pdf" and self.job is None)
        self.message.clear()
        self._show_printable_texts()
        self._show_languages()
        self.preview_stack.setCurrentIndex(1 if item.output == "folder" else 0)
        self.render_preview()

    def _options_changed(self) -> None:
        if self.sender() is self.current_options:
            self._show_languages()  # the limit may have changed (one language per page)
            self.schedule_preview()

    def _language_toggled(self, code: str, checked: bool) -> None:
        item = self.current
        chosen = self._chosen[item.key]
        if checked and code not in chosen:
            if item.languages == "one":
                chosen[:] = [code]
            elif len(chosen) >= self.language_limit():
                self.show_message(tr("At most {limit} languages: untick one first.",
                                     limit=self.language_limit()), error=True)
                self._show_languages()
                return
            else:
                chosen.append(code)
        elif not checked and code in chosen:
            chosen.remove(code)
        self.message.clear()
        self._show_languages()
        self.schedule_preview()

    def refresh(self) -> None:
        """After a language switch or a change elsewhere (shelters, persons)."""
        self.current_options.refresh()
        self.retranslate()
        self.schedule_preview()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # The selection on the Evacuees page may have changed meanwhile (cards).
        self.current_options.refresh()
        super().showEvent(event)

    def shutdown(self) -> None:
        """The window is closing: cancel what runs on other threads and wait for it to stop
        (a cancelled kit stops after the files being drawn; nothing of it is kept)."""
        self.preview_timer.stop()
        tasks = [t for t in (self.preview_task, self.job, self.fonts_task) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            task.wait(30_000)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "color: #1b5e20;")
        self.message.setText(text)

    # -- fonts ----------------------------------------------------------------------------

    def _initial_fonts_dir(self) -> Path | None:
        from disastercenter.ui.app import app_settings

        chosen = app_settings().value("print/fonts_dir")
        if chosen and Path(str(chosen)).is_dir():
            return Path(str(chosen))
        return default_fonts_dir(self.registry.ws.path)

    def choose_fonts_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Fonts folder"),
                                                  str(self.fonts_dir or Path.home()))
        if folder:
            self.set_fonts_dir(Path(folder))

    def set_fonts_dir(self, folder: Path | None) -> None:
        """Use the fonts in `folder` first (remembered in the settings) and check again
        which languages can be printed."""
        from disastercenter.ui.app import app_settings

        self.fonts_dir = folder
        settings = app_settings()
        settings.setValue("print/fonts_dir", str(folder) if folder else "")
        settings.sync()
        self._show_fonts_dir()
        self.check_fonts()

    def check_fonts(self) -> None:
        """Find out, off the GUI thread, which languages the fonts can print."""
        if self.fonts_task is not None:
            self.fonts_task.cancel()
        self.choices = {}
        self._show_languages()
        folder = self.fonts_dir

        def check() -> list[LanguageChoice]:
            with _DRAWING:  # the fonts are shared with drawing
                return language_choices(folder)

        task = BackgroundTask(check)
        task.finished_ok.connect(self._fonts_checked)
        task.failed.connect(lambda exc: self.show_message(describe(exc), error=True))
        task.finished.connect(lambda: self._fonts_check_ended(task))
        self.fonts_task = task
        task.start()

    def _fonts_check_ended(self, task: BackgroundTask) -> None:
        if self.fonts_task is task:
            self.fonts_task = None

    def _fonts_checked(self, choices: list[LanguageChoice]) -> None:
        self.choices = {c.code: c for c in choices}
        for key, chosen in self._chosen.items():  # defaults that cannot print are dropped
            chosen[:] = [c for c in chosen if self.choices.get(c) is None or self.choices[c].printable]
        self._show_languages()
        self.schedule_preview()

    # -- preview --------------------------------------------------------------------------

    def schedule_preview(self) -> None:
        self.preview_timer.start()

    def render_preview(self) -> None:
        """Draw the current choice into a temporary PDF off the GUI thread and show it."""
        self.preview_timer.stop()
        item = self.current
        if item.output == "folder":
            self._wanted += 1
            self._show_kit_files()
            return
        self._wanted += 1  # whatever is being drawn now is out of date
        problems = self.problems()
        if problems:
            self._preview_failed_with("\n".join(problems))
            return
        if self.preview_task is not None:
            # Out of date: it stops at its next page and the preview is drawn again.
            self.preview_task.cancel()
            self._preview_again = True
            return
        try:
            options = self.options()
        except UserError as exc:
            self._preview_failed_with(describe(exc))
            return
        self._preview_serial += 1
        path = self._temp / f"preview-{self._preview_serial}.pdf"
        wanted = self._wanted
        task = PrintJob(lambda report, cancelled: item.run(options, path, report, cancelled))
        task.finished_ok.connect(lambda result: self._preview_ready(path, result, wanted))
        task.failed.connect(lambda exc: self._preview_failed(exc, wanted))
        task.finished.connect(self._preview_ended)
        self.preview_task = task
        self.preview_status.setStyleSheet("")
        self.preview_status.setText(tr("Preparing the preview…"))
        task.start()

    def _preview_ready(self, path: Path, result: object, wanted: int) -> None:
        if wanted != self._wanted:  # the choice changed while drawing
            path.unlink(missing_ok=True)
            return
        old = self._preview_path
        self.pdf.load(str(path))
        self._preview_path = path
        if old is not None and old != path:
            try:
                old.unlink(missing_ok=True)
            except OSError:  # still open elsewhere (Windows); the folder goes at exit
                pass
        self.preview_result = result if isinstance(result, PrintResult) else None
        pages = self.pdf.pageCount()
        text = tr("Preview: 1 page") if pages == 1 else tr("Preview: {pages} pages", pages=pages)
        warnings = self.preview_result.warnings if self.preview_result else []
        if warnings:
            text += "\n" + tr("Warnings: {warnings}", warnings="; ".join(warnings[:5]))
        self.preview_status.setStyleSheet("color: #8a5a00;" if warnings else "")
        self.preview_status.setText(text)
        self.preview_updated.emit(pages)

    def _preview_failed(self, exc: BaseException, wanted: int) -> None:
        if wanted == self._wanted:
            self._preview_failed_with(describe(exc))

    def _preview_failed_with(self, text: str) -> None:
        self.pdf.close()
        self.preview_result = None
        self.preview_status.setStyleSheet(ERROR_STYLE)
        self.preview_status.setText(text)
        self.preview_updated.emit(-1)

    def _preview_ended(self) -> None:
        self.preview_task = None
        if self._preview_again:
            self._preview_again = False
            self.render_preview()

    def _show_kit_files(self) -> None:
        import html

        problems = self.problems()
        if problems:
            self._preview_failed_with("\n".join(problems))
            self.kit_files.clear()
            return
        parts = kit_parts(self.chosen_languages())
        rows = "".join(f"<li><b>{html.escape(p.file)}</b></li>" for p in parts)
        self.kit_files.setHtml(f"<ul>{rows}</ul>")
        self.preview_status.setStyleSheet("")
        self.preview_status.setText(tr("The kit is {count} PDF files, saved together in a folder:",
                                       count=len(parts)))
        self.preview_updated.emit(0)

    # -- jobs -----------------------------------------------------------------------------

    def _check(self) -> Options | None:
        """The options, or None (with the reasons shown) when the choice cannot print."""
        if self.job is not None:
            return None
        problems = self.problems()
        if problems:
            self.show_message("\n".join(problems), error=True)
            return None
        try:
            return self.options()
        except UserError as exc:
            self.show_message(describe(exc), error=True)
            return None

    def ask_save_path(self, item: Printable) -> Path | None:
        """Where to save (a dialog; tests replace this)."""
        start = Path.home() / f"{item.file_name}.pdf"
        if item.output == "folder":
            folder = QFileDialog.getExistingDirectory(self, tr("Save kit to folder"), str(Path.home()))
            return Path(folder) if folder else None
        path, _filter = QFileDialog.getSaveFileName(self, tr("Save as PDF"), str(start),
                                                    tr("PDF files (*.pdf)"))
        if not path:
            return None
        target = Path(path)
        return target if target.suffix.lower() == ".pdf" else target.with_suffix(".pdf")

    def save(self, path: Path | None = None) -> None:
        """Save as PDF, or the kit into a folder (Ctrl+S)."""
        item = self.current
        options = self._check()
        if options is None:
            return
        target = path or self.ask_save_path(item)
        if target is None:
            return
        if item.output == "folder":
            def work(report, cancelled):  # type: ignore[no-untyped-def]
                return item.run(options, target, report, cancelled)
            self._start(work, "saved", busy=False)
        else:
            def work(report, cancelled):  # type: ignore[no-untyped-def]
                return _to_place(lambda temp: item.run(options, temp, report, cancelled),
                                 target, cancelled)
            self._start(work, "saved", busy=True)

    def ask_printer(self, options: Options) -> QPrinter | None:
        """The system print dialog, set to the chosen paper; None when cancelled (tests
        replace this)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._set_paper(printer, options)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(tr("Print"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return None
        return printer

    @staticmethod
    def _set_paper(printer: QPrinter, options: Options) -> None:
        size = QPageSize(QPageSize.PageSizeId.A3 if options.get("paper") == "A3" else QPageSize.PageSizeId.A4)
        printer.setPageSize(size)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape
                                   if options.get("orientation") == "landscape"
                                   else QPageLayout.Orientation.Portrait)
        printer.setFullPage(True)  # the PDF has its own margins
        printer.setDocName("disastercenter")

    def print_document(self) -> None:
        """Print through the system print dialog (Ctrl+P)."""
        item = self.current
        if item.output != "pdf":
            return
        options = self._check()
        if options is None:
            return
        printer = self.ask_printer(options)
        if printer is None:
            return
        self._preview_serial += 1
        path = self._temp / f"print-{self._preview_serial}.pdf"

        def work(report, cancelled):  # type: ignore[no-untyped-def]
            try:
                result = item.run(options, path, lambda *_: None, cancelled)
                paint_pdf(path, printer, report, cancelled)
                return result
            finally:
                path.unlink(missing_ok=True)

        self._printer = printer  # kept alive until the job ends
        self._start(work, "printed", busy=True)

    def _start(self, work: Work, kind: str, busy: bool) -> None:
        task = PrintJob(work)
        self._job_kind = kind
        task.progress.connect(self._job_progress)
        task.finished_ok.connect(lambda result: self._job_done(kind, result))
        task.failed.connect(self._job_failed)
        task.finished.connect(self._job_ended)
        self.job = task
        self.progress.setRange(0, 0)  # busy until the job reports steps
        self.progress.setFormat("")
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(tr("Cancel"))
        self.cancel_button.show()
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.show_message(tr("Printing…") if kind == "printed" else tr("Saving…"))
        task.start()

    def _job_progress(self, done: int, total: int, _label: str) -> None:
        if total <= 0:  # a single PDF: pages drawn so far, the total is not known yet
            if done > 0 and self._job_kind == "saved":
                self.show_message(tr("Saving… page {page}", page=done))
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(tr("{done} of {total}", done=done, total=total))

    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText(tr("Cancelling…"))

    def _job_done(self, kind: str, result: object) -> None:
        results = result if isinstance(result, list) else [result]
        pages = sum(r.pages for r in results if isinstance(r, PrintResult))
        warnings = [w for r in results if isinstance(r, PrintResult) for w in r.warnings]
        if kind == "printed":
            text = tr("Sent {pages} pages to the printer.", pages=pages)
        elif len(results) > 1:
            text = tr("Saved {files} files ({pages} pages) in {folder}", files=len(results),
                      pages=pages, folder=str(results[0].path.parent))  # type: ignore[union-attr]
        else:
            text = tr("Saved {pages} pages to {path}", pages=pages,
                      path=str(results[0].path))  # type: ignore[union-attr]
        if warnings:
            text += "\n" + tr("Warnings: {warnings}", warnings="; ".join(warnings[:5]))
        self.show_message(text)
        self.job_finished.emit(kind, text)

    def _job_failed(self, exc: BaseException) -> None:
        text = describe(exc)
        self.show_message(text, error=True)
        self.job_finished.emit("failed", text)

    def _job_ended(self) -> None:
        task, self.job = self.job, None
        self._printer = None
        self.progress.hide()
        self.cancel_button.hide()
        self.save_button.setEnabled(True)
        self.print_button.setEnabled(self.current.output == "pdf")
        if task is not None and task.cancelled:
            text = UserError("print.cancelled").message(i18n.language)
            self.show_message(text)
            self.job_finished.emit("cancelled", text)

