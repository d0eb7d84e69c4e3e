"""The Sync page: this device's keys, export and import of bundles, a watched folder, and the
tabs a person reviews: peers, bundle history, conflicts, quarantine, suspected duplicates.

Imports, exports and the key operations (scrypt takes a second or more) run as jobs off the GUI
thread, on a second connection to the workspace, with a progress dialog that can cancel them.
Questions to the person (files, folders, passphrases, "do the words match?") are methods of the
page, so tests can answer them.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from disastercenter.core.errors import UserError
from disastercenter.services.registry import Registry
from disastercenter.services.sync import (
    ImportSummary,
    Quarantined,
    SyncService,
    duplicate_detection_available,
)
from disastercenter.store.db import background_workspace
from disastercenter.sync.bundle import age_auth
from disastercenter.ui.dialogs.form_widgets import ERROR_STYLE
from disastercenter.ui.i18n import i18n, tr
from disastercenter.ui.jobs import Cancelled, Job
from disastercenter.ui.models import ID_ROLE, TableModel, local_time
from disastercenter.ui.widgets import save_cancel_buttons

WATCH_INTERVAL_MS = 5000

#: Field names as people read them (source texts; shown through tr()).
FIELD_LABELS = {
    "name_latin": "Name (passport)", "name_native": "Native script", "name_kana": "Katakana", "sex": "Sex",
    "birth_date": "Date of birth", "age_band": "Age band", "nationality": "Nationality",
    "japanese_level": "Japanese level", "easy_japanese": "Easy Japanese", "phone": "Phone",
    "messaging_id": "Messaging ID", "status": "Status", "status_at": "Status since", "consent_basis": "Consent",
    "consent_scopes": "Sharing consent", "consent_at": "Consent recorded", "notes": "Notes",
    "created_at": "Registered at", "household_id": "Household", "shelter_id": "Shelter",
    "head_id": "Head of household", "name_ja": "Name (Japanese)", "name_en": "Name (romaji / English)",
    "address": "Address", "capacity": "Capacity", "is_open": "Open", "language": "Language", "level": "Level",
    "tag": "Need", "detail": "Detail", "items": "Items", "person_id": "Person", "at": "Date and time",
    "to_shelter_id": "To shelter", "note": "Note", "email": "Email", "base_area": "Base area",
    "skills": "Skills", "active": "Active", "volunteer_id": "Volunteer", "_deleted": "Deleted",
}

ENTITY_NAMES = {
    "person": "Person", "household": "Household", "shelter": "Shelter", "person_language": "Language",
    "person_need": "Need", "status_event": "Status history", "volunteer": "Volunteer",
    "volunteer_language": "Volunteer language",
}


def _table(model: TableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _selected_id(view: QTableView) -> str | None:
    rows = view.selectionModel().selectedRows()
    return rows[0].data(ID_ROLE) if rows else None


class CreateKeysDialog(QDialog):
    """Name, role and passphrase for this device's new keys."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Create this device's keys"))
        layout = QFormLayout(self)
        self.label = QLineEdit()
        self.label.setPlaceholderText(tr("e.g. the shelter's name"))
        self.role = QComboBox()
        self.role.addItem(tr("Shelter"), "shelter")
        self.role.addItem(tr("Center"), "center")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addRow(tr("Name of this device") + " *", self.label)
        layout.addRow(tr("Role"), self.role)
        layout.addRow(tr("Passphrase for the keys") + " *", self.passphrase)
        layout.addRow(tr("Passphrase again") + " *", self.again)
        hint = QLabel(tr("At least 8 characters; four random words are good. You type it to export "
                         "and import. If it is lost, create new keys and enroll again."))
        hint.setWordWrap(True)
        layout.addRow(hint)
        layout.addRow(self.error)
        layout.addRow(save_cancel_buttons(self, self.check))

    def check(self) -> None:
        if self.passphrase.text() != self.again.text():
            self.error.setText(tr("The two passphrases differ."))
            self.error.show()
            return
        self.accept()


