"""Icons from the Material Design Icons font the print pictograms use (shipped inside the
`qtawesome` package; read directly, which is much faster than importing qtawesome)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPainter, QPixmap

from disastercenter.printing.pictograms import icon_charmap, icon_font_path


@lru_cache(maxsize=1)
def _family() -> str | None:
    path = icon_font_path()
    if path is None:
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


def mdi_icon(name: str, color: str = "#1a4f8b", size: int = 64) -> QIcon:
    """The icon `name` ("translate", "medical-bag"…); an empty icon when the font is missing."""
    family = _family()
    code = icon_charmap().get(name)
    if family is None or code is None:
        return QIcon()
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    font = QFont(family)
    font.setPixelSize(round(size * 0.9))
    painter.setFont(font)
    painter.setPen(QColor(color))
    painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, chr(code))
    painter.end()
    return QIcon(pixmap)
