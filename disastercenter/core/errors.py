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
    # -- content: filling templates ---------------------------------------------------------
    "template.missing": {
        "en": "No value given for {names} in: {text}",
        "ja": "{names} に入れる値がありません: {text}",
    },
    "template.unexpected": {
        "en": "{names} is not a placeholder of: {text}",
        "ja": "{names} はこの文のプレースホルダーではありません: {text}",
    },
    "template.unknown_type": {
        "en": "{name} has no declared type (time, date, place, count or text) in: {text}",
        "ja": "{name} の型（time・date・place・count・text）が宣言されていません: {text}",
    },
    "template.wrong_time": {
        "en": "{name} must be a time such as 14:00, not {value}.",
        "ja": "{name} には 14:00 のような時刻を入れてください（{value} は使えません）。",
    },
    "template.wrong_date": {
        "en": "{name} must be a date such as 2026-11-21, not {value}.",
        "ja": "{name} には 2026-11-21 のような日付を入れてください（{value} は使えません）。",
    },
    "template.wrong_count": {
        "en": "{name} must be a whole number, 0 or more, not {value}.",
        "ja": "{name} には0以上の整数を入れてください（{value} は使えません）。",
    },
    "template.wrong_text": {
        "en": "{name} must be some text, not {value}.",
        "ja": "{name} には空でない文字列を入れてください（{value} は使えません）。",
    },
    # -- content: phrase texts (the rules of `content check`, for people) -------------------
    "phrase.empty": {"en": "The text is empty.", "ja": "文が空です。"},
    "phrase.markup": {
        "en": "Furigana or braces are not written right: {detail}",
        "ja": "ふりがなや { } の書き方が正しくありません: {detail}",
    },
    "phrase.placeholders": {
        "en": "Placeholders must be the same as in the original (missing: {missing}; extra: {extra}).",
        "ja": "差し込み（{{time}} など）は元の文と同じにしてください（不足: {missing}、余分: {extra}）。",
    },
    "phrase.kanji": {
        "en": "Kanji without furigana: {chars} (write {{漢字|かんじ}}).",
        "ja": "ふりがなのない漢字があります: {chars}（{{漢字|かんじ}} のように書いてください）。",
    },
    "phrase.script": {
        "en": "The text is not mostly in this language's script ({script}).",
        "ja": "この言語の文字（{script}）で書かれていない部分が多すぎます。",
    },
    "phrase.untranslated": {
        "en": "The text is the English one: is it translated?",
        "ja": "英語と同じ文です。翻訳されていますか。",
    },
    "phrase.key_format": {
        "en": "A phrase key looks like user.bus_times: lower-case letters, digits and _ after \"user.\" ({value}).",
        "ja": "フレーズのキーは user.bus_times のように \"user.\" の後に小文字・数字・_ で書いてください（{value}）。",
    },
    "phrase.key_taken": {
        "en": "The phrase key {value} is already used.",
        "ja": "フレーズのキー {value} はすでに使われています。",
    },
    "phrase.not_found": {"en": "No phrase {phrase}.", "ja": "フレーズ {phrase} がありません。"},
    "phrase.category": {"en": "Unknown category: {value}", "ja": "不明な分類です: {value}"},
    "phrase.placeholder_type": {
        "en": "{value} is not a placeholder type (time, date, place, count, text).",
        "ja": "{value} は差し込みの種類（time・date・place・count・text）ではありません。",
    },
    "phrase.pictogram": {"en": "Unknown pictogram: {value}", "ja": "不明なピクトグラムです: {value}"},
    "phrase.reviewer_required": {
        "en": "Enter the reviewer's name to mark a text reviewed.",
        "ja": "確認済みにするには確認者の名前を入力してください。",
    },
    "phrase.nothing_to_export": {
        "en": "This workspace has no phrases of its own to export.",
        "ja": "このワークスペースには書き出す独自のフレーズがありません。",
    },
    "phrase.export_not_empty": {
        "en": "Export into a new or empty folder: {path} already has files.",
        "ja": "新しいフォルダか空のフォルダに書き出してください: {path} にはすでにファイルがあります。",
    },
    # -- content: the translator round trip -------------------------------------------------
    "import.format": {
        "en": "Use an .xlsx or .csv file: {path}",
        "ja": ".xlsx か .csv のファイルを使ってください: {path}",
    },
    "import.unreadable": {
        "en": "Cannot read {path}: {detail}",
        "ja": "{path} を読めません: {detail}",
    },
    "import.not_utf8": {
        "en": "{path} is not UTF-8 text. In Excel, save it as \"CSV UTF-8\" or as an Excel workbook (.xlsx).",
        "ja": "{path} は UTF-8 ではありません。Excel では「CSV UTF-8」か Excel ブック（.xlsx）で保存してください。",
    },
    "content.cannot_write": {
        "en": "Cannot write {path}: {detail}. Nothing was changed.",
        "ja": "{path} に書き込めません: {detail}。何も変更していません。",
    },
    "import.columns": {
        "en": "{path} lacks the columns {names}: was it exported by disastercenter?",
        "ja": "{path} に列 {names} がありません。disastercenter で書き出したファイルですか。",
    },
    "import.language_mismatch": {
        "en": "{path} holds the language {found}, not {expected}.",
        "ja": "{path} は {expected} ではなく {found} のファイルです。",
    },
    "import.catalog_language": {
        "en": "{language} texts live in the phrase catalogue (catalog.toml); edit them there.",
        "ja": "{language} の文はフレーズ目録（catalog.toml）にあります。そちらで編集してください。",
    },
    "import.reviewer_required": {
        "en": "Give the reviewer's name: every changed entry is marked reviewed by them.",
        "ja": "確認者の名前を入れてください。変更した項目はその人の確認済みになります。",
    },
    "import.row": {"en": "Row {row} ({key}):", "ja": "{row}行目（{key}）:"},
    "import.summary": {
        "en": "{rows} rows: {changed} changed, {unchanged} unchanged, {rejected} rejected.",
        "ja": "{rows}行: 変更 {changed}、変更なし {unchanged}、不採用 {rejected}。",
    },
    "import.formula": {
        "en": "a formula in {columns}, not text.",
        "ja": "{columns} が文字ではなく数式です。",
    },
    "import.no_key": {"en": "no key.", "ja": "キーがありません。"},
    "import.unknown_key": {"en": "not a phrase key.", "ja": "フレーズのキーではありません。"},
    "import.duplicate_key": {
        "en": "the key is already on row {first}.", "ja": "このキーは{first}行目にもあります。",
    },
    "import.status": {
        "en": "status must be reviewed or unreviewed, not {value}.",
        "ja": "status は reviewed か unreviewed にしてください（{value} は使えません）。",
    },
    "import.emptied": {
        "en": "the text is empty; entries are never deleted (keep the old text or write a new one).",
        "ja": "文が空です。項目は削除しません（元の文を残すか新しい文を書いてください）。",
    },
    # -- matching (interpreter requests, rosters) ------------------------------------------
    "request.languages_required": {
        "en": "Add at least one language for the interpreter.",
        "ja": "通訳の言語を1つ以上追加してください。",
    },
    "volunteer.languages_required": {
        "en": "Add at least one language the volunteer speaks.",
        "ja": "ボランティアが話せる言語を1つ以上追加してください。",
    },
    "matching.bad_transition": {
        "en": "This cannot be done ({action}): the request or assignment is now {status}. "
        "Refresh the list and try again.",
        "ja": "この操作（{action}）はできません。依頼・割り当ての現在の状態は {status} です。"
        "一覧を更新してやり直してください。",
    },
    "matching.bad_hours": {
        "en": "The number of hours must be positive (got {hours}).",
        "ja": "時間数は正の数にしてください（{hours}）。",
    },
    "matching.not_possible": {
        "en": "{volunteer} cannot take this request: {reason}",
        "ja": "{volunteer} はこの依頼を担当できません: {reason}",
    },
    "file.write_failed": {
        "en": "Cannot write {path}: {detail}. Nothing was written.",
        "ja": "{path} に書き込めません: {detail}。何も書き込んでいません。",
    },
    "import.empty": {
        "en": "{path} has no rows. Nothing was imported.",
        "ja": "{path} に行がありません。何も取り込んでいません。",
    },
    "import.no_name_column": {
        "en": "{path} has no name column (name_latin or name_native; found: {columns}). "
        "Nothing was imported.",
        "ja": "{path} に氏名の列（name_latin または name_native）がありません（見つかった列: {columns}）。"
        "何も取り込んでいません。",
    },
    "import.unknown_shelter": {
        "en": "Unknown shelter: {value}", "ja": "登録されていない避難所です: {value}",
    },
    "import.duplicate_row": {
        "en": "The same volunteer as row {row} (same e-mail, phone or name).",
        "ja": "{row}行目と同じボランティアです（メール・電話・氏名が同じ）。",
    },
    "import.has_errors": {
        "en": "{count} rows have errors; nothing was imported. Fix them, or import only the "
        "valid rows.",
        "ja": "{count}行にエラーがあるため、何も取り込んでいません。修正するか、正しい行だけを取り込んでください。",
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
    "validation.time": {
        "en": "Not a date and time: {value} (use e.g. 2026-09-01 09:00).",
        "ja": "日時ではありません: {value}（例: 2026-09-01 09:00）。",
    },
    "validation.window_order": {
        "en": "The end ({end}) must be after the start ({start}).",
        "ja": "終了（{end}）は開始（{start}）より後にしてください。",
    },
    "validation.windows_overlap": {
        "en": "Time windows overlap: {first} and {second}. Merge them into one.",
        "ja": "時間帯が重なっています: {first} と {second}。1つにまとめてください。",
    },
    "validation.same_gender_unknown": {
        "en": "A same-gender interpreter needs the person's sex (female or male) in the registry.",
        "ja": "同性の通訳者を希望するには、本人の性別（女性または男性）の登録が必要です。",
    },
    "validation.head_missing": {
        "en": "A household needs at least one member.",
        "ja": "世帯には少なくとも1人の構成員が必要です。",
    },
    # -- printing ----------------------------------------------------------------------------
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
    "print.no_languages": {
        "en": "Choose at least one language to print.",
        "ja": "印刷する言語を1つ以上選んでください。",
    },
    "print.too_many_languages": {
        "en": "{count} languages do not fit on one sheet (at most {limit}). Choose fewer, or "
        "print one language per page.",
        "ja": "1枚に{count}言語は入りません（{limit}言語まで）。言語を減らすか、1言語ずつ印刷してください。",
    },
    "print.unknown_sign": {
        "en": "There is no sign “{sign}”. Signs: {signs}",
        "ja": "「{sign}」という掲示はありません。掲示: {signs}",
    },
    "print.unknown_board": {
        "en": "There is no board “{board}”. Boards: {boards}",
        "ja": "「{board}」というボードはありません。ボード: {boards}",
    },
    "print.unknown_template": {
        "en": "There is no phrase “{key}” to make a notice from.",
        "ja": "お知らせの元になる文「{key}」がありません。",
    },
    "print.missing_values": {
        "en": "The notice needs values for: {names} (for example --set time=12:00).",
        "ja": "お知らせに入れる値が足りません: {names}（例: --set time=12:00）。",
    },
    "print.unknown_paper": {
        "en": "Unknown paper size “{paper}” (use A4 or A3).",
        "ja": "用紙サイズ「{paper}」は使えません（A4 か A3）。",
    },
    "print.cannot_write": {
        "en": "Cannot write {path}: {detail}. Nothing was saved.",
        "ja": "{path} に書き込めません: {detail}。何も保存していません。",
    },
    # -- printing: cards, paper form, roster, scans ------------------------------------------
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
    # -- duplicates and municipal export ------------------------------------------------------
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
    # -- sync -----------------------------------------------------------------------------
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
    # -- print centre ---------------------------------------------------------------------
    "print.cancelled": {
        "en": "Cancelled: nothing was saved.",
        "ja": "中止しました。何も保存していません。",
    },
    "print.cannot_print": {
        "en": "The printer did not accept the job: {detail}",
        "ja": "プリンターが印刷を受け付けませんでした: {detail}",
    },
    "board.unknown_item": {
        "en": "“{item}” is not an item of the evacuee or health board.",
        "ja": "「{item}」は避難者用・健康の指差しボードの項目ではありません。",
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
