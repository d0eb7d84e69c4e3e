"""Phrases: the catalogue (keys, metadata, Japanese and English) and lookups with fallback."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from disastercenter.content.paths import content_dirs

RUBY = re.compile(r"\{([^{}|]+)\|([^{}|]+)\}")


def strip_ruby(text: str) -> str:
    """`{避難所|ひなんじょ}へ` -> `避難所へ`: the plain text of furigana markup."""
    return RUBY.sub(r"\1", text)


@dataclass
class Phrase:
    key: str
    category: str
    texts: dict[str, str] = field(default_factory=dict)  # language code -> text (ja with ruby)
    source: str = ""


@dataclass
class Phrasebook:
    phrases: dict[str, Phrase]

    def text(self, key: str, lang: str, *, ruby: bool = False) -> str:
        """The text of `key` in `lang`, falling back to English then Japanese, then the key.

        Japanese furigana markup is removed unless `ruby` is True.
        """
        phrase = self.phrases.get(key)
        if phrase is None:
            return key
        for candidate in (lang, "en", "ja"):
            text = phrase.texts.get(candidate)
            if text:
                return text if ruby else strip_ruby(text)
        return key

    def has(self, key: str, lang: str) -> bool:
        phrase = self.phrases.get(key)
        return phrase is not None and bool(phrase.texts.get(lang))


class ContentError(Exception):
    """Content files with problems; `problems` lists (file, key, reason) for every one."""

    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        self.problems = problems
        lines = [f"{file}: {key}: {reason}" for file, key, reason in problems]
        super().__init__("\n".join(lines))


def _load_catalog(path: Path, phrases: dict[str, Phrase], problems: list[tuple[str, str, str]]) -> None:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        problems.append((str(path), "", f"cannot read: {exc}"))
        return
    entries = data.get("phrases", {})
    if not isinstance(entries, dict):
        problems.append((str(path), "phrases", "must be a table of phrases"))
        return
    for key, entry in entries.items():
        if not isinstance(entry, dict):
            problems.append((str(path), key, "must be a table"))
            continue
        texts = {lang: entry[lang] for lang in ("ja", "en") if isinstance(entry.get(lang), str)}
        for lang in ("ja", "en"):
            if not texts.get(lang, "").strip():
                problems.append((str(path), key, f"missing {lang} text"))
        ja = texts.get("ja", "")
        if ja and strip_ruby(ja).count("{") + strip_ruby(ja).count("}"):
            problems.append((str(path), key, "malformed furigana markup"))
        phrases[key] = Phrase(key, str(entry.get("category", "")), texts, str(path))


@lru_cache(maxsize=8)
def load_phrasebook(workspace_path: Path | None = None) -> Phrasebook:
    """The catalogue from the shipped folder plus the workspace's additions."""
    phrases: dict[str, Phrase] = {}
    problems: list[tuple[str, str, str]] = []
    for folder in content_dirs("phrasebooks", workspace_path):
        catalog = folder / "catalog.toml"
        if catalog.is_file():
            _load_catalog(catalog, phrases, problems)
    if problems:
        raise ContentError(problems)
    return Phrasebook(phrases)
