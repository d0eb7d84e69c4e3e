"""Regenerate the sample images of docs/printing.md: `python docs/printing/make_samples.py`.

Prints a few pages through the services, as a user would, and rasterises one page of each with
pdftoppm (poppler-utils) at 70 dpi.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from disastercenter.services import printing  # noqa: E402

SAMPLES = [
    ("language-board", lambda out: printing.print_board("language", "en", out), 1),
    ("board-evacuee-vi", lambda out: printing.print_board("evacuee", "vi", out), 1),
    ("board-evacuee-ar", lambda out: printing.print_board("evacuee", "ar", out, english=True), 1),
    ("board-health-ne-body", lambda out: printing.print_board("health", "ne", out), 1),
    ("board-health-ar-pain", lambda out: printing.print_board("health", "ar", out), 2),
    ("board-staff-my", lambda out: printing.print_board("staff", "my", out), 1),
    ("sign-toilet-women", lambda out: printing.print_sign(
        "toilet_women", ["ja", "en", "zh-Hans", "ko", "vi"], out), 1),
    ("sign-wifi", lambda out: printing.print_sign("wifi", ["ja", "en", "ne", "si", "km"], out), 1),
    ("sign-rubbish", lambda out: printing.print_sign(
        "rubbish", ["ja", "en", "ar", "th", "hi"], out), 1),
    ("notice-meal", lambda out: printing.print_notice(
        "notice.meal", ["ja", "ja-x-easy", "en", "th", "ur"],
        {"time": "12:00", "place": "{体育館|たいいくかん}"}, out, issued="2026-11-20 09:00",
        shelter="中央小学校 Chuo Elementary School", qr=True), 1),
]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, make, page in SAMPLES:
            pdf = Path(tmp) / f"{name}.pdf"
            make(pdf)
            subprocess.run(["pdftoppm", "-r", "70", "-png", "-singlefile", "-f", str(page),
                            "-l", str(page), str(pdf), str(HERE / name)], check=True)
            print(HERE / f"{name}.png")


if __name__ == "__main__":
    main()
