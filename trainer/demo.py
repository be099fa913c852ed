"""Demo data for trying the app: two centres, an account for each role, and two dozen
invented staff in the first centre, so the dashboard has life in it.

Everything is made through the modules' own operations (accounts, invitations, due
dates, lessons, quiz attempts, completion and its certificate), so demo data is the data
the app itself would write; only the times are moved into the past afterwards, to give
each person a history. A realistic spread: invited but not signed in, not started,
part-way, overdue, and completed with real certificates. Each person's history is drawn
from a random generator seeded with their e-mail; people who exist already are left as
they are, so running it again changes nothing.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil

from sqlalchemy import select, update

from trainer.core.time import utcnow
from trainer.extensions import db
from trainer.modules.accounts import operations as accounts
from trainer.modules.accounts.invitations import Purpose, issue
from trainer.modules.accounts.models import Centre, User, user_by_email
from trainer.modules.accounts.passwords import hash_password
from trainer.modules.courses import Course, Module, Question, catalogue
from trainer.modules.learning.models import CourseCompletion, LessonProgress, ModuleSummary
from trainer.modules.learning.operations import mark_lesson_done
from trainer.modules.learning.summary import summarise_person
from trainer.modules.quizzes.models import QuizAttempt
from trainer.modules.quizzes.operations import drawn_questions, start_attempt, submit_attempt
from trainer.modules.reports.models import CentreDeadline
from trainer.modules.reports.operations import set_centre_due_date, set_person_due_date
from trainer.modules.reports.progress import local_today

PASSWORD = "demopassword"  # noqa: S105 - documented in the README, demo only
CENTRES = ("Example Reception Centre Helsinki", "Example Reception Centre Oulu")
ACCOUNTS = (
    ("learner@example.org", "Laura Learner", "learner", "fi"),
    ("trainer@example.org", "Tarja Trainer", "trainer", "fi"),
    ("manager@example.org", "Mikko Manager", "manager", "fi"),
    ("admin@example.org", "Aino Admin", "admin", "en"),
)


@dataclass(frozen=True)
class Plan:
    """How far a person has got: modules done, lessons read of the next, own deadline."""

    modules: int = 0
    lessons: int = 0
    completed: bool = False
    invited_only: bool = False
    overdue_days: int | None = None


DONE, NEW, INVITED = Plan(completed=True), Plan(), Plan(invited_only=True)
STAFF = (
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


@dataclass(frozen=True)
class Seeded:
    accounts: list[User]
    staff_added: int


def seed() -> Seeded:
    """Create what is missing of the demo; change nothing else. Flushes; the caller commits."""
    accounts_ = seed_accounts()
    return Seeded(accounts_, seed_staff(CENTRES[0]))


def demo_email(name: str) -> str:
    return name.translate(_ASCII).lower().replace(" ", ".") + "@example.org"


def _centre(name: str) -> Centre:
    existing = db.session.scalar(select(Centre).where(Centre.name == name))
    return existing or accounts.create_centre(name)


def seed_accounts() -> list[User]:
    """The demo centres and one account for each role, in the first centre."""
    centres = [_centre(name) for name in CENTRES]
    users = []
    for email, name, role, locale in ACCOUNTS:
        user = user_by_email(email)
        if user is None:
            user = accounts.create_user(
                email=email, name=name, role=role, locale=locale, centre=centres[0]
            )
            # The password policy refuses this well-known password, as it should; the
            # demo sets it directly so everyone can try the demo with it.
            user.password_hash = hash_password(PASSWORD)
        if role == "manager" and not user.managed_centres:
            user.managed_centres = [centres[0]]
        users.append(user)
    db.session.flush()
    return users


def seed_staff(centre_name: str) -> int:
    """Add the demo staff who are missing to the centre; return how many were added."""
    centre = db.session.scalar(select(Centre).where(Centre.name == centre_name))
    assert centre is not None, "seed_accounts() makes the demo centres first"
    if db.session.get(CentreDeadline, centre.id) is None:
        due = local_today() + timedelta(days=CENTRE_DEADLINE_DAYS)
        set_centre_due_date(centre.id, due, actor_id=None)
    missing = [(n, loc, plan) for n, loc, plan in STAFF if not user_by_email(demo_email(n))]
    course = catalogue().course(catalogue().languages[0])
    password_hash = hash_password(PASSWORD)  # once: the same demo password for everyone
    for name, locale, plan in missing:
        person = _person(name, locale, plan, centre, password_hash)
        _history(person, plan, course)
    db.session.flush()
    return len(missing)


def _person(name: str, locale: str, plan: Plan, centre: Centre, password_hash: str) -> User:
    person = accounts.create_user(email=demo_email(name), name=name, locale=locale, centre=centre)
    if plan.invited_only:
        issue(person, Purpose.INVITATION)
    else:
        person.password_hash = password_hash
    if plan.overdue_days is not None:
        due = local_today() - timedelta(days=plan.overdue_days)
        set_person_due_date(person.id, due, actor_id=None)
    return person


def _history(person: User, plan: Plan, course: Course) -> None:
    rng = random.Random(person.email)  # noqa: S311 - demo data, not security
    at = utcnow() - timedelta(days=rng.randint(35, 50), hours=rng.randint(0, 12))
    done = len(course.modules) if plan.completed else min(plan.modules, len(course.modules) - 1)
    for module in course.modules[:done]:
        at = _module_done(person, module, at, rng)
    if plan.lessons and not plan.completed:
        following = course.modules[done]
        _read(person.id, following, min(plan.lessons, len(following.lessons)), at)
    if plan.completed:
        _move(
            CourseCompletion, CourseCompletion.user_id == person.id, completed_at=min(at, utcnow())
        )


def _module_done(person: User, module: Module, at: datetime, rng: random.Random) -> datetime:
    at = _read(person.id, module, len(module.lessons), at)
    draw = module.quiz.draw
    needed = ceil(module.quiz.pass_mark * draw / 100)
    if rng.random() < 0.3:  # some fail first, and pass the next day
        _answer(person, module, needed - 1, at + timedelta(minutes=10))
        at += timedelta(days=1)
    _answer(person, module, rng.randint(needed, draw), at + timedelta(minutes=10))
    return at + timedelta(hours=rng.randint(2, 30))


def _read(user_id: int, module: Module, count: int, at: datetime) -> datetime:
    """Read the module's first `count` lessons, twelve minutes apart from `at`."""
    for lesson in module.lessons[:count]:
        at += timedelta(minutes=12)
        mark_lesson_done(user_id, module.id, lesson.id)
        _move(
            LessonProgress,
            (LessonProgress.user_id == user_id)
            & (LessonProgress.module_id == module.id)
            & (LessonProgress.lesson_id == lesson.id),
            done_at=at,
        )
    _move_summary(user_id, module.id, at)
    return at


