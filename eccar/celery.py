"""The Celery app. Without REDIS_URL, settings make every task run eagerly in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eccar.settings")

app = Celery("eccar")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The privacy package lives inside the eccar app, not as an app of its own.
app.autodiscover_tasks(["eccar.privacy"])
