"""Render the main screens to PNG with sample data, offscreen.

    python -m tools.render OUTDIR      (or: make screenshots)

Uses a fake clock and a throwaway data folder, so it never touches real
history and every picture is the same on every run.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from ankle_trainer.app.context import build_context  # noqa: E402
from ankle_trainer.core.clock import FakeClock  # noqa: E402
from ankle_trainer.core.library import builtin_routines  # noqa: E402
from ankle_trainer.storage.history import open_history  # noqa: E402
from ankle_trainer.storage.sample import seed_recent_history  # noqa: E402
from ankle_trainer.ui.app import ensure_app  # noqa: E402
from ankle_trainer.ui.screens.session.screen import SessionScreen  # noqa: E402
from ankle_trainer.ui.shell.menus import build_menus  # noqa: E402
from ankle_trainer.ui.shell.window import MainWindow  # noqa: E402
from ankle_trainer.ui.theme import apply_theme, install_style  # noqa: E402
from ankle_trainer.ui.tray import build_tray_menu  # noqa: E402

SIZE = (1024, 720)


def _save(widget: QWidget, out: Path, name: str) -> Path:
    for screen in widget.findChildren(SessionScreen):
        screen._end_flash()  # a visual cue in progress would be caught mid-flash
    for _ in range(3):  # laid out, then what each resize asked for later (the report's page, fitted)
        QApplication.processEvents()
    path = out / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)
    return path


def render_all(out: Path) -> list[Path]:
    """Render every screen into ``out`` (created if missing); the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    install_style(ensure_app())  # as the window's finish_startup() does
    routines = builtin_routines()
    now = datetime(2026, 11, 23, 18, 5, tzinfo=UTC)
    saved = []
    with tempfile.TemporaryDirectory() as tmp:
        repo, _ = open_history(Path(tmp))
        seed_recent_history(repo, routines, now)
        clock = FakeClock(now)
        window = MainWindow(build_context(repo, routines, clock, data_dir=tmp))
        window.resize(*SIZE)
        window.show()
        saved.append(_save(window, out, "home"))

        window.home.select_routine("complete-ankle")
        window.home.start_button.click()
        window.flow.safety_check.boxes["much_worse"].setChecked(True)
        saved.append(_save(window, out, "safety-check"))
        window.flow.safety_check.continue_button.click()
        saved.append(_save(window, out, "safety-stop"))
        window.flow.safety_stop.home_button.click()
        window.home.start_button.click()
        window.flow.safety_check.continue_button.click()  # nothing ticked this time
        window.flow.pain_check.scale.setValue(3)
        saved.append(_save(window, out, "pain-check"))

        window.flow.pain_check.start_button.click()
        engine = window.controller.engine
        assert engine is not None
        # Into the second set of straight-knee calf raises, rep 7.
        target = next(
            s for s in engine.plan
            if s.exercise.id == "calf-raise-straight" and s.set_number == 2
        )
        while engine.current is not None and engine.current.seq < target.seq:
            clock.advance(1.0)
            engine.tick()
        clock.advance(31.0)
        window.flow.session_screen.on_timer()
        saved.append(_save(window, out, "session"))
        window.flow.session_screen.howto_button.setChecked(True)
        saved.append(_save(window, out, "session-howto"))
        window.flow.session_screen.howto_button.setChecked(False)

        # The end of that set: the count can be corrected, pain rated.
        while engine.current is not None and engine.current.phase.value == "work":
            clock.advance(1.0)
            engine.tick()
        clock.advance(3.0)
        window.flow.session_screen.rate_pain(7)
        window.flow.session_screen.on_timer()
        saved.append(_save(window, out, "session-pain"))
        window.flow.session_screen.carry_on_button.click()

        window.toggle_focus_mode()
        saved.append(_save(window, out, "focus-mode"))
        window.toggle_focus_mode()
        window.resize(*SIZE)

        # Switching sides in the band work.
        while engine.current is not None and engine.current.phase.value != "switch":
            clock.advance(1.0)
            engine.tick()
        clock.advance(2.0)
        window.flow.session_screen.on_timer()
        saved.append(_save(window, out, "session-switch"))

        # A rest, for the colours and the +15 s button.
        while engine.current is not None and engine.current.phase.value != "rest":
            clock.advance(1.0)
            engine.tick()
        clock.advance(12.0)
        window.flow.session_screen.on_timer()
        saved.append(_save(window, out, "session-rest"))

        while engine.running:
            clock.advance(5.0)
            engine.tick()
        window.flow.summary.scale.setValue(2)
        saved.append(_save(window, out, "summary"))

        window.flow.summary.save_button.click()
        saved.append(_save(window, out, "home-after"))

        preview = window.open_dialog("preview", routines[0])
        preview.list.setCurrentRow(3)
        saved.append(_save(preview, out, "routine-preview"))
        preview.reject()

        dialog = window.open_dialog("settings")
        dialog.resize(700, 520)  # as on a small screen: the columns stack and scroll
        saved.append(_save(dialog, out, "settings"))
        dialog.reject()

        menu = build_tray_menu(window, lambda: None, lambda: None, lambda: None, "Complete ankle session")
        menu.adjustSize()
        saved.append(_save(menu, out, "tray-menu"))

        shortcuts = window.open_dialog("shortcuts")
        shortcuts.adjustSize()
        saved.append(_save(shortcuts, out, "shortcuts"))
        shortcuts.reject()

        saved += _render_history_and_progress(out)
        saved += _render_programmes(out)
        saved.append(_render_safety_limit(out))

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        apply_theme(app, "dark")
        saved.append(_save(window, out, "home-dark"))
        window.home.start_button.click()
        window.flow.pain_check.skip_button.click()
        clock.advance(14.0)
        window.flow.session_screen.on_timer()
        saved.append(_save(window, out, "session-dark"))
        window.flow.session_screen.stop_button.setEnabled(False)
        window.controller.engine.stop()
        window.flow.summary.skip_button.click()
        apply_theme(app, "system")
        window.close()
        repo.close()
    return saved


