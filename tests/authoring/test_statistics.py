"""Question statistics against attempts whose numbers are worked out here by hand.

The seeded attempts (conftest.SEEDED), with each answer's score:

    attempt  who      lang  version   q-elements  q-consent  q-indicators  q-chain
    A1       l1       en    current   1           1          -             1/3
    A2       l2       en    current   0           0          -             1
    A3       l3       fi    current   1           0          1             -
    A4       l4       fi    current   0           1          0             -
    A5       l5       en    earlier   0           0          0             -      left out
    A6       l1       en    current   1           1          1/2           -      l1's second
    A7       trainer  en    current   1           1          1             -      not counted
    A8       l5       sv    current   1           1          -             1/3    l5's first on this version

First attempts are A1-A4 (l5's first was on the earlier version); all attempts add A6, A8.
"""

import csv
import io
import math
from statistics import pstdev

import pytest

from tests.helpers.authoring import EARLIER_VERSION, add_attempt, make_learners
from tests.helpers.database import recorded_statements
from trainer.extensions import db
from trainer.modules.authoring.queries import statistics_page
from trainer.modules.authoring.statistics import Basis, Flag, flags_for
from trainer.modules.courses import catalogue


def module():
    return catalogue().module("en", "recognising")


def report(basis: Basis, question_id: str):
    stats = statistics_page(module(), basis).statistics
    return next(r for r in stats.questions if r.question.id == question_id)


def in_language(report, language: str):
    return next(s for s in report.by_language if s.language == language)


def point_biserial(right_rests: list[float], wrong_rests: list[float]) -> float:
    """(M1 - M0) / s * sqrt(p * q), written out once more for the test."""
    rests = right_rests + wrong_rests
    p = len(right_rests) / len(rests)
    difference = sum(right_rests) / len(right_rests) - sum(wrong_rests) / len(wrong_rests)
    return difference / pstdev(rests) * math.sqrt(p * (1 - p))


@pytest.mark.usefixtures("seeded")
class TestFirstAttempts:
    def test_consent_discriminates_negatively(self, app):
        # Rest scores (the mean of the attempt's other answers):
        # A1 (1 + 1/3) / 2 = 2/3 right; A2 (0 + 1) / 2 = 1/2 wrong;
        # A3 (1 + 1) / 2 = 1 wrong;     A4 (0 + 0) / 2 = 0 right.
        consent = report(Basis.FIRST, "q-consent")
        assert consent.overall.answers == 4
        assert consent.overall.facility == 2 / 4
        # M1 = 1/3, M0 = 3/4, s = sqrt(75) / 24, p = q = 1/2: r = -1/sqrt(3)
        assert consent.overall.discrimination == pytest.approx(-1 / math.sqrt(3))
        assert point_biserial([2 / 3, 0], [1 / 2, 1]) == pytest.approx(-1 / math.sqrt(3))
        assert consent.overall.flags == (Flag.NEGATIVE,)

    def test_elements_discriminates_positively(self, app):
        # Rest scores: A1 2/3 right, A2 1/2 wrong, A3 1/2 right, A4 1/2 wrong.
        elements = report(Basis.FIRST, "q-elements")
        assert elements.overall.facility == 0.5
        # M1 = 7/12, M0 = 1/2, s = sqrt(3) / 24: r = 1/sqrt(3)
        assert elements.overall.discrimination == pytest.approx(1 / math.sqrt(3))
        assert elements.overall.flags == ()
        english = in_language(elements, "en")  # A1 right, A2 wrong; rests 2/3, 1/2
        assert (english.answers, english.facility, english.discrimination) == (2, 0.5, 1.0)
        swedish = in_language(elements, "sv")
        assert (swedish.answers, swedish.facility, swedish.discrimination) == (0, None, None)

    def test_chain_counts_an_ordering_right_only_when_all_of_it_is(self, app):
        # A1 placed only the last step (1/3, wrong), rest 1; A2 all (right), rest 0.
        chain = report(Basis.FIRST, "q-chain")
        assert chain.overall.facility == 0.5
        assert chain.overall.discrimination == pytest.approx(-1.0)
        # A1 [2, 1, 3] and A2 [1, 2, 3]: steps 1 and 2 placed right once, step 3 twice
        assert chain.overall.option_shares == ((1, 0.5), (2, 0.5), (3, 1.0))

    def test_equal_rest_scores_leave_discrimination_undefined(self, app):
        # A3 right and A4 wrong both have rest 1/2: no spread, no correlation.
        indicators = report(Basis.FIRST, "q-indicators")
        assert (indicators.overall.facility, indicators.overall.discrimination) == (0.5, None)

    def test_option_shares(self, app):
        consent = report(Basis.FIRST, "q-consent")
        # chosen: A1 [2], A2 [1], A3 [1], A4 [2]
        assert consent.overall.option_shares == ((1, 0.5), (2, 0.5))
        assert in_language(consent, "fi").option_shares == ((1, 0.5), (2, 0.5))
        assert in_language(consent, "sv").option_shares == ((1, None), (2, None))

    def test_only_the_current_version_counts_and_the_rest_is_named(self, app):
        page = statistics_page(module(), Basis.FIRST)
        assert page.statistics.attempts == 4
        assert [(v.version, v.attempts) for v in page.left_out] == [(EARLIER_VERSION, 1)]


