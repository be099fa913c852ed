"""The managers' dashboard and exports with 10,000 learners: time, queries, and the floor.

    .venv/bin/python bench/bench_reports.py [--database-url URL] [--learners 10000]

Without --database-url it runs on a throw-away SQLite file; give the URL of an empty
PostgreSQL database to measure PostgreSQL. One centre gets the learners with a realistic
spread (each in a third training cycle after two certified ones; in this one a fifth not
started, most part-way, a third completed with certificates, some
overdue). Each page is taken through the app in process, as a manager, and timed as the
median of several runs; the floor is the one raw SQL aggregate that computes the
dashboard's summary numbers, timed the same way in the same run. Targets: dashboard
under 300 ms, CSV export under 2 s, XLSX export under 1 s.
"""

import argparse
import gc
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import bindparam, delete, insert, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import median_ms  # noqa: E402

from tests.helpers.database import recorded_statements  # noqa: E402
from trainer import create_app  # noqa: E402
from trainer.core.time import UTCDateTime, utcnow  # noqa: E402
from trainer.extensions import db  # noqa: E402
from trainer.modules.accounts.models import Centre, User  # noqa: E402
from trainer.modules.accounts.operations import create_centre, create_user  # noqa: E402
from trainer.modules.certificates.models import Certificate  # noqa: E402
from trainer.modules.courses import Course, catalogue  # noqa: E402
from trainer.modules.cycles.models import TrainingCycle  # noqa: E402
from trainer.modules.learning.models import (  # noqa: E402
    CourseCompletion,
    LessonProgress,
    ModuleSummary,
    PersonSummary,
    RecordedLesson,
)
from trainer.modules.learning.summary import summarise_stale  # noqa: E402
from trainer.modules.quizzes.models import QuizAttempt  # noqa: E402
from trainer.modules.reports.models import CentreDeadline, PersonDeadline  # noqa: E402
from trainer.modules.reports.progress import local_today  # noqa: E402

PASSWORD = "benchmark password that is long enough"
# Every learner is in their third training cycle: two earlier ones completed, certified
# and renewed, about two years apart, whose rows the reports must pass over.
CYCLES = 3
CYCLE_DAYS = 700
BATCH = 5000
RAW_SUMMARY = text(
    """
    SELECT COUNT(*),
      SUM(CASE WHEN cc.user_id IS NOT NULL THEN 1 ELSE 0 END),
      SUM(CASE WHEN cc.user_id IS NULL AND (lp.user_id IS NOT NULL OR qa.user_id IS NOT NULL)
          THEN 1 ELSE 0 END),
      SUM(CASE WHEN cc.user_id IS NULL AND lp.user_id IS NULL AND qa.user_id IS NULL
          THEN 1 ELSE 0 END),
      SUM(CASE WHEN cc.user_id IS NULL AND COALESCE(pd.due_on, cd.due_on) < :today
          THEN 1 ELSE 0 END),
      SUM(CASE WHEN c.revoked_at IS NULL AND c.expires_at > :now AND c.expires_at < :soon
          THEN 1 ELSE 0 END)
    FROM users u
    LEFT JOIN course_completions cc ON cc.user_id = u.id AND cc.cycle = u.cycle
    LEFT JOIN (SELECT DISTINCT user_id, cycle FROM lesson_progress) lp
      ON lp.user_id = u.id AND lp.cycle = u.cycle
    LEFT JOIN (SELECT DISTINCT user_id, cycle FROM quiz_attempts WHERE submitted_at IS NOT NULL)
      qa ON qa.user_id = u.id AND qa.cycle = u.cycle
    LEFT JOIN person_deadlines pd ON pd.user_id = u.id
    LEFT JOIN centre_deadlines cd ON cd.centre_id = u.centre_id
    LEFT JOIN certificates c
      ON c.id = (SELECT MAX(c2.id) FROM certificates c2 WHERE c2.user_id = u.id)
    WHERE u.role = 'learner' AND u.is_active AND u.centre_id = :centre
    """
).bindparams(bindparam("now", type_=UTCDateTime()), bindparam("soon", type_=UTCDateTime()))


def make_app(database_url: str, content_dir: Path) -> Flask:
    return create_app(
        {
            "ENV": "testing",
            "SECRET_KEY": "benchmark-secret-key-that-is-long-enough",
            "DATABASE_URL": database_url,
            "CONTENT_DIR": str(content_dir),
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
        }
    )


