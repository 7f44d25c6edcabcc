"""Drawing the physio report: one A4 or Letter page as a PDF, a print-out or
a preview image, from a :class:`core.report.ReportData`.

Qt's own ``QPdfWriter`` and ``QPainter`` do the work (no new dependency):
text is laid out by ``QTextDocument`` with the target as its paint device (so
8 pt is 8 pt on a 600-dpi PDF and on a 96-dpi preview alike), and the three
charts are drawn as vectors in millimetres. Fonts are embedded by the PDF
writer. The same :func:`paint_page` draws on a PDF, a printer and an image.

The file is written atomically, like the CSV export: the PDF is made in
memory, written to a temporary file in the target folder, synced, then
renamed over the target; any failure leaves an earlier file untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from ...core.report import (
    DISCLAIMER,
    Adherence,
    Period,
    ReportData,
    SafetyEntry,
    SessionFacts,
    WeekBar,
    percent,
    sessions_against_plan,
    short_date,
)
from ...core.text import count, noun
from ...files import FolderNotWritableError, atomic_file
from . import ExportError, ExportRequest

if TYPE_CHECKING:
    from ...core.model import Routine
    from ...storage.history import HistoryRepository
    from ...storage.settings import Settings

FAMILIES = ["DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial", "Helvetica", "sans-serif"]
MARGIN = 12.0  # mm
PDF_DPI = 600
SESSIONS_PER_LIST_PAGE = 62

INK = QColor("#1d2733")
MUTED = QColor("#5b6673")
RULE = QColor("#c9d1d9")
ACCENT = QColor("#146c78")
DONE = QColor("#1f8a98")
PARTIAL = QColor("#a9d6dc")
MISSED = QColor("#c0392b")
BEFORE = QColor("#2563a8")
AFTER = QColor("#d97706")
MORNING = QColor("#7c3aad")
LEFT = QColor("#2563a8")
RIGHT = QColor("#c2452d")
ZONES = (QColor("#e4f3e7"), QColor("#fdf1d8"), QColor("#fadcd9"))


class ReportWriteError(ExportError):
    """The report could not be written; ``str()`` is a message for the runner
    (an earlier file at that path is kept as it was)."""


# -- paper -------------------------------------------------------------------------


def page_size_for(setting: str = "auto", locale: QLocale | None = None) -> QPageSize:
    """A4, or US Letter where the locale measures in US units; ``setting``
    ("auto", "a4" or "letter", from the settings) overrides the locale."""
    if setting == "a4":
        return QPageSize(QPageSize.PageSizeId.A4)
    if setting == "letter":
        return QPageSize(QPageSize.PageSizeId.Letter)
    system = (locale or QLocale()).measurementSystem()
    us = system == QLocale.MeasurementSystem.ImperialUSSystem
    return QPageSize(QPageSize.PageSizeId.Letter if us else QPageSize.PageSizeId.A4)


def page_count(data: ReportData, all_sessions: bool = False) -> int:
    """1, plus the pages of the session list when the runner asked for it."""
    if not all_sessions or not data.sessions:
        return 1
    return 1 + -(-len(data.sessions) // SESSIONS_PER_LIST_PAGE)


# -- output ------------------------------------------------------------------------


def pdf_bytes(data: ReportData, page_size: QPageSize, all_sessions: bool = False) -> bytes:
    """The report as PDF bytes. Needs a QGuiApplication."""
    return _pdf_bytes(data, page_size, all_sessions)


def _pdf_bytes(data: ReportData, page_size: QPageSize, all_sessions: bool) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(QPageLayout(page_size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle("Ankle exercise report" + (f": {data.runner}" if data.runner else ""))
    writer.setCreator(f"Ankle Trainer {data.app_version}")
    paint_document(writer, data, all_sessions)
    buffer.close()
    return bytes(buffer.data().data())


def paint_document(device: QPagedPaintDevice, data: ReportData, all_sessions: bool = False) -> None:
    """Draw every page on a PDF writer or printer (already set up)."""
    painter = QPainter()
    if not painter.begin(device):
        raise ReportWriteError("The printer or file could not be opened for drawing.")
    try:
        pages = page_count(data, all_sessions)
        for index in range(pages):
            if index:
                device.newPage()
            rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
            paint_page(painter, device, data, index, (rect.width(), rect.height()), pages)
    finally:
        painter.end()


def write_pdf(
    data: ReportData, path: Path, page_size: QPageSize, all_sessions: bool = False
) -> int:
    """Write the report to ``path`` atomically; returns the number of pages.
    Raises ReportWriteError with a plain message (the earlier file is kept)."""
    target = Path(path)
    if target.is_dir():
        raise ReportWriteError(f"{target} is a folder; add a file name such as physio-report.pdf.")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ReportWriteError(f"Cannot write {target}: the folder {folder} does not exist.")
    content = pdf_bytes(data, page_size, all_sessions)
    try:
        with atomic_file(target, "wb") as handle:
            handle.write(content)
    except FolderNotWritableError as exc:
        raise ReportWriteError(
            f"Cannot write {target}: {exc.strerror or exc}. Choose a folder you can write to."
        ) from exc
    except OSError as exc:
        raise ReportWriteError(
            f"Cannot write {target}: {exc.strerror or exc}. Any earlier file there was kept."
        ) from exc
    return page_count(data, all_sessions)


def page_image(
    data: ReportData, page_size: QPageSize, dpi: float = 96, index: int = 0, pages: int = 1
) -> QImage:
    """One page drawn on an image (for the preview), white paper, ``dpi``
    dots per inch."""
    size_mm = page_size.size(QPageSize.Unit.Millimeter)
    width, height = round(size_mm.width() / 25.4 * dpi), round(size_mm.height() / 25.4 * dpi)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        paint_page(painter, image, data, index, (width, height), pages)
    finally:
        painter.end()
    return image


class PhysioReportExporter:
    """The report as an :class:`~ankle_trainer.app.export.Exporter`: a name,
    an extension and ``export(history, request)``.

    ``routines``: every routine the runner has, for the current doses (None:
    the built-in ones); ``settings``: name, paper and thresholds (None: the
    defaults); ``now``: the clock's now (None: the system clock);
    ``page_size``: None for the one ``settings.report_paper`` chooses. The
    triage answers are the latest in the history being exported.
    """

    name = "Report for my physio (PDF)"
    extension = "pdf"

    def __init__(
        self,
        routines: Sequence[Routine] | None = None,
        settings: Settings | None = None,
        now: Callable[[], datetime] | None = None,
        page_size: QPageSize | None = None,
    ) -> None:
        from ...storage.settings import Settings

        self.routines = routines
        self.settings = settings or Settings()
        self.now = now
        self.page_size = page_size
        self.last_data: ReportData | None = None  # what the last export printed

    def data_for(self, history: HistoryRepository, period: Period) -> ReportData:
        """The report's figures for ``period`` (local dates), triage answers
        included. Raises ExportError when the history cannot be read."""
        from ... import __version__
        from ...core.clock import SystemClock
        from ...core.library import builtin_routines
        from ...storage.errors import StorageError
        from ...storage.report import gather_report
        from ..triage import latest_facts

        routines = tuple(self.routines) if self.routines is not None else builtin_routines()
        now = self.now or SystemClock().now
        try:
            return gather_report(history, routines, self.settings, period, now(), __version__,
                                 lambda: latest_facts(history, routines))
        except StorageError as exc:
            raise ExportError(f"Your history could not be read for the report ({exc}).") from exc

    def export_period(self, history: HistoryRepository, path: Path, period: Period,
                      all_sessions: bool = False) -> int:
        """Write the report for ``period`` to ``path`` (atomically); returns the
        pages written. Raises ExportError (ReportWriteError for the file)."""
        data = self.data_for(history, period)
        pages = write_pdf(data, path, self.page_size or page_size_for(self.settings.report_paper), all_sessions)
        self.last_data = data
        return pages

    def export(self, history: HistoryRepository, request: ExportRequest) -> int:
        """Write the report for ``request.first`` to ``request.last`` (None:
        from the first session / up to today) to ``request.path``; with
        ``request.rows == "all_sessions"`` pages listing every session are
        added. Returns the pages written; raises ExportError."""
        from ...core.clock import SystemClock
        from ...core.report import between

        last = request.last or (self.now or SystemClock().now)().date()
        try:
            period = between(request.first, last)
        except ValueError as exc:
            raise ExportError(f"No report: {exc}.") from exc
        return self.export_period(history, request.path, period, request.rows == "all_sessions")


# -- drawing -----------------------------------------------------------------------


#: The smallest type (points) a line is shrunk to so it fits its box.
SMALLEST_POINTS = 5.0
#: The clear space (mm) between a table's columns: each cell after the first
#: starts this far from the end of the cell before it, so a long name wraps in
#: its column rather than running into the next (round 28: "Ankle circles,
#: anticlockwise" touched "1 x 10 per side").
GUTTER = 1.6


def _font(points: float, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FAMILIES)
    font.setPointSizeF(points)
    font.setBold(bold)
    font.setItalic(italic)
    return font


class _Canvas:
    """A painter in millimetres: converts to device units and lays out text."""

    def __init__(self, painter: QPainter, device: QPaintDevice, size_px: tuple[float, float]) -> None:
        self.p = painter
        self.device = device
        self.k = device.logicalDpiX() / 25.4  # device units per mm
        self.width = size_px[0] / self.k
        self.height = size_px[1] / self.k
        # What each chart drew and what its legend (or a label on the chart)
        # names, by kind: every kind of mark drawn has its entry (thirteenth
        # round: the dashed box round this week's bar had none).
        self.marks: dict[str, set[str]] = {}
        self.keys: dict[str, set[str]] = {}
        # Every line of text drawn and its box on the page (mm), as laid out:
        # what a test reads to check that no two lines run into each other.
        self.lines: list[tuple[str, QRectF]] = []

    def mark(self, chart: str, kind: str) -> None:
        """Note that ``chart`` drew a mark of ``kind`` (bars, a line, an outline)."""
        self.marks.setdefault(chart, set()).add(kind)

    def key(self, chart: str, kind: str) -> None:
        """Note that ``chart``'s legend, or a label on it, names marks of ``kind``."""
        self.keys.setdefault(chart, set()).add(kind)

    def r(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(x * self.k, y * self.k, w * self.k, h * self.k)

    def pt(self, x: float, y: float) -> QPointF:
        return QPointF(x * self.k, y * self.k)

    def pen(self, color: QColor, width_mm: float = 0.25, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
        pen = QPen(color, width_mm * self.k, style)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def line(self, x1: float, y1: float, x2: float, y2: float, color: QColor = RULE,
             width: float = 0.25, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> None:
        self.p.setPen(self.pen(color, width, style))
        self.p.drawLine(self.pt(x1, y1), self.pt(x2, y2))

    def box(self, x: float, y: float, w: float, h: float, fill: QColor,
            outline: QColor | None = None) -> None:
        self.p.setPen(self.pen(outline, 0.2) if outline else Qt.PenStyle.NoPen)
        self.p.setBrush(fill)
        self.p.drawRect(self.r(x, y, w, h))
        self.p.setBrush(Qt.BrushStyle.NoBrush)

    def text(self, x: float, y: float, w: float, h: float, text: str, size: float = 7.5,
             color: QColor = INK, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
             bold: bool = False, italic: bool = False) -> None:
        """Draw ``text`` in the box ``x``, ``y``, ``w`` x ``h`` (mm), on one line
        centred up and down; a line wider than the box is drawn smaller, down to
        :data:`SMALLEST_POINTS`, so it is never cut at the box's edge (a card's
        "470 more than the 318 planned" lost its last letters); whatever is still
        too wide then wraps."""
        flags = align | Qt.AlignmentFlag.AlignVCenter
        if "\n" not in text and self.text_width(text, size, bold, italic) > w:
            while size > SMALLEST_POINTS and self.text_width(text, size, bold, italic) > w:
                size = max(SMALLEST_POINTS, size - 0.2)  # in steps: type does not scale evenly
            if self.text_width(text, size, bold, italic) > w:
                flags |= Qt.TextFlag.TextWordWrap
        font = _font(size, bold, italic)
        self.p.setFont(font)
        self.p.setPen(color)
        self.p.drawText(self.r(x, y, w, h), int(flags), text)
        if text.strip():
            drawn = QFontMetricsF(font, self.device).boundingRect(self.r(x, y, w, h), int(flags), text)
            self.lines.append((text, QRectF(drawn.x() / self.k, drawn.y() / self.k,
                                            drawn.width() / self.k, drawn.height() / self.k)))

    def text_width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
        """The width (mm) of ``text`` on one line at ``size`` points."""
        return QFontMetricsF(_font(size, bold, italic), self.device).horizontalAdvance(text) / self.k

    def doc(self, html: str, width: float, size: float = 7.5) -> QTextDocument:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.device)
        doc.setDefaultFont(_font(size))
        doc.setDocumentMargin(0)
        doc.setDefaultStyleSheet(
            f"body {{ color: {INK.name()}; }} .muted {{ color: {MUTED.name()}; }}"
            f" .warn {{ color: {MISSED.name()}; }} th {{ text-align: left; color: {MUTED.name()};"
            " font-weight: normal; }"
            # lengths in HTML are pixels of 1/96 inch whatever the paint device
            f" td + td, th + th {{ padding-left: {GUTTER / 25.4 * 96:.2f}px; }}"
        )
        doc.setHtml(html)
        doc.setTextWidth(width * self.k)
        return doc

    def height_of(self, doc: QTextDocument) -> float:
        return doc.size().height() / self.k

    def draw(self, doc: QTextDocument, x: float, y: float) -> float:
        """Draw ``doc`` at (x, y) mm in the report's ink: text with no colour of
        its own is INK on the white paper, never the app's palette (in the dark
        theme that is near white: the period and routines lines vanished)."""
        from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette

        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, INK)
        self.p.save()
        self.p.translate(self.pt(x, y))
        doc.documentLayout().draw(self.p, context)
        self.p.restore()
        block = doc.begin()
        while block.isValid():
            at = doc.documentLayout().blockBoundingRect(block).topLeft()
            layout = block.layout()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                words = block.text()[line.textStart(): line.textStart() + line.textLength()]
                if words.strip():
                    box = line.naturalTextRect().translated(at)
                    self.lines.append((words, QRectF(x + box.x() / self.k, y + box.y() / self.k,
                                                     box.width() / self.k, box.height() / self.k)))
            block = block.next()
        return self.height_of(doc)

    def html(self, html: str, x: float, y: float, width: float, size: float = 7.5) -> float:
        return self.draw(self.doc(html, width, size), x, y)

    def fitted(self, build: Callable[[int], str], rows: int, x: float, y: float, width: float,
               budget: float, size: float = 7.5) -> float:
        """Draw the HTML ``build(n)`` with the most rows n <= ``rows`` that fit
        in ``budget`` mm; returns the height used."""
        n = rows
        doc = self.doc(build(n), width, size)
        while n > 0 and self.height_of(doc) > budget:
            n -= 1
            doc = self.doc(build(n), width, size)
        return self.draw(doc, x, y)


def paint_page(
    painter: QPainter, device: QPaintDevice, data: ReportData, index: int,
    size_px: tuple[float, float], pages: int = 1,
) -> None:
    """Draw page ``index`` (0: the summary; later: the session list) of the
    report on ``painter``, whose page is ``size_px`` device units."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    c = _Canvas(painter, device, size_px)
    if index == 0:
        _summary(c, data)
    else:
        _session_list(c, data, index)
    _footer(c, data, index, pages)


def _num(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}" if value != int(value) else f"{int(value)}"


def _header(c: _Canvas, data: ReportData, x: float, y: float, w: float) -> float:
    title = "Ankle exercise report"
    c.text(x, y, w * 0.62, 8, title, 15, ACCENT, bold=True)
    who = data.runner or "Name not given"
    c.text(x + w * 0.55, y, w * 0.45, 4.5, who, 10, INK, Qt.AlignmentFlag.AlignRight, bold=True)
    c.text(x + w * 0.45, y + 4.5, w * 0.55, 3.5,
           f"Made {short_date(data.made_at.date())} with Ankle Trainer {data.app_version}",
           7, MUTED, Qt.AlignmentFlag.AlignRight)
    y += 9
    routines = "; ".join(
        f"<b>{escape(r.routine_name)}</b> ({count(r.sessions, 'session')}, "
        + (f"level {r.level + 1} of {r.level_count}" if r.level_count > 1 else "one level")
        + ")"
        for r in data.routines
    ) or "none in this period"
    used = c.html(
        f"<p><b>Period:</b> {escape(data.period.label)}<br><b>Routines:</b> {routines}</p>",
        x, y, w, 8,
    )
    y += used + 1.2
    c.text(x, y, w, 3.8, f"{DISCLAIMER} Pain is rated by the runner on a 0-10 scale, "
           "0 = no pain, 10 = worst pain imaginable.", 7.5, MISSED, italic=True)
    y += 4.6
    c.line(x, y, x + w, y, ACCENT, 0.4)
    return y + 2.5


def _target_note(a: Adherence) -> str:
    """Under "Weeks on target": "this week in progress" while the current
    week is left out of the count (not over, target not met: the chart draws
    it dashed), else the weekly target."""
    if not a.weeks:
        return "no weeks yet"
    running = a.weeks[-1]
    if running.current and running.done < running.planned:  # short: the box holds one line
        return "this week in progress"
    return f"target {count(a.weeks[0].planned, 'session')} a week"


def _figures(c: _Canvas, data: ReportData, x: float, y: float, w: float) -> float:
    a, pain = data.adherence, data.pain
    latest = pain.latest
    heel = data.heel_rise[-1] if data.heel_rise else None
    boxes = [
        # every session counted (cut short too): the number the session list and the chart add up to
        ("Sessions done, all routines", f"{a.sessions_total:,}" if data.sessions else "–",
         sessions_against_plan(a.sessions_total, a.sessions_planned) if data.sessions else "no sessions yet"),
        ("Weeks on target", f"{a.weeks_on_target} of {a.weeks_counted}" if a.weeks_counted else "–",
         _target_note(a)),
        ("Sets · reps done", f"{percent(a.sets_done, a.sets_planned)} · {percent(a.reps_done, a.reps_prescribed)}"
         if a.sets_planned else "–",
         f"{a.sets_done:,} of {count(a.sets_planned, 'set')}" if a.sets_planned else "no sets yet"),
        ("Latest pain", f"{_num(latest.pain_before)} / {_num(latest.pain_after)} / {_num(latest.pain_next_morning)}"
         if latest else "–",
         f"before/after/morning, {latest.local_date.day} {latest.local_date.strftime('%b')}"
         if latest else "no ratings yet"),
        ("Heel-rise symmetry", f"{heel.lsi:.0f}%" if heel and heel.lsi is not None else "–",
         f"left {count(heel.left, 'rise')}, right {count(heel.right, 'rise')}" if heel else "no test yet"),
    ]
    gap = 2.5
    bw = (w - gap * (len(boxes) - 1)) / len(boxes)
    for i, (label, value, note) in enumerate(boxes):
        bx = x + i * (bw + gap)
        c.box(bx, y, bw, 14, QColor("#f3f6f8"))
        c.box(bx, y, 0.8, 14, ACCENT)
        c.text(bx + 2.5, y + 0.8, bw - 3, 3.5, label, 6.8, MUTED)
        c.text(bx + 2.5, y + 4.2, bw - 3, 5.5, value, 12.5, INK, bold=True)
        c.text(bx + 2.5, y + 9.6, bw - 3, 3.5, note, 6.2, MUTED)
    return y + 14 + 4


def _section_title(c: _Canvas, x: float, y: float, w: float, title: str, note: str = "") -> float:
    c.text(x, y, w, 4.2, title, 9, ACCENT, bold=True)
    if note:
        tw = c.text_width(title, 9, bold=True)
        c.text(x + tw + 2, y + 0.3, w - tw - 2, 4.2, note, 6.6, MUTED)
    return y + 5


def _empty_note(c: _Canvas, x: float, y: float, w: float, h: float, text: str) -> None:
    c.box(x, y, w, h, QColor("#f6f8fa"), RULE)
    c.text(x + 4, y, w - 8, h, text, 8, MUTED, Qt.AlignmentFlag.AlignCenter, italic=True)


def _axis_ticks(top: float) -> list[int]:
    step = 1 if top <= 6 else 2 if top <= 12 else 5 if top <= 30 else 10 if top <= 60 else 50
    return list(range(0, int(top) + 1, step))


def _adherence(c: _Canvas, data: ReportData, x: float, y: float, w: float, h: float) -> None:
    a = data.adherence
    if not a.weeks:
        _section_title(c, x, y, w, "Sessions per week")
        _empty_note(c, x, y + 5, w, h - 5, "No sessions in this period yet.")
        return
    weeks = list(a.weeks)
    # Few weeks: one bar each. Many: one bar per month, quarter or year, as a weekly mean.
    if len(weeks) <= 26:
        unit, buckets = "week", [(w_.start, [w_]) for w_ in weeks]
    else:
        unit = "month" if len(weeks) <= 26 * 4.35 else "quarter" if len(weeks) <= 26 * 13 else "year"
        groups: dict[tuple[int, int], list[WeekBar]] = {}
        for wk in weeks:
            key = (wk.start.year, wk.start.month if unit == "month" else
                   (wk.start.month - 1) // 3 if unit == "quarter" else 0)
            groups.setdefault(key, []).append(wk)
        buckets = [(items[0].start, items) for items in groups.values()]
    note = ("completed, against the plan" if unit == "week"
            else f"weekly average in each {unit}")
    chart = "Sessions per week"
    _section_title(c, x, y, w, chart, note)
    y += 5
    values = [(sum(b.done for b in items) / len(items), sum(b.partial for b in items) / len(items),
               items[0].planned, any(b.done + b.partial == 0 and not b.current for b in items),
               any(b.current for b in items))
              for _, items in buckets]
    top = max(max(v[0] + v[1] for v in values), values[0][2]) + 1
    left, bottom = 7.0, 7.5
    legend = _adherence_legend(c, a, unit == "week" and any(v[4] for v in values), w - left - 1)
    bottom += LEGEND_ROW * (len(legend) - 1)
    px, pw, py, ph = x + left, w - left - 1, y + 1, h - 5 - bottom - 1
    for tick in _axis_ticks(top):
        ty = py + ph - ph * tick / top
        c.line(px, ty, px + pw, ty, RULE, 0.15)
        c.text(x, ty - 1.7, left - 1.5, 3.4, str(tick), 6.2, MUTED, Qt.AlignmentFlag.AlignRight)
    slot = pw / len(values)
    bar = min(max(slot * 0.7, 0.2), 9.0)
    label_every = max(1, round(len(values) / 8))
    for i, ((start, _), (done, partial, planned, missed, current)) in enumerate(zip(buckets, values, strict=True)):
        bx = px + i * slot + (slot - bar) / 2
        hd, hp = ph * done / top, ph * partial / top
        if done:
            c.box(bx, py + ph - hd, bar, hd, DONE)
            c.mark(chart, "done")
        if partial:
            c.box(bx, py + ph - hd - hp, bar, hp, PARTIAL)
            c.mark(chart, "cut short")
        c.line(bx - slot * 0.1, py + ph - ph * planned / top, bx + bar + slot * 0.1,
               py + ph - ph * planned / top, INK, 0.35)
        c.mark(chart, "plan")
        if missed and unit == "week":
            c.text(bx - 1, py + ph - 3.6, bar + 2, 3.4, "0", 6.4, MISSED, Qt.AlignmentFlag.AlignCenter, bold=True)
            c.mark(chart, "missed")
        elif missed:
            c.box(bx, py + ph + 0.3, bar, 0.8, MISSED)
            c.mark(chart, "missed")
        if current and unit == "week":
            _in_progress_outline(c, c.r(bx - 0.3, py, bar + 0.6, ph))
            c.mark(chart, "in progress")
        if i % label_every == 0:
            label = (f"{start.day} {start.strftime('%b')}" if unit == "week" else
                     start.strftime("%b %y") if unit == "month" else
                     f"Q{(start.month - 1) // 3 + 1} {start.strftime('%y')}" if unit == "quarter" else
                     str(start.year))
            c.text(px + i * slot - 6 + slot / 2, py + ph + 1.2, 12, 3, label, 5.8, MUTED,
                   Qt.AlignmentFlag.AlignCenter)
    c.line(px, py + ph, px + pw, py + ph, MUTED, 0.25)
    # legend: a line more when its entries do not fit one (room made above)
    for row, entries in enumerate(legend):
        ly, lx = py + ph + 4.6 + row * LEGEND_ROW, px
        for kind, label, colour, bold in entries:
            if kind == "done" or kind == "cut short":
                c.box(lx, ly + 0.8, 2.6, 2.2, DONE if kind == "done" else PARTIAL)
            elif kind == "plan":
                c.line(lx, ly + 1.9, lx + 3, ly + 1.9, INK, 0.35)
            elif kind == "in progress":
                _in_progress_outline(c, c.r(lx, ly + 0.3, 2.6, 3.0))
            sample = _LEGEND_SAMPLE[kind]
            c.text(lx + sample, ly, px + pw - lx - sample, 3.6, label, 6.2, colour, bold=bold)
            c.key(chart, kind)
            lx += sample + c.text_width(label, 6.2, bold) + 3


LEGEND_ROW = 3.8  # mm: a second line of a chart's legend
# mm before each legend entry's words: its sample (none for the missed weeks' words)
_LEGEND_SAMPLE = {"done": 3.4, "cut short": 3.4, "plan": 3.8, "in progress": 3.4, "missed": 0.0}


def _adherence_legend(c: _Canvas, a: Adherence, outlined: bool,
                      width: float) -> list[list[tuple[str, str, QColor, bool]]]:
    """The entries of "Sessions per week"'s legend (kind, words, colour, bold),
    in lines of ``width`` mm: "this week, in progress" only while its outline
    is drawn (``outlined``)."""
    missed_weeks = len(a.weeks_missed)
    entries = [("done", "done", MUTED, False), ("cut short", f"cut short ({a.sessions_partial:,})", MUTED, False),
               ("plan", "plan", MUTED, False)]
    if outlined:
        entries.append(("in progress", IN_PROGRESS, MUTED, False))
    entries.append(("missed", f"{count(missed_weeks, 'week')} with none" if missed_weeks else "no week missed",
                    MISSED if missed_weeks else MUTED, bool(missed_weeks)))
    lines: list[list[tuple[str, str, QColor, bool]]] = [[]]
    used = 0.0
    for entry in entries:
        kind, label, _, bold = entry
        need = _LEGEND_SAMPLE[kind] + c.text_width(label, 6.2, bold)
        if lines[-1] and used + need > width:
            lines.append([])
            used = 0.0
        lines[-1].append(entry)
        used += need + 3
    return lines


IN_PROGRESS = "this week, in progress"


def _in_progress_outline(c: _Canvas, rect: QRectF) -> None:
    """The dashed outline of the week still running (not counted yet), on the
    chart round its bar and as its legend's sample: one mark, one look."""
    c.p.setPen(c.pen(MUTED, 0.15, Qt.PenStyle.DashLine))
    c.p.setBrush(Qt.BrushStyle.NoBrush)
    c.p.drawRect(rect)


def _pain(c: _Canvas, data: ReportData, x: float, y: float, w: float, h: float) -> None:
    pain = data.pain
    note = {"session": "each session", "week": "weekly averages", "month": "monthly averages"}[pain.grouping]
    chart = "Pain"
    _section_title(c, x, y, w, "Pain, 0 = no pain, 10 = worst", note)
    y += 5
    if not pain.points:
        _empty_note(c, x, y, w, h - 5, "No pain ratings in this period yet.")
        return
    left, bottom = 6.0, 7.5
    px, pw, py, ph = x + left, w - left - 12, y + 1, h - 5 - bottom - 1
    # zones (for pain during exercise)
    bands = ((0, pain.safe_max + 0.5, "safe"), (pain.safe_max + 0.5, pain.acceptable_max + 0.5, "acceptable"),
             (pain.acceptable_max + 0.5, 10, "too much"))
    for (lo, hi, label), color in zip(bands, ZONES, strict=True):
        c.box(px, py + ph - ph * hi / 10, pw, ph * (hi - lo) / 10, color)
        c.text(px + pw + 0.8, py + ph - ph * (lo + hi) / 20 - 1.6, 12, 3.2, label, 5.6, MUTED)
        c.mark(chart, f"zone {label}")
        c.key(chart, f"zone {label}")  # named beside it
    for tick in range(0, 11, 2):
        ty = py + ph - ph * tick / 10
        c.line(px, ty, px + pw, ty, QColor(255, 255, 255, 200), 0.15)
        c.text(x, ty - 1.7, left - 1.5, 3.4, str(tick), 6.2, MUTED, Qt.AlignmentFlag.AlignRight)
    first = pain.points[0].day
    last = pain.points[-1].day
    if pain.grouping == "session":
        first, last = min(first, data.chart_first), max(last, data.period.last)
    span = max((last - first).days, 1)

    def at(day: date, value: float) -> QPointF:
        return c.pt(px + pw * ((day - first).days / span if last != first else 0.5),
                    py + ph - ph * value / 10)

    if pain.start_level is not None:
        sy = py + ph - ph * pain.start_level / 10
        c.line(px, sy, px + pw, sy, INK, 0.3, Qt.PenStyle.DashLine)
        label = f"starting level {_num(round(pain.start_level, 1))}"
        lw = c.text_width(label, 5.8) + 1.6
        ly_ = sy - 3.6 if pain.start_level < 8 else sy + 0.4
        c.box(px + pw - lw - 0.5, ly_, lw, 3.2, QColor(255, 255, 255, 215))
        c.text(px + pw - lw - 0.5, ly_, lw, 3.2, label, 5.8, INK, Qt.AlignmentFlag.AlignCenter)
        c.mark(chart, "starting level")
        c.key(chart, "starting level")  # named on its line
    series = (("before", BEFORE, "before", Qt.PenStyle.SolidLine),
              ("after", AFTER, "after", Qt.PenStyle.SolidLine),
              ("next_morning", MORNING, "next morning", Qt.PenStyle.DashLine))
    dots = len(pain.points) <= 60
    for field, color, label, style in series:
        c.mark(chart, label)
        path = QPainterPath()
        started = False
        for point in pain.points:
            value: float | None = getattr(point, field)
            if value is None:
                continue
            if started:
                path.lineTo(at(point.day, value))
            else:
                path.moveTo(at(point.day, value))
                started = True
        c.p.setPen(c.pen(color, 0.35 if dots else 0.3, style))
        c.p.setBrush(Qt.BrushStyle.NoBrush)
        c.p.drawPath(path)
        if dots:
            c.p.setPen(Qt.PenStyle.NoPen)
            c.p.setBrush(color)
            for point in pain.points:
                value = getattr(point, field)
                if value is not None:
                    c.p.drawEllipse(at(point.day, value), 0.55 * c.k, 0.55 * c.k)
            c.p.setBrush(Qt.BrushStyle.NoBrush)
    c.line(px, py + ph, px + pw, py + ph, MUTED, 0.25)
    c.text(px - 2, py + ph + 1.2, 30, 3, short_date(first), 5.8, MUTED)
    c.text(px + pw - 28, py + ph + 1.2, 30, 3, short_date(last), 5.8, MUTED, Qt.AlignmentFlag.AlignRight)
    ly = py + ph + 4.6
    lx = px
    for _, color, label, style in series:
        c.line(lx, ly + 1.9, lx + 4, ly + 1.9, color, 0.45, style)
        c.text(lx + 4.8, ly, 25, 3.6, label, 6.2, MUTED)
        c.key(chart, label)
        lx += 4.8 + c.text_width(label, 6.2) + 3
    c.text(lx, ly, px + pw + 12 - lx, 3.6, "zones: pain during", 6.2, MUTED)


def _heel_rise(c: _Canvas, data: ReportData, x: float, y: float, w: float, h: float) -> float:
    tests = data.heel_rise
    _section_title(c, x, y, w, "Heel-rise test", "rises on one leg to fatigue")
    y += 5
    if not tests:
        _empty_note(c, x, y, w, 12, "No heel-rise test in this period.")
        return y + 14
    chart_h = h - 5 - 14
    left = 6.0
    px, pw, py, ph = x + left, w - left - 2, y + 1, chart_h - 5
    top = max(max(t.left, t.right) for t in tests) * 1.15 + 2
    for tick in _axis_ticks(top):
        ty = py + ph - ph * tick / top
        c.line(px, ty, px + pw, ty, RULE, 0.15)
        c.text(x, ty - 1.7, left - 1.5, 3.4, str(tick), 6.2, MUTED, Qt.AlignmentFlag.AlignRight)
    first, last = tests[0].day, tests[-1].day
    span = max((last - first).days, 1)

    def xpos(day: date) -> float:
        return px + 3 + (pw - 6) * ((day - first).days / span if last != first else 0.5)

    for side, color, style in (("left", LEFT, Qt.PenStyle.SolidLine), ("right", RIGHT, Qt.PenStyle.DashLine)):
        path = QPainterPath()
        for i, t in enumerate(tests):
            point = c.pt(xpos(t.day), py + ph - ph * getattr(t, side) / top)
            if i:
                path.lineTo(point)
            else:
                path.moveTo(point)
        c.p.setPen(c.pen(color, 0.4, style))
        c.p.drawPath(path)
        c.mark("Heel-rise test", side)
        c.p.setPen(Qt.PenStyle.NoPen)
        c.p.setBrush(color)
        for t in tests:
            centre = c.pt(xpos(t.day), py + ph - ph * getattr(t, side) / top)
            if side == "left":
                c.p.drawEllipse(centre, 0.7 * c.k, 0.7 * c.k)
            else:
                c.p.drawRect(QRectF(centre.x() - 0.65 * c.k, centre.y() - 0.65 * c.k, 1.3 * c.k, 1.3 * c.k))
        c.p.setBrush(Qt.BrushStyle.NoBrush)
    c.line(px, py + ph, px + pw, py + ph, MUTED, 0.25)
    c.text(px - 2, py + ph + 0.8, 30, 3, short_date(first), 5.8, MUTED)
    if last != first:
        c.text(px + pw - 28, py + ph + 0.8, 30, 3, short_date(last), 5.8, MUTED, Qt.AlignmentFlag.AlignRight)
    rows = "".join(
        f"<tr><td>{short_date(t.day)}</td><td align=right>{t.left}</td><td align=right>{t.right}</td>"
        f"<td align=right{' class=warn' if t.lsi is not None and t.lsi < data.lsi_flag else ''}>"
        f"{'–' if t.lsi is None else f'{t.lsi:.0f}%'}</td></tr>"
        for t in tests[-3:]
    )
    html = (
        "<table width=100% cellspacing=0 cellpadding=0><tr><th>test</th><th align=right>"
        f"<span style='color:{LEFT.name()}'>&#9679;</span> left</th><th align=right>"
        f"<span style='color:{RIGHT.name()}'>&#9632;</span> right</th><th align=right>symmetry</th></tr>"
        f"{rows}</table><p class=muted>Symmetry = weaker side / stronger side x 100; below "
        f"{data.lsi_flag}% is commonly flagged.</p>"
    )
    used = c.html(html, x, py + ph + 4.4, w, 6.6)
    for side in ("left", "right"):  # the table's head: each side's mark and name
        c.key("Heel-rise test", side)
    return py + ph + 4.4 + used


def _highest_and_safety(c: _Canvas, data: ReportData, x: float, y: float, w: float) -> float:
    y = _section_title(c, x, y, w, "Highest pain", "the sessions with the highest ratings")
    highest = data.pain.highest
    if highest:
        rows = "".join(
            f"<tr><td width=22%>{short_date(p.day)}</td>"
            f"<td><b>{escape(p.what)}</b><span class=muted> · {escape(p.routine_name)}</span></td></tr>"
            for p in highest
        )
        y += c.html(f"<table width=100% cellspacing=0 cellpadding=0>{rows}</table>", x, y, w, 7) + 2
    else:
        y += c.html("<p class=muted>No pain ratings in this period.</p>", x, y, w, 7) + 2
    y = _section_title(c, x, y, w, "Safety checks", "red-flag questions before sessions; a day's latest answers")
    positive = data.safety_positive
    if positive:
        lines = [_safety_line(s) for s in positive[-4:]]
        if len(positive) > 4:
            lines.append(f"<span class=muted>{count(len(positive) - 4, 'earlier one')} not shown.</span>")
        lines.append(f"<span class=muted>{count(data.safety_checks, 'check')} in all.</span>")
        y += c.html("<p>" + "<br>".join(lines) + "</p>", x, y, w, 7) + 2
    else:
        n = data.safety_checks
        text = (f"{count(n, 'check')}: {noun(n, 'it was', 'all were')} clear." if n
                else "No safety check in this period.")
        y += c.html(f"<p>{text}</p>", x, y, w, 7) + 2
    y = _section_title(c, x, y, w, "Where it hurts", "the runner's answers")
    t = data.triage
    if t is None:
        y += c.html("<p class=muted>Not answered yet.</p>", x, y, w, 7)
    else:
        lines = [f"<span class=muted>Answered {short_date(t.answered_on)}</span>"]
        lines += [f"{escape(q)} <b>{escape(a)}</b>" for q, a in t.answers]
        if t.suggestion:
            lines.append(f"<span class=muted>Programme suggested: {escape(t.suggestion)}</span>")
        y += c.html("<p>" + "<br>".join(lines) + "</p>", x, y, w, 7)
    return y


def dose_split(kinds: Sequence[str]) -> int:
    """Where the Current dose rows break into the right-hand column: the
    number of rows (each "head" for a routine's name or "line" for an
    exercise) that stay on the left. About half, a routine's name never
    last on the left; rows too few to split (one routine of one exercise)
    all stay on the left, so the left column is never empty beside a full
    right one."""
    split = (len(kinds) + 1) // 2
    if split < len(kinds) and split and kinds[split - 1] == "head":
        split -= 1
    return split or len(kinds)


def _dose_table(c: _Canvas, data: ReportData, x: float, y: float, w: float, budget: float) -> float:
    y0 = y
    y = _section_title(c, x, y, w, "Current dose",
                       "each routine at its level today · tempo in seconds up-hold-down · "
                       "done in this period: sets done/recorded (or share) · reps or time done")
    if not data.routines:
        _empty_note(c, x, y, w, 10, "No routine was done in this period.")
        return y + 12
    # One entry per routine heading and per exercise, flowed into two columns:
    # (kind, the routine's index, the row).
    entries: list[tuple[str, int, str]] = []
    continued: list[str] = []  # each routine's heading where its rows go on in the right column
    for index, r in enumerate(data.routines):
        level = (f" · level {r.level + 1} of {r.level_count}: {escape(r.level_name)}"
                 if r.level_count > 1 else "")
        entries.append(("head", index, f"<tr><td colspan=4 style='color:{ACCENT.name()}'>"
                                       f"<b>{escape(r.routine_name)}</b><span class=muted>{level}</span></td></tr>"))
        continued.append(f"<tr><td colspan=4 style='color:{ACCENT.name()}'><b>{escape(r.routine_name)}</b>"
                         "<span class=muted> (continued)</span></td></tr>")
        for line in r.lines:
            extra = "; ".join(p for p in (line.pace, line.load) if p)
            entries.append(("line", index, f"<tr><td width=36%>{escape(line.exercise)}</td>"
                                           f"<td width=21% style='white-space:nowrap'>{escape(line.dose)}</td>"
                                           f"<td width=22% style='white-space:nowrap'>{escape(extra)}</td>"
                                           f"<td width=21% align=right "
                                           f"class=muted style='white-space:nowrap'>{escape(line.done)}</td></tr>"))
    total = sum(1 for kind, _, _ in entries if kind == "line")
    gap = 6.0
    col = (w - gap) / 2
    head = ("<table width=100% cellspacing=0 cellpadding=1><tr><th>exercise</th><th>dose</th>"
            "<th>tempo, load</th><th align=right>done</th></tr>")

    def columns(n: int) -> tuple[str, str]:
        shown, rows = 0, []
        for entry in entries:
            if entry[0] == "line":
                if shown >= n:
                    break
                shown += 1
            rows.append(entry)
        while rows and rows[-1][0] == "head":
            rows.pop()
        split = dose_split([kind for kind, _, _ in rows])
        left_rows = [html for _, _, html in rows[:split]]
        right_rows = [html for _, _, html in rows[split:]]
        if rows[split:] and rows[split][0] == "line":  # a routine going on from the left column
            right_rows.insert(0, continued[rows[split][1]])
        more = (f"<p class=muted>{count(total - n, 'more exercise')} not shown.</p>" if n < total else "")
        right = head + "".join(right_rows) + "</table>" if right_rows else ""
        return (head + "".join(left_rows) + "</table>", right + more)

    n = total
    while True:
        left_html, right_html = columns(n)
        left, right = c.doc(left_html, col, 6.6), c.doc(right_html, col, 6.6)
        height = max(c.height_of(left), c.height_of(right))
        if height <= y0 + budget - y or n == 0:
            break
        n -= 1
    c.draw(left, x, y)
    c.draw(right, x + col + gap, y)
    if right_html.startswith(head):  # a rule between two columns, none beside an empty one
        c.line(x + col + gap / 2, y, x + col + gap / 2, y + height, RULE, 0.15)
    return y + height + 1


def _changes(c: _Canvas, data: ReportData, x: float, y: float, w: float, budget: float) -> float:
    y0 = y
    y = _section_title(c, x, y, w, "Level changes and advice", "suggested from the pain ratings, with the runner's answer")
    changes = data.changes
    if not changes:
        return y + c.html("<p class=muted>No change of level was suggested in this period.</p>", x, y, w, 7)

    def build(n: int) -> str:
        shown = changes[-n:] if n else ()
        rows = "".join(
            f"<tr><td width=14%>{short_date(ch.day)}</td><td width=22%><b>{escape(ch.change)}</b><br>"
            f"<span class=muted>{escape(ch.routine_name)} · {escape(ch.decision)}</span></td>"
            f"<td>{escape(ch.reason)}</td></tr>"
            for ch in shown
        )
        more = (f"<p class=muted>{count(len(changes) - n, 'earlier suggestion')} not shown.</p>"
                if n < len(changes) else "")
        return f"<table width=100% cellspacing=0 cellpadding=1>{rows}</table>{more}"

    return y + c.fitted(build, len(changes), x, y, w, y0 + budget - y, 6.6)


def _summary(c: _Canvas, data: ReportData) -> None:
    x, w = MARGIN, c.width - 2 * MARGIN
    bottom = c.height - MARGIN - 5
    y = _header(c, data, x, MARGIN, w)
    y = _figures(c, data, x, y, w)
    half = (w - 8) / 2
    chart_h = 52.0
    _adherence(c, data, x, y, half, chart_h)
    _pain(c, data, x + half + 8, y, half, chart_h)
    y += chart_h + 4
    mid_h = 50.0
    hy = _heel_rise(c, data, x, y, half, mid_h)
    sy = _highest_and_safety(c, data, x + half + 8, y, half)
    y = max(hy, sy, y + 20) + 4
    c.line(x, y - 2, x + w, y - 2, RULE, 0.2)
    remaining = bottom - y
    changes_budget = min(remaining * 0.35, 45) if data.changes else 10
    y = _dose_table(c, data, x, y, w, remaining - changes_budget - 2) + 2
    _changes(c, data, x, y, w, bottom - y)


def _sets_cell(s: SessionFacts) -> str:
    """A session's sets in the list: "12 of 14", or "not imported" for a
    completed session whose sets were not imported (see core.text.sets_not_imported)."""
    from ...core.text import sets_not_imported

    if sets_not_imported(s.status, s.sets_completed, 0, s.sets_planned):
        return "not imported"
    return f"{s.sets_completed} of {s.sets_planned}"


def _session_list(c: _Canvas, data: ReportData, index: int) -> None:
    x, w = MARGIN, c.width - 2 * MARGIN
    y = _section_title(c, x, MARGIN, w, "Every session in the period",
                       f"{count(len(data.sessions), 'session')}, oldest first (asked for by the runner)")
    rows: Sequence[SessionFacts] = data.sessions[
        (index - 1) * SESSIONS_PER_LIST_PAGE: index * SESSIONS_PER_LIST_PAGE]
    body = "".join(
        f"<tr><td>{short_date(s.local_date)}</td><td>{escape(s.routine_name)}</td><td>{s.status}</td>"
        f"<td align=right>{_sets_cell(s)}</td>"
        f"<td align=right>{_num(s.pain_before)}</td><td align=right>{_num(s.pain_during)}</td>"
        f"<td align=right>{_num(s.pain_after)}</td><td align=right>{_num(s.pain_next_morning)}</td></tr>"
        for s in rows
    )
    c.html(
        "<table width=100% cellspacing=0 cellpadding=1><tr><th>date</th><th>routine</th><th>status</th>"
        "<th align=right>sets done</th><th align=right>pain before</th><th align=right>during (highest)</th>"
        f"<th align=right>after</th><th align=right>next morning</th></tr>{body}</table>",
        x, y + 1, w, 7,
    )


def _footer(c: _Canvas, data: ReportData, index: int, pages: int) -> None:
    y = c.height - MARGIN - 3.5
    c.line(MARGIN, y - 0.8, c.width - MARGIN, y - 0.8, RULE, 0.2)
    name = f"{data.runner} · " if data.runner else ""
    c.text(MARGIN, y, c.width - 2 * MARGIN - 30, 3.5,
           f"{name}{data.period.label} · {DISCLAIMER}", 6.2, MUTED)
    c.text(c.width - MARGIN - 30, y, 30, 3.5, f"page {index + 1} of {pages}",
           6.2, MUTED, Qt.AlignmentFlag.AlignRight)


def _safety_line(s: SafetyEntry) -> str:
    """One day's latest check, and what was corrected earlier that day."""
    def listed(flags: tuple[str, ...]) -> str:
        return escape("; ".join(f.rstrip(".") for f in flags))

    corrected = (f" <span class=muted>Corrected the same day; answered earlier: {listed(s.corrected)}.</span>"
                 if s.corrected else "")
    if s.outcome == "clear":
        return f"<b>{short_date(s.day)}: clear</b>{corrected}"
    return (f"<span class=warn><b>{short_date(s.day)}: {escape(s.outcome)}</b></span>"
            + (f" ({listed(s.flags)})" if s.flags else "") + corrected)