@pytest.mark.usefixtures("seeded")
class TestAllAttempts:
    def test_consent(self, app):
        # A6: rest (1 + 1/2) / 2 = 3/4, right; A8: rest (1 + 1/3) / 2 = 2/3, right.
        consent = report(Basis.ALL, "q-consent")
        assert consent.overall.answers == 6
        assert consent.overall.facility == pytest.approx(4 / 6)
        expected = point_biserial([2 / 3, 0, 3 / 4, 2 / 3], [1 / 2, 1])
        assert consent.overall.discrimination == pytest.approx(expected)
        assert statistics_page(module(), Basis.ALL).statistics.attempts == 6

    def test_a_language_with_one_right_answer_is_too_easy(self, app):
        swedish = in_language(report(Basis.ALL, "q-consent"), "sv")  # A8 only
        assert (swedish.answers, swedish.facility, swedish.discrimination) == (1, 1.0, None)
        assert swedish.flags == (Flag.TOO_EASY,)

    def test_multiple_choice_partly_right_is_not_right(self, app):
        # A3 1 (right), A4 0, A6 1/2 (partly): 1 of 3 right
        indicators = report(Basis.ALL, "q-indicators")
        assert indicators.overall.facility == pytest.approx(1 / 3)
        assert indicators.overall.option_shares == (
            (1, pytest.approx(2 / 3)),
            (2, pytest.approx(1 / 3)),
            (3, pytest.approx(1 / 3)),
        )


@pytest.mark.parametrize(
    ("facility", "discrimination", "flags"),
    [
        (0.96, 0.3, (Flag.TOO_EASY,)),
        (0.95, 0.3, ()),
        (0.30, 0.3, ()),
        (0.29, -0.01, (Flag.TOO_HARD, Flag.NEGATIVE)),
        (None, None, ()),
        (0.5, 0.0, ()),
    ],
)
def test_flags(facility, discrimination, flags):
    assert flags_for(facility, discrimination) == flags


def test_the_page_shows_the_numbers_flags_and_versions(trainer, seeded):
    page = trainer.get("/authoring/statistics/recognising").get_data(as_text=True)
    assert "Attempts counted: 4." in page
    assert "Negative discrimination" in page
    assert "-0.58" in page  # q-consent, first attempts
    assert f"Version {EARLIER_VERSION}, last taken on" in page
    assert "point-biserial" in page
    everything = trainer.get("/authoring/statistics/recognising?attempts=all")
    assert "Attempts counted: 6." in everything.get_data(as_text=True)
    assert "Too easy" in everything.get_data(as_text=True)


def test_the_csv_has_both_bases_and_every_language(trainer, seeded):
    response = trainer.get("/authoring/statistics/recognising/export.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 4 * 2 * 4  # questions x (first, all) x (all languages, fi, sv, en)
    consent = next(
        r
        for r in rows
        if (r["Question"], r["Attempts counted"], r["Language"])
        == ("q-consent", "First attempts", "All languages")
    )
    assert consent["Answers"] == "4"
    assert consent["Facility"] == "0.5"
    assert consent["Discrimination"] == "-0.577"
    assert consent["Flags"] == "Negative discrimination"
    assert (consent["Option 1"], consent["Option 2"], consent["Option 3"]) == ("0.5", "0.5", "")
    assert consent["Question text"] == "A victim's consent makes exploitation legal."


def test_the_csv_in_finnish_splits_and_reads_numbers_as_excel_in_finland(trainer, seeded):
    trainer.post("/account/language", data={"locale": "fi"})
    raw = trainer.get("/authoring/statistics/recognising/export.csv").data
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    consent = next(
        r
        for r in rows
        if (r["Kysymys"], r["Lasketut suorituskerrat"], r["Kieli"])
        == ("q-consent", "Ensimmäiset suorituskerrat", "Kaikki kielet")
    )
    assert (consent["Helppous"], consent["Erottelukyky"]) == ("0,5", "-0,577")
    assert consent["Huomiot"] == "Negatiivinen erottelukyky"


def count_queries(work) -> int:
    with recorded_statements(db.engine) as statements:
        work()
    return len(statements)


def test_statistics_take_the_same_number_of_queries_for_any_number_of_learners(
    app, seeded, centres
):
    def compute():
        db.session.expire_all()
        statistics_page(module(), Basis.FIRST)

    few = count_queries(compute)
    for learner in make_learners(centres["a"], 30, start=100):
        add_attempt(learner, "fi", {"q-elements": [1], "q-consent": [2], "q-chain": [1, 2, 3]})
    db.session.commit()
    assert count_queries(compute) == few == 2
