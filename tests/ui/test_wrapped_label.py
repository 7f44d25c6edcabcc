"""ui.widgets.WrappedLabel: the heights it remembers are QLabel's own, after
every change that shapes its text (start-up speed, issue 10)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ankle_trainer.ui.widgets import WrappedLabel, set_font

TEXT = ("Ankle Trainer gives exercise guidance, not a diagnosis. If pain is severe, "
        "keeps getting worse, or you cannot put weight on the foot, see a health professional.")
WIDTHS = (60, 120, 238, 240, 461, 648, 2000)


def _pair(text: str = TEXT) -> tuple[WrappedLabel, QLabel]:
    mine, plain = WrappedLabel(text), QLabel(text)
    for label in (mine, plain):
        label.setWordWrap(True)
    return mine, plain


def _same(mine: WrappedLabel, plain: QLabel) -> None:
    for width in WIDTHS:
        assert mine.heightForWidth(width) == plain.heightForWidth(width), width
        assert mine.heightForWidth(width) == plain.heightForWidth(width), width  # remembered


def test_the_heights_are_qlabels_and_are_asked_of_qt_once_per_width(qapp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    mine, plain = _pair()
    _same(mine, plain)
    asked = []
    real = QLabel.heightForWidth
    monkeypatch.setattr(QLabel, "heightForWidth", lambda self, w: asked.append(w) or real(self, w))
    for width in WIDTHS:
        mine.heightForWidth(width)
    assert asked == []  # all remembered
    mine.setText(TEXT + " Once more.")
    mine.heightForWidth(300)
    mine.heightForWidth(300)
    assert asked == [300]


def test_every_change_that_shapes_the_text_is_followed(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    mine, plain = _pair()
    _same(mine, plain)
    changes = [
        lambda label: label.setText(TEXT[:80]),
        lambda label: set_font(label, 1.6, bold=True),
        lambda label: label.setContentsMargins(5, 7, 9, 11),
        lambda label: label.setIndent(12),
        lambda label: label.setMargin(6),
        lambda label: label.setStyleSheet("QLabel { padding: 4px; font-size: 20px; }"),
        lambda label: label.setTextFormat(Qt.TextFormat.RichText),
        lambda label: label.setText("<b>Bold</b> and <i>italic</i> words " * 5),
        lambda label: label.setLayoutDirection(Qt.LayoutDirection.RightToLeft),
        lambda label: label.setWordWrap(False),
        lambda label: label.setWordWrap(True),
    ]
    for change in changes:
        change(mine)
        change(plain)
        _same(mine, plain)


def test_it_remembers_a_bounded_number_of_widths(qapp) -> None:  # type: ignore[no-untyped-def]
    mine, plain = _pair()
    for width in range(100, 400):
        assert mine.heightForWidth(width) == plain.heightForWidth(width)
    assert mine._heights is not None and len(mine._heights) <= WrappedLabel.MOST_WIDTHS