def _answer(person: User, module: Module, right: int, at: datetime) -> None:
    """An attempt whose first `right` drawn questions are answered right, sent at `at`."""
    attempt = start_attempt(person.id, module, person.locale)
    chosen = {
        drawn.question_id: _choice(module.quiz.question(drawn.question_id), position < right)
        for position, drawn in enumerate(drawn_questions(attempt))
    }
    submit_attempt(attempt, module, chosen)
    _move(
        QuizAttempt,
        QuizAttempt.id == attempt.id,
        started_at=at - timedelta(minutes=9),
        submitted_at=at,
    )
    _move_summary(person.id, module.id, at)


def _choice(question: Question | None, right: bool) -> list[int]:
    assert question is not None, "an attempt draws only the quiz's own questions"
    if right:
        return list(question.answer)
    wrong = [option.id for option in question.options if option.id not in question.answer]
    return wrong[:1] or list(reversed(question.answer))


def _move(model, where, **times: datetime) -> None:
    """Give rows written just now the time they happen in the person's history."""
    db.session.execute(
        update(model).where(where).values(times).execution_options(synchronize_session=False)
    )


def _move_summary(user_id: int, module_id: str, at: datetime) -> None:
    where = (ModuleSummary.user_id == user_id) & (ModuleSummary.module_id == module_id)
    _move(ModuleSummary, where, last_activity_at=at)
    summarise_person(user_id)
