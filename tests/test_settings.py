"""The settings module picks its services from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "from eccar.celery import app; "
    "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], 'eager': app.conf.task_always_eager,"
    " 'broker': app.conf.broker_url, 'cache': s.CACHES['default']['BACKEND'],"
    " 'email': s.EMAIL_BACKEND, 'debug': s.DEBUG}))"
)


def _settings_with(**env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "EMAIL_URL", "DJANGO_DEBUG", "DJANGO_SECRET_KEY"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="eccar.settings")
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_settings_without_services_use_sqlite_eager_celery_and_local_cache():
    values = _settings_with()

    assert values["db"] == "django.db.backends.sqlite3"
    assert values["eager"] is True
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"


def test_settings_with_services_use_postgresql_redis_and_smtp():
    values = _settings_with(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/eccar",
        REDIS_URL="redis://127.0.0.1:6379/0",
        EMAIL_URL="smtp://mail.example.org:25",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="x" * 50,
    )

    assert values["db"] == "django.db.backends.postgresql"
    assert values["eager"] is False
    assert values["broker"] == "redis://127.0.0.1:6379/0"
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["debug"] is False


def test_production_settings_refuse_to_start_without_secret_key():
    with pytest.raises(subprocess.CalledProcessError) as error:
        _settings_with(DJANGO_DEBUG="false")

    assert "DJANGO_SECRET_KEY" in error.value.stderr


def test_check_deploy_is_clean_with_production_settings():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="k" * 10 + "-production-" + "z" * 40,
        DJANGO_ALLOWED_HOSTS="reporting.example.org",
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )

    assert out.returncode == 0, out.stderr
