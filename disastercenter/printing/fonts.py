"""Fonts for every script we print: find them, check them, register them with reportlab.

A `FontResolver` picks, for each writing system, one font from

1. a fonts folder the user chose (the `fonts_dir` argument; the GUI setting and the CLI's
   `--fonts-dir` pass it), else `$DISASTERCENTER_FONTS`, else the workspace's `content/fonts`
   folder next to its database: any font there that has the script's letters wins;
2. the operating system's fonts, from a list of known good faces per script (Windows, macOS and
   Linux file names), readable universal-design faces first (BIZ UDGothic for Japanese).

A language gets a `FontStack`: its own script's font, then the fonts of every other script as
fallback. Layout asks the stack for a font per character, never per string (Noto Sans Thai has
no ASCII `?`, BIZ UDGothic lacks many simplified Chinese characters).

reportlab embeds TrueType outlines only, so fonts with PostScript (CFF) outlines, such as the
Noto CJK .otf/.ttc files or Hiragino on macOS, are skipped when choosing, as are fonts whose
licence forbids embedding. Opening a font for coverage costs a few milliseconds (HarfBuzz
reads its character map); registering it with reportlab (parsing every table, 60-100 ms for
CJK faces) happens only when a PDF actually draws with it, once per process.
"""

from __future__ import annotations

import os
import struct
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import uharfbuzz as hb

from disastercenter.core.errors import UserError
from disastercenter.core.languages import LANGUAGES, Language, language
from disastercenter.printing.scripts import needs_glyph

FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
ENV_FONTS_DIR = "DISASTERCENTER_FONTS"


@dataclass(frozen=True)
class FontChoice:
    """A known good font: its file names on the operating systems that ship it.

    `face` names the face to use inside a collection (.ttc) by its family name."""

    family: str
    files: tuple[str, ...]
    bold_files: tuple[str, ...] = ()
    face: str | None = None
    bold_face: str | None = None


def _noto(name: str) -> FontChoice:
    stem = name.replace(" ", "")
    return FontChoice(name, (f"{stem}-Regular.ttf",), (f"{stem}-Bold.ttf",))


