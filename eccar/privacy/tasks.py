"""Celery tasks of the privacy work: each loads its object, calls one function and
returns. The daily retention run is in settings.CELERY_BEAT_SCHEDULE."""

from celery import shared_task

from .emails import erasure_request_notify
from .models import ErasureRequest
from .retention import retention_run


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def task_retention_run() -> dict:
    return retention_run()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def task_erasure_request_notify(*, request_id: int) -> None:
    request = ErasureRequest.objects.select_related("user").filter(pk=request_id).first()
    if request is not None:
        erasure_request_notify(request=request)
