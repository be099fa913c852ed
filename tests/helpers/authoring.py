"""Uploads to the content checker and the learners and attempts behind question statistics."""

import io
import zipfile
from pathlib import Path

from sqlalchemy import func, inspect, select, table

from tests.helpers.app import PASSWORD, TEST_COURSE
from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.accounts.operations import create_user
from trainer.modules.courses import catalogue
from trainer.modules.quizzes.grading import grade, quiz_score
from trainer.modules.quizzes.models import QuestionAnswer, QuizAttempt

CHECK_URL = "/authoring/check"
MODULE_FILE = "01-recognising.md"
EARLIER_VERSION = "0123456789abcdef"


def published_text(language: str, name: str = MODULE_FILE) -> str:
    return (TEST_COURSE / language / name).read_text(encoding="utf-8")


def zipped(files: dict[str, bytes | str], folder: str = "fi") -> bytes:
    """A zip of a language folder, as a file manager makes it: one folder, its files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(f"{folder}/{name}" if folder else name, content)
    return buffer.getvalue()


def published_folder(language: str = "fi") -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in (TEST_COURSE / language).glob("*.md")}


def send_for_check(client, *, language="fi", file=None, name=MODULE_FILE, text="", target=""):
    """POST the check form as a browser does, with a file or pasted text."""
    data = {"language": language, "target": target, "text": text}
    if file is not None:
        data["upload"] = (io.BytesIO(file.encode() if isinstance(file, str) else file), name)
    return client.post(CHECK_URL, data=data, content_type="multipart/form-data")


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _row_counts() -> dict[str, int]:
    """Rows in every table of the database (as migrated, whatever the models say)."""
    tables = inspect(db.engine).get_table_names()
    return {
        name: db.session.scalar(select(func.count()).select_from(table(name))) for name in tables
    }


def add_attempt(user: User, language: str, chosen: dict[str, list[int]], version: str = "") -> None:
    """A submitted attempt on `recognising`, graded as the app grades it."""
    module = catalogue().module("en", "recognising")
    scores = {qid: grade(module.quiz.question(qid), ids) for qid, ids in chosen.items()}
    score = quiz_score(list(scores.values()))
    attempt = QuizAttempt(
        user_id=user.id,
        module_id=module.id,
        content_version=version or module.version,
        language=language,
        drawn=[{"question": qid, "options": sorted(ids)} for qid, ids in chosen.items()],
        pass_mark=module.quiz.pass_mark,
        score=score,
        is_passed=score >= module.quiz.pass_mark,
        submitted_at=utcnow(),
    )
    db.session.add(attempt)
    db.session.flush()
    for position, (qid, ids) in enumerate(chosen.items(), start=1):
        db.session.add(
            QuestionAnswer(
                attempt_id=attempt.id,
                question_id=qid,
                position=position,
                chosen=ids,
                score=scores[qid],
            )
        )


def make_learners(centre, count: int, start: int = 1) -> list[User]:
    return [
        create_user(
            email=f"l{n}@example.org",
            name=f"Learner {n}",
            locale="en",
            centre=centre,
            password=PASSWORD,
        )
        for n in range(start, start + count)
    ]


SEEDED = (
    ("l1", "en", "", {"q-elements": [1], "q-consent": [2], "q-chain": [2, 1, 3]}),
    ("l2", "en", "", {"q-elements": [2], "q-consent": [1], "q-chain": [1, 2, 3]}),
    ("l3", "fi", "", {"q-elements": [1], "q-consent": [1], "q-indicators": [1, 2]}),
    ("l4", "fi", "", {"q-elements": [3], "q-consent": [2], "q-indicators": [3]}),
    ("l5", "en", EARLIER_VERSION, {"q-elements": [2], "q-consent": [1], "q-indicators": [3]}),
    ("l1", "en", "", {"q-elements": [1], "q-consent": [2], "q-indicators": [1]}),
    ("trainer", "en", "", {"q-elements": [1], "q-consent": [2], "q-indicators": [1, 2]}),
    ("l5", "sv", "", {"q-elements": [1], "q-consent": [2], "q-chain": [3, 2, 1]}),
)