#: Per font key (a script code, or a language-specific key such as "Urdu"), the fonts to try,
#: best first. File names cover Linux packages (Debian names), Windows and macOS.
FONT_CHOICES: dict[str, tuple[FontChoice, ...]] = {
    "Latn": (
        _noto("Noto Sans"),
        FontChoice("Segoe UI", ("segoeui.ttf",), ("segoeuib.ttf",)),
        FontChoice("Arial", ("arial.ttf", "Arial.ttf"), ("arialbd.ttf", "Arial Bold.ttf")),
        FontChoice("DejaVu Sans", ("DejaVuSans.ttf",), ("DejaVuSans-Bold.ttf",)),
        FontChoice("Liberation Sans", ("LiberationSans-Regular.ttf",), ("LiberationSans-Bold.ttf",)),
    ),
    "Cyrl": (
        _noto("Noto Sans"),
        FontChoice("Segoe UI", ("segoeui.ttf",), ("segoeuib.ttf",)),
        FontChoice("Arial", ("arial.ttf", "Arial.ttf"), ("arialbd.ttf", "Arial Bold.ttf")),
        FontChoice("DejaVu Sans", ("DejaVuSans.ttf",), ("DejaVuSans-Bold.ttf",)),
    ),
    "Jpan": (
        FontChoice("BIZ UDGothic", ("BIZUDGothic-Regular.ttf", "BIZ-UDGothicR.ttc"),
                   ("BIZUDGothic-Bold.ttf", "BIZ-UDGothicB.ttc"),
                   face="BIZ UDGothic", bold_face="BIZ UDGothic"),
        FontChoice("UD Digi Kyokasho N", ("UDDigiKyokashoN-R.ttc",), ("UDDigiKyokashoN-B.ttc",),
                   face="UD Digi Kyokasho N-R", bold_face="UD Digi Kyokasho N-B"),
        FontChoice("Yu Gothic", ("YuGothM.ttc", "YuGothR.ttc"), ("YuGothB.ttc",),
                   face="Yu Gothic", bold_face="Yu Gothic"),
        FontChoice("Meiryo", ("meiryo.ttc",), ("meiryob.ttc",), face="Meiryo", bold_face="Meiryo"),
        FontChoice("IPAexGothic", ("ipaexg.ttf",)),
        FontChoice("IPAGothic", ("ipag.ttf",)),
        FontChoice("Osaka", ("Osaka.ttf",)),
        FontChoice("MS Gothic", ("msgothic.ttc",), face="MS Gothic"),
    ),
    "Hans": (
        FontChoice("Microsoft YaHei", ("msyh.ttc",), ("msyhbd.ttc",),
                   face="Microsoft YaHei", bold_face="Microsoft YaHei"),
        FontChoice("WenQuanYi Micro Hei", ("wqy-microhei.ttc",), face="WenQuanYi Micro Hei"),
        FontChoice("WenQuanYi Zen Hei", ("wqy-zenhei.ttc",), face="WenQuanYi Zen Hei"),
        FontChoice("SimHei", ("simhei.ttf",)),
        FontChoice("PingFang SC", ("PingFang.ttc",), face="PingFang SC"),
        FontChoice("AR PL UMing CN", ("uming.ttc",), face="AR PL UMing CN"),
    ),
    "Hant": (
        FontChoice("Microsoft JhengHei", ("msjh.ttc",), ("msjhbd.ttc",),
                   face="Microsoft JhengHei", bold_face="Microsoft JhengHei"),
        FontChoice("AR PL UMing TW", ("uming.ttc",), face="AR PL UMing TW"),
        FontChoice("PingFang TC", ("PingFang.ttc",), face="PingFang TC"),
        FontChoice("MingLiU", ("mingliu.ttc",), face="MingLiU"),
        FontChoice("WenQuanYi Micro Hei", ("wqy-microhei.ttc",), face="WenQuanYi Micro Hei"),
    ),
    "Kore": (
        FontChoice("Malgun Gothic", ("malgun.ttf",), ("malgunbd.ttf",)),
        FontChoice("NanumGothic", ("NanumGothic.ttf",), ("NanumGothicBold.ttf",)),
        FontChoice("NanumBarunGothic", ("NanumBarunGothic.ttf",), ("NanumBarunGothicBold.ttf",)),
        FontChoice("Apple SD Gothic Neo", ("AppleSDGothicNeo.ttc",), face="Apple SD Gothic Neo"),
    ),
    "Deva": (
        _noto("Noto Sans Devanagari"),
        FontChoice("Nirmala UI", ("Nirmala.ttf", "Nirmala.ttc"), ("NirmalaB.ttf",), face="Nirmala UI"),
        FontChoice("Mangal", ("mangal.ttf",), ("mangalb.ttf",)),
        FontChoice("Kohinoor Devanagari", ("Kohinoor.ttc",), face="Kohinoor Devanagari"),
    ),
    "Beng": (
        _noto("Noto Sans Bengali"),
        FontChoice("Nirmala UI", ("Nirmala.ttf", "Nirmala.ttc"), ("NirmalaB.ttf",), face="Nirmala UI"),
        FontChoice("Vrinda", ("vrinda.ttf",), ("vrindab.ttf",)),
        FontChoice("Bangla Sangam MN", ("Bangla Sangam MN.ttc",), face="Bangla Sangam MN"),
    ),
    "Sinh": (
        _noto("Noto Sans Sinhala"),
        FontChoice("Nirmala UI", ("Nirmala.ttf", "Nirmala.ttc"), ("NirmalaB.ttf",), face="Nirmala UI"),
        FontChoice("Iskoola Pota", ("iskpota.ttf",), ("iskpotab.ttf",)),
        FontChoice("Sinhala Sangam MN", ("Sinhala Sangam MN.ttc",), face="Sinhala Sangam MN"),
    ),
    "Thai": (
        _noto("Noto Sans Thai"),
        FontChoice("Leelawadee UI", ("LeelawUI.ttf",), ("LeelaUIb.ttf",)),
        FontChoice("Tahoma", ("tahoma.ttf",), ("tahomabd.ttf",)),
        FontChoice("Thonburi", ("Thonburi.ttc",), face="Thonburi"),
    ),
    "Khmr": (
        _noto("Noto Sans Khmer"),
        FontChoice("Khmer UI", ("KhmerUI.ttf",), ("KhmerUIb.ttf",)),
        FontChoice("Leelawadee UI", ("LeelawUI.ttf",), ("LeelaUIb.ttf",)),
        FontChoice("Khmer Sangam MN", ("Khmer Sangam MN.ttf",)),
    ),
    "Mymr": (
        _noto("Noto Sans Myanmar"),
        FontChoice("Myanmar Text", ("mmrtext.ttf",), ("mmrtextb.ttf",)),
        FontChoice("Myanmar Sangam MN", ("Myanmar Sangam MN.ttc",), face="Myanmar Sangam MN"),
    ),
    "Arab": (
        _noto("Noto Sans Arabic"),
        _noto("Noto Naskh Arabic"),
        FontChoice("Segoe UI", ("segoeui.ttf",), ("segoeuib.ttf",)),
        FontChoice("Tahoma", ("tahoma.ttf",), ("tahomabd.ttf",)),
        FontChoice("Geeza Pro", ("GeezaPro.ttc",), face="Geeza Pro"),
        FontChoice("DejaVu Sans", ("DejaVuSans.ttf",), ("DejaVuSans-Bold.ttf",)),
    ),
    # Urdu readers expect Nastaliq; Naskh is the readable second best.
    "Urdu": (
        _noto("Noto Nastaliq Urdu"),
        FontChoice("Urdu Typesetting", ("UrdType.ttf",), ("UrdTypeb.ttf",)),
        _noto("Noto Naskh Arabic"),
        FontChoice("Segoe UI", ("segoeui.ttf",), ("segoeuib.ttf",)),
    ),
    "Symbols": (
        FontChoice("DejaVu Sans", ("DejaVuSans.ttf",), ("DejaVuSans-Bold.ttf",)),
        FontChoice("Noto Sans Symbols", ("NotoSansSymbols-Regular.ttf",), ("NotoSansSymbols-Bold.ttf",)),
        FontChoice("Noto Sans Symbols 2", ("NotoSansSymbols2-Regular.ttf",)),
        FontChoice("Segoe UI Symbol", ("seguisym.ttf",)),
        FontChoice("Noto Sans Math", ("NotoSansMath-Regular.ttf",)),
    ),
}

