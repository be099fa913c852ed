"""scim2-tester (python-scim), run by scim2-cli as an independent SCIM client, checks
/scim/v2 of the real app on a loopback port: discovery, then create, read, list,
search, attribute selection, replace, PATCH add/remove/replace of every attribute,
and delete, for Users and for Groups (centres).

It runs 70 checks here, where the reference server publishes the full RFC 7643 User
with the enterprise extension and gets 135: the tester makes one PATCH check per
attribute the server's /Schemas publish, and ours publish only what the platform keeps
(userName, name, displayName, emails, preferredLanguage, active, externalId, groups;
displayName, members, externalId for a Group). Bulk, sorting and ETags are announced
unsupported in /ServiceProviderConfig; scim2-tester 0.5.2 has no check of them.
"""

import os
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers.browser import served
from tests.helpers.scim import new_directory

SCIM_CLI = Path(__file__).parent / ".venv" / "bin" / "scim2"
CHECKS = {
    "service_provider_config_endpoint": 1,
    "service_provider_config_endpoint_methods": 4,
    "query_all_resource_types": 1,
    "query_resource_type_by_id": 2,
    "resource_types_schema_validation": 2,
    "access_invalid_resource_type": 1,
    "resource_types_endpoint_methods": 4,
    "query_all_schemas": 1,
    "access_schema_by_id": 2,
    "access_invalid_schema": 1,
    "schemas_endpoint_methods": 4,
    "random_url": 1,
    # For User and for Group:
    "object_creation": 2,
    "object_query": 2,
    "object_query_without_id": 2,
    "object_query_with_attributes": 4,
    "object_list_with_attributes": 4,
    "search_with_attributes": 4,
    "object_replacement": 2,
    "object_deletion": 2,
    # One per attribute: User 6 + Group 1 added and removed; User 7 + Group 3 replaced.
    "check_add_attribute": 7,
    "check_remove_attribute": 7,
    "check_replace_attribute": 10,
}


@pytest.fixture
def scim_client() -> Path:
    if not SCIM_CLI.exists():
        pytest.fail(f"{SCIM_CLI} is missing: run tests/interop/install (make test does)")
    return SCIM_CLI


def test_scim2_tester_passes_every_check(app, scim_client):
    token = new_directory("Conformance")
    with served(app):
        url = f"{app.config['LIVE_URL']}/scim/v2"
        # The token goes by the environment, not the command line other users can read.
        environment = {**os.environ, "SCIM_CLI_HEADERS": f"Authorization: Bearer {token}"}
        run = subprocess.run(
            [str(scim_client), "--url", url, "test"],
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
    results = re.findall(r"^(SUCCESS|ERROR|SKIPPED|CRITICAL) (\w+)", run.stdout, re.MULTILINE)
    failed = [line for line in run.stdout.splitlines() if not line.startswith(("SUCCESS", " "))]
    assert run.returncode == 0, f"{failed}\n{run.stdout[-4000:]}\n{run.stderr[-2000:]}"
    assert {status for status, _check in results} == {"SUCCESS"}
    assert Counter(check for _status, check in results) == CHECKS
    assert len(results) == sum(CHECKS.values()) == 70
