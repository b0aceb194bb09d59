"""Transport, cookies and the Content-Security-Policy in production settings, and
templates that need no inline script or style (so the policy can forbid them).
`check --deploy` itself runs in tests/test_settings.py."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parent.parent
# The production environment of .ci/run (its `check --deploy` step).
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "ci-" + "q" * 20 + "-production-like-" + "w" * 30,
    "DJANGO_ALLOWED_HOSTS": "reporting.example.org",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
}
PROBE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "names = ['DEBUG', 'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', "
    "'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_SAMESITE', "
    "'LANGUAGE_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', "
    "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_PROXY_SSL_HEADER', 'SECURE_CONTENT_TYPE_NOSNIFF', "
    "'X_FRAME_OPTIONS', 'CONTENT_SECURITY_POLICY']; "
    "print(json.dumps({n: getattr(s, n) for n in names}))"
)


def _production(*args) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="eccar.settings")
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def production_settings():
    out = _production(sys.executable, "-c", PROBE)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_production_settings_send_cookies_over_https_only(production_settings):
    s = production_settings

    assert s["DEBUG"] is False
    assert s["SESSION_COOKIE_SECURE"] is True
    assert s["SESSION_COOKIE_HTTPONLY"] is True
    assert s["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert s["CSRF_COOKIE_SECURE"] is True
    assert s["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert s["LANGUAGE_COOKIE_SECURE"] is True


def test_production_settings_force_https_with_hsts(production_settings):
    s = production_settings

    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert s["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert s["X_FRAME_OPTIONS"] == "DENY"


def test_production_csp_allows_no_inline_or_evaluated_script(production_settings):
    directives = production_settings["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]

    every_source = [source for sources in directives.values() for source in sources]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in every_source
    assert "'unsafe-eval'" not in every_source
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


def _production_overrides(production_settings) -> dict:
    keep = {k: v for k, v in production_settings.items() if k not in ("DEBUG",)}
    keep["SECURE_PROXY_SSL_HEADER"] = tuple(keep["SECURE_PROXY_SSL_HEADER"])
    return keep


def test_https_responses_carry_hsts_csp_and_secure_cookies(production_settings, primary, db):
    client = Client()

    with override_settings(**_production_overrides(production_settings)):
        page = client.get("/accounts/login/", secure=True)
        login = client.post(
            "/accounts/login/", {"login": primary.email, "password": PASSWORD}, secure=True
        )

    assert page.status_code == 200
    assert page["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "script-src 'self'" in page["Content-Security-Policy"]
    assert "unsafe-inline" not in page["Content-Security-Policy"]
    assert page["X-Frame-Options"] == "DENY"
    assert page["X-Content-Type-Options"] == "nosniff"
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] is True and csrf["samesite"] == "Lax"
    # The CSRF cookie stays readable by the autosave script, which takes the current
    # token from it after a login in another tab; Django notes that HttpOnly would add
    # no protection to this cookie.
    assert login.status_code == 302
    session = login.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"


def test_plain_http_is_redirected_to_https(production_settings, db):
    with override_settings(**_production_overrides(production_settings)):
        response = Client().get("/library/")

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


# --- Templates ------------------------------------------------------------------------------

TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
STYLE = re.compile(r"<style\b|<[^>]*\sstyle\s*=", re.IGNORECASE | re.DOTALL)


def test_templates_exist_to_scan():
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("path", TEMPLATES, ids=[str(p.relative_to(ROOT)) for p in TEMPLATES])
def test_template_has_no_inline_script_handler_or_style(path):
    text = path.read_text()

    found = [
        kind
        for kind, pattern in (("inline <script>", INLINE_SCRIPT), ("on*= handler", HANDLER))
        if pattern.search(text)
    ]
    # PDFs and emails are not pages under the policy, yet they too use stylesheets only.
    if STYLE.search(text):
        found.append("style")
    assert not found, f"{path.relative_to(ROOT)}: {found}"


@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/accounts/password/reset/", "/join/", "/request-access/"]
)
def test_public_pages_render_no_inline_script(client, db, url):
    html = client.get(url).content.decode()

    assert not INLINE_SCRIPT.search(html)
    assert not HANDLER.search(html)


def test_two_factor_setup_page_renders_no_inline_script(client, db):
    client.force_login(UserFactory(is_reviewer=True))
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})

    response = client.get(reverse("mfa_activate_totp"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="code"' in html
    assert not INLINE_SCRIPT.search(html)
    assert not HANDLER.search(html)