#: Characters a font must have to serve a font key (its everyday letters, not rare ones).
PROBES: dict[str, str] = {
    "Latn": "AaZzÀéñçşđĐơưệẮỮ",
    "Cyrl": "АаЯяЖжЇїҮүӨөЁё",
    "Jpan": "あいうアイウ漢字々ー避難所",
    "Hans": "简体中文这们过时间难",
    "Hant": "繁體中文這們過時間難",
    "Kore": "한국어가나다힣",
    "Deva": "हिन्दीनेपालीक्ष",
    "Beng": "বাংলাক্ষ",
    "Sinh": "සිංහල",
    "Thai": "ภาษาไทยกขค",
    "Khmr": "ភាសាខ្មែរ",
    "Mymr": "မြန်မာဘာသာ",
    "Arab": "العربيةفارسیپچژگ",
    "Urdu": "اردوٹڈڑںےہ",
    "Symbols": "→✓✗☎♿",
}

#: Order in which the other scripts' fonts are appended to every stack as fallback.
FALLBACK_KEYS: tuple[str, ...] = (
    "Latn", "Jpan", "Hans", "Hant", "Kore", "Cyrl", "Arab", "Deva", "Beng", "Thai", "Khmr",
    "Mymr", "Sinh", "Urdu", "Symbols",
)

