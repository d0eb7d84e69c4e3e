"""UI translations (Japanese and English), switchable at runtime.

Source strings are English; `translations/ja.toml` maps each to Japanese. Phrase keys (form
labels, vocabularies) come from the phrasebook in the current UI language. Widgets connect to
`i18n.changed` and re-set their texts in a `retranslate()` method.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from disastercenter.content.phrasebook import Phrasebook, fill, load_phrasebook
from disastercenter.core.errors import MESSAGES

UI_LANGUAGES: tuple[str, ...] = ("ja", "en")
_TRANSLATIONS = Path(__file__).with_name("translations")


class Translator(QObject):
    """The current UI language and its strings."""

    changed = Signal(str)

    def __init__(self, language: str = "ja") -> None:
        super().__init__()
        with (_TRANSLATIONS / "ja.toml").open("rb") as handle:
            self._ja: dict[str, str] = tomllib.load(handle)["strings"]
        self.language = language if language in UI_LANGUAGES else "ja"
        self.missing: set[str] = set()
        self._phrasebook: Phrasebook | None = None

    @property
    def phrasebook(self) -> Phrasebook:
        if self._phrasebook is None:
            # The UI speaks ja and en, both in the catalogue: no language file is needed.
            self._phrasebook = load_phrasebook(languages=frozenset())
        return self._phrasebook

    def set_language(self, language: str) -> None:
        if language not in UI_LANGUAGES:
            raise ValueError(f"unsupported UI language {language!r}")
        if language != self.language:
            self.language = language
            self.changed.emit(language)

    def tr(self, text: str, **params: object) -> str:
        """`text` (English source) in the current language, with `{name}` params filled."""
        if self.language == "ja":
            translated = self._ja.get(text)
            if translated is None:
                self.missing.add(text)
                translated = text
        else:
            translated = text
        return translated.format(**params) if params else translated

    def phrase(self, key: str) -> str:
        """A phrasebook entry (form label, vocabulary) in the current language."""
        if not self.phrasebook.has(key, self.language):
            self.missing.add(key)
        return self.phrasebook.text(key, self.language)

    def message(self, key: str, params: dict[str, object] | tuple = ()) -> str:
        """A validation or error message in the current language: a phrase (form validation
        messages) or an entry of core.errors.MESSAGES."""
        if key in self.phrasebook.phrases:
            return fill(self.phrase(key), dict(params))
        texts = MESSAGES.get(key)
        if texts is None:
            self.missing.add(key)
            return key
        return (texts.get(self.language) or texts["en"]).format(**dict(params))

    def source_strings(self) -> set[str]:
        return set(self._ja)


#: The one translator of the running app; tests switch its language like a user would.
i18n = Translator()
tr = i18n.tr
