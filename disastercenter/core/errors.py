"""Errors a person can act on, with messages in the UI languages.

Lower layers raise `UserError(key, **params)`; the CLI and the UI render `message(lang)`.
Keep the catalogue here so every layer reports the same words.
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
    "duplicates.bad_decision": {
        "en": "Not a decision about two records: {decision} (use same or different).",
        "ja": "2件の記録についての判断ではありません: {decision}（same か different を指定）。",
    },
    "duplicates.same_record": {
        "en": "Both ids are the same record; choose two different records.",
        "ja": "同じ記録が2回指定されています。別々の2件を選んでください。",
    },
    "export.format": {
        "en": "Unknown export format {format}: use csv or xlsx.",
        "ja": "出力形式 {format} は使えません。csv か xlsx を指定してください。",
    },
    "export.recipient": {
        "en": "Unknown recipient {recipient}: use municipality, support_center, embassy, family "
        "or medical_staff.",
        "ja": "提供先 {recipient} は使えません。municipality、support_center、embassy、family、"
        "medical_staff のいずれかを指定してください。",
    },
    "export.cannot_write": {
        "en": "Cannot write {path}: {detail}. Nothing was written; choose another folder or "
        "free some space.",
        "ja": "{path} に書き込めません: {detail}。何も書き込んでいません。別のフォルダーを選ぶか、"
        "空き容量を確保してください。",
    },
    "export.cancelled": {
        "en": "Export cancelled. No file was written.",
        "ja": "出力を中止しました。ファイルは作成していません。",
    },
    "validation.required": {"en": "Required.", "ja": "必須です。"},
    "validation.name_required": {
        "en": "Enter at least one name (passport, native script or katakana).",
        "ja": "名前を1つ以上入力してください（パスポート表記・母語表記・カタカナ）。",
    },
    "validation.choice": {"en": "Not a valid choice: {value}", "ja": "選択肢にない値です: {value}"},
    "validation.date": {
        "en": "Not a date: {value} (use YYYY-MM-DD).",
        "ja": "日付ではありません: {value}（YYYY-MM-DD で入力）。",
    },
    "validation.future_date": {"en": "This date is in the future.", "ja": "未来の日付です。"},
    "validation.too_old": {"en": "This date is more than 125 years ago.", "ja": "125年以上前の日付です。"},
    "validation.nationality": {
        "en": "Use a two-letter country code such as VN or BR: {value}",
        "ja": "VN や BR のような2文字の国コードで入力してください: {value}",
    },
    "validation.unknown_language": {"en": "Unknown language: {value}", "ja": "不明な言語です: {value}"},
    "validation.duplicate_language": {
        "en": "Language listed twice: {value}", "ja": "言語が重複しています: {value}",
    },
    "validation.phone": {
        "en": "Not a phone number: {value}", "ja": "電話番号ではありません: {value}",
    },
    "validation.integer": {"en": "Enter a whole number.", "ja": "整数を入力してください。"},
    "validation.range": {
        "en": "Must be between {low} and {high}.", "ja": "{low}〜{high} の範囲で入力してください。",
    },
    "validation.pattern": {"en": "Invalid format.", "ja": "形式が正しくありません。"},
    "validation.latin_only": {
        "en": "Use Latin letters as on the passport (put other scripts in the next field).",
        "ja": "パスポートと同じローマ字で入力してください（他の文字は次の欄へ）。",
    },
    "validation.katakana_only": {
        "en": "Use katakana only, e.g. グエン ヴァン アン.",
        "ja": "カタカナで入力してください（例: グエン ヴァン アン）。",
    },
    "validation.max_length": {
        "en": "Too long (at most {limit} characters).", "ja": "長すぎます（{limit}文字まで）。",
    },
    "validation.languages_required": {
        "en": "Add at least one language the person speaks.",
        "ja": "話せる言語を1つ以上追加してください。",
    },
    "validation.scopes_without_consent": {
        "en": "Sharing scopes need the person's consent.",
        "ja": "共有範囲を選ぶには本人の同意が必要です。",
    },
    "validation.head_missing": {
        "en": "A household needs at least one member.",
        "ja": "世帯には少なくとも1人の構成員が必要です。",
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