_SCRIPT_KEYS = {"Jpan": "Jpan", "Hans": "Hans", "Hant": "Hant", "Kore": "Kore"}
_LANGUAGE_KEYS = {"ur": "Urdu"}


def font_key(lang: Language | str) -> str:
    """The FONT_CHOICES key for a language: its script, or a language-specific key."""
    entry = language(lang) if isinstance(lang, str) else lang
    return _LANGUAGE_KEYS.get(entry.code) or _SCRIPT_KEYS.get(entry.script) or entry.script


def system_font_dirs() -> list[Path]:
    """Where this operating system keeps fonts (folders that exist)."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs = [windir / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs = [Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"),
                Path("/Library/Fonts"), home / "Library" / "Fonts"]
    else:
        data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
        dirs = [data_home / "fonts", home / ".fonts", Path("/usr/local/share/fonts"),
                Path("/usr/share/fonts")]
    return [d for d in dirs if d.is_dir()]


def default_fonts_dir(workspace_path: Path | None = None) -> Path | None:
    """The configured fonts folder when none is given: $DISASTERCENTER_FONTS, else the
    workspace's `content/fonts` folder if it exists."""
    env = os.environ.get(ENV_FONTS_DIR)
    if env:
        return Path(env)
    if workspace_path is not None:
        from disastercenter.content.paths import workspace_dir

        return workspace_dir("fonts", workspace_path)
    return None


# --- one font face ------------------------------------------------------------------------------

class Font:
    """One face of one font file. Shared by every resolver (see `open_font`).

    The HarfBuzz face and the character set load on first use; the reportlab font is
    registered on the first `reportlab_name()` call."""

    def __init__(self, path: Path, index: int = 0) -> None:
        self.path = path
        self.index = index
        self._lock = threading.Lock()
        self._rl_name: str | None = None

    def __repr__(self) -> str:
        return f"Font({self.family!r}, {self.path.name}#{self.index})"

    @cached_property
    def hb_face(self) -> hb.Face:
        return hb.Face(hb.Blob.from_file_path(str(self.path)), self.index)

    @cached_property
    def hb_font(self) -> hb.Font:
        # Shared by the shaper; HarfBuzz fonts are immutable once set up, so threads may share it.
        return hb.Font(self.hb_face)

    @cached_property
    def codepoints(self) -> hb.Set:
        """The characters the font maps, as a HarfBuzz set (`cp in font.codepoints`): a few KB
        where a Python frozenset of a CJK font's 35,000 code points takes 3 MB."""
        return self.hb_face.unicodes

    def covers(self, ch: str) -> bool:
        return ord(ch) in self.codepoints

    @cached_property
    def upem(self) -> int:
        return self.hb_face.upem

    @cached_property
    def family(self) -> str:
        name = self.hb_face.get_name(hb.OTNameIdPredefined.TYPOGRAPHIC_FAMILY)
        return name or self.hb_face.get_name(hb.OTNameIdPredefined.FONT_FAMILY) or self.path.stem

    @cached_property
    def names(self) -> frozenset[str]:
        """Family and full names in every language the font lists."""
        wanted = {hb.OTNameIdPredefined.FONT_FAMILY, hb.OTNameIdPredefined.TYPOGRAPHIC_FAMILY,
                  hb.OTNameIdPredefined.FULL_NAME}
        found = set()
        for entry in self.hb_face.list_names():
            if entry.name_id in wanted:
                value = self.hb_face.get_name(entry.name_id, entry.language)
                if value:
                    found.add(value)
        return frozenset(found)

    @cached_property
    def _os2(self) -> bytes:
        blob = self.hb_face.reference_table("OS/2")
        return bytes(blob.data) if blob is not None else b""

    @cached_property
    def weight(self) -> int:
        return struct.unpack(">H", self._os2[4:6])[0] if len(self._os2) >= 6 else 400

    @cached_property
    def problem(self) -> str | None:
        """Why reportlab cannot embed this face, or None when it can."""
        try:
            tags = set(self.hb_face.table_tags)
        except Exception as exc:  # a damaged file
            return f"unreadable: {exc}"
        if not tags:
            return "unreadable"
        if "glyf" not in tags:
            return "PostScript (CFF) outlines; reportlab embeds TrueType outlines only"
        if len(self._os2) >= 10:
            fs_type = struct.unpack(">H", self._os2[8:10])[0]
            if (fs_type == 0x0002 or fs_type & 0x0300) and self.hb_face.glyph_count > 0xFF:
                return "its licence does not allow embedding"
        return None

    @cached_property
    def extents(self) -> tuple[float, float]:
        """(ascender, descender) in em units: the font's own line box, descender negative."""
        ext = self.hb_font.get_font_extents("ltr")
        return ext.ascender / self.upem, ext.descender / self.upem

    def reportlab_name(self) -> str:
        """Register the face with reportlab once per process and return its font name."""
        if self._rl_name is not None:
            return self._rl_name
        with self._lock:
            if self._rl_name is None:
                from reportlab.pdfbase import pdfmetrics

                from disastercenter.printing.rlfont import load_ttfont

                name = f"dc-{self.path.stem}-{self.index}-{abs(hash(str(self.path))) % 10**8}"
                # (getFont() on an unknown name searches the disk for Type 1 fonts: slow.)
                if name not in pdfmetrics.getRegisteredFontNames():
                    pdfmetrics.registerFont(load_ttfont(name, str(self.path), self.index))
                self._rl_name = name
        return self._rl_name

    @property
    def registered(self) -> bool:
        return self._rl_name is not None


