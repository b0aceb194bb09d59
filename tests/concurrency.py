"""Runs the same call in many threads at once (each with its own database connection),
as simultaneous requests to gunicorn workers would."""

import os
import threading

import pytest
from django.db import connection

needs_postgres = pytest.mark.skipif(
    "postgres" not in os.environ.get("DATABASE_URL", ""),
    reason="row locks under real concurrency need PostgreSQL (as in CI)",
)


def run_at_once(functions) -> list:
    """Calls every function in its own thread, released together; returns the results
    (or the exceptions raised) in order."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def run(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as error:  # the caller inspects what each thread got
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results
