"""Run disastercenter: with no arguments the desktop app, otherwise the command line.

    python main.py                      # the GUI
    python main.py --db ws.sqlite3      # the GUI on another workspace
    python main.py demo --evacuees 500  # the CLI (see `python main.py --help`)
"""

import sys

from disastercenter.cli import COMMANDS, main

if __name__ == "__main__":
    argv = sys.argv[1:]
    if not any(arg in COMMANDS or arg in ("-h", "--help", "--version") for arg in argv):
        argv = [*argv, "gui"]
    raise SystemExit(main(argv))