class Rows:
    """Rows to insert, sent in batches as they pile up."""

    def __init__(self) -> None:
        self.pending: dict[type, list[dict]] = {}

    def add(self, model: type, **values) -> None:
        self.pending.setdefault(model, []).append(values)
        if len(self.pending[model]) >= BATCH:
            self.flush(model)

    def flush(self, model: type | None = None) -> None:
        for kind in [model] if model else list(self.pending):
            if self.pending.get(kind):
                db.session.execute(insert(kind), self.pending.pop(kind))


def module_history(
    rows: Rows, user_id: int, module, lessons: int, passed: bool, rng, cycle: int = CYCLES
) -> None:
    """A module's lessons read in `cycle`, perhaps its quiz taken, and (in the current
    cycle) the summary learning keeps."""
    at = utcnow() - timedelta(days=rng.randint(1, 90) + CYCLE_DAYS * (CYCLES - cycle))
    for lesson in module.lessons[:lessons]:
        rows.add(
            LessonProgress,
            user_id=user_id,
            cycle=cycle,
            module_id=module.id,
            lesson_id=lesson.id,
            done_at=at,
        )
    summary = {"lessons_done": lessons, "best_score": None, "quiz_passed": False}
    if lessons == len(module.lessons) and (passed or rng.random() < 0.5):
        score = rng.uniform(module.quiz.pass_mark, 100) if passed else rng.uniform(30, 79)
        at += timedelta(minutes=10)
        summary.update(best_score=round(score, 1), quiz_passed=passed)
        rows.add(
            QuizAttempt,
            user_id=user_id,
            cycle=cycle,
            module_id=module.id,
            content_version=module.version,
            language="fi",
            drawn=[],
            pass_mark=module.quiz.pass_mark,
            score=round(score, 1),
            is_passed=passed,
            started_at=at - timedelta(minutes=10),
            submitted_at=at,
        )
    if cycle == CYCLES:
        rows.add(
            ModuleSummary, user_id=user_id, module_id=module.id, last_activity_at=at, **summary
        )


def learner_history(rows: Rows, user_id: int, course: Course, rng) -> bool:
    """A learner with the earlier cycles complete, somewhere along the current one; True
    if they completed it."""
    for cycle in range(1, CYCLES):
        for module in course.modules:
            module_history(rows, user_id, module, len(module.lessons), True, rng, cycle)
    roll = rng.random()
    if roll < 0.2:
        return False
    completed = roll >= 0.67
    done = len(course.modules) if completed else rng.randint(0, len(course.modules) - 1)
    for module in course.modules[:done]:
        module_history(rows, user_id, module, len(module.lessons), True, rng)
    if not completed:
        following = course.modules[done]
        module_history(rows, user_id, following, rng.randint(1, len(following.lessons)), False, rng)
    return completed


def seed(count: int, course: Course) -> Centre:
    centre = create_centre("Bench Reception Centre")
    manager = create_user(
        email="manager@example.org", name="M", role="manager", password=PASSWORD, centre=centre
    )
    manager.managed_centres = [centre]
    db.session.add(CentreDeadline(centre_id=centre.id, due_on=local_today() + timedelta(30)))
    db.session.execute(
        insert(User),
        [
            {
                "email": f"learner{n}@example.org",
                "name": f"Learner {n:05d}",
                "centre_id": centre.id,
                "locale": "fi",
                "password_hash": None if n % 20 == 0 else "not-a-real-hash",
                "cycle": CYCLES,
            }
            for n in range(count)
        ],
    )
    ids_all = db.session.scalars(
        select(User.id).where(User.role == "learner").order_by(User.id)
    ).all()
    ids = iter(ids_all)
    rows, rng, completed = Rows(), random.Random(10), []
    for user_id in ids:
        if learner_history(rows, user_id, course, rng):
            completed.append(user_id)
        elif rng.random() < 0.1:
            rows.add(PersonDeadline, user_id=user_id, due_on=local_today() - timedelta(days=3))
    rows.flush()
    db.session.execute(
        insert(RecordedLesson),
        [
            {"module_id": m.id, "lesson_id": lesson.id}
            for m in course.modules
            for lesson in m.lessons
        ],
    )
    certify(rows, completed, list(ids_all), centre, rng)
    db.session.commit()
    while summarise_stale(course, BATCH):  # the person summaries, as `cycles run` makes them
        db.session.commit()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ANALYZE"))  # what autovacuum does after a load like this
        db.session.commit()
    return centre


