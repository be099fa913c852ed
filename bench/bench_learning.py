"""Lesson pages and quiz submissions under 16 concurrent learners, against gunicorn.

Prints requests per second and p95 for a lesson page, for the same bytes served as a
static file by the same server in the same run (the floor; the two take turns), and
for quiz submissions, which must all succeed. Usage:

    .venv/bin/python bench/bench_learning.py [--database-url URL] [--seconds 8]

Without --database-url it runs on a throw-away SQLite file; give a PostgreSQL URL of an
empty database to measure PostgreSQL.
"""

import argparse
import re
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import ROOT, Client, gunicorn, prepare_database, server_environment, temporary_sqlite

CLIENTS = 16
# The lesson page and its floor take turns, so a passing load on the machine meets both.
ROUNDS = 4
STATIC_COPY = ROOT / "trainer" / "static" / "bench-lesson.html"
FIELD = re.compile(r'name="(q\d+(?:-step(\d+))?)"')


def run_for(seconds: float, clients: list[Client], action) -> tuple[list[float], int]:
    """Each client repeats `action` until time is up; latencies and failures."""
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def loop(client: Client) -> None:
        nonlocal failures
        while time.monotonic() < deadline:
            start = time.perf_counter()
            ok = action(client)
            with lock:
                latencies.append(time.perf_counter() - start)
                failures += 0 if ok else 1

    with ThreadPoolExecutor(len(clients)) as pool:
        list(pool.map(loop, clients))
    return latencies, failures


def in_turns(seconds: float, clients: list[Client], actions: list) -> list[tuple[list[float], int]]:
    """Each action for `seconds` in all, in ROUNDS turns; latencies and failures of each."""
    latencies: list[list[float]] = [[] for _ in actions]
    failures = [0 for _ in actions]
    for _ in range(ROUNDS):
        for index, action in enumerate(actions):
            times, failed = run_for(seconds / ROUNDS, clients, action)
            latencies[index] += times
            failures[index] += failed
    return list(zip(latencies, failures, strict=True))


def answers_for(page: str) -> dict[str, str]:
    """Some answer to every question on an attempt page: option 1, steps in shown order."""
    return {name: step or "1" for name, step in FIELD.findall(page)}


def submit_quiz(module_id: str):
    def action(client: Client) -> bool:
        quiz_page = client.get(f"/learn/{module_id}/quiz")[2]
        status, location, _ = client.post(f"/learn/{module_id}/quiz", {}, quiz_page)
        if status != 302:
            return False
        path = location.replace(f"http://127.0.0.1:{client.port}", "")
        attempt_page = client.get(path)[2]
        status, _, _ = client.post(path, answers_for(attempt_page), attempt_page)
        return status == 302

    return action


def report(name: str, latencies: list[float], failures: int, seconds: float) -> float:
    rate = len(latencies) / seconds
    p95 = statistics.quantiles(latencies, n=20)[18] * 1000 if len(latencies) > 1 else 0
    print(f"{name:28} {rate:8.1f} req/s   p95 {p95:7.1f} ms   failures {failures}")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url")
    parser.add_argument("--content", type=Path, default=ROOT / "tests" / "data" / "course")
    parser.add_argument("--seconds", type=float, default=8)
    args = parser.parse_args()
    database_url, folder = (args.database_url, None) if args.database_url else temporary_sqlite()
    env = server_environment(database_url, args.content)
    emails = prepare_database(env, CLIENTS)
    with gunicorn(env) as (port, _):
        clients = [Client(port) for _ in emails]
        for client, email in zip(clients, emails, strict=True):
            client.sign_in(email)
        course = clients[0].get("/learn")[2]
        module_id, lesson_id = re.search(r'href="/learn/([\w-]+)/([\w-]+)"', course).groups()
        lesson_path = f"/learn/{module_id}/{lesson_id}"
        STATIC_COPY.write_text(clients[0].get(lesson_path)[2])
        try:
            print(
                f"engine: {database_url.split(':', 1)[0]}, {CLIENTS} clients, {args.seconds:.0f} s each"
            )
            pages, files = in_turns(
                args.seconds,
                clients,
                [
                    lambda c: c.get(lesson_path)[0] == 200,
                    lambda c: c.get("/static/bench-lesson.html")[0] == 200,
                ],
            )
            lesson = report("lesson page", *pages, args.seconds)
            static = report("same bytes as static file", *files, args.seconds)
            submissions, failures = run_for(args.seconds, clients, submit_quiz(module_id))
            report("quiz start+page+submit", submissions, failures, args.seconds)
        finally:
            STATIC_COPY.unlink(missing_ok=True)
    print(f"lesson page / static file: {lesson / static:.2f} (target >= 0.5)")
    print(f"quiz submission errors: {failures} (target 0)")
    if folder:
        folder.cleanup()


if __name__ == "__main__":
    main()
