"""Errors a person can act on, with messages in the UI languages.

Lower layers raise `UserError(key, **params)`; the CLI and the UI render `message(lang)`.
Keep the catalogue here so every layer reports the same words. Validation messages of forms
that evacuees fill in are phrases instead (`validation.*` in phrasebooks/catalog.toml).
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "db.locked": {
        "en": "This workspace is already open in another disastercenter window or command: {path}. "
        "Close it first, or open a different workspace with --db.",
        "ja": "このワークスペースは別の disastercenter で開かれています: {path}。"
        "先にそちらを閉じるか、--db で別のワークスペースを開いてください。",
    },
    "db.not_ours": {
        "en": "{path} is not a disastercenter workspace (or it is damaged). It was not changed.",
        "ja": "{path} は disastercenter のワークスペースではありません（または壊れています）。ファイルは変更していません。",
    },
    "db.corrupt": {
        "en": "{path} is damaged and cannot be opened ({detail}). It was not changed. "
        "Restore a backup or open another workspace.",
        "ja": "{path} は壊れているため開けません（{detail}）。ファイルは変更していません。"
        "バックアップから戻すか、別のワークスペースを開いてください。",
    },
    "db.newer": {
        "en": "{path} was saved by a newer version of disastercenter (unknown changes: {names}). "
        "Update this program to open it. The file was not changed.",
        "ja": "{path} は新しい版の disastercenter で保存されています（未知の変更: {names}）。"
        "このプログラムを更新してください。ファイルは変更していません。",
    },
    "db.cannot_create": {
        "en": "Cannot create the workspace at {path}: {detail}",
        "ja": "{path} にワークスペースを作成できません: {detail}",
    },
    "db.write_failed": {
        "en": "Saving failed: {detail}. Nothing was saved; the workspace is unchanged. "
        "Is the disk full or the drive read-only?",
        "ja": "保存できませんでした: {detail}。何も保存されず、データは元のままです。"
        "ディスクの空きや書き込み禁止を確認してください。",
    },
    "record.not_found": {
        "en": "No {entity} with id {record_id}.",
        "ja": "{entity} {record_id} が見つかりません。",
    },
    "form.invalid": {
        "en": "Some fields need attention: {fields}",
        "ja": "入力内容を確認してください: {fields}",
    },
    "oplog.clone": {
        "en": "Operation {device}#{counter} arrived with different content than the one already "
        "stored: the sender's database was probably restored from a backup or cloned.",
        "ja": "操作 {device}#{counter} の内容が保存済みのものと異なります。"
        "送信元のデータベースがバックアップから復元されたか複製された可能性があります。",
    },
    "oplog.invalid": {
        "en": "Invalid operation {device}#{counter}: {detail}",
        "ja": "不正な操作 {device}#{counter}: {detail}",
    },
    "pin.format": {
        "en": "The staff PIN must be 4 to 12 digits.",
        "ja": "職員用 PIN は 4〜12 桁の数字にしてください。",
    },
    "pin.guessable": {
        "en": "Choose a PIN that is harder to guess than repeated or consecutive digits.",
        "ja": "同じ数字の繰り返しや連続した数字より推測されにくい PIN にしてください。",
    },
    "pin.mismatch": {
        "en": "The two PINs differ. Type the same PIN twice.",
        "ja": "2 つの PIN が一致しません。同じ PIN を 2 回入力してください。",
    },
    "pin.wrong": {"en": "Wrong PIN.", "ja": "PIN が違います。"},
    "pin.locked": {
        "en": "Too many wrong PINs. Try again in {seconds} seconds.",
        "ja": "PIN の誤りが多すぎます。{seconds} 秒後にもう一度入力してください。",
    },
    # Messages of staff-only forms (shelters). The messages of the registration form are
    # phrases (phrasebooks/catalog.toml, validation.*) so the kiosk shows them in every language.
    "validation.integer": {"en": "Enter a whole number.", "ja": "整数を入力してください。"},
    "validation.range": {
        "en": "Must be between {low} and {high}.", "ja": "{low}〜{high} の範囲で入力してください。",
    },
}


class UserError(Exception):
    """An error with a message for the person using the app."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        texts = MESSAGES.get(self.key)
        if texts is None:
            return f"{self.key}: {self.params}"
        template = texts.get(lang) or texts["en"]
        return template.format(**self.params)
