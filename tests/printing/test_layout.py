"""The text layer: shaping, fallback, bidi, line breaking, furigana, fitting."""

from __future__ import annotations

import pytest
from bidi import get_display

from disastercenter.content.phrasebook import load_phrasebook
from disastercenter.core.errors import UserError
from disastercenter.core.languages import LANGUAGE_CODES
from disastercenter.printing.layout import (
    TextBlock,
    TextStyle,
    fit_text,
    layout_text,
    measure,
    parse_ruby,
)
from disastercenter.printing.linebreak import (
    ALLOWED,
    break_opportunities,
    grapheme_boundaries,
)

BOOK = load_phrasebook()


def phrases(lang: str, ruby: bool = False) -> list[str]:
    return [p.texts[lang] if ruby else BOOK.text(key, lang)
            for key, p in BOOK.phrases.items() if p.texts.get(lang)]


def visual(block: TextBlock, line: int = 0) -> str:
    """The characters of a line from left to right, as drawn (runs in visual order)."""
    return "".join(
        "".join(reversed(run.text)) if run.rtl else run.text for run in block.lines[line].runs
    )


def breaks(block: TextBlock) -> list[int]:
    return [line.start for line in block.lines[1:]]


# --- right to left --------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ar", "fa", "ur"])
def test_right_to_left_lines_read_in_the_order_of_the_unicode_bidi_reference(lang: str) -> None:
    for text in phrases(lang):
        block = layout_text(text, TextStyle(lang, size=10), 100_000)
        expected = get_display(text, base_dir="R").replace("\u200c", "").replace("\u200d", "")
        assert visual(block).replace("\u200c", "").replace("\u200d", "") == expected, text


def test_digits_and_latin_keep_their_order_inside_arabic() -> None:
    block = layout_text("الساعة 12:30 في Gym A", TextStyle("ar", size=12), 1000)
    runs = block.lines[0].runs
    texts = [run.text for run in runs]
    assert "12:30" in texts and "Gym A" in texts
    assert not runs[texts.index("12:30")].rtl
    # Read right to left: الساعة, then 12:30, then في, then Gym A at the far left.
    assert texts.index("Gym A") < texts.index("12:30")
    assert runs[-1].rtl and "الساعة" in runs[-1].text


def test_right_to_left_paragraphs_align_right_and_left_to_right_ones_left() -> None:
    width = 300.0
    arabic = layout_text("مرحبا", TextStyle("ar", size=12), width)
    line = arabic.lines[0]
    assert (line.x + line.width) * 12 == pytest.approx(width, abs=0.5)
    english = layout_text("Hello", TextStyle("en", size=12), width)
    assert english.lines[0].x == 0
    centred = layout_text("Hello", TextStyle("en", size=12, align="center"), width)
    assert centred.lines[0].x * 12 == pytest.approx((width - centred.width) / 2, abs=0.5)


def test_an_arabic_phrase_that_starts_in_latin_is_still_a_right_to_left_paragraph() -> None:
    block = layout_text("Wi-Fi مجاني", TextStyle("ar", size=12), 1000)
    assert block.lines[0].rtl_paragraph
    assert block.lines[0].runs[-1].text == "Wi-Fi"  # first word, rightmost


def test_arabic_letters_join() -> None:
    word = "العربية"
    block = layout_text(word, TextStyle("ar", size=12), 1000)
    run = block.lines[0].runs[0]
    alone = [layout_text(ch, TextStyle("ar", size=12), 1000).lines[0].runs[0].gids[0]
             for ch in word]
    # Joined forms are different glyphs from the isolated letters.
    assert sorted(run.gids) != sorted(alone)


# --- shaping and fonts ----------------------------------------------------------------------

def test_devanagari_conjuncts_are_shaped_into_fewer_glyphs() -> None:
    block = layout_text("क्ष", TextStyle("hi", size=12), 1000)
    gids = block.glyph_ids()
    assert 0 not in gids and len(gids) < 3


def test_discretionary_ligatures_are_off() -> None:
    block = layout_text("in", TextStyle("ja", size=12), 1000)
    assert len(block.glyph_ids()) == 2  # not ㏌


