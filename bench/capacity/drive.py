"""Simulated learners and managers, driven by Locust, for bench/bench_capacity.py.

Runs in Locust's own virtualenv (bench/capacity/.venv) and knows the app only by HTTP,
as a browser does. Learners sign in, open the course, read a module's lessons (20-60 s
each), start its quiz, answer it (60-120 s) and submit; now and then they open their
certificates and download one if they have it. Managers open the dashboard every
30-90 s and now and then export it. The number of users goes up in stages; each stage
is held for --hold seconds, measured from --settle seconds after every user of the
stage is running (the arrivals' sign-ins and first pages come as a burst of their own).

Prints one progress line per stage and, last, a JSON line with every stage's numbers.
"""

import argparse
import itertools
import json
import random
import re
import sys
import time
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from locust import FastHttpUser, between, task
from locust.env import Environment

CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
FIELD = re.compile(r'name="(q\d+(?:-step(\d+))?)"')
MODULE_LINK = re.compile(r'href="/learn/([\w-]+)"')
LESSON_LINK = re.compile(r'href="/learn/([\w-]+)/([\w-]+)"')
DOWNLOAD_LINK = re.compile(r'href="(/certificates/\d+/\w+\.pdf)"')
# Held to the 1 s limit rather than a page's 500 ms: what learners send, and the
# manager's XLSX export, whose own target (#24) is 1 s for 10,000 people.
SUBMISSIONS = {"sign-in", "lesson done", "quiz start", "quiz submit", "export (XLSX)"}


class Settings:
    """What the command line gave: accounts, and how long people think."""

    learners: itertools.cycle
    managers: itertools.cycle
    password = ""
    think_scale = 1.0
    accepted: list[int] = []


def think(low: float, high: float) -> None:
    gevent.sleep(random.uniform(low, high) * Settings.think_scale)


class LoopbackPolicy(DefaultCookiePolicy):
    """The app in production marks its cookies Secure; here gunicorn is reached over
    plain HTTP on loopback, where nginx would have ended TLS. Send them anyway."""

    def return_ok_secure(self, cookie, request) -> bool:
        return True


class Person(FastHttpUser):
    abstract = True

    def sign_in(self, email: str) -> None:
        self.client.cookiejar.set_policy(LoopbackPolicy())
        page = self.client.get("/login", name="sign-in page").text
        self.submit(page, "/login", {"email": email, "password": Settings.password}, "sign-in")

    def submit(self, page: str, path: str, form: dict, name: str):
        """Post a form found on `page`; anything but a redirect is a failure."""
        found = CSRF.search(page or "")
        data = {**form, "csrf_token": found[1] if found else ""}
        with self.client.post(
            path, data=data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"{name} answered {response.status_code}")
            return response


class Learner(Person):
    wait_time = between(5, 30)

    def on_start(self) -> None:
        self.sign_in(next(Settings.learners))

    @task
    def study_a_module(self) -> None:
        course = self.client.get("/learn", name="course page").text
        module = random.choice(MODULE_LINK.findall(course) or ["none"])
        page = self.client.get(f"/learn/{module}", name="module page").text
        linked = LESSON_LINK.findall(page)
        lessons = dict.fromkeys(lesson for m, lesson in linked if m == module and lesson != "quiz")
        for lesson in lessons:
            text = self.client.get(f"/learn/{module}/{lesson}", name="lesson page").text
            think(20, 60)
            self.submit(text, f"/learn/{module}/{lesson}/done", {}, "lesson done")
        self.sit_the_quiz(module)
        if random.random() < 0.1:
            self.fetch_a_certificate()

    def sit_the_quiz(self, module: str) -> None:
        quiz = self.client.get(f"/learn/{module}/quiz", name="quiz page").text
        started = self.submit(quiz, f"/learn/{module}/quiz", {}, "quiz start")
        path = urlsplit(started.headers.get("Location") or "").path
        if not path.startswith("/attempts/"):
            return  # a wait after a failed attempt: the page said so
        attempt = self.client.get(path, name="attempt page").text
        think(60, 120)
        answers = {name: step or "1" for name, step in FIELD.findall(attempt)}
        if self.submit(attempt, path, answers, "quiz submit").status_code == 302:
            Settings.accepted.append(int(path.rsplit("/", 1)[1]))

    def fetch_a_certificate(self) -> None:
        page = self.client.get("/certificates", name="certificates page").text
        link = DOWNLOAD_LINK.search(page)
        if link:
            self.client.get(link[1], name="certificate PDF")


