"""The physio report as a PDF, read back with poppler (pdfinfo, pdftotext,
pdffonts): one page, the figures of a known history in its text, fonts
embedded; bad places to write get a plain message and keep an earlier file."""

from __future__ import annotations

import errno
import os
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QRectF
from PySide6.QtGui import QPageSize

from ankle_trainer.app.export.report import (
    PhysioReportExporter,
    ReportWriteError,
    dose_split,
    page_count,
    page_image,
    page_size_for,
    write_pdf,
)
from ankle_trainer.core.library import builtin_routines
from ankle_trainer.core.report import ReportData, last_weeks, percent
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.report import gather_report
from ankle_trainer.storage.settings import Settings
from tests.report_history import NOW, TODAY, known_history

A4 = QPageSize(QPageSize.PageSizeId.A4)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def known_report(repo: HistoryRepository, **settings: object) -> ReportData:
    known_history(repo)
    repo.set_level("heel-drops", 1, NOW)
    return gather_report(repo, builtin_routines(), Settings(report_name="A. Runner", **settings),  # type: ignore[arg-type]
                         last_weeks(4, TODAY, "monday"), NOW, "1.2.3")


def test_one_page_with_the_figures_of_the_history(qapp: object, repo: HistoryRepository, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    assert write_pdf(known_report(repo), out, A4) == 1
    assert pdf_pages(out) == 1
    text = " ".join(pdf_text(out).split())
    assert "Ankle exercise report" in text and "A. Runner" in text
    assert "last 4 weeks: 16 Feb 2026 to 11 Mar 2026" in text
    assert "Made 11 Mar 2026 with Ankle Trainer 1.2.3" in text
    assert "Self-reported data, not a diagnosis." in text and "0 = no pain" in text
    flat = "".join(text.split())
    assert "Sessionsdone" in flat and "4" in flat and "of12planned" in flat  # 4 done of 3 x 4 weeks
    assert "80%·91%" in flat and "12of15sets" in flat  # 177 of 195 reps
    assert "3/2/2" in flat and "before/after/morning,10Mar" in flat  # the latest pain ratings
    assert "Eccentric heel drops (5 sessions, level 2 of 5)" in text
    assert "level 2 of 5: +5 kg" in text
    assert "Heel drop, straight knee 3 x 15" in text and "1-0-3; +5 kg" in text  # the current dose
    assert "12/13 · 91%" in text  # done against prescribed for that exercise
    assert "1 week with none" in text  # the missed week, 23 Feb
    assert "pain 7/10 during, 6/10 after · Eccentric heel drops" in text  # the highest-pain session
    assert "starting level 4.5" in text
    assert "Not answered yet." in text


def test_one_clear_safety_check_reads_in_the_singular(qapp: object, repo: HistoryRepository, tmp_path: Path) -> None:
    repo.record_safety_check(NOW, {}, "clear")
    out = tmp_path / "report.pdf"
    write_pdf(known_report(repo), out, A4)
    text = " ".join(pdf_text(out).split())
    assert "1 check: it was clear." in text and "were clear" not in text


def test_the_running_week_is_not_counted_on_target_until_it_is_over(
    qapp: object, repo: HistoryRepository, tmp_path: Path,
) -> None:
    """"Weeks on target" leaves out the unfinished week, as the chart draws it
    (dashed), and says so; the four weeks shown count three."""
    data = known_report(repo)
    assert len(data.adherence.weeks) == 4 and data.adherence.weeks[-1].current
    out = tmp_path / "report.pdf"
    write_pdf(data, out, A4)
    text = " ".join(pdf_text(out).split())
    assert f"{data.adherence.weeks_on_target} of 3" in text
    assert "Weeks on target" in text and "this week in progress" in text


@pytest.mark.parametrize(
    ("kinds", "left"),
    [
        (["head", "line"], 2),  # one routine of one exercise: all on the left, never an empty left column
        (["head", "line", "line"], 2),
        (["head", "line", "line", "line"], 2),
        (["head", "line", "head", "line"], 2),
        (["head", "line", "line", "head", "line"], 3),
        (["head", "line", "head", "line", "line", "line"], 2),  # a name is never last on the left
        ([], 0),
    ],
)
def test_the_dose_rows_are_split_into_balanced_columns(kinds: list[str], left: int) -> None:
    assert dose_split(kinds) == left


def test_fonts_are_embedded(qapp: object, repo: HistoryRepository, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    write_pdf(known_report(repo), out, A4)
    rows = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:  # name, type..., encoding, emb, sub, uni, object, id
        assert row.split()[-5] == "yes", f"not embedded: {row}"


def test_paper_size_follows_the_locale_or_the_setting(qapp: object) -> None:
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    de = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert page_size_for("auto", us).id() == QPageSize.PageSizeId.Letter
    assert page_size_for("auto", de).id() == QPageSize.PageSizeId.A4
    assert page_size_for("a4", us).id() == QPageSize.PageSizeId.A4
    assert page_size_for("letter", de).id() == QPageSize.PageSizeId.Letter


def test_a_letter_page_is_letter_sized(qapp: object, repo: HistoryRepository, tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    write_pdf(known_report(repo), out, page_size_for("letter"))
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "612 x 792 pts (letter)" in info


def test_an_empty_history_says_what_is_missing(qapp: object, repo: HistoryRepository, tmp_path: Path) -> None:
    data = gather_report(repo, builtin_routines(), Settings(), last_weeks(12, TODAY, "monday"), NOW, "1")
    out = tmp_path / "empty.pdf"
    write_pdf(data, out, A4)
    text = " ".join(pdf_text(out).split())
    assert pdf_pages(out) == 1
    for said in ("No sessions in this period yet.", "No pain ratings in this period yet.",
                 "No heel-rise test in this period.", "No routine was done in this period.",
                 "No safety check in this period.", "Name not given"):
        assert said in text


def test_the_session_list_is_extra_pages_only_when_asked(qapp: object, repo: HistoryRepository, tmp_path: Path) -> None:
    data = known_report(repo)
    out = tmp_path / "long.pdf"
    assert write_pdf(data, out, A4, all_sessions=True) == 2
    assert pdf_pages(out) == 2
    text = pdf_text(out)
    assert "Every session in the period" in text and "page 2 of 2" in text
    assert "5 Mar 2026" in text and "stopped" in text


def test_a_folder_that_does_not_exist_is_named(qapp: object, repo: HistoryRepository, tmp_path: Path) -> None:
    with pytest.raises(ReportWriteError, match="the folder .*nowhere does not exist"):
        write_pdf(known_report(repo), tmp_path / "nowhere" / "r.pdf", A4)


def test_a_folder_as_the_target_is_refused(qapp: object, repo: HistoryRepository, tmp_path: Path) -> None:
    with pytest.raises(ReportWriteError, match="is a folder; add a file name"):
        write_pdf(known_report(repo), tmp_path, A4)


def test_a_failed_write_keeps_the_earlier_file_and_leaves_no_temp(
    qapp: object, repo: HistoryRepository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(b"the earlier report")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(ReportWriteError) as caught:
        write_pdf(known_report(repo), out, A4)
    assert str(caught.value) == (f"Cannot write {out}: No space left on device. "
                                 "Any earlier file there was kept.")
    assert out.read_bytes() == b"the earlier report"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_an_unwritable_folder_gets_a_plain_message(
    qapp: object, repo: HistoryRepository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tempfile

    out = tmp_path / "report.pdf"
    out.write_bytes(b"the earlier report")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(ReportWriteError, match="Permission denied. Choose a folder you can write to."):
        write_pdf(known_report(repo), out, A4)
    assert out.read_bytes() == b"the earlier report"


def test_the_exporter_fits_the_exporter_shape(qapp: object, repo: HistoryRepository, tmp_path: Path) -> None:
    from ankle_trainer.app.export import ExportError, ExportRequest, exporters

    known_history(repo)
    exporter = next(e for e in exporters() if e.extension == "pdf")
    assert isinstance(exporter, PhysioReportExporter)
    exporter = PhysioReportExporter(builtin_routines(), Settings(), lambda: NOW, A4)
    assert exporter.export(repo, ExportRequest(tmp_path / "r.pdf", date(2026, 3, 1))) == 1
    assert exporter.last_data is not None and exporter.last_data.period.first == date(2026, 3, 1)
    assert "Eccentric heel drops (3 sessions" in " ".join(pdf_text(tmp_path / "r.pdf").split())
    # a reversed range and an unwritable path: the protocol's ExportError, nothing written
    with pytest.raises(ExportError, match="after the last"):
        exporter.export(repo, ExportRequest(tmp_path / "x.pdf", date(2026, 3, 1), date(2026, 2, 1)))
    with pytest.raises(ExportError, match="does not exist"):
        exporter.export(repo, ExportRequest(tmp_path / "nowhere" / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_the_report_uses_the_runners_safe_zone_and_symmetry_flag(qapp: object, repo: HistoryRepository) -> None:
    known_history(repo)
    mine = Settings().with_changes(safe_zone_max=1, symmetry_flag_percent=80)
    data = gather_report(repo, builtin_routines(), mine, last_weeks(4, TODAY, "monday"), NOW, "1")
    assert data.lsi_flag == 80
    assert data.pain.safe_max == 1
    default = gather_report(repo, builtin_routines(), Settings(), last_weeks(4, TODAY, "monday"), NOW, "1")
    assert (default.lsi_flag, default.pain.safe_max) == (90, 2)


def test_the_exporter_prints_the_latest_triage_answers(qapp: object, repo: HistoryRepository, tmp_path: Path) -> None:
    from ankle_trainer.core.triage import Condition, Onset, TriageAnswers

    known_history(repo)
    repo.add_triage(NOW, TriageAnswers(Condition.ACHILLES_INSERTION, Onset.WEEKS, False))
    exporter = PhysioReportExporter(builtin_routines(), Settings(), lambda: NOW, A4)
    exporter.export_period(repo, tmp_path / "t.pdf", last_weeks(4, TODAY, "monday"))
    text = " ".join(pdf_text(tmp_path / "t.pdf").split())
    assert "Where does it hurt? Where the Achilles meets the heel bone" in text
    assert "When did it start? A few weeks ago" in text
    assert "Not answered yet." not in text


def test_the_preview_image_is_the_page_at_screen_resolution(qapp: object, repo: HistoryRepository) -> None:
    image = page_image(known_report(repo), A4, dpi=72)
    assert (image.width(), image.height()) == (595, 842)
    # white paper in the margin; the title in the accent colour near the top left
    assert image.pixelColor(2, 2).name() == "#ffffff"
    title = {image.pixelColor(x, y).name() for x in range(34, 200) for y in range(36, 56)}
    assert "#146c78" in title


def test_triage_answers_are_printed_when_a_source_gives_them(
    qapp: object, repo: HistoryRepository, tmp_path: Path,
) -> None:
    from ankle_trainer.core.report import TriageFacts

    known_history(repo)
    answers = TriageFacts(date(2026, 3, 1), (("Where does it hurt?", "Above the heel"),), "Eccentric heel drops")
    data = gather_report(repo, builtin_routines(), Settings(), last_weeks(4, TODAY, "monday"), NOW, "1",
                         triage=lambda: answers)
    out = tmp_path / "triage.pdf"
    write_pdf(data, out, A4)
    text = " ".join(pdf_text(out).split())
    assert "Answered 1 Mar 2026 Where does it hurt? Above the heel" in text
    assert "Programme suggested: Eccentric heel drops" in text and "Not answered yet." not in text


def test_a_red_flag_corrected_the_same_day_is_shown_as_corrected(
    qapp: object, repo: HistoryRepository, tmp_path: Path
) -> None:
    repo.record_safety_check(NOW, {"fever": True}, "urgent")
    repo.record_safety_check(NOW, {"fever": False}, "clear")  # "Change my answers"
    out = tmp_path / "report.pdf"
    write_pdf(known_report(repo), out, A4)
    text = " ".join(pdf_text(out).split())
    assert "11 Mar 2026: clear Corrected the same day; answered earlier: I have a fever" in text
    assert "see a doctor today" not in text


def test_the_reports_figures_agree_on_a_stopped_session_and_more_sessions_than_planned(
        qapp: object, repo: HistoryRepository, tmp_path: Path) -> None:
    """Finding 20: one definition per figure, over the same sessions. A session
    stopped with no set done counts nowhere (its skipped sets used to lower the
    reps figure alone); cut-short sessions count in "Sessions done" as in the
    session list; more done than planned reads "N more than the M planned"."""
    from tests.report_history import STRAIGHT, add_session

    full = (*STRAIGHT, 15, 15, "completed", None)
    known_history(repo)
    add_session(repo, date(2026, 3, 9), "none-done", status="stopped",
                sets=((*STRAIGHT, 15, 0, "skipped", 6), (*STRAIGHT, 15, 0, "skipped", None)), sets_planned=3)
    for i in range(9):  # 5 + 9 = 14 sessions against 3 a week x 4 weeks = 12 planned
        add_session(repo, date(2026, 3, 4) + timedelta(days=i % 7), f"x{i}", sets=(full, full, full))
    data = gather_report(repo, builtin_routines(), Settings(), last_weeks(4, TODAY, "monday"), NOW, "1")
    a = data.adherence
    # 5 + 9 = 14: the session with no set done is not one of them
    assert len(data.sessions) == a.sessions_total == 14 and a.sessions_planned == 12
    # sets and reps over the same sessions: the sessions' own counts add up to the volumes
    assert a.sets_done == sum(s.sets_completed for s in data.sessions) == 12 + 27
    assert a.sets_planned == sum(s.sets_planned for s in data.sessions) == 15 + 27
    assert (a.reps_done, a.reps_prescribed) == (177 + 27 * 15, 195 + 27 * 15)  # no skipped 0-of-15 sets added
    out = tmp_path / "report.pdf"
    write_pdf(data, out, A4, all_sessions=True)
    text = " ".join(pdf_text(out).split())
    assert "2 more than the 12 planned" in text and "of 12 planned" not in text
    assert "Every session in the period 14 sessions, oldest" in text  # the list: the same 14
    flat = "".join(text.split())
    assert f"{percent(39, 42)}·{percent(582, 600)}" == "93%·97%"
    assert "93%·97%" in flat and "39of42sets" in flat


def test_the_report_is_drawn_in_its_own_ink_whatever_the_app_theme(qapp: object, repo: HistoryRepository) -> None:
    """Found in the dark theme's screenshot: the report's period and routines
    lines took the app's text colour (near white) on the white paper, in the
    preview and in the PDF. Drawn with a white-text palette, the header still
    has its dark text."""
    from PySide6.QtGui import QColor, QGuiApplication, QPalette

    app = QGuiApplication.instance()
    assert app is not None
    before = app.palette()
    dark = QPalette(before)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        dark.setColor(role, QColor("#f0f0f0"))
    app.setPalette(dark)
    try:
        image = page_image(known_report(repo), A4, dpi=96)
    finally:
        app.setPalette(before)
    # the "Period: ..." and "Routines: ..." lines: just under the title, at the
    # left, above the red disclaimer line (at 96 dpi on A4)
    band = [QColor(image.pixel(x, y)).lightness() for y in range(80, 104) for x in range(45, 330)]
    assert min(band) < 80  # dark ink is there
    assert sum(v < 128 for v in band) > 200  # whole words of it, not a stray pixel


def test_no_line_of_the_report_is_wider_than_its_box(
        qapp: object, repo: HistoryRepository, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sixth re-test: a figure card printed "470 more than the 318 plann" (the
    words cut at the card's edge on paper). Every line drawn into a box, with
    the report's longest figures, is drawn at a size at which it fits the box
    (measured with the font the painter really used), or wraps."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontMetricsF, QPainter

    import ankle_trainer.app.export.report as report
    from tests.report_history import STRAIGHT, add_session

    known_history(repo)
    full = (*STRAIGHT, 15, 15, "completed", None)
    for i in range(460):  # far more sessions than planned: the longest "N more than the M planned"
        add_session(repo, date(2026, 3, 4) + timedelta(days=i % 7), f"x{i}", sets=(full,))
    data = gather_report(repo, builtin_routines(), Settings(), last_weeks(4, TODAY, "monday"), NOW, "1")
    drawn: list[tuple[str, float, float]] = []
    original = QPainter.drawText

    def recording(painter, rect, flags, text):  # type: ignore[no-untyped-def]
        if isinstance(text, str):
            width = QFontMetricsF(painter.font(), painter.device()).horizontalAdvance(text)
            wraps = bool(int(flags) & int(Qt.TextFlag.TextWordWrap))
            drawn.append((text, 0.0 if wraps else width, rect.width()))
        return original(painter, rect, flags, text)

    monkeypatch.setattr(QPainter, "drawText", recording)
    page_image(data, A4, 96.0)
    assert any("more than the" in t and w for t, w, _ in drawn)  # on one line, smaller
    cut = [f"{t!r}: {w:.0f} of {room:.0f}" for t, w, room in drawn if w > room + 0.5]
    assert cut == []
    assert report.SMALLEST_POINTS <= 6


def _paint_recording(monkeypatch: pytest.MonkeyPatch, data: ReportData) -> tuple[object, list[str]]:
    """Paint the report's page; return its canvas (the marks and legend entries
    of each chart) and the pen style of every rectangle drawn without a fill."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPainter

    import ankle_trainer.app.export.report as report

    canvases: list[report._Canvas] = []

    class Recording(report._Canvas):
        def __init__(self, *args: object) -> None:
            super().__init__(*args)  # type: ignore[arg-type]
            canvases.append(self)

    outlines: list[str] = []
    original = QPainter.drawRect

    def drawing(painter, *args):  # type: ignore[no-untyped-def]
        if painter.brush().style() == Qt.BrushStyle.NoBrush:
            outlines.append(painter.pen().style().name)
        return original(painter, *args)

    monkeypatch.setattr(report, "_Canvas", Recording)
    monkeypatch.setattr(QPainter, "drawRect", drawing)
    page_image(data, A4, 96.0)
    [canvas] = canvases
    return canvas, outlines


def test_every_kind_of_mark_on_a_report_chart_has_its_legend_entry(
        qapp: object, repo: HistoryRepository, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Thirteenth round: "Sessions per week" drew a dashed box round this
    week's bar that its legend ("done", "cut short", "plan", "no week missed")
    did not name. For each chart, every kind of mark drawn is named by its
    legend or a label on the chart; the dashed outline's entry is drawn with
    the same dashed mark, and only while the outline is."""
    known_history(repo)
    repo.add_heel_rise(NOW - timedelta(days=20), 20, 15, 1.0)
    repo.add_heel_rise(NOW - timedelta(days=2), 22, 18, 1.0)
    data = gather_report(repo, builtin_routines(), Settings(), last_weeks(4, TODAY, "monday"), NOW, "1")
    assert data.adherence.weeks[-1].current and data.adherence.sessions_partial and data.adherence.weeks_missed
    assert data.heel_rise and data.pain.start_level is not None
    canvas, outlines = _paint_recording(monkeypatch, data)
    assert set(canvas.marks) == {"Sessions per week", "Pain", "Heel-rise test"}
    for chart, kinds in canvas.marks.items():
        assert kinds - canvas.keys.get(chart, set()) == set(), chart
    assert {"done", "cut short", "plan", "missed", "in progress"} <= canvas.marks["Sessions per week"]
    assert outlines.count("DashLine") == 2  # round this week's bar, and the legend's sample
    write_pdf(data, tmp_path / "report.pdf", A4)
    assert "plan this week, in progress" in " ".join(pdf_text(tmp_path / "report.pdf").split())

    # Many weeks: a bar a month, no week outlined, so no such entry
    from tests.report_history import STRAIGHT, add_session

    add_session(repo, date(2025, 6, 2), "old", sets=((*STRAIGHT, 15, 15, "completed", None),))
    many = gather_report(repo, builtin_routines(), Settings(), last_weeks(52, TODAY, "monday"), NOW, "1")
    assert len(many.adherence.weeks) > 26
    canvas, outlines = _paint_recording(monkeypatch, many)
    assert "in progress" not in canvas.marks["Sessions per week"] | canvas.keys["Sessions per week"]
    assert outlines.count("DashLine") == 0
    for chart, kinds in canvas.marks.items():
        assert kinds - canvas.keys.get(chart, set()) == set(), chart


def _drawn_lines(monkeypatch: pytest.MonkeyPatch, data: ReportData, dpi: float, index: int = 0,
                 pages: int = 1) -> list[tuple[str, QRectF]]:
    """Every line of text drawn on page ``index`` and its box (mm) as the
    report's own layout placed it, drawn at ``dpi`` (600 is the PDF's)."""
    import ankle_trainer.app.export.report as report

    canvases: list[report._Canvas] = []

    class Recording(report._Canvas):
        def __init__(self, *args: object) -> None:
            super().__init__(*args)  # type: ignore[arg-type]
            canvases.append(self)

    monkeypatch.setattr(report, "_Canvas", Recording)
    page_image(data, A4, dpi, index, pages)
    [canvas] = canvases
    return list(canvas.lines)


def _touching(lines: list[tuple[str, QRectF]], gap: float = 1.0) -> list[str]:
    """The pairs of lines side by side (on the same line of the page) with
    less than ``gap`` mm of clear space between them."""
    found = []
    for i, (first, a) in enumerate(lines):
        for second, b in lines[i + 1:]:
            if min(a.bottom(), b.bottom()) - max(a.top(), b.top()) <= 0.5 * min(a.height(), b.height()):
                continue  # not on the same line
            if a.right() + gap <= b.left() or b.right() + gap <= a.left():
                continue
            found.append(f"{first!r} ({a.left():.1f}-{a.right():.1f} mm) and "
                         f"{second!r} ({b.left():.1f}-{b.right():.1f} mm)")
    return found


LONG_NAME = "Ankle circles, anticlockwise, slowly with the knee straight"


def _long_report(repo: HistoryRepository) -> ReportData:
    """The known report with long names everywhere a table shows one, and
    routines enough that one goes on in the Current dose's right column."""
    from ankle_trainer.core.report import DoseLine, LevelChange, PainSession, RoutineDose

    data = known_report(repo)
    long_routine = "Complete ankle session for the long evenings"
    lines = (
        DoseLine("a", "Ankle circles, anticlockwise", "1 x 10 per side", "1-0-1", "", "12/14 · 96%"),
        DoseLine("b", LONG_NAME, "1 x 10 per side", "1.5-0-1.5", "", "10/12 · 97%"),
        DoseLine("c", "Single-leg balance", "2 x 60 s per side", "", "balance level 2", "239/248 · 100%"),
        DoseLine("d", "Calf raise, straight knee", "3 x 15", "2-1-2", "+12.5 kg", "182/195 · 99%"),
        *(DoseLine(f"e{i}", f"Band: foot out {i}", "2 x 10 per side", "1-0-2", "", "232/248 · 99%")
          for i in range(6)),
        DoseLine("f", "Ankle circles, anticlockwise", "1 x 10 per side", "1-0-1", "", "116/124 · 99%"),
        DoseLine("g", "Calf stretch", "2 x 30 s per side", "", "", "238/248 · 100%"),
    )
    routines = (
        RoutineDose("short", "Eccentric heel drops", 0, 5, "as written", 4, lines[:2]),
        RoutineDose("long", long_routine, 0, 1, "", 12, lines),
    )
    highest = tuple(PainSession(s.day, long_routine, s.highest, s.what) for s in data.pain.highest)
    changes = (LevelChange(TODAY, long_routine, "back off: level 3 to 2",
                           "Pain during rose above the acceptable zone in two sessions in a row.", "not answered"),)
    sessions = tuple(s._replace(routine_name=long_routine) for s in data.sessions)
    return data._replace(routines=routines, pain=data.pain._replace(highest=highest), changes=changes,
                         sessions=sessions)


@pytest.mark.parametrize("dpi", [600.0, 96.0])  # the PDF's resolution, and the preview's
def test_no_text_on_the_report_runs_into_the_next_column(
        qapp: object, repo: HistoryRepository, monkeypatch: pytest.MonkeyPatch, dpi: float) -> None:
    """Round 28: in the Current dose table "Ankle circles, anticlockwise"
    ended touching "1 x 10 per side" (copied text read "anticlockwise1 x 10").
    With long names in every table, every line of text drawn on each page
    has clear space (at least 1 mm) to whatever is beside it; a long name
    wraps in its column."""
    data = _long_report(repo)
    pages = page_count(data, all_sessions=True)
    assert pages == 2
    summary = _drawn_lines(monkeypatch, data, dpi, 0, pages)
    name = [box for text, box in summary if text.strip() in LONG_NAME and "anticlockwise" in text]
    assert name  # the long name is drawn, wrapped or not
    assert _touching(summary) == []
    sessions = _drawn_lines(monkeypatch, data, dpi, 1, pages)
    assert any("long evenings" in text for text, _ in sessions)
    assert _touching(sessions) == []


def test_a_routine_going_on_in_the_right_column_has_its_heading_again(
        qapp: object, repo: HistoryRepository, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Round 28: the Current dose's right column began with "Calf stretch
    238/248" and no routine's name (it went on from the left column). Each
    column begins with a routine's heading; one going on from the left
    column has its name again, "(continued)"."""
    data = _long_report(repo)
    lines = _drawn_lines(monkeypatch, data, 600.0)
    top = next(box.bottom() for text, box in lines if text == "Current dose")
    bottom = next(box.top() for text, box in lines if text == "Level changes and advice")
    middle = 12 + (A4.size(QPageSize.Unit.Millimeter).width() - 24) / 2
    header = {"exercise", "dose", "tempo, load", "done"}
    headings = {r.routine_name for r in data.routines}
    firsts = []
    for right in (False, True):
        column = sorted(
            ((text, box) for text, box in lines
             if top < box.top() < bottom and (box.left() > middle) == right
             and text not in header),
            key=lambda line: (line[1].top(), line[1].left()))
        assert column, "the column is empty"
        firsts.append(column[0][0])
    assert firsts[0].startswith("Eccentric heel drops")
    assert firsts[1] == "Complete ankle session for the long evenings (continued)"
    assert all(any(first.startswith(h) for h in headings) for first in firsts)
    out = tmp_path / "report.pdf"
    write_pdf(data, out, A4)
    assert "Complete ankle session for the long evenings (continued)" in " ".join(pdf_text(out).split())