_FONTS: dict[tuple[str, int], Font] = {}
_FONTS_LOCK = threading.Lock()


def open_font(path: Path, index: int = 0) -> Font:
    """The shared `Font` for a face of a file (each file is read once per process)."""
    key = (str(Path(path).resolve()), index)
    with _FONTS_LOCK:
        font = _FONTS.get(key)
        if font is None:
            font = _FONTS[key] = Font(Path(key[0]), index)
        return font


def face_count(path: Path) -> int:
    """Number of faces in a font file (a .ttc collection holds several)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(12)
    except OSError:
        return 0
    if header[:4] == b"ttcf" and len(header) == 12:
        return struct.unpack(">I", header[8:12])[0]
    return 1


def faces_of(path: Path) -> list[Font]:
    return [open_font(path, i) for i in range(face_count(path))]


# --- stacks -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StackEntry:
    font: Font
    #: Draw with a thin outline: the family has no bold face.
    fake_bold: bool = False


@dataclass
class FontStack:
    """Fonts for one language and weight, best first. `font_for` picks per character."""

    lang: str
    bold: bool
    entries: tuple[StackEntry, ...]
    _cache: dict[str, StackEntry | None] = field(default_factory=dict, repr=False)

    @property
    def primary(self) -> StackEntry | None:
        return self.entries[0] if self.entries else None

    def font_for(self, ch: str) -> StackEntry | None:
        """The first font of the stack that has `ch`, or None."""
        try:
            return self._cache[ch]
        except KeyError:
            pass
        cp = ord(ch)
        found = next((e for e in self.entries if cp in e.font.codepoints), None)
        self._cache[ch] = found
        return found

    def missing(self, text: str) -> str:
        """The characters of `text` no font of the stack has (sorted, each once)."""
        return "".join(sorted({ch for ch in text if needs_glyph(ch) and self.font_for(ch) is None}))


# --- resolver -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Choice:
    """What the resolver chose for a font key."""

    key: str
    regular: Font
    bold: Font | None
    source: str  # "fonts folder" or "system"


class FontResolver:
    """Chooses fonts for languages. Cheap to create; scans folders on first use."""

    def __init__(
        self,
        fonts_dir: Path | None = None,
        system_dirs: Sequence[Path] | None = None,
    ) -> None:
        self.fonts_dir = Path(fonts_dir) if fonts_dir is not None else None
        self.system_dirs = list(system_dirs) if system_dirs is not None else system_font_dirs()
        self._lock = threading.RLock()
        self._choices: dict[str, Choice | None] = {}
        self._stacks: dict[tuple[str, bool], FontStack] = {}

    # folders

    @cached_property
    def _folder_fonts(self) -> list[Font]:
        """Every usable face in the configured fonts folder, sorted by file name."""
        if self.fonts_dir is None or not self.fonts_dir.is_dir():
            return []
        found: list[Font] = []
        for path in sorted(_font_files([self.fonts_dir]).values()):
            found.extend(f for f in faces_of(path) if f.problem is None)
        return found

    @cached_property
    def _system_index(self) -> dict[str, Path]:
        return _font_files(self.system_dirs)

    def _find(self, names: Iterable[str], face: str | None) -> Font | None:
        for name in names:
            path = self._system_index.get(name.lower())
            if path is None:
                continue
            for font in faces_of(path):
                if face is not None and face not in font.names:
                    continue
                if font.problem is None:
                    return font
        return None

    # choosing

    def choice(self, key: str) -> Choice | None:
        """The font chosen for a FONT_CHOICES key, or None when nothing suitable is installed."""
        with self._lock:
            if key not in self._choices:
                self._choices[key] = self._choose(key)
            return self._choices[key]

    def _choose(self, key: str) -> Choice | None:
        probe = PROBES.get(key, "")
        folder = [f for f in self._folder_fonts if probe and all(f.covers(ch) for ch in probe)]
        if folder:
            regular = min(folder, key=lambda f: (abs(f.weight - 400), f.path.name, f.index))
            bolds = [f for f in folder if f.family == regular.family and f.weight >= 600]
            bold = min(bolds, key=lambda f: (abs(f.weight - 700), f.path.name)) if bolds else None
            return Choice(key, regular, bold, "fonts folder")
        for option in FONT_CHOICES.get(key, ()):
            regular = self._find(option.files, option.face)
            if regular is None or (probe and not all(regular.covers(ch) for ch in probe)):
                continue
            bold = self._find(option.bold_files, option.bold_face or option.face)
            return Choice(key, regular, bold, "system")
        return None

    def stack(self, lang: str, bold: bool = False) -> FontStack:
        """Fonts for text in `lang`: its own script's font first, then every other script's."""
        with self._lock:
            cached = self._stacks.get((lang, bold))
            if cached is not None:
                return cached
            keys = [font_key(lang)] + [k for k in FALLBACK_KEYS if k != font_key(lang)]
            entries: list[StackEntry] = []
            seen: set[tuple[Path, int]] = set()
            for key in keys:
                chosen = self.choice(key)
                if chosen is None:
                    continue
                if bold and chosen.bold is not None:
                    entry = StackEntry(chosen.bold)
                else:
                    entry = StackEntry(chosen.regular, fake_bold=bold)
                ident = (entry.font.path, entry.font.index)
                if ident not in seen:
                    seen.add(ident)
                    entries.append(entry)
            stack = FontStack(lang, bold, tuple(entries))
            self._stacks[(lang, bold)] = stack
            return stack

    # coverage

    def coverage(self, lang: str, text: str | None = None) -> Coverage:
        """Which fonts print `text` (default: everything the phrasebook holds in `lang`, and
        its native name) and which characters none of them has."""
        if text is None:
            text = required_text(lang)
        stack = self.stack(lang)
        used: dict[tuple[Path, int], Font] = {}
        counts: dict[tuple[Path, int], int] = {}
        missing: set[str] = set()
        for ch in text:
            if not needs_glyph(ch):
                continue
            entry = stack.font_for(ch)
            if entry is None:
                missing.add(ch)
                continue
            ident = (entry.font.path, entry.font.index)
            used[ident] = entry.font
            counts[ident] = counts.get(ident, 0) + 1
        order = [e.font for e in stack.entries if (e.font.path, e.font.index) in used]
        return Coverage(
            lang=lang,
            fonts=order,
            characters={f: counts[(f.path, f.index)] for f in order},
            missing="".join(sorted(missing)),
            primary=stack.primary.font if stack.primary else None,
            primary_key=font_key(lang),
            primary_source=(self.choice(font_key(lang)).source
                            if self.choice(font_key(lang)) else ""),
        )

    def require(self, langs: Iterable[str]) -> None:
        """Refuse, before anything is drawn, languages whose text some character of cannot be
        printed. One message names every such language and its missing characters."""
        problems = []
        for code in langs:
            report = self.coverage(code)
            if not report.complete:
                problems.append(report)
        if problems:
            raise missing_font_error(problems, self.fonts_dir)


@dataclass
class Coverage:
    lang: str
    fonts: list[Font]
    characters: dict[Font, int]  # characters of the text each font prints
    missing: str
    primary: Font | None
    primary_key: str
    primary_source: str

    @property
    def complete(self) -> bool:
        return not self.missing and self.primary is not None


def missing_font_error(reports: Sequence[Coverage], fonts_dir: Path | None) -> UserError:
    parts_en, parts_ja = [], []
    for report in reports:
        entry = LANGUAGES.get(report.lang)
        name_en = entry.name_en if entry else report.lang
        name_ja = entry.name_ja if entry else report.lang
        if report.primary is None:
            shown = "no font for its script"
            shown_ja = "この文字のフォントがありません"
        else:
            sample = report.missing[:12] + ("…" if len(report.missing) > 12 else "")
            shown = f"{len(report.missing)} characters missing: {sample}"
            shown_ja = f"{len(report.missing)}文字が不足: {sample}"
        parts_en.append(f"{name_en} ({report.lang}; {shown})")
        parts_ja.append(f"{name_ja}（{report.lang}、{shown_ja}）")
    folder = str(fonts_dir) if fonts_dir else "-"
    return UserError("print.no_font", languages="; ".join(parts_en),
                     languages_ja="、".join(parts_ja), folder=folder)


def _font_files(dirs: Iterable[Path]) -> dict[str, Path]:
    """Lower-case file name -> path of every font file under `dirs` (first one wins)."""
    found: dict[str, Path] = {}
    for top in dirs:
        for root, _subdirs, files in os.walk(top):
            for name in sorted(files):
                if name.lower().endswith(FONT_SUFFIXES):
                    found.setdefault(name.lower(), Path(root) / name)
    return found


# --- what each language needs -------------------------------------------------------------------

#: Characters every language must print besides its phrases: digits and the punctuation of
#: times, dates and phone numbers that fill placeholders.
COMMON_CHARACTERS = "0123456789:/-.()+ "


def required_text(lang: str, workspace_path: Path | None = None) -> str:
    """Every character the phrasebook prints in `lang` (its own texts; furigana readings for
    Japanese), its native name, and digits and time punctuation."""
    from disastercenter.content.phrasebook import PLACEHOLDER, RUBY, load_phrasebook

    # (no argument when None: load_phrasebook's cache keys on how it is called)
    book = load_phrasebook(workspace_path) if workspace_path is not None else load_phrasebook()
    pieces = [language(lang).native_name, COMMON_CHARACTERS]
    for phrase in book.phrases.values():
        text = phrase.texts.get(lang)
        if not text:
            continue
        readings = [m.group(2) for m in RUBY.finditer(text)]
        text = PLACEHOLDER.sub("", RUBY.sub(r"\1", text))
        pieces.append(text)
        pieces.extend(readings)
    return "".join(sorted(set("".join(pieces))))


_DEFAULT_RESOLVERS: dict[Path | None, FontResolver] = {}


def default_resolver(fonts_dir: Path | None = None) -> FontResolver:
    """A shared resolver per fonts folder (scanning the system fonts once per process)."""
    folder = fonts_dir if fonts_dir is not None else default_fonts_dir()
    key = Path(folder).resolve() if folder is not None else None
    with _FONTS_LOCK:
        resolver = _DEFAULT_RESOLVERS.get(key)
        if resolver is None:
            resolver = _DEFAULT_RESOLVERS[key] = FontResolver(key)
        return resolver