def test_each_character_takes_the_first_font_that_has_it() -> None:
    block = layout_text("น้ำดื่มอยู่ที่ไหน?", TextStyle("th", size=12), 1000)
    fonts = [run.font.family for run in block.lines[0].runs]
    assert fonts == ["Noto Sans Thai", "Noto Sans"]
    assert block.lines[0].runs[1].text == "?"


def test_a_character_no_font_has_is_refused_instead_of_printed_as_a_box() -> None:
    with pytest.raises(UserError) as caught:
        layout_text("Tamil: தமிழ்", TextStyle("en", size=12), 1000)
    assert caught.value.key == "print.missing_glyphs"
    assert "த" in caught.value.message("en") and "த" in caught.value.message("ja")


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_no_phrase_of_any_language_shapes_to_a_missing_glyph(code: str) -> None:
    for text in phrases(code, ruby=True)[::7]:
        block = layout_text(text, TextStyle(code, size=10), 200)
        assert 0 not in block.glyph_ids(), text


# --- line breaking --------------------------------------------------------------------------

@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_lines_never_split_a_grapheme_cluster(code: str) -> None:
    for text in phrases(code)[::11]:
        block = layout_text(text, TextStyle(code, size=12), 40)
        clusters = set(grapheme_boundaries(text))
        assert all(b in clusters for b in breaks(block)), (text, breaks(block))
        assert "".join("".join(ln.text.split()) for ln in block.lines) == "".join(text.split())


def test_thai_breaks_between_dictionary_words() -> None:
    text = "การแบ่งปันข้อมูลและความยินยอม"
    words = ["การ", "แบ่ง", "ปัน", "ข้อมูล", "และ", "ความ", "ยินยอม"]
    ends = {sum(len(w) for w in words[:i]) for i in range(1, len(words))}
    style = TextStyle("th", size=12)
    widest = max(measure(word, style) for word in words)
    for width in (widest + 1, widest * 1.5, widest * 2.5):
        block = layout_text(text, style, width)
        assert len(block.lines) > 1 and not block.overflow
        assert set(breaks(block)) <= ends, (width, [ln.text for ln in block.lines])


@pytest.mark.parametrize("lang", ["th", "km", "my"])
def test_thai_khmer_and_myanmar_lines_end_at_word_boundaries(lang: str) -> None:
    style = TextStyle(lang, size=12)
    for text in phrases(lang)[::9]:
        words = {i for i, p in break_opportunities(text, lang) if p <= ALLOWED}
        pieces = [0, *sorted(words), len(text)]
        widest = max(measure(text[a:b], style) for a, b in zip(pieces, pieces[1:]))
        block = layout_text(text, style, widest * 1.05 + 3)  # room for ink beyond the advances
        assert set(breaks(block)) <= words, [ln.text for ln in block.lines]
        assert not block.overflow


def test_japanese_lines_follow_the_line_start_rules() -> None:
    no_start = set("、。，．・：；？！ー」』）】〕ぁぃぅぇぉっゃゅょァィゥェォッャュョ")
    no_end = set("「『（【〔")
    for text in phrases("ja")[::3]:
        for width in (50, 90):
            block = layout_text(text, TextStyle("ja", size=10, ruby=False), width)
            for line in block.lines[1:]:
                assert line.text[:1] not in no_start, (text, [ln.text for ln in block.lines])
            for line in block.lines[:-1]:
                assert line.text[-1:] not in no_end, (text, [ln.text for ln in block.lines])


def test_japanese_breaks_between_phrases_when_they_fit() -> None:
    style = TextStyle("ja", size=10)
    block = layout_text("避難所は「体育館」です。", style, measure("「体育館」です。", style) + 1)
    assert [ln.text for ln in block.lines] == ["避難所は", "「体育館」です。"]


def test_easy_japanese_breaks_at_its_spaces() -> None:
    style = TextStyle("ja-x-easy", size=10)
    text = "みず は たいいくかん に あります"
    block = layout_text(text, style, measure("たいいくかん に", style) + 1)
    assert all(line.text.strip() in text.split(" ") or " " in line.text for line in block.lines)
    assert set(breaks(block)) <= {i + 1 for i, ch in enumerate(text) if ch == " "}


