"""No answer can be traced to a person: not on any page, in any export, in the
personal-data export, nor by the rows' columns, order or transactions.

Fifteen learners of centre A answer one after another, each with a comment that
marks their answer (so the test, and only the test, knows whose answer is whose).
"""

import io
import json
import re
from collections import Counter

import pytest
from openpyxl import load_workbook
from sqlalchemy import inspect, select, text

from tests.evaluation.conftest import rows
from tests.helpers.database import engine_name
from trainer.extensions import db
from trainer.modules.evaluation.models import EvaluationAnswer, EvaluationReply
from trainer.modules.evaluation.operations import GROUP_SIZE

PEOPLE = 15
EXACT_TIME = re.compile(r"\d\d:\d\d")


def marker(number: int) -> str:
    return f"Comment number {number:02d}."


@pytest.fixture
def answerers(completer):
    """Fifteen learners who answered, in order; their comments say their number."""
    made = []
    for number in range(PEOPLE):
        learner = completer(f"Person Number{number:02d}")
        assert (
            learner.answer({"relevant": 1 + number % 5}, comment=marker(number)).status_code == 302
        )
        made.append(learner)
    assert rows()["evaluation_answers"] == PEOPLE
    return made


def texts_of_evaluation(client) -> dict[str, str]:
    """The results page and every export, as text."""
    pages = {"page": client.get("/evaluation").get_data(as_text=True)}
    for table in ("numbers", "comments"):
        pages[f"{table}.csv"] = client.get(f"/evaluation/{table}.csv").get_data(as_text=True)
        book = load_workbook(io.BytesIO(client.get(f"/evaluation/{table}.xlsx").data))
        cells = book.active.iter_rows(values_only=True)
        pages[f"{table}.xlsx"] = "\n".join(" ".join(str(v) for v in line) for line in cells)
    return pages


def test_the_answers_hold_no_person_and_no_exact_time(answerers):
    for table in ("evaluation_answers", "evaluation_ballots"):
        columns = {c["name"]: c for c in inspect(db.engine).get_columns(table)}
        assert set(columns) == {
            "id", "centre_id", "language", "course_version", "period", "ratings", "comment"
        }  # fmt: skip
        keys = inspect(db.engine).get_foreign_keys(table)
        assert [k["referred_table"] for k in keys] == ["centres"]
    for answer in db.session.scalars(select(EvaluationAnswer)):
        assert re.fullmatch(r"\d{4}-\d\d", answer.period)
        assert answer.id not in {a.user.id for a in answerers}


def test_no_evaluation_page_or_export_names_anyone(client, auth, users, answerers):
    auth.login("admin")
    for name, page in texts_of_evaluation(client).items():
        for learner in answerers:
            for detail in (learner.user.name, learner.user.email, "Number"):
                assert detail not in page, (name, detail)
        body = page.split("<main", 1)[-1].split("</main>")[0]
        assert not EXACT_TIME.search(body), (name, EXACT_TIME.search(body))
        assert all(marker(n) in page for n in range(PEOPLE)) or "numbers" in name


def test_no_page_about_a_person_shows_their_answer(client, auth, users, answerers):
    """The manager's dashboard, export and person pages, the admin's personal-data
    export, and the learner's own pages hold no comment and no rating."""
    auth.login("manager")
    about_people = [
        client.get("/reports").get_data(as_text=True),
        client.get("/reports/completion.csv").get_data(as_text=True),
    ]
    about_people += [
        client.get(f"/reports/people/{a.user.id}").get_data(as_text=True) for a in answerers
    ]
    auth.logout()
    auth.login("admin")
    exports = [
        json.loads(client.post(f"/admin/users/{a.user.id}/personal-data.json").data)
        for a in answerers
    ]
    about_people += [json.dumps(e, ensure_ascii=False) for e in exports]
    for learner in answerers:
        for path in ("/learn/completed", "/certificates", "/account"):
            about_people.append(learner.client.get(path).get_data(as_text=True))
    for page in about_people:
        assert "Comment number" not in page and "ratings" not in page
    for export in exports:
        assert export["course_evaluation"] == [
            {"course_completed_at": export["course_completed_at"][0], "replied": True}
        ]


def stored_order(statement: str) -> list[int]:
    """The numbers of the answers' comments in the order the database gives them."""
    found = db.session.execute(text(statement)).scalars()
    return [int(re.search(r"\d\d", comment)[0]) for comment in found]


def test_the_stored_order_does_not_follow_the_order_of_answering(answerers):
    """Neither the ids nor the rows as stored (as a dump lists them) come in the order
    the people answered (a chance of 1 in 120^3 that a shuffle leaves all three
    groups of five as they came)."""
    in_order = list(range(PEOPLE))
    assert stored_order("SELECT comment FROM evaluation_answers ORDER BY id") != in_order
    assert stored_order("SELECT comment FROM evaluation_answers") != in_order
    if engine_name() == "postgresql":
        physical = "SELECT comment FROM evaluation_answers ORDER BY ctid"
        assert stored_order(physical) != in_order


@pytest.mark.postgres
def test_no_reply_shares_its_transaction_with_fewer_than_five_answers(answerers):
    """On PostgreSQL every row carries the id of the transaction that wrote it (xmin):
    a reply's transaction wrote no answer, or a whole group of them at once."""
    if engine_name() != "postgresql":
        pytest.skip("xmin is PostgreSQL's")
    answers = Counter(db.session.scalars(text("SELECT xmin::text FROM evaluation_answers")))
    replies = list(db.session.scalars(text("SELECT xmin::text FROM evaluation_replies")))
    assert len(replies) == PEOPLE
    assert all(count >= GROUP_SIZE for count in answers.values())
    assert all(answers.get(xmin, 0) in (0, *range(GROUP_SIZE, PEOPLE + 1)) for xmin in replies)


def test_deleting_a_person_keeps_the_answers_and_leaves_no_link(client, auth, answerers, users):
    person = answerers[3].user
    auth.login("admin")
    response = client.post(f"/admin/users/{person.id}/delete", data={"email": person.email})
    assert response.status_code == 302
    assert rows() == {
        "evaluation_replies": PEOPLE - 1,
        "evaluation_ballots": 0,
        "evaluation_answers": PEOPLE,
    }
    assert (
        db.session.scalar(select(EvaluationReply).where(EvaluationReply.user_id == person.id))
        is None
    )
    export = json.loads(client.post(f"/admin/users/{person.id}/personal-data.json").data)
    assert export["course_evaluation"] == []
    assert marker(3) in texts_of_evaluation(client)["comments.csv"]
