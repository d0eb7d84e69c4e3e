"""The installed Qt binding survives a long session.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every call of a Qt method that
returns nothing; after some thousands of calls the interpreter aborted (none_dealloc). A long
shift at a shelter makes far more calls than that. pyproject.toml keeps PySide6 below 6.12;
this test fails if an install brings such a binding back.
"""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
before = sys.getrefcount(None)
for _ in range(50_000):
    label.setText("x")
    label.setEnabled(True)
print(sys.getrefcount(None) - before)
"""


def test_a_hundred_thousand_qt_calls_leave_the_interpreter_healthy() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert abs(int(done.stdout.split()[-1])) < 1000  # a leak would be about -100,000
