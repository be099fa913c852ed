"""Sending queued statements to the learning record store, many in one request.

The worker (`trainer xapi work`, or `trainer xapi send` from cron) claims the due
statements and POSTs them as one list. A store that cannot be reached, answers 5xx or
429, or refuses our credentials is down for all of them: they wait and are tried
again, later each time (the job queue's backoff), and the admin page shows why. When
the store rejects the list (400, 409, 413, 422), each statement is sent on its own, so one
it will never take fails alone and the rest go. Every statement keeps the id it got
when queued, and a conformant store keeps one copy of a statement sent twice.
"""

import base64
import json
import urllib.error
import urllib.request
from typing import Any

from flask import current_app

from trainer.core import jobs

KIND_PREFIX = "xapi."
KIND = KIND_PREFIX + "statement"
VERSION = "1.0.3"
TIMEOUT_SECONDS = 20
# Answers that say the list as a whole was not taken: try each statement alone.
REJECTED = (400, 409, 413, 422)
LONGEST_DETAIL = 200


def enabled() -> bool:
    return bool(current_app.config["XAPI_ENABLED"])


class RecordStore:
    """The learning record store configured by TRAINER_XAPI_*, for a run of the worker."""

    def __init__(self, endpoint: str, username: str | None, password: str | None) -> None:
        self.url = endpoint.rstrip("/") + "/statements"
        self.headers = {
            "Content-Type": "application/json",
            "X-Experience-API-Version": VERSION,
        }
        if username:
            pair = f"{username}:{password or ''}".encode()
            self.headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")

    @classmethod
    def configured(cls) -> "RecordStore":
        config = current_app.config
        if not config["XAPI_ENDPOINT"]:
            raise jobs.ServiceDown("TRAINER_XAPI_ENDPOINT is not set")
        return cls(config["XAPI_ENDPOINT"], config["XAPI_USERNAME"], config["XAPI_PASSWORD"])

    def __enter__(self) -> "RecordStore":
        return self

    def __exit__(self, *exc_info) -> None:
        pass

    def _post(self, statements: list[dict[str, Any]]) -> tuple[int, str]:
        """POST the statements; (status, the start of the answer)."""
        # The address is http(s), checked at start (config.py), so S310's file: cannot be.
        request = urllib.request.Request(  # noqa: S310
            self.url, data=json.dumps(statements).encode(), headers=self.headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
                return answer.status, ""
        except urllib.error.HTTPError as error:
            with error:
                detail = error.read(LONGEST_DETAIL).decode("utf-8", "replace")
            return error.code, " ".join(detail.split())
        except (OSError, ValueError) as error:  # URLError, timeouts, a refused connection
            raise jobs.ServiceDown(f"learning record store {self.url}: {error}") from error

    def _down(self, status: int, detail: str) -> jobs.ServiceDown:
        if status in (401, 403):
            reason = f"refused our credentials (HTTP {status}); check TRAINER_XAPI_USERNAME"
            return jobs.ServiceDown(f"learning record store {self.url} {reason} and PASSWORD")
        return jobs.ServiceDown(f"learning record store {self.url}: HTTP {status} {detail}")

    def send(self, statements: dict[int, dict[str, Any]]) -> dict[int, Exception]:
        """Send statements keyed by their job's id; return those that failed, with why."""
        status, detail = self._post(list(statements.values()))
        if 200 <= status < 300:
            return {}
        if status not in REJECTED:
            raise self._down(status, detail)
        if len(statements) == 1:
            (job_id,) = statements
            return {job_id: jobs.Failed(f"refused (HTTP {status}): {detail}")}
        failures: dict[int, Exception] = {}
        for job_id, statement in statements.items():
            failures.update(self.send({job_id: statement}))
        return failures


@jobs.batch_handler(KIND)
def send_statements(claimed: list[jobs.Job], batch: jobs.Batch) -> dict[int, Exception]:
    store = batch.resource("record store", RecordStore.configured)
    return store.send({job.id: job.payload["statement"] for job in claimed})
