"""A reportlab TrueType font that reads its file lazily and keeps compact tables.

reportlab's `TTFont` reads the whole font file into a bytes object and turns its character map,
metrics and glyph locations into Python dicts and lists: 10 MB of memory for BIZ UDGothic,
21 MB for WenQuanYi Micro Hei, 31 MB for AR PL UMing (a 20 MB collection, read whole for one
face), and it copies the whole `glyf` table again each time a PDF embeds a subset. A kit draws
with a dozen such faces, in each worker process.

`LeanTTFont` is the same font to reportlab, made differently:

- the file is read piece by piece (`FontFile`), from the operating system's file cache that
  every process shares, and neither kept in memory nor mapped (mapping a 20 MB collection and
  touching 300 glyphs spread over it made the kernel map most of it, 64 KB per fault);
- the character map, advance widths and glyph locations are kept in `array`s (a few hundred
  KB for a CJK face) behind the mapping and sequence interfaces reportlab and our layout use
  (`charToGlyph`, `glyphToChar`, `charWidths`, `hmetrics`, `glyphPos`), with the same values,
  including reportlab's own quirks (a no-break space mapped like a space; advances past the
  last full metric stored scaled), so PDFs come out byte for byte the same;
- a subset reads the glyphs it embeds (and their components), not a copy of the whole `glyf`
  table.

Character maps in formats 4 and 12 (every font we choose) are read this way; a font with
another format or tables we cannot read, or one reportlab embeds whole (no subsetting
allowed), gets reportlab's own `TTFont`.
"""

from __future__ import annotations

import os
import sys
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from fnmatch import fnmatch
from struct import calcsize, unpack, unpack_from
from struct import error as struct_error
from typing import Any
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace, TTFontFile


class _Unsupported(Exception):
    """The font needs reportlab's full parser."""


def _unpack(fmt: str, data: Any, pos: int) -> tuple[Any, ...]:
    return unpack(fmt, data[pos:pos + calcsize(fmt)])


def _words(data: Any, pos: int, count: int, code: str = "H") -> array:
    """`count` big-endian 16-bit values at `pos` (32-bit with code "I")."""
    values = array(code)
    values.frombytes(bytes(data[pos:pos + count * values.itemsize]))
    if len(values) != count:
        raise _Unsupported("table ends early")
    if sys.byteorder == "little":
        values.byteswap()
    return values


class CharMap:
    """Code point -> glyph id, read-only apart from codes added later (`__setitem__`).

    The font's map is two sorted arrays; added codes (reportlab's no-break space, private
    codes for glyphs only shaping reaches) live in a small dict in front of them. Codes asked
    for are remembered (a PDF asks for the same few hundred letters again and again)."""

    def __init__(self, codes: array, gids: array) -> None:
        self._codes = codes
        self._gids = gids
        self._extra: dict[int, int] = {}
        self._asked: dict[int, int | None] = {}

    def _lookup(self, code: int) -> int | None:
        try:
            return self._asked[code]
        except KeyError:
            pass
        gid = self._extra.get(code)
        if gid is None:
            gid = self._in_font(code)
        self._asked[code] = gid
        return gid

    def __contains__(self, code: object) -> bool:
        return isinstance(code, int) and self._lookup(code) is not None

    def __getitem__(self, code: int) -> int:
        gid = self._lookup(code)
        if gid is None:
            raise KeyError(code)
        return gid

    def get(self, code: int, default: Any = None) -> Any:
        gid = self._lookup(code)
        return default if gid is None else gid

    def __setitem__(self, code: int, gid: int) -> None:
        self._extra[code] = gid
        self._asked[code] = gid

    def keys(self) -> list[int]:
        return sorted(set(self._codes) | set(self._extra))

    def __iter__(self) -> Iterator[int]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self._codes) + sum(1 for c in self._extra if self._in_font(c) is None)

    def __bool__(self) -> bool:
        return bool(self._codes) or bool(self._extra)

    def _in_font(self, code: int) -> int | None:
        i = bisect_left(self._codes, code)
        return self._gids[i] if i < len(self._codes) and self._codes[i] == code else None


class GlyphChars:
    """Glyph id -> the code points the font's map sends to it, in code point order (the
    reverse of `CharMap`, indexed on first use)."""

    def __init__(self, codes: array, gids: array) -> None:
        self._codes = codes
        self._gids = gids
        self._index: tuple[array, array] | None = None
        self._extra: dict[int, list[int]] = {}

    def _reverse(self) -> tuple[array, array]:
        if self._index is None:
            order = sorted(range(len(self._gids)), key=self._gids.__getitem__)  # stable
            self._index = (array("I", (self._gids[i] for i in order)),
                           array("I", (self._codes[i] for i in order)))
        return self._index

    def get(self, gid: int, default: Any = None) -> Any:
        extra = self._extra.get(gid)
        if extra is not None:
            return extra
        gids, codes = self._reverse()
        lo, hi = bisect_left(gids, gid), bisect_right(gids, gid)
        return list(codes[lo:hi]) if hi > lo else default

    def __getitem__(self, gid: int) -> list[int]:
        found = self.get(gid)
        if found is None:
            raise KeyError(gid)
        return found

    def __contains__(self, gid: object) -> bool:
        return isinstance(gid, int) and self.get(gid) is not None

    def setdefault(self, gid: int, default: list[int]) -> list[int]:
        found = self.get(gid)
        if found is None:
            found = default
        self._extra[gid] = found
        return found


