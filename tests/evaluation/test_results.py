"""Trainers' results: counted in groups of five of a centre and language, the same
numbers on the page and in both exports, and nothing of a smaller group anywhere."""

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from tests.evaluation.conftest import rows
from tests.helpers.pages import main_of
from trainer.extensions import db
from trainer.modules.evaluation.models import EvaluationAnswer, EvaluationBallot

# Five learners of centre A answering in English: "relevant" 5,5,4,2,1 (one leaves it).
ANSWERS = [
    ({"relevant": 5, "clear": 4}, "More cases from Finland."),
    ({"relevant": 5, "clear": 4}, ""),
    ({"relevant": 4, "clear": 3}, "Audio for the long texts."),
    ({"relevant": 2, "clear": 4}, ""),
    ({"clear": 5}, "A shorter second day."),
]


@pytest.fixture
def answered(completer):
    """Centre A: five answers in English (counted) and two in Finnish (waiting);
    centre B: three in English (waiting)."""
    for number, (ratings, comment) in enumerate(ANSWERS):
        completer(f"Anna Able{number}").answer(ratings, comment=comment)
    for number in range(2):
        completer(f"Fia Finn{number}", locale="fi").answer({"relevant": 1}, comment="Liian pitkä.")
    for number in range(3):
        completer(f"Bea Bee{number}", centre="b").answer({"relevant": 1}, comment="Secret B.")


def test_answers_wait_until_their_group_has_five(completer):
    for number, (ratings, comment) in enumerate(ANSWERS[:4]):
        completer(f"Anna Able{number}").answer(ratings, comment=comment)
    assert rows() == {"evaluation_replies": 4, "evaluation_ballots": 4, "evaluation_answers": 0}
    completer("Anna Able4").answer(*ANSWERS[4])
    assert rows() == {"evaluation_replies": 5, "evaluation_ballots": 0, "evaluation_answers": 5}


def test_the_results_page_counts_each_statement(client, auth, users, answered):
    auth.login("trainer")
    page = main_of(client.get("/evaluation").get_data(as_text=True))
    assert "5 answers, given in 20" in page
    assert "5 answers are waiting" in page  # 2 Finnish + 3 of centre B
    relevant = page[page.index("The course was relevant to my work.") :].split("</tr>")[0]
    cells = [c.split("</td>")[0] for c in relevant.split("<td>")[1:]]
    assert cells == ["4", "0 (0 %)", "1 (25 %)", "0 (0 %)", "1 (25 %)", "2 (50 %)", "4.0"]
    comments = page[page.index('class="evaluation-comments"') :].split("</ul>")[0]
    assert comments.count("<li>") == 3
    assert comments.index("A shorter") < comments.index("Audio") < comments.index("More cases")
    assert "Secret B." not in page and "Liian pitkä." not in page


def test_a_smaller_group_is_in_no_figure(client, auth, users, centres, answered):
    auth.login("admin")
    for query in ("", f"?centre={centres['b'].id}", "?language=fi", "?language=en"):
        page = main_of(client.get(f"/evaluation{query}").get_data(as_text=True))
        assert "Secret B." not in page and "Liian pitkä." not in page
        assert "Bea" not in page and "Fia" not in page
    chosen_b = main_of(client.get(f"/evaluation?centre={centres['b'].id}").get_data(as_text=True))
    assert "fewer than 5 answers" in chosen_b
    everything = main_of(client.get("/evaluation").get_data(as_text=True))
    assert ">Centre B<" not in everything.split("<h2>Results")[0].split("</select>")[-1]


def test_the_exports_carry_the_pages_numbers(client, auth, users, answered):
    auth.login("trainer")
    response = client.get("/evaluation/numbers.csv")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    lines = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert lines[0][:6] == [
        "Centre",
        "Language",
        "Answers",
        "Statement id",
        "Statement",
        "Answered",
    ]
    relevant = next(line for line in lines if line[3] == "relevant")
    assert relevant[:3] == ["Centre A", "en", "5"]
    assert relevant[5:] == ["4", "0", "1", "0", "1", "2", "4.0"]
    assert len(lines) == 1 + 5, "one line a statement of the one counted group"
    workbook = load_workbook(io.BytesIO(client.get("/evaluation/comments.xlsx").data))
    values = [list(r) for r in workbook.active.iter_rows(values_only=True)]
    assert values == [
        ["Centre", "Language", "Comment"],
        ["Centre A", "en", "A shorter second day."],
        ["Centre A", "en", "Audio for the long texts."],
        ["Centre A", "en", "More cases from Finland."],
    ]
    numbers = load_workbook(io.BytesIO(client.get("/evaluation/numbers.xlsx").data)).active
    assert [c.value for c in next(numbers.iter_rows(min_row=2, max_row=2))][:3] == [
        "Centre A",
        "en",
        5,
    ]


def test_results_in_finnish(client, auth, users, answered):
    users["trainer"].locale = "fi"
    db.session.commit()
    auth.login("trainer")
    page = main_of(client.get("/evaluation").get_data(as_text=True))
    assert "Kurssi oli hyödyllinen työssäni." in page and "Täysin samaa mieltä" in page
    assert "4,0" in page


def test_answers_counted_together_carry_one_month_and_version(completer):
    """Four answers wait from an earlier month and course version; the fifth counts them
    all in with this month's and the course's, so none stands out by when it was given."""
    for number, (ratings, comment) in enumerate(ANSWERS[:4]):
        completer(f"Anna Able{number}").answer(ratings, comment=comment)
    db.session.execute(update(EvaluationBallot).values(period="2025-01", course_version="old"))
    db.session.commit()
    completer("Anna Able4").answer(*ANSWERS[4])
    counted = {(a.period, a.course_version) for a in db.session.scalars(select(EvaluationAnswer))}
    assert len(counted) == 1 and ("2025-01", "old") not in counted
