"""Capacity: how many learners at once one box serves within the limits.

Locust (an independent load generator, in its own venv: bench/capacity/) drives
simulated learners with reading and answering time through the real course, plus a few
managers, against gunicorn as deployed (production settings, 4 workers, and the mail
worker, which draws the certificates' PDFs), on the same machine. The number of
learners goes up stage by stage, arriving at --spawn-rate a second; each stage is held
for --hold seconds (10 minutes by default), measured from --settle seconds after the
last learner arrived, when the arrivals' sign-ins (a slow password hash each) and first
pages have been served. The capacity is the largest stage held with no error,
p95 under 500 ms for every page and under 1 s for every submission (and for the
managers' XLSX export, whose own target is 1 s). Afterwards every
submission Locust saw accepted must be in the database, whole. Usage:

    make bench-capacity                       # SQLite, then PostgreSQL if configured
    .venv/bin/python bench/bench_capacity.py [--database-url URL] [--stages 500,1000,2000]
        [--hold 600] [--settle 120] [--spawn-rate 4] [--think-scale 1.0]
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import verify
from server import (
    BIN,
    PASSWORD,
    ROOT,
    gunicorn,
    mail_worker,
    server_environment,
    temporary_sqlite,
)

LOCUST_PYTHON = ROOT / "bench" / "capacity" / ".venv" / "bin" / "python"
DRIVER = ROOT / "bench" / "capacity" / "drive.py"
SEED = """
import json, sys
from sqlalchemy import insert
from trainer import create_app
from trainer.extensions import db
from trainer.modules.accounts.models import User
from trainer.modules.accounts.operations import create_centre, create_user
from trainer.modules.accounts.passwords import hash_password

learners, managers, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
with create_app().app_context():
    centre = create_centre("Capacity centre")
    manager_emails = [f"manager{i}@example.org" for i in range(managers)]
    for email in manager_emails:
        create_user(email=email, name=email, role="manager", locale="en", centre=centre,
                    password=password)
    # One real hash for everyone: seeding thousands of slow hashes would take minutes.
    digest = hash_password(password)
    emails = [f"learner{i}@example.org" for i in range(learners)]
    db.session.execute(insert(User), [
        {"email": e, "name": f"Learner {i}", "role": "learner", "locale": "en",
         "centre_id": centre.id, "password_hash": digest} for i, e in enumerate(emails)
    ])
    db.session.commit()
print(json.dumps({"learners": emails, "managers": manager_emails, "password": password}))
"""


def seed(env: dict[str, str], learners: int, managers: int) -> dict:
    subprocess.run([BIN / "trainer", "db", "upgrade"], env=env, check=True, capture_output=True)
    done = subprocess.run(
        [BIN / "python", "-c", SEED, str(learners), str(managers), PASSWORD],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def drive(port: int, accounts: dict, args: argparse.Namespace, folder: Path) -> tuple[list, list]:
    """Run Locust's stages, its progress shown as it goes; the stages and the accepted ids."""
    accounts_file, accepted_file = folder / "accounts.json", folder / "accepted.json"
    accounts_file.write_text(json.dumps(accounts))
    command = [LOCUST_PYTHON, DRIVER, "--host", f"http://127.0.0.1:{port}"]
    command += ["--accounts", accounts_file, "--stages", args.stages, "--hold", str(args.hold)]
    command += ["--think-scale", str(args.think_scale), "--managers", str(args.managers)]
    command += ["--spawn-rate", str(args.spawn_rate), "--settle", str(args.settle)]
    command += ["--accepted-file", accepted_file]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    last = ""
    for line in process.stdout:
        if line.startswith("{"):
            last = line
        else:
            print(line, end="", flush=True)
    if process.wait() != 0 or not last:
        raise SystemExit("the load generator failed (see above)")
    return json.loads(last)["stages"], json.loads(accepted_file.read_text())


def held(stage: dict) -> bool:
    if stage["errors"]:
        return False
    for numbers in stage["requests"].values():
        limit = 1000 if numbers["submission"] else 500
        if numbers["failures"] or numbers["p95_ms"] > limit:
            return False
    return True


def report(stage: dict) -> None:
    verdict = "held" if held(stage) else "NOT held"
    print(f"\n{stage['users']} learners for {stage['seconds']:.0f} s: {verdict}")
    for name, numbers in sorted(stage["requests"].items()):
        rate = numbers["count"] / stage["seconds"]
        print(
            f"  {name:20} {numbers['count']:7} ({rate:6.1f}/s)  p95 {numbers['p95_ms']:6.0f} ms"
            f"  failures {numbers['failures']}"
        )
    for error in stage["errors"][:5]:
        print(f"  error: {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url")
    parser.add_argument("--stages", default="500,1000,2000,3000,4000")
    parser.add_argument("--hold", type=float, default=600)
    parser.add_argument("--think-scale", type=float, default=1.0)
    parser.add_argument("--managers", type=int, default=5)
    parser.add_argument("--spawn-rate", type=float, default=4)
    parser.add_argument("--settle", type=float, default=120)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    if not LOCUST_PYTHON.exists():
        raise SystemExit("Locust is not installed: run `make bench-capacity`")
    database_url, sqlite_folder = (
        (args.database_url, None) if args.database_url else temporary_sqlite()
    )
    env = server_environment(database_url, ROOT / "content")
    most = max(int(n) for n in args.stages.split(","))
    accounts = seed(env, most, args.managers)
    with (
        tempfile.TemporaryDirectory() as folder,
        gunicorn(env, args.workers) as (port, _),
        mail_worker(env),
    ):
        stages, accepted = drive(port, accounts, args, Path(folder))
    missing, half = verify(database_url, accepted)
    print(f"\nengine: {database_url.split(':', 1)[0]}, gunicorn {args.workers} workers")
    for stage in stages:
        report(stage)
    capacity = max((s["users"] for s in stages if held(s)), default=0)
    print(f"\ncapacity: {capacity} concurrent learners held for {args.hold:.0f} s within limits")
    print(f"accepted submissions: {len(accepted)}; not fully in the database: {missing}")
    print(f"half-written attempts: {half} (must be 0)")
    if sqlite_folder:
        sqlite_folder.cleanup()
    sys.exit(1 if missing or half else 0)


if __name__ == "__main__":
    main()
