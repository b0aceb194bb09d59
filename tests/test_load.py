"""The short form of `make load` in the suite: gunicorn with PostgreSQL under a small
deadline-day mix answers every request with 200 and loses no acknowledged autosave.
Timings are printed, never asserted: CI's shared cores make them too noisy to fail a
build on (`make load LOAD_ARGS=--strict` enforces the p95 on a quiet machine)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.load,
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="the load test runs gunicorn against PostgreSQL (as in CI)",
    ),
]


def test_short_load_run_has_no_errors_and_loses_no_autosave():
    result = subprocess.run(
        [sys.executable, "-m", "bench.load", "--short"],
        cwd=ROOT,
        env={**os.environ, "LOAD_PORT": "8767"},
        capture_output=True,
        text=True,
        timeout=240,
    )

    print(result.stdout)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    checked = re.search(r"Autosaves checked after the run: (\d+), lost: (\d+)", result.stdout)
    assert int(checked.group(1)) > 0
    assert checked.group(2) == "0"
    assert re.search(r"errors: (\d+) \(target 0\)", result.stdout).group(1) == "0"
