"""Real Celery workers for the reliability tests: started over Redis against the test's
PostgreSQL database, killed with SIGKILL when a test wants a worker to die mid-task."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]

needs_worker = pytest.mark.skipif(
    not os.environ.get("REDIS_URL") or "postgres" not in os.environ.get("DATABASE_URL", ""),
    reason="needs Redis and PostgreSQL (as in CI)",
)


class Worker:
    def __init__(self, queue: str, env: dict):
        self.queue, self.env, self.process = queue, env, None

    def start(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "eccar",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=WARNING",
                "-Q",
                self.queue,
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return self

    def kill(self):
        # SIGKILL: no chance to acknowledge, reject or clean up, as in a crash or OOM kill.
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def worker_env(**extra) -> dict:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        # A killed worker's task comes back after 2 s instead of an hour.
        "CELERY_VISIBILITY_TIMEOUT": "2",
        "CELERY_RESTORE_INTERVAL": "1",
        "CELERY_RESTORE_THROTTLE": "1",
        "CACHE_KEY_PREFIX": f"eccar-worker-{uuid.uuid4().hex[:8]}",
        # The worker sends letters as the test configured them (a letter needs a signatory).
        "BOARD_CHAIR_NAME": settings.BOARD_CHAIR_NAME,
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def new_queue() -> str:
    return f"proof-{uuid.uuid4().hex[:10]}"


def wait_for(condition, timeout: float = 60, step: float = 0.25) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False
