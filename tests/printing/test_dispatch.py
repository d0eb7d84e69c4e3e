"""Interpreter dispatch cards and day schedules, from plain assignment records."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from disastercenter.core.errors import UserError
from disastercenter.core.ids import new_id
from disastercenter.core.scan_codes import read_scan
from disastercenter.printing.dispatch import DispatchAssignment
from disastercenter.services.print_cards import print_dispatch
from tests.printing.test_registration_cards import pdf_text
from tests.printing.test_render import rasterise

MORNING = datetime(2026, 11, 22, 0, 30, tzinfo=timezone.utc)  # 09:30 in Japan


def assignments() -> list[DispatchAssignment]:
    return [
        DispatchAssignment(new_id(), "佐藤 花子", ("vi", "ja"), "相模原協同病院 1階 受付",
                           MORNING, MORNING + timedelta(minutes=90), "NGUYEN Thi Mai", "vi",
                           "090-1234-5678", "妊娠32週。夫が同行。",
                           person_name_native="Nguyễn Thị Mai", purpose="通院 Medical visit",
                           interpreter_id="v1"),
        DispatchAssignment(new_id(), "Bikram THAPA", ("ne", "en"), "Remote (phone)",
                           MORNING + timedelta(hours=5), MORNING + timedelta(hours=6),
                           "SHRESTHA Bikram", "ne", "070-9999-0000",
                           person_name_native="बिक्रम श्रेष्ठ", interpreter_id="v2"),
        DispatchAssignment(new_id(), "佐藤 花子", ("ar", "ja"), "大野北小学校 体育館",
                           MORNING - timedelta(hours=2), MORNING - timedelta(hours=1),
                           "AHMED Fatima", "ar", "080-2222-3333",
                           person_name_native="فاطمة أحمد", interpreter_id="v1"),
    ]


def test_dispatch_cards_carry_when_where_who_and_a_qr_code_of_the_assignment(
    tmp_path: Path
) -> None:
    items = assignments()
    result = print_dispatch(tmp_path / "dispatch.pdf", items)
    assert result.pages == 2 and result.warnings == []
    found = set()
    for png in rasterise(result.path, 150, tmp_path):
        for code in zxingcpp.read_barcodes(Image.open(png)):
            scan = read_scan(code.text)
            assert scan is not None and scan.kind == "assignment"
            found.add(scan.assignment_id)
    assert found == {item.assignment_id for item in items}
    text = pdf_text(result.path)
    for expected in ("2026-11-22", "09:30–11:00", "相模原協同病院", "Nguyễn Thị Mai", "090-1234-5678",
                     "妊娠32週", "Tiếng Việt", items[0].code):
        assert expected in text


def test_each_interpreter_gets_a_day_schedule_in_time_order(tmp_path: Path) -> None:
    result = print_dispatch(tmp_path / "schedule.pdf", assignments(), schedules=True)
    pages = pdf_text(result.path).split("\f")[:-1]
    assert result.pages == len(pages) == 2
    sato = next(page for page in pages if "佐藤 花子" in page)
    assert sato.index("07:30–08:30") < sato.index("09:30–11:00")
    assert "Bikram THAPA" not in sato and "2件" in sato


def test_nothing_to_print_is_said_plainly(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        print_dispatch(tmp_path / "x.pdf", [])
    assert "割り当て" in caught.value.message("ja")
    assert not (tmp_path / "x.pdf").exists()
