"""QR codes drawn as vector squares into reportlab: sharp at any size, scannable at 150 dpi.

`qrcode` computes the module matrix; we draw each horizontal run of dark modules as one
rectangle of a single path (7 ms for a small code), on a white quiet zone of 4 modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import qrcode
import qrcode.constants
from qrcode.exceptions import DataOverflowError

from disastercenter.core.errors import UserError
from disastercenter.printing import mirror

_LEVELS = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}
QUIET_ZONE = 4  # modules of white around the code, as the standard asks


@dataclass(frozen=True)
class QrCode:
    """The module matrix of a QR code (True = dark), without quiet zone."""

    data: str
    version: int
    error: str
    modules: tuple[tuple[bool, ...], ...]

    @property
    def size(self) -> int:
        """Modules per side."""
        return len(self.modules)

    def draw(self, canvas: Any, x: float, y: float, side: float, quiet: int = QUIET_ZONE) -> None:
        """Draw with the lower-left corner of the quiet zone at (x, y), `side` points wide
        including the quiet zone. Never mirrored (on a right-to-left page it only moves)."""
        mirror.record_box(canvas, "qr", self.data, x, y, side, side)
        with mirror.upright(canvas, x, side):
            self._draw(canvas, x, y, side, quiet)

    def _draw(self, canvas: Any, x: float, y: float, side: float, quiet: int) -> None:
        count = self.size + 2 * quiet
        module = side / count
        canvas.saveState()
        canvas.setFillColorRGB(1, 1, 1)
        canvas.rect(x, y, side, side, stroke=0, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        path = canvas.beginPath()
        top = y + side - quiet * module
        for row, cells in enumerate(self.modules):
            col = 0
            n = len(cells)
            while col < n:
                if cells[col]:
                    start = col
                    while col < n and cells[col]:
                        col += 1
                    path.rect(x + (quiet + start) * module, top - (row + 1) * module,
                              (col - start) * module, module)
                else:
                    col += 1
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()


def make_qr(data: str, error: str = "M", version: int | None = None) -> QrCode:
    """The QR code for `data` (UTF-8) at the smallest version that holds it.

    Raises UserError("print.qr_too_large") when even version 40 cannot hold it."""
    code = qrcode.QRCode(version=version, error_correction=_LEVELS[error], border=0)
    code.add_data(data.encode("utf-8"), optimize=0)
    try:
        code.make(fit=version is None)
    except (DataOverflowError, ValueError) as exc:
        raise UserError("print.qr_too_large", size=len(data.encode("utf-8")),
                        limit=max_qr_bytes(error)) from exc
    matrix = tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())
    return QrCode(data, code.version, error, matrix)


#: Bytes a version-40 code holds in byte mode, per error correction level.
_MAX_BYTES = {"L": 2953, "M": 2331, "Q": 1663, "H": 1273}


def max_qr_bytes(error: str = "M") -> int:
    return _MAX_BYTES[error]


def draw_qr(canvas: Any, data: str, x: float, y: float, side: float, error: str = "M") -> QrCode:
    """Make and draw a QR code in one call; returns it (its version tells how dense it is)."""
    code = make_qr(data, error)
    code.draw(canvas, x, y, side)
    return code


def min_side(code: QrCode, module_mm: float = 0.5) -> float:
    """Points needed for `code` with modules of `module_mm` (0.5 mm scans well from a phone
    held at arm's length; print at least that) and its quiet zone."""
    return (code.size + 2 * QUIET_ZONE) * module_mm * 72 / 25.4


def wifi_payload(ssid: str, password: str | None = None, security: str = "WPA") -> str:
    """The text of a Wi-Fi QR code (`WIFI:S:<ssid>;T:<type>;P:<password>;;`), escaping
    `\\ ; , : "` as phones expect. No password: an open network (T:nopass)."""

    def escape(value: str) -> str:
        for ch in "\\;,:\"":
            value = value.replace(ch, "\\" + ch)
        return value

    if not password:
        return f"WIFI:S:{escape(ssid)};T:nopass;;"
    return f"WIFI:S:{escape(ssid)};T:{security};P:{escape(password)};;"