class Manager(Person):
    wait_time = between(30, 90)
    fixed_count = 0  # set from the command line

    def on_start(self) -> None:
        self.sign_in(next(Settings.managers))

    @task(9)
    def dashboard(self) -> None:
        self.client.get("/reports", name="dashboard")

    @task(1)
    def export(self) -> None:
        self.client.get("/reports/completion.xlsx", name="export (XLSX)")


def hold_stage(
    environment: Environment, users: int, rate: float, hold: float, settle: float
) -> dict:
    """`users` learners (and the managers) running for `hold` seconds, measured from
    `settle` seconds after the last of them arrived: the arrivals' sign-ins and first
    pages are a burst of their own, not the load the stage holds."""
    runner = environment.runner
    assert runner is not None
    everyone = users + Manager.fixed_count
    runner.start(everyone, spawn_rate=rate)
    shown = time.monotonic()
    while runner.user_count < everyone:
        gevent.sleep(1)
        if time.monotonic() - shown >= 30:
            print(f"  arriving: {runner.user_count} of {everyone} users", flush=True)
            shown = time.monotonic()
    print(f"  settling for {settle:.0f} s", flush=True)
    gevent.sleep(settle)
    environment.stats.reset_all()
    started = time.monotonic()
    while (elapsed := time.monotonic() - started) < hold:
        print(f"  holding {users} users: {elapsed:4.0f} s of {hold:.0f} s", flush=True)
        gevent.sleep(min(30.0, hold - elapsed))
    return stage_numbers(environment, users, hold)


def stage_numbers(environment: Environment, users: int, hold: float) -> dict:
    requests = {}
    for (name, _method), entry in environment.stats.entries.items():
        requests[name] = {
            "count": entry.num_requests,
            "failures": entry.num_failures,
            "p95_ms": entry.get_response_time_percentile(0.95) or 0,
            "submission": name in SUBMISSIONS,
        }
    errors = [f"{e.name}: {e.error} x{e.occurrences}" for e in environment.stats.errors.values()]
    return {"users": users, "seconds": hold, "requests": requests, "errors": errors}


def breaks_limits(stage: dict, page_ms: float, submit_ms: float) -> bool:
    for numbers in stage["requests"].values():
        limit = submit_ms if numbers["submission"] else page_ms
        if numbers["failures"] or numbers["p95_ms"] > limit:
            return True
    return bool(stage["errors"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", required=True)
    parser.add_argument("--accounts", type=Path, required=True, help="JSON from the bench")
    parser.add_argument("--stages", required=True, help="users per stage, e.g. 250,500,1000")
    parser.add_argument("--managers", type=int, default=2)
    parser.add_argument("--hold", type=float, default=600)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--think-scale", type=float, default=1.0)
    parser.add_argument("--settle", type=float, default=120)
    parser.add_argument("--page-ms", type=float, default=500)
    parser.add_argument("--submit-ms", type=float, default=1000)
    parser.add_argument("--accepted-file", type=Path, required=True)
    args = parser.parse_args()
    accounts = json.loads(args.accounts.read_text())
    Settings.learners = itertools.cycle(accounts["learners"])
    Settings.managers = itertools.cycle(accounts["managers"])
    Settings.password, Settings.think_scale = accounts["password"], args.think_scale
    Manager.fixed_count = args.managers
    environment = Environment(user_classes=[Learner, Manager], host=args.host)
    environment.create_local_runner()
    stages = []
    for users in (int(n) for n in args.stages.split(",")):
        print(f"stage: {users} users (ramping at {args.spawn_rate:g}/s)", flush=True)
        stages.append(hold_stage(environment, users, args.spawn_rate, args.hold, args.settle))
        if breaks_limits(stages[-1], args.page_ms, args.submit_ms):
            break
    environment.runner.quit()
    args.accepted_file.write_text(json.dumps(Settings.accepted))
    print(json.dumps({"stages": stages}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
