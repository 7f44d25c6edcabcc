"""The notes above the home screen: first-run disclaimer, resume an
interrupted session, next-morning check, and progression suggestions.

The words are built here; what they offer (resume, rate, accept) is done by
the app's SessionController.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from ...core.text import sets_done
from ..widgets import set_enum_property

if TYPE_CHECKING:
    from ...storage.rows import RecommendationRow
    from ..fields import NotedSpinBox
    from ..screens.spec import Host
    from ..widgets import ActionBanner


class Banners(QWidget):
    """The column of banners; each attribute is the banner on show, or None."""

    def __init__(self, host: Host) -> None:
        super().__init__()
        self.host = host
        # The banners scroll within at most a third of the window: however
        # many there are, the home screen keeps its list and Start button.
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.area = QScrollArea()  # up and down only; Qt's enums wait for the first paint
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setWidgetResizable(True)
        set_enum_property(self.area, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        set_enum_property(self.area, "focusPolicy", "NoFocus")  # Tab to a banner's button scrolls to it
        self.area.setWidget(inner)
        inner.installEventFilter(self)  # laid out anew: the whole lines' height follows
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.area)
        host.installEventFilter(self)  # type: ignore[attr-defined]  # its height sets the banners' most
        notice = getattr(host, "notice", None)
        if notice is not None:
            notice.installEventFilter(self)  # the notice bar and the banners share a third
        self.disclaimer: ActionBanner | None = None
        self.resume: ActionBanner | None = None
        self.morning: ActionBanner | None = None
        self.morning_spins: dict[str, NotedSpinBox] = {}
        self.recommendation: ActionBanner | None = None

    SHARE = 0.3  # of the window's height, at most, with the notice bar
    LEAST = 90  # px: a banner's first lines at least
    _RESIZING = (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.LayoutRequest)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.host and event.type() == QEvent.Type.Resize:  # type: ignore[comparison-overlap]
            self.setMaximumHeight(max(self.LEAST, int(self.host.height() * self.SHARE)))  # type: ignore[attr-defined]
            self.updateGeometry()
        elif watched is self.area.widget() and event.type() == QEvent.Type.Resize:
            if event.oldSize().height() != event.size().height():  # type: ignore[attr-defined]
                self.updateGeometry()
            self._pad_end()
        elif watched is not self.host and event.type() in self._RESIZING:
            self.updateGeometry()  # a banner or the notice bar shown, hidden or changed
        return False

    def _most(self) -> int:
        """The banners' share of the window, less the notice bar's when it shows:
        together they leave the home screen its list and Start button."""
        most = int(self.host.height() * self.SHARE)  # type: ignore[attr-defined]
        notice = getattr(self.host, "notice", None)
        if notice is not None and notice.isVisible():
            most -= notice.height()
        return max(self.LEAST, most)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """As tall as the banners at the width they have (a scroll area's own
        hint stops short; a wrapped label's hint guesses a narrower width)."""
        inner = self.area.widget()
        assert inner is not None
        shown = [w for i in range(self.column.count())
                 if (w := self.column.itemAt(i).widget()) is not None and not w.isHidden()]
        if not shown:
            return QSize(inner.sizeHint().width(), 0)
        width = self.width() if self.width() > 0 else inner.sizeHint().width()
        heights = [w.heightForWidth(width) if w.hasHeightForWidth() else -1 for w in shown]
        height = sum(h if h > 0 else w.sizeHint().height() for h, w in zip(heights, shown, strict=True))
        height += self.column.spacing() * (len(shown) - 1)
        most = self._most()
        if height > most and inner.height() >= height:  # laid out: whole lines only
            from ..widgets import whole_line_height

            most = whole_line_height(inner, most, self.column.contentsMargins().bottom())
        return QSize(inner.sizeHint().width(), min(height, most))

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # the height the banners need follows the width
        self._pad_end()

    def _pad_end(self) -> None:
        """Scrolled to the end, the banners' view starts on a whole line too."""
        from ..widgets import pad_end

        if self.isVisible():  # (the area's own viewport is never asked for: see ui/widgets.WholeLineArea)
            pad_end(self.area, self.area.height() - 2 * self.area.frameWidth())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Room for a banner's first lines at least, when there is one."""
        hint = self.sizeHint()
        return QSize(0, min(hint.height(), self.LEAST))

    def _banner(self, text: str, name: str) -> ActionBanner:
        from ..widgets import ActionBanner

        banner = ActionBanner(text)
        banner.setObjectName(name)
        banner.installEventFilter(self)  # see eventFilter: its height is the banners'
        self.column.addWidget(banner)
        return banner

    def order_tabs(self) -> None:
        """Tab in reading order: the banners' controls, top to bottom, then the
        home screen's (banners come later than the home screen in the focus chain)."""
        from PySide6.QtCore import Qt

        def focusable(root: QWidget) -> list[QWidget]:
            found, widget = [], root.nextInFocusChain()
            while widget is not root and len(found) < 500:
                if root.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    found.append(widget)
                widget = widget.nextInFocusChain()
            return found

        home = self.host.home  # type: ignore[attr-defined]
        chain = focusable(self) + focusable(home)
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def offer_disclaimer(self, order_tabs: bool = True) -> None:
        """First run: guidance, not a diagnosis, and when to see a professional.
        Without ``order_tabs`` the caller calls :meth:`order_tabs` later (the
        window does, after the first paint: walking the focus chain from Python
        costs about 25 ms the first time, see README "Start-up speed")."""
        banner = self._banner(
            "Welcome. Ankle Trainer gives exercise guidance, not a diagnosis. If you cannot "
            "put weight on the foot, or pain is severe or getting worse, see a health "
            "professional before exercising.", "disclaimerBanner",
        )

        # the same words sit at the foot of home: once on screen is enough
        footer = getattr(self.host.home, "disclaimer", None)
        if footer is not None:
            footer.hide()

        def seen() -> None:
            if footer is not None:
                footer.show()
            message = self.host.context.update_settings(disclaimer_seen=True)
            if message:
                self.host.show_message(message)
            # First start: then "where does it hurt?" (skippable), unless already answered.
            from ...app.triage import TriageService

            if TriageService(self.host.context).latest() is None:
                self.host.show_screen("triage")

        banner.add_button("I understand", seen)
        self.disclaimer = banner
        if order_tabs:
            self.order_tabs()

    def offer_resume(self) -> None:
        """An interrupted session: resume it or close it as stopped."""
        controller = self.host.controller
        offer = controller.resume_offer()
        if offer is None:
            return
        s, routine = offer.session, offer.routine
        when = s.local_started_at.strftime("%a %d %b, %H:%M")
        banner = self._banner(
            f"Your session of “{routine.name}” ({when}) was interrupted with "
            f"{sets_done(s.sets_completed, s.sets_skipped, s.sets_planned, s.sets_partly_done)}.", "resumeBanner",
        )

        def answered() -> None:  # the start's "ended unexpectedly" is answered too
            from ...storage.history import INTERRUPTED_NOTICE

            self.host.notice.withdraw(lambda text: text != INTERRUPTED_NOTICE)  # type: ignore[attr-defined]

        def resume() -> None:
            answered()
            self.host.home.select_routine(routine.id)  # type: ignore[attr-defined]
            self.host.flow.resume(offer)  # type: ignore[attr-defined]

        def close() -> None:
            answered()
            controller.close_as_stopped(offer)

        banner.add_button("Resume", resume)
        banner.add_button("Close it as stopped", close)
        self.resume = banner
        banner.destroyed.connect(lambda _=None, b=banner: self.resume is b and setattr(self, "resume", None))
        self._follow_sessions()
        self.order_tabs()

    def offer_next_morning_check(self) -> None:
        """The morning after a session: pain and stiffness, 0-10 each. Both start
        unrated (a dash): a rating is only ever one the runner chose, so Save
        with a box left unrated says why and keeps the question open; "Not now"
        is the explicit skip."""
        controller = self.host.controller
        session = controller.morning_check_due()
        if session is None:
            return
        from PySide6.QtWidgets import QLabel

        from ..fields import NotedSpinBox

        day = session.local_started_at.strftime("%A")
        banner = self._banner(
            f"How is your ankle this morning, after {day}'s “{session.routine_name}”? "
            "(0 = none, 10 = worst imaginable)", "morningBanner",
        )
        spins: dict[str, NotedSpinBox] = {}
        for name in ("Pain", "Stiffness"):
            banner.add_widget(QLabel(f"{name}:"))
            spin = NotedSpinBox(-1, 10, "", f"{name} this morning")
            spin.said_as = name  # its note is on a line of its own, below the row
            spin.setSpecialValueText("–")  # -1: not rated yet, never a made-up 0
            spin.setValue(-1)
            spin.setAccessibleName(f"{name} this morning, 0 to 10, not rated yet")
            spin.valueChanged.connect(lambda value, spin=spin, name=name: spin.setAccessibleName(
                f"{name} this morning, 0 to 10" + (", not rated yet" if value < 0 else "")))
            banner.add_widget(spin)
            spins[name] = spin
        why = QLabel()
        why.setObjectName("morningWhy")
        why.setWordWrap(True)
        why.hide()
        banner.add_line(why)  # its own line, the banner's width: it wraps instead of cramping the row
        for spin in spins.values():
            banner.add_line(spin.note)
        banner.why = why  # type: ignore[attr-defined]

        def say_missing() -> list[str]:
            unrated = [name.lower() for name, spin in spins.items() if spin.value() < 0]
            missing = " and ".join(unrated)
            why.setText(f"Rate {missing} first, 0 to 10 (Up and Down arrows or type a number), "
                        "or press Not now." if unrated else "")
            return unrated

        def save() -> bool:
            unrated = say_missing()
            if unrated:
                why.show()
                spins[unrated[0].capitalize()].setFocus()
                return False
            rec = controller.save_morning(session, spins["Pain"].value(), spins["Stiffness"].value())
            if rec is not None:
                self.offer_recommendation(rec)
            return True

        def follow() -> None:  # once said, what is missing follows the ratings (gone when all are given)
            if not why.isHidden():
                why.setVisible(bool(say_missing()))

        save_button = banner.add_button("Save", save)
        banner.add_button("Not now", lambda: controller.skip_morning(session))
        for spin in spins.values():  # Enter in a box is Save: it saves, or says what is missing
            spin.on_enter(save_button.click)
            spin.valueChanged.connect(follow)
        self.morning = banner
        banner.session_id = session.id  # type: ignore[attr-defined]
        banner.destroyed.connect(lambda _=None, b=banner: self.morning is b and setattr(self, "morning", None))
        self._follow_sessions()
        self.order_tabs()
        self.morning_spins = spins

    def _follow_sessions(self) -> None:
        """Once a question about the history shows, follow its changes: a banner
        whose question was answered elsewhere goes (tenth re-test: this
        morning's pain typed into History was asked again on home; an
        interrupted session deleted in History kept its Resume), and the
        Resume offer comes back with its session (History's Undo)."""
        if getattr(self, "_unfollow", None) is None:
            from ...app.changes import Change

            self._unfollow = self.host.context.changes.subscribe(
                lambda change: self._still_due() if change & Change.SESSIONS else None)

    def _still_due(self) -> None:
        controller = self.host.controller
        if controller.running:  # every set is a change: looked at again when it ends
            return
        if self.morning is not None:
            due = controller.morning_check_due()
            if due is None or due.id != self.morning.session_id:  # type: ignore[attr-defined]
                self._close(self.morning)
        offer = controller.resume_offer()
        if self.resume is not None and offer is None:
            self._close(self.resume)
            from ...storage.history import INTERRUPTED_NOTICE  # its "ended unexpectedly" goes too

            self.host.notice.withdraw(lambda text: text != INTERRUPTED_NOTICE)  # type: ignore[attr-defined]
        elif self.resume is None and offer is not None:
            self.offer_resume()  # back with its session (History's Undo)

    def _close(self, banner: ActionBanner) -> None:
        banner.hide()
        banner.deleteLater()

    def offer_recommendation(self, rec: RecommendationRow) -> None:
        """A suggestion to move up, stay, go back or check in with a professional."""
        if self.recommendation is not None:
            self.recommendation.hide()
            self.recommendation.deleteLater()
        base = self.host.context.catalogue.find(rec.routine_id)
        text, answers = suggestion_words(rec, base.level_count if base else 1,
                                         base.level_summary(rec.to_level) if base else "")
        banner = self._banner(text, "recommendationBanner")

        def answer(accepted: bool) -> None:
            if self.host.controller.decide(rec, accepted):
                self.recommendation = None

        for words, accepted in answers:
            banner.add_button(words, lambda accepted=accepted: answer(accepted))
        self.recommendation = banner
        self.order_tabs()


def suggestion_words(
    rec: RecommendationRow, level_count: int, level_summary: str
) -> tuple[str, tuple[tuple[str, bool], ...]]:
    """The banner text (HTML) for a suggestion and its buttons (words, accepts)."""
    from html import escape

    from ...core.progression import Advice, advice_words

    # the name quoted: names hold commas and colons ("After a sprain, phase 2: loading")
    name, reason = f"“{escape(rec.routine_name)}”", escape(rec.reason)
    advice = Advice(rec.advice)
    if advice is Advice.SEE_PROFESSIONAL:
        return (f"<b>Please check in with a professional.</b> {reason} Ankle Trainer "
                "gives exercise guidance and cannot tell what is causing the pain."), (("I understand", True),)
    said = advice_words(rec.advice, rec.from_level, rec.to_level)  # as the history and the report say it
    if advice is Advice.PROGRESS:
        return (f"<b>Suggestion for {name}: {said} of {level_count}</b> "
                f"({escape(level_summary)}). {reason}"), (
                    (f"Move up to level {rec.to_level + 1}", True), ("Not yet", False))
    if advice is Advice.BACK_OFF and rec.to_level != rec.from_level:
        return (f"<b>Suggestion for {name}: {said}.</b> {reason}"), (
            (f"Go back to level {rec.to_level + 1}", True), ("Keep this level", False))
    if advice is Advice.BACK_OFF:
        return (f"<b>Suggestion for {name}: {said}.</b> {reason} This is already the first "
                "level: do fewer repetitions or rest the sore side until pain settles."), (
                    ("OK", True), ("Dismiss", False))
    return f"<b>Suggestion for {name}: {said}.</b> {reason}", (("OK", True), ("Dismiss", False))
