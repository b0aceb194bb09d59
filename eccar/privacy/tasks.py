"""The daily retention run (Celery beat, settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from .services import retention_run


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def task_retention_run() -> dict:
    return retention_run()