def _render_history_and_progress(out: Path) -> list[Path]:
    """History, progress and export on two years of demo data."""
    from ankle_trainer.storage.demo import fill_demo_history

    saved = []
    now = datetime(2026, 11, 23, 18, 5, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        repo, _ = open_history(Path(tmp))
        fill_demo_history(repo, 2, now.date())
        window = MainWindow(build_context(repo, builtin_routines(), FakeClock(now), data_dir=tmp))
        window.resize(*SIZE)
        window.show()
        build_menus(window)
        history = window.show_screen("history")
        assert history is not None
        history.select_row(2)
        saved.append(_save(window, out, "history"))
        progress = window.show_screen("progress")
        assert progress is not None
        saved.append(_save(window, out, "progress-adherence"))
        progress.tabs.setCurrentWidget(progress.pain)
        saved.append(_save(window, out, "progress-pain"))
        progress.tabs.setCurrentWidget(progress.volume)
        progress.volume.exercise.setCurrentText("Calf raise, straight knee")
        saved.append(_save(window, out, "progress-volume"))
        export = window.open_dialog("export")
        export.path.setText("/home/you/ankle-trainer-sessions.csv")
        export.adjustSize()
        saved.append(_save(export, out, "export"))
        export.reject()
        saved += _render_triage_and_report(out, repo, now, Path(tmp), "")
        saved.append(_render_report_page(out, repo, now))
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        apply_theme(app, "dark")
        progress.tabs.setCurrentWidget(progress.pain)
        saved.append(_save(window, out, "progress-dark"))
        window.show_screen("history")
        saved.append(_save(window, out, "history-dark"))
        saved += _render_triage_and_report(out, repo, now, Path(tmp), "-dark")
        apply_theme(app, "system")
        window.close()
        repo.close()
    return saved


def _render_triage_and_report(out: Path, repo: Any, now: datetime, folder: Path, suffix: str) -> list[Path]:
    """The triage questions with an answer and its programmes, and the report
    dialog, as standalone windows at the main window's size."""
    from ankle_trainer.core.triage import Condition
    from ankle_trainer.storage.settings import Settings
    from ankle_trainer.ui.dialogs.report import ReportDialog
    from ankle_trainer.ui.screens.triage.page import TriagePage

    saved = []
    triage = TriagePage(builtin_routines())
    triage.resize(*SIZE)
    triage.show()
    triage.area_buttons[Condition.ACHILLES_MID].click()
    saved.append(_save(triage, out, "triage" + suffix))
    triage.show_button.click()
    saved.append(_save(triage, out, "triage-result" + suffix))
    triage.close()
    report = ReportDialog(repo, Settings(report_name="A. Runner"), FakeClock(now), builtin_routines(), folder)
    report.resize(*SIZE)
    report.show()
    saved.append(_save(report, out, "report-dialog" + suffix))
    report.close()
    return saved



def _render_report_page(out: Path, repo: Any, now: datetime) -> Path:
    """The physio report's first page, the last 12 weeks of the demo history
    with three sample heel-rise tests, on A4 at 110 dots per inch."""
    from datetime import timedelta

    from ankle_trainer import __version__
    from ankle_trainer.app.export.report import page_image, page_size_for
    from ankle_trainer.core.report import last_weeks
    from ankle_trainer.storage.report import gather_report
    from ankle_trainer.storage.settings import Settings

    for weeks_ago, (left, right) in ((10, (21, 16)), (6, (22, 19)), (2, (24, 22))):  # sample tests
        repo.add_heel_rise(now - timedelta(weeks=weeks_ago), left, right, 1.0)
    settings = Settings(report_name="A. Runner")
    period = last_weeks(12, now.date(), settings.first_day_of_week)
    data = gather_report(repo, builtin_routines(), settings, period, now, __version__)
    path = out / "report.png"
    if not page_image(data, page_size_for("a4"), dpi=110).save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)
    return path