class CharWidths:
    """Code point -> advance width in 1/1000 em, computed from the glyph's metrics."""

    def __init__(self, face: LeanFace) -> None:
        self._face = face
        self._extra: dict[int, float] = {}

    def get(self, code: int, default: Any = None) -> Any:
        extra = self._extra.get(code)
        if extra is not None:
            return extra
        face = self._face
        gid = face.charToGlyph.get(code)
        if gid is None or gid >= face.numGlyphs:
            return default
        return face._pdfScale(face._advance(gid))

    def __getitem__(self, code: int) -> float:
        width = self.get(code)
        if width is None:
            raise KeyError(code)
        return width

    def __contains__(self, code: object) -> bool:
        return isinstance(code, int) and self.get(code) is not None

    def __setitem__(self, code: int, width: float) -> None:
        self._extra[code] = width


class HMetrics:
    """Glyph id -> (advance, left side bearing) as reportlab keeps them: glyphs past the last
    full metric repeat its advance, scaled to 1/1000 em (a quirk of reportlab's parser that
    its subsets depend on)."""

    def __init__(self, face: LeanFace) -> None:
        self._face = face

    def __getitem__(self, gid: int) -> tuple[float, int]:
        face = self._face
        if gid < 0:
            gid += face.numGlyphs
        if not 0 <= gid < face.numGlyphs:
            raise IndexError(gid)
        if gid < len(face._advances):
            return face._advances[gid], face._bearings[gid]
        return face._pdfScale(face._advances[-1]), face._bearings[gid]

    def __len__(self) -> int:
        return self._face.numGlyphs


class _GlyfTable:
    """The `glyf` table as `makeSubset` reads it (slices), without reading it whole."""

    def __init__(self, data: Any, offset: int, length: int) -> None:
        self._data, self._offset, self._length = data, offset, length

    def __getitem__(self, part: slice) -> bytes:
        start, stop, _step = part.indices(self._length)
        return self._data.read(self._offset + start, stop - start)

    def __len__(self) -> int:
        return self._length


