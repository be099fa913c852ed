"""Two dozen invented staff for the first demo centre, so the dashboard has life in it.

A realistic spread: invited but not signed in, not started, part-way, overdue, and
completed with real certificates. Each person's history is drawn from a random
generator seeded with their e-mail, so it is the same every time; people who exist
already are left as they are, so running it again changes nothing.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil

from sqlalchemy import select

from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts.invitations import Purpose, issue
from trainer.modules.accounts.models import Centre, User, user_by_email
from trainer.modules.accounts.operations import create_user
from trainer.modules.accounts.passwords import hash_password
from trainer.modules.certificates.operations import issue_certificate
from trainer.modules.courses import Course, Module, catalogue
from trainer.modules.learning.models import CourseCompletion, LessonProgress
from trainer.modules.learning.summary import count_attempt, count_lesson
from trainer.modules.quizzes.grading import quiz_score
from trainer.modules.quizzes.models import QuestionAnswer, QuizAttempt
from trainer.modules.reports.models import CentreDeadline, PersonDeadline
from trainer.modules.reports.progress import local_today


@dataclass(frozen=True)
class Plan:
    """How far a person has got: modules done, lessons read of the next, own deadline."""

    modules: int = 0
    lessons: int = 0
    completed: bool = False
    invited_only: bool = False
    overdue_days: int | None = None


DONE, NEW, INVITED = Plan(completed=True), Plan(), Plan(invited_only=True)
DEMO_STAFF = (
    ("Aino Virtanen", "fi", DONE),
    ("Mikael Lindqvist", "sv", DONE),
    ("Fatima Hassan", "en", DONE),
    ("Juha Korhonen", "fi", DONE),
    ("Sofia Nyberg", "sv", DONE),
    ("Leila Ahmadi", "fi", DONE),
    ("Petri Mäkinen", "fi", DONE),
    ("Hanna Laine", "fi", Plan(3, 1)),
    ("Oskar Holmström", "sv", Plan(2, 0)),
    ("Amina Yusuf", "en", Plan(5, 2)),
    ("Tiina Heikkinen", "fi", Plan(1, 1)),
    ("Daniel Berg", "sv", Plan(6, 0)),
    ("Noora Salo", "fi", Plan(0, 2)),
    ("Ville Rantanen", "fi", Plan(4, 1)),
    ("Roosa Peltonen", "fi", Plan(7, 0)),
    ("Maria Koskinen", "fi", Plan(2, 2, overdue_days=10)),
    ("Ahmed Mohamed", "en", Plan(1, 0, overdue_days=3)),
    ("Kristian Sjöberg", "sv", Plan(0, 1, overdue_days=5)),
    ("Eveliina Järvinen", "fi", Plan(overdue_days=20)),
    ("Sanna Lehtonen", "fi", NEW),
    ("Jussi Niemi", "fi", NEW),
    ("Hodan Ali", "en", INVITED),
    ("Elina Wikström", "sv", INVITED),
    ("Markku Hämäläinen", "fi", INVITED),
)
CENTRE_DEADLINE_DAYS = 30
_ASCII = str.maketrans("äöåÄÖÅ", "aoaAOA")


def demo_email(name: str) -> str:
    return name.translate(_ASCII).lower().replace(" ", ".") + "@example.org"


def _lessons(user_id: int, module: Module, count: int, at: datetime) -> datetime:
    for lesson in module.lessons[:count]:
        at += timedelta(minutes=12)
        db.session.add(
            LessonProgress(user_id=user_id, module_id=module.id, lesson_id=lesson.id, done_at=at)
        )
        count_lesson(user_id, module.id, lesson.id, at)
    return at


def _wrong_answer(question) -> list[int]:
    wrong = [option.id for option in question.options if option.id not in question.answer]
    return wrong[:1] or list(reversed(question.answer))


def _attempt(user_id: int, module: Module, language: str, right: int, at: datetime) -> None:
    """A submitted attempt whose first `right` drawn questions were answered right."""
    questions = module.quiz.questions[: module.quiz.draw]
    scores = [1.0 if i < right else 0.0 for i in range(len(questions))]
    score = quiz_score(scores)
    attempt = QuizAttempt(
        user_id=user_id,
        module_id=module.id,
        content_version=module.version,
        language=language,
        drawn=[{"question": q.id, "options": [o.id for o in q.options]} for q in questions],
        pass_mark=module.quiz.pass_mark,
        score=score,
        is_passed=score >= module.quiz.pass_mark,
        started_at=at - timedelta(minutes=9),
        submitted_at=at,
    )
    for position, (question, points) in enumerate(zip(questions, scores, strict=True), 1):
        chosen = list(question.answer) if points else _wrong_answer(question)
        attempt.answers.append(
            QuestionAnswer(question_id=question.id, position=position, chosen=chosen, score=points)
        )
    db.session.add(attempt)
    count_attempt(attempt)


def _module_done(user_id: int, module: Module, language: str, at: datetime, rng) -> datetime:
    at = _lessons(user_id, module, len(module.lessons), at)
    draw = module.quiz.draw
    needed = ceil(module.quiz.pass_mark * draw / 100)
    if rng.random() < 0.3:  # some fail first, and pass the next day
        _attempt(user_id, module, language, needed - 1, at + timedelta(minutes=10))
        at += timedelta(days=1)
    _attempt(user_id, module, language, rng.randint(needed, draw), at + timedelta(minutes=10))
    return at + timedelta(hours=rng.randint(2, 60))


def _history(person: User, plan: Plan, course: Course) -> None:
    rng = random.Random(person.email)  # noqa: S311 - demo data, not security
    at = utcnow() - timedelta(days=rng.randint(25, 50), hours=rng.randint(0, 12))
    done = len(course.modules) if plan.completed else min(plan.modules, len(course.modules) - 1)
    for module in course.modules[:done]:
        at = _module_done(person.id, module, person.locale, at, rng)
    if plan.completed:
        db.session.add(CourseCompletion(user_id=person.id, completed_at=min(at, utcnow())))
        db.session.flush()
        issue_certificate(person.id)
    elif plan.lessons:
        following = course.modules[done]
        _lessons(person.id, following, min(plan.lessons, len(following.lessons)), at)


def _person(name: str, locale: str, plan: Plan, centre: Centre, password_hash: str) -> User:
    person = create_user(email=demo_email(name), name=name, locale=locale, centre=centre)
    if plan.invited_only:
        issue(person, Purpose.INVITATION)
    else:
        person.password_hash = password_hash
    if plan.overdue_days is not None:
        due = local_today() - timedelta(days=plan.overdue_days)
        db.session.add(PersonDeadline(user_id=person.id, due_on=due))
    return person


def seed_demo_staff(centre_name: str, password: str) -> int:
    """Add the demo staff who are missing to the centre; return how many were added."""
    centre = db.session.scalar(select(Centre).where(Centre.name == centre_name))
    if db.session.get(CentreDeadline, centre.id) is None:
        due = local_today() + timedelta(days=CENTRE_DEADLINE_DAYS)
        db.session.add(CentreDeadline(centre_id=centre.id, due_on=due))
    missing = [(n, loc, plan) for n, loc, plan in DEMO_STAFF if not user_by_email(demo_email(n))]
    if not missing:
        return 0
    course = catalogue().course(catalogue().languages[0])
    password_hash = hash_password(password)  # once: the same demo password for everyone
    for name, locale, plan in missing:
        person = _person(name, locale, plan, centre, password_hash)
        _history(person, plan, course)
    db.session.flush()
    return len(missing)
