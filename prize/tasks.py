"""Thin Celery tasks of the prize app: load, call one service, return. Idempotent."""

from celery import shared_task
from django.utils import timezone

# services.py enqueues these tasks and they call it back: the module, not its names,
# is imported on each side, so either may be imported first.
from . import services
from .enums import EditionPhase
from .models import PrizeEdition


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def task_finalist_notify(*, finalist_id: int) -> bool:
    return services.finalist_notify(finalist_id=finalist_id)


@shared_task
def task_candidatures_build() -> int:
    """For a daily beat: builds the candidatures of editions whose deadline has passed,
    so the cities' populations are recorded at the deadline."""
    built = 0
    for edition in PrizeEdition.objects.filter(
        phase__in=[EditionPhase.PREPARATION, EditionPhase.PRESELECTION],
        cycle__submission_deadline__lt=timezone.localdate(),
    ).select_related("cycle"):
        built += services.candidatures_build(edition=edition)
    return built
