"""Learn: running-related ankle pain in plain words, each point with its source.

The text is the project's own, written from the facts in the clinical notes;
it explains and points to care, it does not diagnose.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from ...widgets import page_header

# (heading, [(point, source)])
SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Why ankles hurt in runners",
        (
            ("Doing too much, too soon: repeated load the tissues have not yet adapted to is the "
             "most common cause.", "general advice for runners; no trial cited"),
            ("Shoes that give too little support or cushioning for you.", "general advice for runners"),
            ("Running technique that loads the ankle unevenly.", "general advice for runners"),
            ("Muscle imbalance: weak calves or weak muscles around the ankle.", "general advice for runners"),
        ),
    ),
    (
        "Preventing it",
        (
            ("Build up training gradually. The popular \"10% more a week\" rule did not lower "
             "injuries in a trial of novice runners; what did raise risk was a single run much "
             "longer than your longest in the previous month, so avoid sudden jumps.",
             "Buist et al., AJSM 2008; a 2025 BJSM study of 5,205 runners"),
            ("Warm up before you run. Structured warm-ups cut injuries in team sports; for "
             "runners the evidence is thinner, so treat a short dynamic warm-up as a sensible "
             "habit.", "Herman et al., BMC Med 2012; Fields et al. 2010"),
            ("Choose running shoes that support your foot.", "general advice for runners; no trial cited"),
            ("Strengthen the ankle and calf: calf raises, ankle circles, band work and balance "
             "practice. A home balance programme after a sprain cut repeat sprains from 33% to "
             "22%.", "Hupperets et al., BMJ 2009"),
        ),
    ),
    (
        "Looking after a sore ankle",
        (
            ("Ease off what makes it worse, rather than stopping all activity: carrying on "
             "with exercise while keeping pain in check did as well as six weeks of rest for "
             "Achilles pain.", "Silbernagel et al., AJSM 2007"),
            ("A simple guide while exercising: pain up to about 5 out of 10 is usually "
             "acceptable, and it should settle back to its usual level by the next morning and "
             "not climb from week to week. Ankle Trainer uses this for its suggestions.",
             "Clinicians' pain-monitoring model (secondary sources)"),
            ("Raising the foot helps swelling. Ice can ease pain for a while, but there is no "
             "good evidence that it speeds healing; if you use it, wrap it and keep it to short "
             "spells.", "Dubois & Esculier, BJSM 2020; Bleakley et al., BJSM 2006"),
            ("A brace or compression wrap can give support for a while.",
             "general advice for runners"),
            ("Ask a doctor or pharmacist before taking anti-inflammatory medicines.",
             "general advice for runners"),
            ("For Achilles pain in the middle of the tendon, slow heel drops done twice a day "
             "for 12 weeks have a good record; they work much less well for pain where the "
             "tendon meets the heel.", "Alfredson et al., AJSM 1998; Fahlström et al., KSSTA 2003"),
        ),
    ),
    (
        "When to get help",
        (
            ("Call emergency services or go to an emergency department if you heard a crack "
             "when it happened, the ankle looks misshapen, the foot is numb, cold or changes "
             "colour, or a swollen calf comes with breathlessness or chest pain.",
             "standard emergency warning signs"),
            ("See a doctor the same day if you cannot take four steps on the foot, if the bone "
             "is very tender at the back or tip of either ankle knob, at the outer edge of the "
             "mid-foot or on top of the inner mid-foot, if one calf is swollen, warm and red, or "
             "if you have a fever or feel hot and shivery.",
             "Ottawa ankle rules, about 99% sensitive for fractures (Beckenkamp et al., BJSM 2017)"),
            ("See a doctor or physiotherapist soon if pain keeps going or keeps getting worse, "
             "or does not improve with the care above. Sports-medicine or orthopaedic care can "
             "arrange an X-ray or scan if needed.", "general advice for runners"),
        ),
    ),
)


def learn_html() -> str:
    parts = []
    for heading, points in SECTIONS:
        items = "".join(
            f"<li>{escape(text)} <span style='color:gray'>(Source: {escape(source)}.)</span></li>"
            for text, source in points
        )
        parts.append(f"<h2>{escape(heading)}</h2><ul>{items}</ul>")
    parts.append(
        "<p><i>Ankle Trainer gives exercise guidance, not a diagnosis. When in doubt, ask a "
        "health professional.</i></p>"
    )
    return "".join(parts)


class LearnPage(QWidget):
    homeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        head, self.home_button = page_header("Learn: ankle pain and running", self.homeRequested.emit)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setAccessibleName("About running-related ankle pain")
        self.text.setHtml(learn_html())
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.text, 1)

    def enter(self) -> None:
        """Shown: keyboard on the text, so arrow keys scroll it."""
        self.text.setFocus()
