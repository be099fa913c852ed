"""A mailbox, the app pointed at it, and `trainer cycles run` as cron runs it."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from tests.helpers.mailbox import Mailbox, deliver

# A Monday morning, so that weeks in the tests are calendar weeks.
START = datetime(2027, 1, 11, 9, 0, tzinfo=UTC)


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with Mailbox() as box:
        yield box


@pytest.fixture
def app_settings(mailbox):
    return {**mailbox.settings, "BASE_URL": "https://trainer.example.org"}


@pytest.fixture
def run_cycles(runner):
    """`trainer cycles run`, then the mail worker's pass; the command's output."""

    def run() -> str:
        result = runner.invoke(args=["cycles", "run"])
        assert result.exit_code == 0, result.output
        deliver()
        return result.output

    return run
