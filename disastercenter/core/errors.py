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
    "sync.passphrase_short": {
        "en": "The passphrase is too short: use at least {minimum} characters (four random words are best).",
        "ja": "パスフレーズが短すぎます。{minimum}文字以上にしてください（無作為な単語4つがおすすめです）。",
    },
    "sync.wrong_key_passphrase": {
        "en": "Wrong passphrase for this workspace's keys.",
        "ja": "このワークスペースの鍵のパスフレーズが違います。",
    },
    "sync.keys_mismatch": {
        "en": "The stored private keys do not belong to this workspace's public keys. Nothing was changed.",
        "ja": "保存されている秘密鍵がこのワークスペースの公開鍵と一致しません。何も変更していません。",
    },
    "sync.bad_label": {
        "en": "Give this device a name of 1 to {limit} characters (e.g. the shelter's name).",
        "ja": "この端末の名前を1〜{limit}文字で入力してください（例: 避難所の名前）。",
    },
    "sync.bad_card": {
        "en": "This is not a valid key card: {detail}. Nothing was enrolled.",
        "ja": "有効な鍵カードではありません: {detail}。登録していません。",
    },
    "sync.write_failed": {
        "en": "Could not write {path}: {detail}. Is the drive full, read-only or removed?",
        "ja": "{path} に書き込めませんでした: {detail}。ドライブの空き・書き込み禁止・取り外しを確認してください。",
    },
    "sync.bad_bundle": {
        "en": "The bundle was rejected: {detail}. Nothing was imported.",
        "ja": "このバンドルは受け付けられません: {detail}。何も取り込んでいません。",
    },
    "sync.invalid_op": {
        "en": "The bundle was rejected: operation {device}#{counter} is invalid ({detail}). "
        "Nothing was imported.",
        "ja": "このバンドルは受け付けられません: 操作 {device}#{counter} が不正です（{detail}）。"
        "何も取り込んでいません。",
    },
    "sync.cannot_read": {
        "en": "Cannot read {path}: {detail}. Nothing was imported.",
        "ja": "{path} を読み込めません: {detail}。何も取り込んでいません。",
    },
    "sync.not_bundle": {
        "en": "This file is not a disastercenter bundle ({detail}). Nothing was imported.",
        "ja": "このファイルは disastercenter のバンドルではありません（{detail}）。何も取り込んでいません。",
    },
    "sync.too_large": {
        "en": "The bundle is larger than allowed ({detail}; limit {limit} MB). Nothing was imported.",
        "ja": "バンドルが大きすぎます（{detail}、上限 {limit} MB）。何も取り込んでいません。",
    },
    "sync.needs_passphrase": {
        "en": "This bundle is protected by a passphrase: give the passphrase it was exported with. "
        "Nothing was imported.",
        "ja": "このバンドルはパスフレーズで保護されています。書き出した時のパスフレーズを指定してください。"
        "何も取り込んでいません。",
    },
    "sync.no_keys": {
        "en": "This workspace has no sync keys yet. Create them first (Sync page, or `keys init`), "
        "or use passphrase mode.",
        "ja": "このワークスペースにはまだ同期用の鍵がありません。先に作成するか（同期ページ、または "
        "`keys init`）、パスフレーズ方式を使ってください。",
    },
    "sync.locked": {
        "en": "The sync keys are locked: enter the keys' passphrase first.",
        "ja": "同期用の鍵がロックされています。先に鍵のパスフレーズを入力してください。",
    },
    "sync.wrong_key": {
        "en": "This bundle was not encrypted for this workspace (it is for another device's key). "
        "Nothing was imported.",
        "ja": "このバンドルはこのワークスペース宛てに暗号化されていません（別の端末の鍵宛てです）。"
        "何も取り込んでいません。",
    },
    "sync.wrong_passphrase": {
        "en": "Wrong passphrase, or the file was changed. Nothing was imported.",
        "ja": "パスフレーズが違うか、ファイルが改変されています。何も取り込んでいません。",
    },
    "sync.damaged": {
        "en": "The bundle is damaged or incomplete ({detail}). Copy it again from the sender. "
        "Nothing was imported.",
        "ja": "バンドルが壊れているか不完全です（{detail}）。送信元からもう一度コピーしてください。"
        "何も取り込んでいません。",
    },
    "sync.future_version": {
        "en": "This bundle was made by a newer version of disastercenter ({detail}). Update this "
        "program to import it. Nothing was imported.",
        "ja": "このバンドルは新しい版の disastercenter で作成されています（{detail}）。"
        "このプログラムを更新してから取り込んでください。何も取り込んでいません。",
    },
    "sync.unsigned": {
        "en": "The bundle is not signed ({detail}). Nothing was imported.",
        "ja": "バンドルに署名がありません（{detail}）。何も取り込んでいません。",
    },
    "sync.bad_signature": {
        "en": "The bundle's signature is not valid: it was changed or forged. Nothing was imported.",
        "ja": "バンドルの署名が正しくありません。改変または偽造されています。何も取り込んでいません。",
    },
    "sync.passphrase_too_large": {
        "en": "Too much data for passphrase mode (over {limit} MB). Enroll the devices and "
        "exchange by key instead.",
        "ja": "パスフレーズ方式には大きすぎます（{limit} MB 超）。端末を登録して鍵方式で交換してください。",
    },
    "sync.no_recipients": {
        "en": "No one to send to: enroll the center's key card first, or use passphrase mode.",
        "ja": "送り先がありません。先にセンターの鍵カードを登録するか、パスフレーズ方式を使ってください。",
    },
    "sync.quarantined": {
        "en": "The bundle comes from a device that is not enrolled ({label}, fingerprint: {words}). "
        "It was kept in quarantine: accept it after comparing the words with that device, or reject it. "
        "Nothing was imported.",
        "ja": "登録されていない端末からのバンドルです（{label}、指紋: {words}）。隔離しました。"
        "その端末に表示される単語と照合してから受け入れるか、拒否してください。何も取り込んでいません。",
    },
    "sync.unknown_sender": {
        "en": "The bundle comes from a device that is not enrolled ({label}). Nothing was imported.",
        "ja": "登録されていない端末からのバンドルです（{label}）。何も取り込んでいません。",
    },
    "sync.clone": {
        "en": "Rejected: the bundle from {label} holds operations of device {device} (from #{counter} on) "
        "that differ from the ones already here. That laptop's disk was probably cloned or restored. "
        "Nothing was imported. Send it a bundle from here and import it there: it will take a new "
        "device id and its next bundle will be accepted.",
        "ja": "受け付けられません: {label} からのバンドルに、ここにある端末 {device} の操作（#{counter} 以降）と"
        "異なるものが含まれています。そのパソコンのディスクが複製または復元された可能性があります。"
        "何も取り込んでいません。ここからバンドルを書き出してそのパソコンで取り込むと、新しい端末IDに"
        "切り替わり、次のバンドルは受け付けられます。",
    },
    "sync.keys_exist": {
        "en": "This workspace already has sync keys.",
        "ja": "このワークスペースにはすでに同期用の鍵があります。",
    },
    "sync.bad_role": {
        "en": "Unknown role {role}: use center or shelter.",
        "ja": "不明な役割です: {role}。center（センター）か shelter（避難所）を指定してください。",
    },
    "sync.recovery_center_only": {
        "en": "Only a center creates the offline recovery key.",
        "ja": "オフライン復旧鍵を作成できるのはセンターだけです。",
    },
    "sync.enroll_self": {
        "en": "This is this workspace's own key card.",
        "ja": "これはこのワークスペース自身の鍵カードです。",
    },
    "sync.unknown_peer": {
        "en": "No enrolled device matches {peer}.",
        "ja": "{peer} に一致する登録済みの端末がありません。",
    },
    "sync.ambiguous_peer": {
        "en": "{count} devices match {peer}: be more specific.",
        "ja": "{peer} に一致する端末が {count} 台あります。もっと詳しく指定してください。",
    },
    "sync.peer_has_no_key": {
        "en": "{peer} was only met by passphrase: export for it with a passphrase, or enroll its key card.",
        "ja": "{peer} とはパスフレーズでしかやり取りしていません。パスフレーズで書き出すか、鍵カードを登録してください。",
    },
    "sync.no_folder": {
        "en": "{path} is not a folder that can be used.",
        "ja": "{path} は使用できるフォルダーではありません。",
    },
    "sync.for_and_full": {
        "en": "Choose either one peer or everything, not both.",
        "ja": "特定の相手か全件のどちらか一方を選んでください。",
    },
    "sync.not_quarantined": {
        "en": "No quarantined bundle {id}.",
        "ja": "隔離中のバンドル {id} はありません。",
    },
    "sync.no_conflict": {
        "en": "This conflict is already settled.",
        "ja": "この競合はすでに解決されています。",
    },
    "sync.bad_choice": {
        "en": "Choose one of the competing values.",
        "ja": "競合している値のどれかを選んでください。",
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