class FontFile:
    """A font file read piece by piece, as reportlab's parser reads its bytes (`data[i]`,
    `data[a:b]`).

    Nothing is kept in memory or mapped: what is read comes from the operating system's file
    cache. The file is open while `opened()` is active (parsing, subsetting); a read outside it
    opens the file for that read."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._size = os.stat(path).st_size
        self._lock = threading.Lock()
        self._handle: Any = None
        self._users = 0

    def __len__(self) -> int:
        return self._size

    @contextmanager
    def opened(self) -> Iterator[FontFile]:
        with self._lock:
            if self._users == 0:
                self._handle = open(self.path, "rb", buffering=0)  # noqa: SIM115 (closed below)
            self._users += 1
        try:
            yield self
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    self._handle.close()
                    self._handle = None

    def read(self, pos: int, count: int) -> bytes:
        if count <= 0:
            return b""
        with self._lock:
            if self._handle is not None:
                self._handle.seek(pos)
                return self._handle.read(count)
        with open(self.path, "rb") as handle:
            handle.seek(pos)
            return handle.read(count)

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            start, stop, _step = key.indices(self._size)
            return self.read(start, stop - start)
        if key < 0:
            key += self._size
        if not 0 <= key < self._size:
            raise IndexError(key)
        return self.read(key, 1)[0]


class LeanFace(TTFontFace):
    """reportlab's `TTFontFace` over a `FontFile`, with compact tables."""

    def __init__(self, filename: str, subfontIndex: int = 0) -> None:
        pdfmetrics.TypeFace.__init__(self, None)
        self._ttf_data = FontFile(filename)
        self.filename = filename
        with self._ttf_data.opened():
            self._parse(subfontIndex)

    def makeSubset(self, subset: Any) -> bytes:
        with self._ttf_data.opened():
            return super().makeSubset(subset)

    def _parse(self, subfontIndex: int) -> None:
        TTFontFile.__init__(self, self.filename, charInfo=0, subfontIndex=subfontIndex)
        if self._full_font:
            raise _Unsupported("embedded whole")
        head = self.get_table_pos("head")[0]
        index_to_loc, glyph_format = _unpack(">hh", self._ttf_data, head + 50)
        if glyph_format != 0:
            raise _Unsupported("glyph data format")
        hhea = self.get_table_pos("hhea")[0]
        metrics = _unpack(">H", self._ttf_data, hhea + 34)[0]
        codes, gids = self._read_cmap()
        self.charToGlyph = CharMap(codes, gids)
        self.glyphToChar = GlyphChars(codes, gids)
        pairs = _words(self._ttf_data, self.get_table_pos("hmtx")[0], 2 * metrics)
        self._advances = pairs[0::2]
        bearings = pairs[1::2]
        bearings.extend(_words(self._ttf_data, self.get_table_pos("hmtx")[0] + 4 * metrics,
                               max(0, self.numGlyphs - metrics)))
        self._bearings = bearings
        self.hmetrics = HMetrics(self)
        self.charWidths = CharWidths(self)
        self.defaultWidth = self._pdfScale(self._advances[0])
        if "loca" not in self.table:
            raise _Unsupported("no loca table")
        loca = self.get_table_pos("loca")[0]
        if index_to_loc == 0:
            self.glyphPos = array("I", (2 * v for v in _words(self._ttf_data, loca, self.numGlyphs + 1)))
        elif index_to_loc == 1:
            self.glyphPos = _words(self._ttf_data, loca, self.numGlyphs + 1, "I")
        else:
            raise _Unsupported("loca format")
        # reportlab prints a no-break space as a space (and the other way round).
        if 0x20 in self.charToGlyph:
            self.charToGlyph[0xA0] = self.charToGlyph[0x20]
        elif 0xA0 in self.charToGlyph:
            self.charToGlyph[0x20] = self.charToGlyph[0xA0]

    def _advance(self, gid: int) -> int:
        return self._advances[min(gid, len(self._advances) - 1)]

    def _read_cmap(self) -> tuple[array, array]:
        """(codes, glyph ids) of the subtable reportlab would pick, codes strictly rising."""
        data = self._ttf_data
        cmap = self.get_table_pos("cmap")[0]
        version, count = _unpack(">HH", data, cmap)
        if count == 0 and version != 0:
            count = version
        chosen, kind = None, 0
        for n in range(count):  # reportlab's choice, record by record
            platform, encoding, offset = _unpack(">HHL", data, cmap + 4 + 8 * n)
            if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
                kind, chosen = 1, offset
            elif platform == 1 and encoding == 0 and kind != 1:
                kind, chosen = 2, offset
        if chosen is None:
            raise _Unsupported("no usable cmap")
        at = cmap + chosen
        fmt = _unpack(">H", data, at)[0]
        codes, gids = array("I"), array("I")
        if fmt == 4:
            table = data[at:at + _unpack(">H", data, at + 2)[0]]  # reportlab reads no further
            segments = unpack_from(">H", table, 6)[0] // 2
            ends = _words(table, 14, segments)
            starts = _words(table, 16 + 2 * segments, segments)
            deltas = _words(table, 16 + 4 * segments, segments, "h")
            range_start = 16 + 6 * segments
            ranges = _words(table, range_start, segments)
            for n in range(segments):
                start, end, delta = starts[n], ends[n], deltas[n]
                if end < start:
                    continue
                codes.extend(range(start, end + 1))
                if ranges[n] == 0:
                    gids.extend((c + delta) & 0xFFFF for c in range(start, end + 1))
                    continue
                first = range_start + 2 * n + ranges[n]
                # Entries at or past the end of the subtable map to glyph 0, as in reportlab.
                inside = max(0, min(end - start + 1, (len(table) - first + 1) // 2))
                raw = _words(table, first, inside) if inside else array("H")
                gids.extend(((g + delta) & 0xFFFF) if g else 0 for g in raw)
                gids.extend(0 for _ in range(end - start + 1 - inside))
        elif fmt == 12:
            groups = _unpack(">L", data, at + 12)[0]
            table = _words(data, at + 16, 3 * groups, "I")
            for n in range(groups):
                start, end, glyph = table[3 * n], table[3 * n + 1], table[3 * n + 2]
                if end < start:
                    continue
                codes.extend(range(start, end + 1))
                gids.extend(range(glyph, glyph + end - start + 1))
        else:
            raise _Unsupported(f"cmap format {fmt}")
        if any(a >= b for a, b in zip(codes, codes[1:])):
            raise _Unsupported("codes out of order")
        return codes, gids

    def get_table(self, tag: str) -> Any:
        if tag == "glyf":
            return _GlyfTable(self._ttf_data, *self.get_table_pos(tag))
        return super().get_table(tag)


class LeanTTFont(TTFont):
    """reportlab's `TTFont` with a `LeanFace` (see the module docstring)."""

    def __init__(self, name: str, filename: str, subfontIndex: int = 0) -> None:
        # What TTFont.__init__ does, with our face.
        self.fontName = name
        self.face = LeanFace(filename, subfontIndex)
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)


def load_ttfont(name: str, filename: str, subfont_index: int = 0) -> TTFont:
    """A reportlab font for one face of a file: lean when its tables allow, else reportlab's."""
    try:
        return LeanTTFont(name, filename, subfont_index)
    except (_Unsupported, struct_error):
        return TTFont(name, filename, subfontIndex=subfont_index)
