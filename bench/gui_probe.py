import time

T_TOP = time.perf_counter()
# ^ first statement: everything below is timed. Run as a script in a fresh interpreter:
#
#   python bench/gui_probe.py app DB_PATH     the disastercenter main window on DB_PATH
#   python bench/gui_probe.py empty           an empty QMainWindow (the baseline)
#
# The parent passes BENCH_SPAWN (CLOCK_MONOTONIC ns, read just before it started this process)
# so the time before this line (interpreter start-up, site imports) is counted too.
# Prints one JSON line. QT_QPA_PLATFORM and DISASTERCENTER_HOME come from the parent.
import json
import os
import resource
import sys


def _now_ns() -> int:
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC)


def _peak_rss_kib() -> int:
    """Peak resident set size of this process, KiB.

    VmHWM (the high-water mark of this address space) rather than ru_maxrss: Linux carries
    ru_maxrss over an exec, and subprocess starts us from a vfork of the bench process, so
    ru_maxrss would report the *parent's* peak whenever it is larger than ours.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def main() -> None:
    mode = sys.argv[1]
    spawn_ns = int(os.environ.get("BENCH_SPAWN", "0"))
    top_ns = _now_ns() - int((time.perf_counter() - T_TOP) * 1e9)
    result: dict[str, object] = {"mode": mode}
    if mode == "app":
        from pathlib import Path

        from disastercenter.ui.app import ensure_application, open_main_window

        t_imported = time.perf_counter()
        app = ensure_application()
        window = open_main_window(Path(sys.argv[2]))
        window.show()
        app.processEvents()
    else:
        from PySide6.QtWidgets import QApplication, QMainWindow

        t_imported = time.perf_counter()
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.show()
        app.processEvents()
    t_shown = time.perf_counter()
    shown_ns = _now_ns()
    result["startup_s"] = (shown_ns - spawn_ns) / 1e9 if spawn_ns else t_shown - T_TOP
    result["interpreter_s"] = (top_ns - spawn_ns) / 1e9 if spawn_ns else None
    result["import_s"] = t_imported - T_TOP
    result["window_s"] = t_shown - t_imported
    result["rss_shown_kib"] = _peak_rss_kib()

    if mode == "app":
        start = time.perf_counter()
        window.show_page("evacuees")
        app.processEvents()
        model = window.evacuees.model
        for _ in range(5):
            model.fetchMore()
            app.processEvents()
        window.evacuees.search.setText("ngu")
        window.evacuees.apply_filters()
        app.processEvents()
        result["rows_loaded"] = model.rowCount()
        result["rows_total"] = model.total
        result["workload_s"] = time.perf_counter() - start
    result["peak_rss_kib"] = _peak_rss_kib()
    result["ru_maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        import psutil

        result["rss_now_kib"] = psutil.Process().memory_info().rss // 1024
    except ImportError:
        pass
    print(json.dumps(result), flush=True)
    window.close()
    app.processEvents()


main()
