"""The kiosk's words in the evacuee's language: the form, its choices, hints and errors."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QLocale

from disastercenter.content.phrasebook import (
    Phrasebook,
    fill,
    load_phrasebook,
    ruby_in_parentheses,
)
from disastercenter.core.countries import COUNTRIES, country_name
from disastercenter.core.languages import LANGUAGES, fallback_chain
from disastercenter.ui.dialogs.form_widgets import FormTexts

RLM = "\u200f"


@lru_cache(maxsize=32)
def kiosk_phrasebook(code: str) -> Phrasebook:
    """The catalogue plus the language files on `code`'s fallback chain (not all 22)."""
    return load_phrasebook(languages=frozenset(fallback_chain(code)))


@lru_cache(maxsize=64)
def country_endonym(code: str) -> str:
    """A country's name in its own main language (Qt's CLDR data): မြန်မာ, Việt Nam."""
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyTerritory:
        return ""
    return QLocale(QLocale.Language.AnyLanguage, territory).nativeTerritoryName()


class KioskTexts(FormTexts):
    """Phrases in language `code`. やさしい日本語 shows its furigana in parentheses, since
    buttons and check boxes cannot show ruby."""

    self_service = True
    editable_country = False

    def __init__(self, code: str) -> None:
        self.code = code
        self.language = LANGUAGES[code]
        self.book = kiosk_phrasebook(code)

    @property
    def rtl(self) -> bool:
        return self.language.is_rtl

    def phrase(self, key: str) -> str:
        if self.code == "ja-x-easy":
            return ruby_in_parentheses(self.book.text(key, self.code, ruby=True))
        return self._directed(self.book.text(key, self.code))

    def _directed(self, text: str) -> str:
        """Right-to-left texts start with a RIGHT-TO-LEFT MARK: Qt lays out the text of radio
        buttons, check boxes and buttons left-to-right otherwise, and "0 سے 5 سال" (0 to 5
        years) would read "سے 5 سال 0"."""
        return RLM + text if self.rtl and not text.startswith(RLM) else text

    def message(self, key: str, params: dict[str, object] | tuple = ()) -> str:
        return fill(self.phrase(key), dict(params))

    def ui(self, name: str) -> str:
        return {
            "add_language": self.phrase("kiosk.add_language"),
            "remove": self.phrase("kiosk.remove"),
            "remove_language": self.phrase("kiosk.remove"),
            "yes": self.phrase("answer.yes"),
            "no": self.phrase("answer.no"),
            "date_placeholder": "",
            "country_placeholder": "",
        }[name]

    def language_label(self, code: str) -> str:
        lang = LANGUAGES[code]
        if self.code in ("ja", "ja-x-easy"):
            local = lang.name_ja
        elif self.code == "en":
            local = lang.name_en
        else:  # the evacuee knows each language by its own name
            return self._directed(lang.native_name)
        return local if local == lang.native_name else f"{lang.native_name} — {local}"

    def country_label(self, code: str) -> str:
        if self.code in ("ja", "ja-x-easy", "en"):
            return country_name(code, "ja" if self.code.startswith("ja") else "en")
        own = country_endonym(code)
        english = COUNTRIES.get(code, ("", code))[1]
        return self._directed(english if not own or own == english else f"{own} — {english}")
