"""A center's own phrases: written during an operation, synced through the op-log, edited and
reviewed in the workspace, exported as a phrasebook folder that passes `content check`. Edits of
shipped phrases go to the workspace's own phrasebook folder, never to the shipped files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from disastercenter.content.check import check_content
from disastercenter.content.paths import shipped_dir
from disastercenter.content.phrasebook import load_folder, load_phrasebook
from disastercenter.core.errors import MESSAGES, UserError
from disastercenter.services.phrasebook import (
    PhrasebookService,
    UserPhraseInput,
    today_in_japan,
    user_phrase_id,
)
from disastercenter.services.registry import ValidationError
from disastercenter.store.db import open_workspace
from tests.helpers import count, sha256

BUS = UserPhraseInput(
    "notice", "バスは{time}に{出|で}ます。", "バスは {time}に でます。", "The bus leaves at {time}.",
)
SOUP = UserPhraseInput(
    "distribution", "{温|あたた}かいスープがあります。", "あたたかい スープが あります。",
    "There is hot soup.",
)


@pytest.fixture
def phrases(workspace) -> PhrasebookService:  # type: ignore[no-untyped-def]
    return PhrasebookService(workspace)


@pytest.fixture
def two_devices(tmp_path: Path) -> Iterator[tuple[PhrasebookService, PhrasebookService]]:
    center = open_workspace(tmp_path / "center" / "center.sqlite3")
    shelter = open_workspace(tmp_path / "shelter" / "shelter.sqlite3")
    try:
        yield PhrasebookService(center), PhrasebookService(shelter)
    finally:
        center.close()
        shelter.close()


def _sync(source: PhrasebookService, target: PhrasebookService) -> None:
    with target.ws.db.atomic():
        target.oplog.apply_ops(source.oplog.ops_since(target.oplog.version_vector()))


def test_a_new_phrase_is_an_op_log_record_and_joins_the_phrasebook(phrases: PhrasebookService) -> None:
    key = phrases.add_user_phrase(BUS)
    assert key == "user.the_bus_leaves_at"
    ops = phrases.conn.execute(
        "SELECT field FROM ops WHERE entity = 'user_phrase' AND record_id = ?", (user_phrase_id(key),)
    ).fetchall()
    assert {"key", "ja", "ja_easy", "en", "category", "placeholders"} <= {f for (f,) in ops}
    book = phrases.phrasebook()
    phrase = book.phrases[key]
    assert phrase.placeholders == {"time": "time"} and not phrase.review.is_reviewed
    assert book.text(key, "ja") == "バスは{time}に出ます。"
    assert book.fill(key, "en", {"time": dt.time(7, 30)}) == "The bus leaves at 07:30."
    # Untranslated languages fall back like shipped phrases do.
    assert book.text(key, "vi") == "The bus leaves at {time}."
    assert "need.water" in book.phrases  # the shipped phrases are all still there


def test_a_translation_is_saved_reviewed_by_the_name_given(phrases: PhrasebookService) -> None:
    key = phrases.add_user_phrase(BUS)
    phrases.set_text(key, "vi", "Xe buýt khởi hành lúc {time}.", reviewer="Nguyen T.")
    phrases.set_text(key, "th", "รถบัสออกเวลา {time}")
    book = phrases.phrasebook()
    assert book.text(key, "vi") == "Xe buýt khởi hành lúc {time}."
    review = book.phrases[key].reviews["vi"]
    assert (review.status, review.reviewer, review.reviewed_on) == ("reviewed", "Nguyen T.", today_in_japan())
    assert not book.phrases[key].reviews["th"].is_reviewed
    phrases.set_review(key, "th", "Somchai")
    assert phrases.phrasebook().phrases[key].reviews["th"].reviewer == "Somchai"
    phrases.set_review(key, "vi", None)
    assert not phrases.phrasebook().phrases[key].reviews["vi"].is_reviewed
    assert count(phrases.conn, "user_phrase_text", "deleted = 0") == 2


def test_a_phrase_is_checked_with_the_rules_of_content_check(phrases: PhrasebookService) -> None:
    bad = UserPhraseInput("notice", "バスは{time}に出ます。", "バスは でます。", "The bus leaves at {when}.",
                          key="user.Bus")
    with pytest.raises(ValidationError) as caught:
        phrases.add_user_phrase(bad)
    found = {(p.field, p.key) for p in caught.value.problems}
    assert ("key", "phrase.key_format") in found
    assert ("ja", "phrase.kanji") in found  # 出 without furigana
    assert ("en", "phrase.placeholder_type") in found  # {when} is no type
    assert ("ja_easy", "phrase.placeholders") in found
    assert count(phrases.conn, "user_phrase") == 0  # nothing saved


def test_a_translation_in_the_wrong_script_or_with_other_placeholders_is_refused(
    phrases: PhrasebookService,
) -> None:
    key = phrases.add_user_phrase(BUS)
    with pytest.raises(ValidationError) as caught:
        phrases.set_text(key, "th", "The bus leaves at {time}.")
    assert {p.key for p in caught.value.problems} >= {"phrase.script", "phrase.untranslated"}
    with pytest.raises(ValidationError) as caught:
        phrases.set_text(key, "vi", "Xe buýt khởi hành.")
    problem = caught.value.problems[0]
    assert problem.key == "phrase.placeholders" and dict(problem.params)["missing"] == "{time}"
    for language in ("ja", "en"):
        assert "{time}" in MESSAGES[problem.key][language].format(**dict(problem.params))


def test_a_key_is_used_once_and_an_unknown_category_is_refused(phrases: PhrasebookService) -> None:
    phrases.add_user_phrase(UserPhraseInput(**{**BUS.__dict__, "key": "user.bus"}))
    with pytest.raises(ValidationError) as caught:
        phrases.add_user_phrase(UserPhraseInput(**{**SOUP.__dict__, "key": "user.bus"}))
    assert [p.key for p in caught.value.problems] == ["phrase.key_taken"]
    assert phrases.add_user_phrase(BUS) == "user.the_bus_leaves_at"
    assert phrases.add_user_phrase(BUS) == "user.the_bus_leaves_at_2"  # made keys never clash
    with pytest.raises(ValidationError) as caught:
        phrases.add_user_phrase(UserPhraseInput(**{**SOUP.__dict__, "category": "gossip"}))
    assert [p.key for p in caught.value.problems] == ["phrase.category"]


def test_phrases_and_translations_travel_to_the_shelter_through_the_op_log(two_devices) -> None:  # type: ignore[no-untyped-def]
    center, shelter = two_devices
    key = center.add_user_phrase(BUS)
    center.set_text(key, "my", "ဘတ်စ်ကား {time} တွင် ထွက်ပါမည်။", reviewer="Aung")
    _sync(center, shelter)
    book = shelter.phrasebook()
    assert book.text(key, "my") == "ဘတ်စ်ကား {time} တွင် ထွက်ပါမည်။"
    assert book.phrases[key].reviews["my"].reviewer == "Aung"


def test_two_devices_adding_the_same_key_end_with_one_phrase(two_devices) -> None:  # type: ignore[no-untyped-def]
    center, shelter = two_devices
    center.add_user_phrase(UserPhraseInput(**{**BUS.__dict__, "key": "user.bus"}))
    shelter.add_user_phrase(UserPhraseInput(**{**BUS.__dict__, "key": "user.bus",
                                               "en": "The bus departs at {time}."}))
    shelter.set_text("user.bus", "vi", "Xe buýt chạy lúc {time}.")
    _sync(center, shelter)
    _sync(shelter, center)
    for device in (center, shelter):
        mine = device.user_phrases()
        assert [p.key for p in mine] == ["user.bus"]
        assert mine[0].texts["vi"] == "Xe buýt chạy lúc {time}."
    # Field by field, the later write wins on both devices alike.
    assert center.user_phrases()[0].texts["en"] == shelter.user_phrases()[0].texts["en"]


def test_a_deleted_phrase_is_gone_everywhere_and_its_translations_stay_gone(two_devices) -> None:  # type: ignore[no-untyped-def]
    center, shelter = two_devices
    key = center.add_user_phrase(UserPhraseInput(**{**BUS.__dict__, "key": "user.bus"}))
    center.set_text(key, "vi", "Xe buýt chạy lúc {time}.")
    _sync(center, shelter)
    center.delete_user_phrase(key)
    _sync(center, shelter)
    assert shelter.user_phrases() == [] and key not in shelter.phrasebook().phrases
    center.add_user_phrase(UserPhraseInput(**{**BUS.__dict__, "key": "user.bus"}))
    assert "vi" not in center.phrasebook().phrases[key].texts
    with pytest.raises(UserError):
        shelter.delete_user_phrase(key)  # not there any more


def test_editing_a_user_phrase_source_text_asks_for_a_new_review(phrases: PhrasebookService) -> None:
    key = phrases.add_user_phrase(BUS)
    phrases.set_review(key, "en", "Sato")
    assert phrases.phrasebook().phrases[key].review.is_reviewed
    phrases.update_user_phrase(key, UserPhraseInput(**{**BUS.__dict__, "note": "Outside gate 2"}))
    assert phrases.phrasebook().phrases[key].review.is_reviewed  # a note is not a text
    phrases.update_user_phrase(key, UserPhraseInput(**{**BUS.__dict__, "en": "The bus goes at {time}."}))
    phrase = phrases.phrasebook().phrases[key]
    assert phrase.texts["en"] == "The bus goes at {time}." and not phrase.review.is_reviewed


def test_user_phrases_export_as_a_phrasebook_that_passes_content_check(
    phrases: PhrasebookService, tmp_path: Path
) -> None:
    bus = phrases.add_user_phrase(BUS)
    soup = phrases.add_user_phrase(SOUP)
    for key, text in ((bus, "Xe buýt khởi hành lúc {time}."), (soup, "Có súp nóng.")):
        phrases.set_text(key, "vi", text, reviewer="Nguyen T.")
    phrases.set_text(bus, "ar", "تغادر الحافلة الساعة {time}.")  # soup has no Arabic yet
    folder = tmp_path / "export"
    result = phrases.export_user_phrases(folder)
    assert result.phrases == 2 and result.languages == ["vi"] and result.incomplete == {"ar": 1}
    assert sorted(p.name for p in folder.iterdir()) == ["catalog.toml", "pictograms.toml", "vi.toml"]
    assert result.check is not None and result.check.ok, result.check.problems
    report = check_content(folder, check_forms=False)
    assert report.ok and report.phrases == 2 and report.reviewed == 2
    # Loadable as if shipped: the folder alone is a phrasebook.
    book = load_folder(folder)
    assert book.problems == []
    assert book.text(soup, "vi") == "Có súp nóng." and book.text(bus, "ja", ruby=True) == BUS.ja
    assert book.phrases[bus].reviews["vi"].reviewer == "Nguyen T."


def test_export_refuses_a_folder_with_files_and_a_workspace_without_phrases(
    phrases: PhrasebookService, tmp_path: Path
) -> None:
    with pytest.raises(UserError) as caught:
        phrases.export_user_phrases(tmp_path / "empty")
    assert caught.value.key == "phrase.nothing_to_export"
    phrases.add_user_phrase(BUS)
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("keep me")
    with pytest.raises(UserError) as caught:
        phrases.export_user_phrases(tmp_path / "busy")
    assert caught.value.key == "phrase.export_not_empty"
    assert (tmp_path / "busy" / "notes.txt").read_text() == "keep me"


def test_editing_a_shipped_phrase_writes_the_workspace_folder_not_the_shipped_files(
    phrases: PhrasebookService,
) -> None:
    shipped = shipped_dir("phrasebooks")
    before = {p.name: sha256(p) for p in shipped.glob("*.toml")}
    phrases.set_text("need.water", "vi", "Cho tôi xin nước.", reviewer="Tran")
    phrases.set_text("need.water", "en", "Some water, please.")
    assert {p.name: sha256(p) for p in shipped.glob("*.toml")} == before
    override = phrases.override_dir
    assert override == phrases.ws.path.parent / "content" / "phrasebooks"
    vi = (override / "vi.toml").read_text(encoding="utf-8")
    assert vi.count("[entries.") == 1 and 'reviewer = "Tran"' in vi
    book = phrases.phrasebook()
    assert book.text("need.water", "vi") == "Cho tôi xin nước."
    assert book.text("need.water", "en") == "Some water, please."
    assert book.text("need.water", "ja") == "水をください。"  # the rest of the entry stays
    assert book.text("need.blanket", "vi") == load_phrasebook().text("need.blanket", "vi")
    # The app's own loader (no service) sees the edits too, read again because a file changed.
    assert load_phrasebook(phrases.ws.path).text("need.water", "vi") == "Cho tôi xin nước."
    phrases.set_text("need.water", "vi", "Xin cho tôi nước uống.")
    assert load_phrasebook(phrases.ws.path).text("need.water", "vi") == "Xin cho tôi nước uống."
    assert (override / "vi.toml").read_text(encoding="utf-8").count("[entries.") == 1


def test_an_unknown_phrase_or_language_is_a_clear_error(phrases: PhrasebookService) -> None:
    with pytest.raises(UserError) as caught:
        phrases.set_text("no.such.key", "vi", "x")
    assert caught.value.key == "phrase.not_found" and "no.such.key" in caught.value.message("ja")
    with pytest.raises(UserError) as caught:
        phrases.set_text("need.water", "xx", "x")
    assert caught.value.key == "validation.unknown_language"