def _render_safety_limit(out: Path) -> Path:
    """The safety check's answer to a red flag that limits the session (an
    antibiotic that weakens tendons: no calf loading) rather than stopping it."""
    now = datetime(2026, 11, 23, 18, 5, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        repo, _ = open_history(Path(tmp))
        window = MainWindow(build_context(repo, builtin_routines(), FakeClock(now), data_dir=tmp))
        window.resize(*SIZE)
        window.show()
        window.home.select_routine("complete-ankle")
        window.home.start_button.click()
        window.flow.safety_check.boxes["fluoroquinolone"].setChecked(True)
        window.flow.safety_check.continue_button.click()
        path = _save(window, out, "safety-limit")
        window.close()
        repo.close()
    return path


def _render_programmes(out: Path) -> list[Path]:
    """A progression suggestion, the routine editor, the heel-rise result, Learn."""
    from datetime import timedelta

    from ankle_trainer.core.library import exercise_library, find_routine
    from ankle_trainer.storage.routine_store import RoutineStore
    from ankle_trainer.storage.sample import run_session

    saved = []
    now = datetime(2026, 11, 23, 8, 5, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        repo, _ = open_history(Path(tmp))
        calf = find_routine("calf-strength")
        assert calf is not None
        for days_ago in (5, 3, 1):
            start = now - timedelta(days=days_ago)
            sid = run_session(repo, calf, start, 2, 3, step=20.0)
            repo.set_next_morning(sid, 2, 1, start + timedelta(days=1))
        clock = FakeClock(now)
        store = RoutineStore(Path(tmp) / "routines", exercise_library())
        window = MainWindow(build_context(repo, builtin_routines(), clock, data_dir=tmp, routine_store=store))
        window.context.settings = window.context.settings.with_changes(disclaimer_seen=True)
        window.banners.disclaimer.hide()
        window.resize(*SIZE)
        window.show()
        build_menus(window)
        window.home.select_routine("calf-strength")
        rec = window.controller.suggest_for("calf-strength")
        assert rec is not None
        window.offer_recommendation(rec)
        saved.append(_save(window, out, "suggestion"))

        editor = window.open_dialog("editor")
        editor.list.setCurrentRow(2)
        editor.duplicate()
        editor.steps.setCurrentRow(0)
        editor.load.setValue(2.5)
        saved.append(_save(editor, out, "editor"))
        editor.ask_unsaved = lambda routine: "discard"  # the picture taken: its changes go
        editor.reject()

        repo.add_heel_rise(now - timedelta(days=42), 14, 19, 1.0, 38, "female")
        repo.add_heel_rise(now - timedelta(days=21), 17, 21, 1.0, 38, "female")
        page = window.show_screen("heel_rise")
        assert page is not None
        page.sex.setCurrentIndex(1)
        page.age.setValue(38)
        for seconds in (46.0, 50.0):
            page.start_button.click()
            clock.advance(seconds)
            page.on_timer()
            page.stop_button.click()
            page.next_button.click()
        saved.append(_save(window, out, "heel-rise"))
        window.show_screen("learn")
        saved.append(_save(window, out, "learn"))
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        apply_theme(app, "dark")
        saved.append(_save(window, out, "learn-dark"))
        window.show_screen("heel_rise")
        saved.append(_save(window, out, "heel-rise-dark"))
        apply_theme(app, "system")
        window.close()
        repo.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path("docs/screenshots")
    render_all(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
