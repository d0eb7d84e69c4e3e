"""The language registry: BCP 47 code, names, script, direction and fallback chain."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One supported language."""

    code: str
    native_name: str
    name_ja: str
    name_en: str
    script: str  # ISO 15924
    direction: str = "ltr"
    fallbacks: tuple[str, ...] = ("en", "ja-x-easy")

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


_LANGUAGES: tuple[Language, ...] = (
    Language("ja", "日本語", "日本語", "Japanese", "Jpan", fallbacks=()),
    Language("ja-x-easy", "やさしい にほんご", "やさしい日本語", "Easy Japanese", "Jpan", fallbacks=("ja",)),
    Language("en", "English", "英語", "English", "Latn", fallbacks=("ja-x-easy",)),
    Language("zh-Hans", "简体中文", "中国語（簡体字）", "Chinese (Simplified)", "Hans", fallbacks=("zh-Hant", "en", "ja-x-easy")),
    Language("zh-Hant", "繁體中文", "中国語（繁体字）", "Chinese (Traditional)", "Hant", fallbacks=("zh-Hans", "en", "ja-x-easy")),
    Language("ko", "한국어", "韓国語", "Korean", "Kore"),
    Language("vi", "Tiếng Việt", "ベトナム語", "Vietnamese", "Latn"),
    Language("tl", "Tagalog", "タガログ語", "Tagalog", "Latn"),
    Language("pt-BR", "Português", "ポルトガル語", "Portuguese (Brazil)", "Latn", fallbacks=("es", "en", "ja-x-easy")),
    Language("es", "Español", "スペイン語", "Spanish", "Latn", fallbacks=("pt-BR", "en", "ja-x-easy")),
    Language("ne", "नेपाली", "ネパール語", "Nepali", "Deva", fallbacks=("hi", "en", "ja-x-easy")),
    Language("id", "Bahasa Indonesia", "インドネシア語", "Indonesian", "Latn"),
    Language("th", "ภาษาไทย", "タイ語", "Thai", "Thai"),
    Language("my", "မြန်မာဘာသာ", "ミャンマー語", "Burmese", "Mymr"),
    Language("km", "ភាសាខ្មែរ", "クメール語", "Khmer", "Khmr"),
    Language("mn", "Монгол хэл", "モンゴル語", "Mongolian", "Cyrl", fallbacks=("ru", "en", "ja-x-easy")),
    Language("si", "සිංහල", "シンハラ語", "Sinhala", "Sinh"),
    Language("bn", "বাংলা", "ベンガル語", "Bengali", "Beng", fallbacks=("hi", "en", "ja-x-easy")),
    Language("hi", "हिन्दी", "ヒンディー語", "Hindi", "Deva", fallbacks=("ur", "en", "ja-x-easy")),
    Language("ur", "اردو", "ウルドゥー語", "Urdu", "Arab", "rtl", fallbacks=("hi", "en", "ja-x-easy")),
    Language("ar", "العربية", "アラビア語", "Arabic", "Arab", "rtl"),
    Language("fa", "فارسی", "ペルシャ語", "Persian", "Arab", "rtl"),
    Language("uk", "Українська", "ウクライナ語", "Ukrainian", "Cyrl", fallbacks=("ru", "en", "ja-x-easy")),
    Language("ru", "Русский", "ロシア語", "Russian", "Cyrl"),
    Language("fr", "Français", "フランス語", "French", "Latn"),
)

LANGUAGES: dict[str, Language] = {lang.code: lang for lang in _LANGUAGES}
LANGUAGE_CODES: tuple[str, ...] = tuple(LANGUAGES)


def language(code: str) -> Language:
    """The registry entry for `code`; raises KeyError with the code for unknown languages."""
    try:
        return LANGUAGES[code]
    except KeyError:
        raise KeyError(f"unknown language code {code!r}") from None


def fallback_chain(code: str) -> tuple[str, ...]:
    """`code` followed by its fallbacks, without repeats."""
    chain = [code]
    for fb in language(code).fallbacks:
        if fb not in chain:
            chain.append(fb)
    return tuple(chain)
