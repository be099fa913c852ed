"""The two verifiers nobody here wrote, each run as a subprocess, offline:
Digital Bazaar's @digitalbazaar/vc (node, verify.mjs) and openbadgeslib (obverify.py,
in this folder's own venv). `make test` installs both (tests/interop/install)."""

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
NODE_MODULES = HERE / "node_modules" / "@digitalbazaar" / "vc"
OB_PYTHON = HERE / ".venv" / "bin" / "python"


MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"


def multikey_context() -> dict[str, Any]:
    """The Multikey context, as openbadgeslib ships it: the npm packages have none, and the
    key documents the JS verifier reads name it. (Someone else's copy, not ours.)"""
    found = sorted(HERE.glob(".venv/lib/python*/site-packages/openbadgeslib/ob3/contexts/"))
    if not found:
        pytest.fail("openbadgeslib is not installed: run `make .venv/.installed-interop`")
    return json.loads((found[0] / "security-multikey-v1.json").read_text())


def _run(command: list[str], given: dict[str, Any]) -> list[dict[str, Any]]:
    done = subprocess.run(
        command,
        input=json.dumps(given),
        capture_output=True,
        text=True,
        cwd=HERE,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"{command[0]} failed:\n{done.stderr[-3000:]}"
    return json.loads(done.stdout)


def digital_bazaar(documents: dict[str, Any], credentials: list[dict]) -> list[dict]:
    node = shutil.which("node")
    if node is None or not NODE_MODULES.is_dir():
        pytest.fail(
            "Digital Bazaar's verifier is not installed: run `make .venv/.installed-interop` "
            "(npm ci in tests/interop/credentials)"
        )
    documents = {MULTIKEY_V1: multikey_context(), **documents}
    return _run([node, "verify.mjs"], {"documents": documents, "credentials": credentials})


def openbadgeslib(documents: dict[str, Any], credentials: list[dict]) -> list[dict]:
    if not OB_PYTHON.exists():
        pytest.fail(
            "openbadgeslib is not installed: run `make .venv/.installed-interop` "
            "(a venv in tests/interop/credentials with requirements.txt)"
        )
    given = {"documents": documents, "credentials": credentials}
    return _run([str(OB_PYTHON), "obverify.py"], given)
