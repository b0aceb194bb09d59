"""Several web workers and no shared cache (the Dockerfile's three gunicorn workers without
REDIS_URL): a right taken away by one write is gone in every worker at the next request,
because every worker reads rights from the database."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from reporting.models import CityAccount
from tests.concurrency import needs_postgres

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def gunicorn_without_redis():
    """gunicorn with two workers on the test database, with neither Redis nor a cache
    shared between the workers."""
    port = _free_port()
    database = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}",
        "REDIS_URL": "",
        "DJANGO_DEBUG": "true",
        "LOG_LEVEL": "WARNING",
        "SECURITY_LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "eccar.wsgi",
            "--workers=2",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    give_up = time.monotonic() + 60
    while time.monotonic() < give_up:
        try:
            urllib.request.urlopen(f"{base}/accounts/login/", timeout=5)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _status(base: str, path: str, session: str) -> int:
    request = urllib.request.Request(base + path, headers={"Cookie": f"sessionid={session}"})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        return opener.open(request, timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_an_account_deactivated_in_one_write_loses_the_report_in_every_worker(
    gunicorn_without_redis, report, secondary
):
    client = Client()
    client.force_login(secondary)
    session = client.cookies["sessionid"].value
    path = reverse(
        "reporting:report_detail", kwargs={"slug": report.city.slug, "year": report.cycle.year}
    )
    # Enough requests for both workers to have served (and, before, remembered) the user.
    assert {_status(gunicorn_without_redis, path, session) for _ in range(20)} == {200}

    CityAccount.objects.filter(user=secondary).update(is_active=False)

    assert {_status(gunicorn_without_redis, path, session) for _ in range(20)} == {404}
