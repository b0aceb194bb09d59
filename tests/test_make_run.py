"""`make run` serves the demo as users see it: DEBUG off, the app's own error pages,
static files (and the favicon) through whitenoise; `make dev` is the one with DEBUG on."""

import json
import os
import shlex
import subprocess
from pathlib import Path

from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.reporting.test_report_editing import url

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, 'session_secure': s.SESSION_COOKIE_SECURE,"
    " 'csrf_secure': s.CSRF_COOKIE_SECURE, 'ssl_redirect': s.SECURE_SSL_REDIRECT,"
    " 'hsts': s.SECURE_HSTS_SECONDS, 'static': s.STORAGES['staticfiles']['BACKEND'],"
    " 'middleware': s.MIDDLEWARE, 'chair': s.BOARD_CHAIR_NAME}))"
)
# Variables a developer's shell may have set, which the Makefile must not depend on.
_LEAKS = {
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "BOARD_CHAIR_NAME",
}


def _clean_env():
    return {k: v for k, v in os.environ.items() if k not in _LEAKS and not k.startswith("PYTEST")}


def _recipe_line(target: str, command: str) -> str:
    """The shell line `make <target>` would run for `manage.py <command>` (make -n)."""
    out = subprocess.run(
        ["make", "-n", target], cwd=ROOT, env=_clean_env(), capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    lines = [line for line in out.stdout.splitlines() if f"manage.py {command}" in line]
    assert len(lines) == 1, out.stdout
    return lines[0]


def _settings_of(target: str) -> dict:
    """Runs the server line of `make <target>` with `shell -c PROBE` instead of runserver:
    the settings the served site gets, from the Makefile's own environment."""
    subprocess.run(["make", "-s", "var/secret-key"], cwd=ROOT, check=True, env=_clean_env())
    line = _recipe_line(target, "runserver")
    probe_line = line.split("manage.py runserver")[0] + "manage.py shell -c " + shlex.quote(PROBE)
    out = subprocess.run(
        ["bash", "-c", probe_line], cwd=ROOT, env=_clean_env(), capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_make_run_serves_with_debug_off_over_plain_http_on_this_machine():
    values = _settings_of("run")

    assert values["debug"] is False
    assert {"127.0.0.1", "localhost"} <= set(values["hosts"])
    # Plain http://127.0.0.1:8000: a secure-only cookie would never come back.
    assert values["session_secure"] is False
    assert values["csrf_secure"] is False
    assert values["ssl_redirect"] is False
    assert values["hsts"] == 0
    assert values["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in values["middleware"]


def test_make_run_collects_the_static_files_whitenoise_serves():
    line = _recipe_line("run", "collectstatic")

    assert "DJANGO_DEBUG=false" in line


def test_make_dev_serves_with_debug_on():
    assert _settings_of("dev")["debug"] is True


def test_the_demo_has_a_chair_to_sign_its_letters():
    """Sending a letter refuses without BOARD_CHAIR_NAME: the demo's office could not
    send the letter its outbox offers."""
    assert _settings_of("run")["chair"] == "Prof. Dr. Anna Rossi (demo)"
    assert _settings_of("dev")["chair"] == "Prof. Dr. Anna Rossi (demo)"


def test_not_your_city_with_debug_off_is_the_apps_own_404_page(
    settings, login, other_primary, report
):
    settings.DEBUG = False
    client = login(other_primary)

    response = client.get(url(report, "report_detail"))

    page = response.content.decode()
    assert response.status_code == 404
    assert next(t.name for t in response.templates) == "404.html"
    assert "Page not found (404)" in page
    assert "URLconf" not in page


def test_unknown_address_with_debug_off_is_the_apps_own_404_page(settings, client, db):
    settings.DEBUG = False

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert next(t.name for t in response.templates) == "404.html"
    assert "URLconf" not in response.content.decode()


def test_favicon_is_served_by_whitenoise_with_debug_off(settings, client, db):
    settings.DEBUG = False
    # The test storage has no collected files: whitenoise reads the source folders.
    settings.WHITENOISE_USE_FINDERS = True

    response = client.get("/static/favicon.svg")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in b"".join(response.streaming_content)


def test_favicon_ico_redirects_permanently_to_the_static_icon(settings, client, db):
    settings.DEBUG = False
    settings.WHITENOISE_USE_FINDERS = True

    response = client.get("/favicon.ico")
    icon = client.get(response["Location"])

    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
    assert icon.status_code == 200
    assert icon["Content-Type"].startswith("image/svg+xml")


def test_favicon_ico_is_not_held_back_by_the_two_factor_set_up(login, board, client):
    Authenticator.objects.filter(user=board).delete()

    response = login(board).get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
    assert not list(get_messages(response.wsgi_request))


def test_favicon_ico_refuses_a_post(client, db):
    assert client.post("/favicon.ico").status_code == 405


def test_every_page_links_the_favicon(client, db):
    page = client.get(reverse("home")).content.decode()

    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