def test_a_word_longer_than_the_line_breaks_between_characters_not_off_the_page() -> None:
    style = TextStyle("en", size=12)
    url = "Donaudampfschifffahrtsgesellschaftskapitänskajütenschlüssel"
    block = layout_text(url, style, 100)
    assert len(block.lines) > 2 and not block.overflow
    assert all(ln.width * 12 <= 100 + 0.01 for ln in block.lines)
    opportunities = {i for i, p in break_opportunities(url, "en") if p <= ALLOWED}
    assert any(b not in opportunities for b in breaks(block))  # some emergency breaks


def test_balanced_lines_are_of_even_length() -> None:
    text = "Drinking water is available at the entrance of the gym"
    plain = layout_text(text, TextStyle("en", size=12), 250)
    even = layout_text(text, TextStyle("en", size=12, balance=True), 250)
    assert len(even.lines) == len(plain.lines) == 2
    spread = lambda b: abs(b.lines[0].width - b.lines[1].width)  # noqa: E731
    assert spread(even) < spread(plain)


# --- furigana -------------------------------------------------------------------------------

def test_ruby_markup_is_parsed_into_base_text_and_spans() -> None:
    base, spans = parse_ruby("{避難所|ひなんじょ}の{受付|うけつけ}")
    assert base == "避難所の受付"
    assert [(s.start, s.end, s.reading) for s in spans] == [(0, 3, "ひなんじょ"), (4, 6, "うけつけ")]


def test_furigana_sits_centred_above_its_base() -> None:
    block = layout_text("{避難所|ひなんじょ}へ", TextStyle("ja", size=20), 500)
    line = block.lines[0]
    (ruby,) = line.rubies
    base_run = line.runs[0]
    base_width = sum(base_run.advances[:3])
    centre_base = base_run.x + base_width / 2
    centre_ruby = ruby.x + ruby.width * 0.5 / 2
    assert centre_ruby == pytest.approx(centre_base, abs=1e-6)
    assert block._ruby_rise() > block.ascent_base  # above the kanji
    assert block.ruby_band > 0 and block.lines[0].baseline > block.ruby_band


def test_a_reading_wider_than_its_base_spreads_the_base() -> None:
    plain = layout_text("小学校", TextStyle("ja", size=10, ruby=False), 500)
    spread = layout_text("{小|しょう}学校", TextStyle("ja", size=10), 500)
    assert spread.lines[0].width == pytest.approx(plain.lines[0].width + 0.5, abs=1e-6)


def test_furigana_never_splits_across_lines() -> None:
    for text in phrases("ja", ruby=True)[::5]:
        _, spans = parse_ruby(text)
        block = layout_text(text, TextStyle("ja", size=10), 45)
        for b in breaks(block):
            assert not any(s.start < b < s.end for s in spans), text
        assert sum(len(ln.rubies) for ln in block.lines) == len(spans)


# --- fitting --------------------------------------------------------------------------------

TEXT = "Drinking water and food are handed out at the entrance of the gym every morning."


def test_text_shrinks_to_fit_its_box() -> None:
    block = fit_text(TEXT, TextStyle("en", size=40), 200, 80, min_size=8)
    assert not block.overflow and not block.warnings
    assert 8 <= block.size < 40
    assert block.height <= 80 and block.width <= 200
    bigger = layout_text(TEXT, TextStyle("en", size=block.size + 0.5), 200)
    assert bigger.height > 80 or bigger.overflow


def test_text_that_does_not_fit_at_the_minimum_size_is_flagged_and_continues() -> None:
    block = fit_text(TEXT * 3, TextStyle("en", size=20), 150, 40, min_size=10)
    assert block.overflow and block.warnings and block.size == 10
    head, rest = block.split(40)
    assert rest is not None and head.height <= 40
    assert len(head.lines) + len(rest.lines) == len(block.lines)
    assert rest.lines[0].baseline == pytest.approx(head.lines[0].baseline)
