"""The Learn screen's text: running-related ankle pain in plain words, each
point with its source.

Pure data, so it can be checked without Qt. The text is the project's own,
written from the facts in the clinical notes (including "Learn screen,
corrected" after the second review); it explains and points to care, it does
not diagnose.

``SECTIONS`` is a tuple of (heading, points); each point is (text, source).
"""

from __future__ import annotations

SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Why ankles hurt in runners",
        (
            ("Doing too much, too soon: repeated load the tissues have not yet adapted to is the "
             "most common cause.", "general advice for runners; no trial cited"),
            ("Running technique that loads the ankle unevenly.", "general advice for runners"),
            ("Muscle imbalance: weak calves or weak muscles around the ankle.", "general advice for runners"),
        ),
    ),
    (
        "Preventing it",
        (
            ("Strength and balance training lower the risk of sports injuries; stretching does "
             "not. In a review of trials, strength work cut injuries to about a third, balance "
             "work to about half, and stretching made no difference.",
             "Lauersen et al., BJSM 2014;48:871"),
            ("Build up gradually, but there is no magic percentage: the popular \"10% more a "
             "week\" rule did not lower injuries in a trial of novice runners.",
             "Buist et al., AJSM 2008;36:33"),
            ("Watch single long runs rather than weekly totals. In a study that followed 5,205 "
             "runners, one run 10-30% longer than their longest of the previous 30 days came "
             "with about 1.6 times the injury rate, and one more than twice as long with about "
             "2.3 times; the week-to-week change in distance showed no link. It was an "
             "observational study, so treat it as a warning sign, not a proven rule.",
             "Frandsen et al., BJSM 2025;59:1203"),
            ("Shoes: picking shoes to match your foot shape or posture probably makes little or "
             "no difference to injuries. Choosing what feels comfortable is a reasonable guide.",
             "Relph et al., Cochrane Review 2022, CD013368.pub2"),
            ("Warm up before you run. Structured warm-ups cut injuries in team sports; for "
             "runners the evidence is thinner, so treat a short dynamic warm-up as a sensible "
             "habit.", "Herman et al., BMC Med 2012;10:75; Fields et al. 2010"),
            ("After a sprain, a home balance programme cut repeat sprains from 33% to 22%; in "
             "the trial it began once sport was possible again, not in the first days.",
             "Hupperets et al., BMJ 2009;339:b2684"),
        ),
    ),
    (
        "Looking after a sore ankle",
        (
            ("Ease off what makes it worse, rather than stopping all activity: carrying on "
             "with exercise while keeping pain in check did as well as six weeks of rest for "
             "Achilles pain.", "Silbernagel et al., AJSM 2007;35:897"),
            ("A simple guide while exercising: pain up to about 5 out of 10 is usually "
             "acceptable, it should settle back to its usual level (and stiffness too) by the "
             "next morning, and it should not climb from week to week. Ankle Trainer adds load "
             "only when the exercise is nearly pain-free (0-2), and at most one step a week.",
             "Clinicians' pain-monitoring model (secondary sources); Alfredson & Cook, BJSM 2007"),
            ("Rest, ice, compression and elevation (RICE): the ankle-sprain guideline found no "
             "evidence that ice or compression on their own help, and a review of soft-tissue "
             "care found no good evidence for ice. Raising the foot can ease swelling; ice is "
             "optional, for comfort.",
             "Vuurberg et al., BJSM 2018;52:956; Dubois & Esculier, BJSM 2020;54:72"),
            ("After a sprain: protect the ankle for the first 1 to 3 days, then load it "
             "gradually again, and avoid keeping it still for more than about 10 days.",
             "Dubois & Esculier, BJSM 2020;54:72; Vuurberg et al., BJSM 2018;52:956"),
            ("Against repeat sprains, a brace or tape during sport has strong support; "
             "together with exercise for about six months it cuts repeat sprains.",
             "Doherty et al., BJSM 2017;51:113; Vuurberg et al., BJSM 2018;52:956"),
            ("Ask a doctor or pharmacist before taking anti-inflammatory medicines.",
             "general advice for runners"),
            ("For pain in the middle of the Achilles tendon, slow heel drops twice a day have a "
             "good record, and heavy slow calf raises three times a week did just as well, with "
             "more people keeping them up: neither is the one right answer. Where the tendon "
             "meets the heel, the step version works poorly; heel drops on the flat floor did "
             "better in a small study.",
             "Alfredson et al., AJSM 1998; Beyer et al., AJSM 2015;43:1704; Fahlström et al., "
             "KSSTA 2003; Jonsson et al., BJSM 2008;42:746"),
            ("Physiotherapists' guideline for Achilles pain was revised in 2024, replacing the "
             "2018 version; a physiotherapist can take you through what it means for you.",
             "Chimenti et al., JOSPT 2024, doi 10.2519/jospt.2024.13079"),
        ),
    ),
    (
        "When to get help",
        (
            ("Call emergency services or go to an emergency department if you heard a crack "
             "when it happened, the ankle looks misshapen, the foot is cold, pale or blue after "
             "an injury, or a swollen calf comes with breathlessness or chest pain.",
             "standard emergency warning signs"),
            ("See a doctor the same day if you felt a sudden pop or a kick at the back of the "
             "heel, or cannot rise onto the toes of that leg, even if you can still walk: these "
             "are easy to miss.", "Gravlee et al., J Am Board Fam Pract 2000;13:371"),
            ("See a doctor the same day if you cannot take four steps on the foot, if there is "
             "any tenderness when you press the back edge or tip of either ankle bone, the bump "
             "on the outer edge of the mid-foot or the bone on the inner top of the mid-foot, "
             "if the foot drops or slaps when you walk, if one calf is swollen, warm and red, or "
             "if you have a fever or feel hot and shivery.",
             "Ottawa ankle rules, about 99% sensitive for fractures (Beckenkamp et al., BJSM "
             "2017); standard urgent warning signs"),
            ("See a doctor before loading the leg if the pain is pinpointed on a bone, hurts "
             "when you hop or at night, or if you have had a stress fracture, eat too little "
             "for your training or have missed periods.", "standard warning signs of bone stress injuries; no single trial"),
            ("If you take, or recently took, an antibiotic such as ciprofloxacin or "
             "levofloxacin, ask the prescriber before loading your tendons: these raise the "
             "risk of tendon problems.", "Alves et al., Eur J Clin Pharmacol 2019;75:1431"),
            ("See your doctor if both heels or both Achilles tendons hurt, if stiffness lasts "
             "over half an hour in the morning, or a joint is hot and swollen without an "
             "injury; tingling on the sole is worth a routine visit.",
             "standard warning signs; no single trial"),
            ("See a doctor or physiotherapist soon if pain keeps going or keeps getting worse, "
             "or does not improve with the care above. Sports-medicine or orthopaedic care can "
             "arrange an X-ray or scan if needed.", "general advice for runners"),
        ),
    ),
)
