"""In-platform notifications: written by services, shown in the header and on the home
page, marked read by the person."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Notification


def notify(*, users, kind: str, params: dict, url: str) -> int:
    """Notifies each user once per kind and link; returns how many were new."""
    created = 0
    for user in users:
        try:
            with transaction.atomic():
                Notification.objects.create(user=user, kind=kind, params=params, url=url)
            created += 1
        except IntegrityError:
            continue
    return created


def notifications_unread_count(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at=None).count()


def notifications_for(*, user, limit: int = 50):
    return Notification.objects.filter(user=user)[:limit]


def notifications_mark_read(*, user, notification_id: int | None = None) -> int:
    unread = Notification.objects.filter(user=user, read_at=None)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
