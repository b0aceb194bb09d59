"""Typing schedules at most one translation per report and debounce window: the window
is the rate limiter's (the one shared counter, Redis in production), not a cache."""

import pytest

from eccar.celery import app
from reporting.services import content
from reporting.services.reports import report_start

pytestmark = [pytest.mark.django_db, pytest.mark.real_cache]


@pytest.fixture
def with_worker(monkeypatch):
    """As with a Celery worker: tasks are queued, not run in the request."""
    queued = []
    monkeypatch.setattr(
        content.task_report_translate, "apply_async", lambda **kwargs: queued.append(kwargs)
    )
    app.conf.task_always_eager = False
    yield queued
    app.conf.task_always_eager = True


def test_many_saves_schedule_one_translation_per_window(
    report, fake_deepl, with_worker, commit_callbacks
):
    with commit_callbacks(execute=True):
        for _ in range(5):
            content.translation_schedule(report=report)

    assert [call["kwargs"] for call in with_worker] == [{"report_id": report.pk}]


def test_each_report_has_its_own_window(
    report, other_city, cycle, other_primary, fake_deepl, with_worker, commit_callbacks
):
    other = report_start(city=other_city, cycle=cycle, by=other_primary)

    with commit_callbacks(execute=True):
        content.translation_schedule(report=report)
        content.translation_schedule(report=other)

    assert sorted(call["kwargs"]["report_id"] for call in with_worker) == sorted(
        [report.pk, other.pk]
    )
