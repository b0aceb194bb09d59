"""One end-to-end translation through a real Celery worker over Redis (CI sets
REDIS_URL and DATABASE_URL; without them the test is skipped)."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from eccar.celery import app
from reporting.models import MachineTranslation
from reporting.services.content import answer_save
from reporting.tasks import task_report_translate
from tests.fakes.deepl_server import FakeDeepL
from tests.workers import Worker, new_queue, wait_for, worker_env

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL") or "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="needs Redis and PostgreSQL (as in CI)",
    ),
]


def test_real_worker_translates_a_report_once(report, q, primary, settings):
    answer_save(
        report=report, question=q["profile_contact"], raw="Amt für Menschenrechte", by=primary
    )
    fake = FakeDeepL().start()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DEEPL_AUTH_KEY": "worker:fx",
        "DEEPL_SERVER_URL": fake.url,
        "TRANSLATION_TARGET_LANGUAGES": "en,fr",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CACHE_KEY_PREFIX": "eccar-worker-test",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "eccar",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=WARNING",
            "-Q",
            "worker-test",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        # Twice: the second run finds everything in the store and sends nothing.
        for _ in range(2):
            task_report_translate.apply_async(kwargs={"report_id": report.pk}, queue="worker-test")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and MachineTranslation.objects.count() < 2:
            time.sleep(0.5)
        time.sleep(2)
    finally:
        app.conf.task_always_eager = previous
        worker.terminate()
        worker.wait(timeout=20)
        fake.stop()

    assert MachineTranslation.objects.count() == 2
    assert len(fake.translate_requests()) == 2  # one per target language, not four


def test_worker_killed_mid_translation_stores_each_translation_once(report, q, primary):
    answer_save(
        report=report, question=q["profile_contact"], raw="Amt für Menschenrechte", by=primary
    )
    fake = FakeDeepL()
    fake.hold = threading.Event()
    fake.start()
    queue = new_queue()
    env = worker_env(
        DEEPL_AUTH_KEY="worker:fx",
        DEEPL_SERVER_URL=fake.url,
        TRANSLATION_TARGET_LANGUAGES="en,fr",
    )
    first, second = Worker(queue, env).start(), Worker(queue, env)
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        task_report_translate.apply_async(kwargs={"report_id": report.pk}, queue=queue)
        assert fake.held.wait(60), "the worker never called DeepL"
        first.kill()
        assert MachineTranslation.objects.count() == 0
        # The held request is answered (to nobody); later requests go through.
        held, fake.hold = fake.hold, None
        held.set()
        second.start()
        assert wait_for(lambda: MachineTranslation.objects.count() >= 2)
        wait_for(lambda: False, timeout=3)  # a second delivery would store by now
    finally:
        app.conf.task_always_eager = previous
        first.stop()
        second.stop()
        fake.stop()

    assert MachineTranslation.objects.count() == 2  # en and fr, once each
    assert report.translation.state == "done"