class SyncPage(QWidget):
    data_changed = Signal()
    #: A job finished (tests wait for it).
    job_done = Signal()

    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self.registry = registry
        self.workspace = registry.ws
        self.service = SyncService(self.workspace)
        self.settings: QSettings | None = None
        self.job: Job | None = None
        self.progress: QProgressDialog | None = None
        self.last_summaries: list[object] = []
        self._seen: dict = {}
        self._bundle_passphrase: str | None = None

        # -- this device
        self.identity_box = QGroupBox()
        self.identity_text = QLabel()
        self.identity_text.setTextFormat(Qt.TextFormat.RichText)
        self.identity_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.identity_text.setWordWrap(True)
        self.create_button = QPushButton()
        self.unlock_button = QPushButton()
        self.card_button = QPushButton()
        self.enroll_button = QPushButton()
        self.recovery_button = QPushButton()
        self.create_button.clicked.connect(self.create_keys)
        self.unlock_button.clicked.connect(self.unlock)
        self.card_button.clicked.connect(self.save_card)
        self.enroll_button.clicked.connect(self.enroll)
        self.recovery_button.clicked.connect(self.create_recovery_key)
        identity_buttons = QHBoxLayout()
        for button in (self.create_button, self.unlock_button, self.card_button, self.enroll_button,
                       self.recovery_button):
            identity_buttons.addWidget(button)
        identity_buttons.addStretch(1)
        identity_layout = QVBoxLayout(self.identity_box)
        identity_layout.addWidget(self.identity_text)
        identity_layout.addLayout(identity_buttons)

        # -- exchange
        self.exchange_box = QGroupBox()
        self.export_target = QComboBox()
        self.export_button = QPushButton()
        self.passphrase_export_button = QPushButton()
        self.import_button = QPushButton()
        self.watch_check = QCheckBox()
        self.watch_folder_button = QPushButton()
        self.watch_label = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.export_button.clicked.connect(self.export_for)
        self.passphrase_export_button.clicked.connect(self.export_with_passphrase)
        self.import_button.clicked.connect(self.import_files)
        self.watch_check.toggled.connect(self.set_watching)
        self.watch_folder_button.clicked.connect(self.choose_watch_folder)
        exchange_row = QHBoxLayout()
        self.export_for_label = QLabel()
        exchange_row.addWidget(self.export_for_label)
        exchange_row.addWidget(self.export_target, 1)
        exchange_row.addWidget(self.export_button)
        exchange_row.addWidget(self.passphrase_export_button)
        exchange_row.addWidget(self.import_button)
        watch_row = QHBoxLayout()
        watch_row.addWidget(self.watch_check)
        watch_row.addWidget(self.watch_label, 1)
        watch_row.addWidget(self.watch_folder_button)
        exchange_layout = QVBoxLayout(self.exchange_box)
        exchange_layout.addLayout(exchange_row)
        exchange_layout.addLayout(watch_row)
        exchange_layout.addWidget(self.status)

        # -- review tabs
        self.tabs = QTabWidget()
        self.peers_model = TableModel([])
        self.peers_view = _table(self.peers_model)
        self.history_model = TableModel([])
        self.history_view = _table(self.history_model)
        self.conflicts_model = TableModel([])
        self.conflicts_view = _table(self.conflicts_model)
        self.choices_model = TableModel([])
        self.choices_view = _table(self.choices_model)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.keep_selected_value)
        self.conflict_help = QLabel()
        self.conflict_help.setWordWrap(True)
        self.conflicts_view.selectionModel().selectionChanged.connect(lambda *_: self._show_choices())
        conflicts_tab = QWidget()
        conflicts_layout = QVBoxLayout(conflicts_tab)
        conflicts_layout.addWidget(self.conflict_help)
        conflicts_layout.addWidget(self.conflicts_view, 2)
        conflicts_layout.addWidget(self.choices_view, 1)
        choose_row = QHBoxLayout()
        choose_row.addStretch(1)
        choose_row.addWidget(self.choose_button)
        conflicts_layout.addLayout(choose_row)
        self.quarantine_model = TableModel([])
        self.quarantine_view = _table(self.quarantine_model)
        self.accept_button = QPushButton()
        self.reject_button = QPushButton()
        self.accept_button.clicked.connect(self.accept_quarantined)
        self.reject_button.clicked.connect(self.reject_quarantined)
        self.quarantine_help = QLabel()
        self.quarantine_help.setWordWrap(True)
        quarantine_tab = QWidget()
        quarantine_layout = QVBoxLayout(quarantine_tab)
        quarantine_layout.addWidget(self.quarantine_help)
        quarantine_layout.addWidget(self.quarantine_view, 1)
        quarantine_row = QHBoxLayout()
        quarantine_row.addStretch(1)
        quarantine_row.addWidget(self.accept_button)
        quarantine_row.addWidget(self.reject_button)
        quarantine_layout.addLayout(quarantine_row)
        self.duplicates_label = QLabel()
        self.duplicates_label.setWordWrap(True)
        self.duplicates_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        duplicates_tab = QWidget()
        QVBoxLayout(duplicates_tab).addWidget(self.duplicates_label)
        self.tabs.addTab(self.peers_view, "")
        self.tabs.addTab(self.history_view, "")
        self.tabs.addTab(conflicts_tab, "")
        self.tabs.addTab(quarantine_tab, "")
        self.tabs.addTab(duplicates_tab, "")

        layout = QVBoxLayout(self)
        layout.addWidget(self.identity_box)
        layout.addWidget(self.exchange_box)
        layout.addWidget(self.tabs, 1)

        self.watch_timer = QTimer(self)
        self.watch_timer.setInterval(WATCH_INTERVAL_MS)
        self.watch_timer.timeout.connect(self.scan_watched_folder)
        self.watch_folder: Path | None = None
        self.refresh()

    def use_settings(self, settings: QSettings | None) -> None:
        """Remember the watched folder in the app's settings."""
        self.settings = settings
        folder = settings.value("sync/watch_folder") if settings is not None else None
        if folder:
            self.watch_folder = Path(str(folder))
            self.refresh()

    # -- questions to the person (tests replace these) --------------------------------------

    def ask_passphrase(self, title: str, prompt: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, prompt, QLineEdit.EchoMode.Password)
        return text if ok else None

    def choose_folder(self, title: str) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, title)
        return Path(folder) if folder else None

    def choose_files(self, title: str) -> list[Path]:
        files, _filter = QFileDialog.getOpenFileNames(self, title, "", tr("Sync bundles (*.dcb)"))
        return [Path(f) for f in files]

    def choose_card(self, title: str) -> Path | None:
        path, _filter = QFileDialog.getOpenFileName(self, title, "", tr("Key cards (*.card *.json);;All files (*)"))
        return Path(path) if path else None

    def choose_save_path(self, title: str, name: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(self, title, name)
        return Path(path) if path else None

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def tell(self, title: str, text: str) -> None:
        QMessageBox.information(self, title, text)

    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def ask_new_keys(self) -> tuple[str, str, str] | None:
        dialog = CreateKeysDialog(self)
        if not dialog.exec():
            return None
        return dialog.label.text(), str(dialog.role.currentData()), dialog.passphrase.text()

    # -- showing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        public = self.service.identity()
        self.identity_box.setTitle(tr("This device"))
        if public is None:
            self.identity_text.setText(html.escape(tr(
                "No keys yet. Create them to exchange bundles by key; without keys, bundles can still be "
                "exchanged with a passphrase.")))
        else:
            state = tr("unlocked") if self.service.keys is not None else tr("locked")
            role = tr("Center") if public.role == "center" else tr("Shelter")
            self.identity_text.setText(
                html.escape(tr("{label} ({role}, keys {state})", label=public.label, role=role, state=state))
                + "<br>" + html.escape(tr("Fingerprint words: {words}", words="")) + f"<b>{html.escape(public.words)}</b>"
            )
        self.create_button.setText(tr("Create keys…"))
        self.unlock_button.setText(tr("Unlock keys…"))
        self.card_button.setText(tr("Save key card…"))
        self.enroll_button.setText(tr("Enroll a device…"))
        self.recovery_button.setText(tr("Create recovery key…"))
        self.create_button.setVisible(public is None)
        self.unlock_button.setVisible(public is not None and self.service.keys is None)
        self.card_button.setEnabled(public is not None)
        self.recovery_button.setVisible(public is not None and public.role == "center")

        self.exchange_box.setTitle(tr("Exchange bundles"))
        self.export_for_label.setText(tr("Export for"))
        self.export_button.setText(tr("Export…"))
        self.passphrase_export_button.setText(tr("Export with a passphrase…"))
        self.import_button.setText(tr("Import…"))
        self.watch_check.setText(tr("Watch a folder"))
        self.watch_folder_button.setText(tr("Choose folder…"))
        self.watch_label.setText(str(self.watch_folder) if self.watch_folder else tr("(no folder chosen)"))
        current = self.export_target.currentData()
        self.export_target.clear()
        self.export_target.addItem(tr("Every enrolled device (what any of them lacks)"), "")
        peers = self.service.peers()
        for peer in peers:
            if peer.role in ("center", "shelter"):
                self.export_target.addItem(peer.label, peer.key_id)
        self.export_target.addItem(tr("Everything (full copy)"), "*full*")
        index = self.export_target.findData(current)
        self.export_target.setCurrentIndex(max(index, 0))

        self.tabs.setTabText(0, tr("Peers"))
        self.tabs.setTabText(1, tr("History"))
        conflicts = self.service.conflict_views()
        quarantined = self.service.quarantined()
        self.tabs.setTabText(2, tr("Conflicts ({count})", count=len(conflicts)))
        self.tabs.setTabText(3, tr("Quarantine ({count})", count=len(quarantined)))
        self.tabs.setTabText(4, tr("Duplicates"))

        role_names = {"center": tr("Center"), "shelter": tr("Shelter"), "recovery": tr("Recovery key"),
                      "passphrase": tr("By passphrase")}
        self.peers_model.set_headers([tr("Name"), tr("Role"), tr("Fingerprint words"), tr("Devices"),
                                      tr("Acknowledged operations"), tr("Last bundle")])
        self.peers_model.set_rows(
            [[p.label, role_names.get(p.role, p.role), p.words, len(p.devices), p.acknowledged_ops,
              local_time(p.last_bundle_at or "")] for p in peers],
            [p.key_id for p in peers],
        )
        history = self.service.history()
        self.history_model.set_headers([tr("When"), tr("Direction"), tr("From / to"), tr("Verified signer"),
                                        tr("Operations"), tr("New"), tr("New records"), tr("Conflicts"),
                                        tr("Suspected duplicates"), tr("File")])
        self.history_model.set_rows([
            [local_time(r.at), tr("Imported") if r.direction == "in" else tr("Exported"),
             (r.sender_label or r.sender_device[:8]) if r.direction == "in" else ", ".join(r.recipients),
             (tr("key {id}", id=r.signer[:12]) if r.signer else tr("passphrase")), r.ops, r.new_ops,
             r.new_records, r.conflicts, r.duplicates, r.file_name]
            for r in history
        ])
        self._conflicts = conflicts
        self.conflict_help.setText(tr("The same field was changed on two devices before their bundles met. "
                                      "The value shown now is marked ✓. Choose the right one: your choice "
                                      "travels with the next bundles."))
        self.conflicts_model.set_headers([tr("Record"), tr("Kind"), tr("Field"), tr("Values"), tr("Since")])
        self.conflicts_model.set_rows(
            [[v.record_label, tr(ENTITY_NAMES.get(v.conflict.entity, v.conflict.entity)),
              tr("Deleted while edited") if v.conflict.is_delete_vs_edit
              else tr(FIELD_LABELS.get(v.conflict.field, v.conflict.field)),
              len(v.choices), local_time(v.conflict.detected_at)] for v in conflicts],
            [str(i) for i in range(len(conflicts))],
        )
        self.choose_button.setText(tr("Keep this value"))
        self._show_choices()
        self.quarantine_help.setText(tr("Bundles from devices that are not enrolled. Ask the sender to read "
                                        "out the fingerprint words on their Sync page; accept only if they "
                                        "are the same."))
        self.accept_button.setText(tr("Accept (enroll and import)…"))
        self.reject_button.setText(tr("Reject…"))
        self.quarantine_model.set_headers([tr("Received"), tr("Sender"), tr("Role"), tr("Fingerprint words"),
                                           tr("Operations"), tr("File")])
        self.quarantine_model.set_rows(
            [[local_time(q.received_at), q.sender_label, role_names.get(q.sender_role, q.sender_role), q.words,
              q.ops, q.original_name] for q in quarantined],
            [q.id for q in quarantined],
        )
        self._show_duplicates(history)
        for view in (self.peers_view, self.history_view, self.conflicts_view, self.quarantine_view):
            view.resizeColumnsToContents()

    def _show_choices(self) -> None:
        self.choices_model.set_headers(["", tr("Value"), tr("Source"), tr("When")])
        selected = _selected_id(self.conflicts_view)
        view = self._conflicts[int(selected)] if selected is not None and int(selected) < len(self._conflicts) else None
        if view is None:
            self.choices_model.set_rows([])
            self.choose_button.setEnabled(False)
            return
        if view.conflict.is_delete_vs_edit:
            rows = [["", tr("Keep it deleted"), "", ""], ["", tr("Restore the record"), "", ""]]
            ids = ["delete", "restore"]
            rows += [["✓" if i == len(view.choices) - 1 else "", shown, where, local_time(when)]
                     for i, (_value, shown, where, when) in enumerate(view.choices)]
            ids += [""] * len(view.choices)
        else:
            rows = [["✓" if i == 0 else "", shown, where, local_time(when)]
                    for i, (_value, shown, where, when) in enumerate(view.choices)]
            ids = [value for value, _shown, _where, _when in view.choices]
        self.choices_model.set_rows(rows, ids)
        self.choices_view.resizeColumnsToContents()
        self.choose_button.setEnabled(True)

    def _show_duplicates(self, history: list) -> None:  # type: ignore[type-arg]
        if not duplicate_detection_available():
            self.duplicates_label.setText(tr("Duplicate detection is not available in this version. "
                                             "Imports count suspected duplicates once it is."))
            return
        found = sum(r.duplicates for r in history if r.direction == "in")
        self.duplicates_label.setText(tr("Imports found {count} suspected duplicate people so far. Review "
                                         "them where duplicate people are confirmed.", count=found))

    # -- keys ---------------------------------------------------------------------------------

    def create_keys(self) -> None:
        answer = self.ask_new_keys()
        if answer is None:
            return
        label, role, passphrase = answer

        def work(_report):  # type: ignore[no-untyped-def]
            return self._with_background(lambda s: s.create_keys(label, role, passphrase))

        self._run(work, tr("Creating keys…"), lambda public: self._keys_created(public, passphrase))

    def _keys_created(self, _public, passphrase: str) -> None:  # type: ignore[no-untyped-def]
        self._unlock_with(passphrase)

    def unlock(self) -> bool:
        passphrase = self.ask_passphrase(tr("Unlock keys"), tr("Passphrase of this device's keys:"))
        if passphrase is None:
            return False
        return self._unlock_with(passphrase)

    def _unlock_with(self, passphrase: str) -> bool:
        try:
            self.service.unlock(passphrase)
        except UserError as exc:
            self.warn(tr("Keys"), exc.message(i18n.language))
            return False
        self.refresh()
        return True

    def _require_unlocked(self) -> bool:
        if self.service.keys is not None:
            return True
        if self.service.identity() is None:
            self.warn(tr("Keys"), UserError("sync.no_keys").message(i18n.language))
            return False
        return self.unlock()

    def save_card(self) -> None:
        public = self.service.identity()
        if public is None:
            return
        path = self.choose_save_path(tr("Save key card"), f"{public.label}.card")
        if path is None:
            return
        from disastercenter.sync.transport import write_atomically

        card = self.service.public_card()
        try:
            path.unlink(missing_ok=True)
            write_atomically(path, lambda out: out.write(card))
        except (UserError, OSError) as exc:
            self.warn(tr("Save key card"), exc.message(i18n.language) if isinstance(exc, UserError) else str(exc))
            return
        self.status.setText(tr("Key card saved: {path}", path=str(path)))

    def enroll(self) -> None:
        path = self.choose_card(tr("Enroll a device"))
        if path is None:
            return
        try:
            data = path.read_bytes()
            public = self.service.read_card(data)
        except (OSError, UserError) as exc:
            self.warn(tr("Enroll a device"), exc.message(i18n.language) if isinstance(exc, UserError) else str(exc))
            return
        question = tr("{label} ({role}) shows these words on its Sync page:\n\n{words}\n\n"
                      "Are they exactly the words on that device? Enroll it only if they are.",
                      label=public.label, role=public.role, words=public.words)
        if not self.confirm(tr("Compare the fingerprint words"), question):
            return
        try:
            self.service.enroll(data)
        except UserError as exc:
            self.warn(tr("Enroll a device"), exc.message(i18n.language))
            return
        self.status.setText(tr("{label} is enrolled.", label=public.label))
        self.refresh()

    def create_recovery_key(self) -> None:
        if not self._require_unlocked():
            return
        path = self.choose_save_path(tr("Save the recovery key"), "recovery-key.txt")
        if path is None:
            return
        try:
            self.service.create_recovery_key(path)
        except UserError as exc:
            self.warn(tr("Recovery key"), exc.message(i18n.language))
            return
        self.tell(tr("Recovery key"), tr("Print {path}, keep it offline (a safe), then delete the file. "
                                         "Give the shelters this center's key card again.", path=str(path)))
        self.refresh()

    # -- export and import ------------------------------------------------------------------

    def export_for(self) -> None:
        if not self._require_unlocked():
            return
        target = self.export_target.currentData()
        folder = self.choose_folder(tr("Export to which folder (USB stick, shared folder)?"))
        if folder is None:
            return
        keys = self.service.keys
        full = target == "*full*"
        for_peer = None if full or not target else str(target)

        def work(report):  # type: ignore[no-untyped-def]
            return self._with_background(
                lambda s: s.export_bundle(folder, for_peer=for_peer, full=full, progress=report), keys)

        self._run(work, tr("Exporting…"), self._exported)

    def export_with_passphrase(self) -> None:
        folder = self.choose_folder(tr("Export to which folder (USB stick, shared folder)?"))
        if folder is None:
            return
        passphrase = self.ask_passphrase(tr("Export with a passphrase"),
                                         tr("Passphrase agreed with the other laptop (at least 8 characters):"))
        if not passphrase:
            return
        keys = self.service.keys

        def work(report):  # type: ignore[no-untyped-def]
            return self._with_background(
                lambda s: s.export_bundle(folder, full=True, passphrase=passphrase, progress=report), keys)

        self._run(work, tr("Exporting…"), self._exported)

    def _exported(self, result) -> None:  # type: ignore[no-untyped-def]
        self.status.setText(tr("Exported {count} operations to {path}", count=result.ops, path=str(result.path)))
        self.refresh()

    def import_files(self, paths: list[Path] | None = None) -> None:
        paths = paths if paths is not None else self.choose_files(tr("Import bundles"))
        if not paths:
            return
        kinds = set()
        for path in paths:
            try:
                kinds.add(age_auth(path))
            except UserError:
                kinds.add("bad")  # the import says why
        if "key" in kinds and self.service.identity() is not None and not self._require_unlocked():
            return
        passphrase = None
        if "passphrase" in kinds:
            passphrase = self.ask_passphrase(tr("Import bundles"), tr("Passphrase of the bundle:"))
            if passphrase is None:
                return
        keys = self.service.keys

        def work(report):  # type: ignore[no-untyped-def]
            return self._with_background(
                lambda s: s.import_bundles(paths, passphrase=passphrase, progress=report), keys)

        self._run(work, tr("Importing…"), self._imported)

    def _imported(self, results: list[object]) -> None:
        self.last_summaries = results
        lines = [self.describe(result) for result in results]
        self.status.setText("\n".join(lines))
        self._after_import(results)
        self.tell(tr("Import"), "\n\n".join(lines))

    def _after_import(self, results: list[object]) -> None:
        for result in results:
            if isinstance(result, ImportSummary) and result.new_device_id:
                self.workspace.device_id = result.new_device_id
                self.workspace.oplog.device_id = result.new_device_id
        self.refresh()
        if any(isinstance(r, ImportSummary) and r.new_ops for r in results):
            self.data_changed.emit()

    def describe(self, result: object) -> str:
        """One import result in words, in the UI language."""
        if isinstance(result, ImportSummary):
            if result.status == "already imported":
                return tr("{file}: already imported, nothing changed.", file=result.file)
            if result.status == "own bundle":
                return tr("{file}: this device's own bundle, nothing changed.", file=result.file)
            duplicates = (tr("not checked") if result.suspected_duplicates is None
                          else str(result.suspected_duplicates))
            text = tr("{file}: from {sender}, {ops} operations ({new} new): {records} new records, "
                      "{fields} fields updated, {conflicts} conflicts, suspected duplicates: {duplicates}.",
                      file=result.file, sender=result.sender_label or result.sender_device[:8], ops=result.ops,
                      new=result.new_ops, records=result.new_record_total, fields=result.updated_fields,
                      conflicts=result.conflicts, duplicates=duplicates)
            if result.new_device_id:
                text += " " + tr("This workspace was restored or copied: it now writes as a new device.")
            return text
        path, error = result  # type: ignore[misc]
        if isinstance(error, Quarantined):
            return tr("{file}: kept in quarantine (sender not enrolled).", file=Path(path).name)
        return tr("{file}: refused. {reason}", file=Path(path).name, reason=error.message(i18n.language))

    # -- watched folder ----------------------------------------------------------------------

    def choose_watch_folder(self) -> None:
        folder = self.choose_folder(tr("Watch which folder?"))
        if folder is None:
            return
        self.watch_folder = folder
        self._seen.clear()
        if self.settings is not None:
            self.settings.setValue("sync/watch_folder", str(folder))
        self.refresh()

    def set_watching(self, on: bool) -> None:
        if on and self.watch_folder is None:
            self.choose_watch_folder()
            if self.watch_folder is None:
                self.watch_check.setChecked(False)
                return
        if on:
            self.watch_timer.start()
            self.scan_watched_folder()
        else:
            self.watch_timer.stop()

    def scan_watched_folder(self) -> None:
        if self.watch_folder is None or (self.job is not None and self.job.running):
            return
        folder, seen, keys = self.watch_folder, self._seen, self.service.keys
        passphrase = self._bundle_passphrase

        def work(_report):  # type: ignore[no-untyped-def]
            return self._with_background(lambda s: s.scan_folder(folder, passphrase=passphrase, seen=seen), keys)

        self._run(work, None, self._scanned)

    def _scanned(self, scan) -> None:  # type: ignore[no-untyped-def]
        results: list[object] = [*scan.imported, *[(p, e) for p, e in scan.failed]]
        results += [(item.path, Quarantined(item)) for item in scan.quarantined]
        if results:
            self.status.setText("\n".join(self.describe(r) for r in results))
            self._after_import(results)

    # -- review -------------------------------------------------------------------------------

    def keep_selected_value(self) -> None:
        selected = _selected_id(self.conflicts_view)
        choice = _selected_id(self.choices_view)
        if selected is None or not choice:
            return
        view = self._conflicts[int(selected)]
        try:
            self.service.resolve_conflict(view.conflict.key, choice)
        except UserError as exc:
            self.warn(tr("Conflicts"), exc.message(i18n.language))
        self.refresh()
        self.data_changed.emit()

    def accept_quarantined(self) -> None:
        item_id = _selected_id(self.quarantine_view)
        if item_id is None:
            return
        item = next(q for q in self.service.quarantined() if q.id == item_id)
        question = tr("Does {label} show exactly these words on its Sync page?\n\n{words}\n\n"
                      "Accepting enrolls it and imports the bundle.", label=item.sender_label, words=item.words)
        if not self.confirm(tr("Compare the fingerprint words"), question) or not self._require_unlocked():
            return
        keys = self.service.keys

        def work(report):  # type: ignore[no-untyped-def]
            return [self._with_background(lambda s: s.accept_quarantined(item_id, progress=report), keys)]

        self._run(work, tr("Importing…"), self._imported)

    def reject_quarantined(self) -> None:
        item_id = _selected_id(self.quarantine_view)
        if item_id is None:
            return
        if not self.confirm(tr("Reject"), tr("Delete this bundle without importing it?")):
            return
        self.service.reject_quarantined(item_id)
        self.refresh()

    # -- jobs ---------------------------------------------------------------------------------

    def _with_background(self, use: Callable[[SyncService], object], keys=None) -> object:  # type: ignore[no-untyped-def]
        workspace = background_workspace(self.workspace)
        try:
            return use(SyncService(workspace, keys))
        finally:
            workspace.close()

    def _run(self, work, title: str | None, done: Callable[[object], None]) -> None:  # type: ignore[no-untyped-def]
        if self.job is not None and self.job.running:
            return
        job = Job(work)
        self.job = job
        if title is not None:
            progress = QProgressDialog(title, tr("Cancel"), 0, 0, self)
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(300)
            progress.canceled.connect(job.cancel)
            job.progress.connect(lambda value, total: (progress.setMaximum(total), progress.setValue(value)))
            self.progress = progress
        for button in (self.export_button, self.passphrase_export_button, self.import_button):
            button.setEnabled(False)

        def finish() -> None:
            if self.progress is not None:
                self.progress.reset()
                self.progress.deleteLater()
                self.progress = None
            for button in (self.export_button, self.passphrase_export_button, self.import_button):
                button.setEnabled(True)

        def finished(result: object) -> None:
            finish()
            done(result)
            self.job_done.emit()

        def failed(error: object) -> None:
            finish()
            if isinstance(error, Cancelled):
                self.status.setText(tr("Cancelled: nothing was changed."))
            elif isinstance(error, UserError):
                self.warn(tr("Sync"), error.message(i18n.language))
            else:
                self.warn(tr("Sync"), repr(error))
            self.refresh()
            self.job_done.emit()

        job.finished.connect(finished)
        job.failed.connect(failed)
        job.start()
