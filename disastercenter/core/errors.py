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
    "print.no_font": {
        "en": "Cannot print {languages}: no installed font has all of its letters, and nothing "
        "was printed. Install the fonts listed in docs/printing.md, or put a font file for "
        "the script in the fonts folder ({folder}).",
        "ja": "{languages_ja} は印刷できません。必要な文字をすべて持つフォントがないため、"
        "何も印刷していません。docs/printing.md のフォントを入れるか、その文字のフォントファイルを"
        "フォントフォルダー（{folder}）に置いてください。",
    },
    "print.missing_glyphs": {
        "en": "Cannot print “{text}” ({language}): no installed font has {chars}. Nothing was "
        "printed. Put a font with these characters in the fonts folder.",
        "ja": "「{text}」（{language}）は印刷できません。{chars} を持つフォントがありません。"
        "何も印刷していません。この文字を持つフォントをフォントフォルダーに置いてください。",
    },
    "print.qr_too_large": {
        "en": "The QR code cannot hold this much text ({size} bytes; at most {limit}). "
        "Choose fewer languages for the code or split it.",
        "ja": "QRコードに入りきりません（{size}バイト、上限{limit}バイト）。"
        "QRコードに入れる言語を減らすか、分けてください。",
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
    # Staff printables (cards, paper form, roster) and the card scanner.
    "print.cannot_save": {
        "en": "Cannot save {path}: {detail}. Nothing was saved.",
        "ja": "{path} を保存できません: {detail}。何も保存していません。",
    },
    "print.paper_size": {
        "en": "Unknown paper size “{paper}” (use A4 or A3; cards also: card).",
        "ja": "用紙サイズ「{paper}」は使えません（A4 か A3。カードは card も可）。",
    },
    "print.no_persons": {
        "en": "Nobody to print: no persons are registered at {shelter}.",
        "ja": "印刷する人がいません: {shelter} に登録された人はいません。",
    },
    "print.no_person_choice": {
        "en": "Choose persons (--person ID) or a shelter (--shelter ID).",
        "ja": "人（--person ID）か避難所（--shelter ID）を指定してください。",
    },
    "print.unknown_language": {
        "en": "Unknown language “{lang}”. Languages: {langs}",
        "ja": "「{lang}」という言語はありません。言語: {langs}",
    },
    "print.no_assignments": {
        "en": "Nothing to print: no confirmed assignments were chosen.",
        "ja": "印刷するものがありません: 確定した割り当てが選ばれていません。",
    },
    "scan.unknown_card": {
        "en": "This card ({code}) is not registered in this workspace. It may come from another "
        "shelter whose data has not arrived yet.",
        "ja": "このカード（{code}）はこのワークスペースに登録されていません。"
        "まだデータが届いていない別の避難所のカードかもしれません。",
    },
    "scan.unreadable": {
        "en": "Unreadable code “{text}”: not a disastercenter card, or a character was misread. "
        "Scan again, or type the card code (ABCD-EFGH-J).",
        "ja": "読み取れないコードです「{text}」。disastercenter のカードではないか、"
        "読み間違いがあります。もう一度読み取るか、カード番号（ABCD-EFGH-J）を入力してください。",
    },
    "scan.assignment": {
        "en": "This is an interpreter's dispatch card (No. {code}), not a person's card.",
        "ja": "これは通訳派遣カード（No. {code}）です。人のカードではありません。",
    },
    "scan.form": {
        "en": "This is the QR code of a paper form ({form}, version {version}, {language}), "
        "not of a person's card.",
        "ja": "これは用紙のQRコードです（{form}、第{version}版、{language}）。人のカードではありません。",
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
