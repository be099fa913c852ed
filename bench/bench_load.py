"""Load and fault run: 32 learners answering quizzes against gunicorn.

Every accepted submission (a 302) must be in the database with all its answers, and
no attempt may be half-written. With --kill-worker one gunicorn worker is killed
(SIGKILL) a third of the way through; the service must keep answering. Usage:

    .venv/bin/python bench/bench_load.py [--seconds 60] [--database-url URL] [--kill-worker]
"""

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_learning import answers_for
from server import ROOT, Client, gunicorn, prepare_database, server_environment, temporary_sqlite

LEARNERS = 32


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.accepted: list[int] = []
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def add(self, attempt_id: int | None, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if attempt_id is not None:
                self.accepted.append(attempt_id)
            if error:
                self.errors.append(error)


def one_submission(client: Client, module_id: str) -> tuple[int | None, str | None]:
    try:
        quiz = client.get(f"/learn/{module_id}/quiz")[2]
        status, location, _ = client.post(f"/learn/{module_id}/quiz", {}, quiz)
        if status != 302:
            return None, f"start answered {status}"
        path = "/" + location.split("/", 3)[-1] if "://" in location else location
        page = client.get(path)[2]
        status, _, _ = client.post(path, answers_for(page), page)
        if status != 302:
            return None, f"submit answered {status}"
        return int(path.rsplit("/", 1)[1]), None
    except (OSError, TypeError) as error:  # TypeError: a page cut off mid-response
        return None, f"{type(error).__name__}: {error}"


def learner_loop(client: Client, module_id: str, deadline: float, tally: Tally) -> None:
    while time.monotonic() < deadline:
        start = time.perf_counter()
        attempt_id, error = one_submission(client, module_id)
        tally.add(attempt_id, time.perf_counter() - start, error)


def kill_one_worker(master_pid: int, after: float) -> None:
    time.sleep(after)
    children = subprocess.run(
        ["pgrep", "-P", str(master_pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    if children:
        os.kill(int(children[0]), signal.SIGKILL)
        print(f"killed gunicorn worker {children[0]} at {after:.0f} s")


def verify(database_url: str, accepted: list[int]) -> tuple[int, int]:
    """Accepted submissions missing from the database, and half-written attempts."""
    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT a.id, a.submitted_at IS NOT NULL, a.drawn, "
                "(SELECT COUNT(*) FROM question_answers q WHERE q.attempt_id = a.id) "
                "FROM quiz_attempts a"
            )
        ).all()
    engine.dispose()
    state = {
        r[0]: (r[1], len(json.loads(r[2]) if isinstance(r[2], str) else r[2]), r[3]) for r in rows
    }
    missing = sum(
        1 for a in accepted if not (a in state and state[a][0] and state[a][2] == state[a][1])
    )
    half = sum(
        1
        for done, drawn, answers in state.values()
        if (done and answers != drawn) or (not done and answers)
    )
    return missing, half


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--kill-worker", action="store_true")
    args = parser.parse_args()
    database_url, folder = (args.database_url, None) if args.database_url else temporary_sqlite()
    env = server_environment(database_url, ROOT / "tests" / "data" / "course")
    emails = prepare_database(env, LEARNERS)
    tally = Tally()
    with gunicorn(env) as (port, master_pid):
        clients = [Client(port) for _ in emails]
        for client, email in zip(clients, emails, strict=True):
            client.sign_in(email)
        deadline = time.monotonic() + args.seconds
        if args.kill_worker:
            threading.Thread(target=kill_one_worker, args=(master_pid, args.seconds / 3)).start()
        with ThreadPoolExecutor(LEARNERS) as pool:
            for client in clients:
                pool.submit(learner_loop, client, "recognising", deadline, tally)
        still_up = Client(port).get("/healthz")[0] == 200
    missing, half = verify(database_url, tally.accepted)
    p95 = statistics.quantiles(tally.latencies, n=20)[18] * 1000
    print(f"engine: {database_url.split(':', 1)[0]}, {LEARNERS} learners, {args.seconds:.0f} s")
    print(
        f"accepted submissions: {len(tally.accepted)} ({len(tally.accepted) / args.seconds:.1f}/s)"
    )
    print(f"p95 of start+page+submit: {p95:.0f} ms")
    print(f"errors: {len(tally.errors)} {sorted(set(tally.errors))[:3]}")
    print(f"accepted but not fully in the database: {missing} (must be 0)")
    print(f"half-written attempts: {half} (must be 0)")
    print(f"answering after the run: {still_up}")
    if folder:
        folder.cleanup()
    failed = missing or half or not still_up or (tally.errors and not args.kill_worker)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