def certify(rows: Rows, user_ids: list[int], everyone: list[int], centre: Centre, rng) -> None:
    """Everyone's earlier cycles completed and certified (each renewed by the next
    cycle), and the current one for `user_ids`."""
    for user_id in everyone:
        for cycle in range(1, CYCLES):
            rows.add(CourseCompletion, user_id=user_id, cycle=cycle)
    for user_id in user_ids:
        rows.add(CourseCompletion, user_id=user_id, cycle=CYCLES)
    rows.flush()
    completions = db.session.execute(
        select(CourseCompletion.id, CourseCompletion.user_id, CourseCompletion.cycle)
    )
    for completion_id, user_id, cycle in completions:
        back = timedelta(days=CYCLE_DAYS * (CYCLES - cycle))
        rows.add(
            Certificate,
            code=f"B{cycle}{user_id:014d}",
            user_id=user_id,
            completion_id=completion_id,
            centre_id=centre.id,
            language="fi",
            expires_at=utcnow() + timedelta(days=rng.randint(10, 730)) - back,
            snapshot={},
        )
    rows.flush()
    renewed = db.session.execute(
        select(Certificate.id, Certificate.user_id, CourseCompletion.cycle)
        .join(CourseCompletion, CourseCompletion.id == Certificate.completion_id)
        .where(CourseCompletion.cycle < CYCLES)
    )
    for certificate_id, user_id, cycle in renewed:
        rows.add(
            TrainingCycle, user_id=user_id, number=cycle + 1, renews_certificate_id=certificate_id
        )
    rows.flush()


def raw_summary(centre_id: int) -> tuple[int, ...]:
    now = utcnow()
    values = {"centre": centre_id, "today": local_today(), "now": now, "soon": now + timedelta(60)}
    return tuple(int(n or 0) for n in db.session.execute(RAW_SUMMARY, values).one())


def fetch(client, path: str) -> bytes:
    """A request in an app context of its own, as in production: nothing cached in `g`."""
    with client.application.app_context():
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    return response.data


def measure(app: Flask, centre: Centre, runs: int) -> None:
    client = app.test_client()
    client.post("/login", data={"email": "manager@example.org", "password": PASSWORD})
    page = fetch(client, "/reports").decode()  # warm-up: templates compiled, caches filled
    raw = raw_summary(centre.id)
    assert f'tile-number">{raw[0]}<' in page and f'tile-number">{raw[1]}<' in page, raw
    floor = median_ms(runs, lambda: raw_summary(centre.id))
    print(f"raw SQL aggregate (floor)   {floor:8.1f} ms   1 query   summary {raw}")
    for name, path, target, times in [
        ("dashboard", "/reports", 300, runs),
        ("dashboard, sorted, page 3", "/reports?sort=progress&order=desc&page=3", 300, runs),
        ("CSV export", "/reports/completion.csv", 2000, max(runs // 2, 3)),
        ("XLSX export", "/reports/completion.xlsx", 1000, 3),
    ]:
        with recorded_statements(db.engine) as statements:
            fetch(client, path)
        queries = len(statements)
        elapsed = median_ms(times, lambda path=path: fetch(client, path))
        verdict = f"target < {target} ms" if target else "no target"
        print(
            f"{name:27} {elapsed:8.1f} ms  {queries:2d} queries  "
            f"{elapsed / floor:6.1f} x the floor  ({verdict})"
        )
    # After a content change, until `trainer cycles run` makes the person summaries again.
    db.session.execute(delete(PersonSummary))
    db.session.commit()
    elapsed = median_ms(runs, lambda: fetch(client, "/reports"))
    print(f"{'dashboard, nothing kept':27} {elapsed:8.1f} ms  {elapsed / floor:17.1f} x the floor")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="trainer-bench-") as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.sqlite"
        app = make_app(url, args.content)
        with app.app_context():
            upgrade()
            course = catalogue().course(catalogue().languages[0])
            started = time.perf_counter()
            centre = seed(args.learners, course)
            print(
                f"engine: {db.engine.dialect.name}, {args.learners} learners, "
                f"{len(course.modules)} modules, seeded in {time.perf_counter() - started:.0f} s"
            )
            gc.collect()
            gc.freeze()  # as wsgi.py does once a worker's app is made
            measure(app, centre, args.runs)
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
