"""Reminders name their deadline (the cycle's or a report's extension) and recipient."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_deadline(apps, schema_editor):
    ReminderSent = apps.get_model("reporting", "ReminderSent")
    for row in ReminderSent.objects.select_related("cycle"):
        row.deadline = row.cycle.submission_deadline
        row.save(update_fields=["deadline"])


class Migration(migrations.Migration):
    # The rows are filled in a transaction of their own before the column is altered.
    atomic = False

    dependencies = [
        ("reporting", "0012_history_reason_codes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="remindersent",
            options={
                "ordering": ["-sent_at", "-pk"],
                "verbose_name": "reminder sent",
                "verbose_name_plural": "reminders sent",
            },
        ),
        migrations.RemoveConstraint(
            model_name="remindersent", name="reminder_once_per_city_cycle_day"
        ),
        migrations.AddField(
            model_name="remindersent",
            name="deadline",
            field=models.DateField(null=True, verbose_name="deadline"),
        ),
        migrations.RunPython(fill_deadline, migrations.RunPython.noop, atomic=True),
        migrations.AlterField(
            model_name="remindersent",
            name="deadline",
            field=models.DateField(verbose_name="deadline"),
        ),
        migrations.AddField(
            model_name="remindersent",
            name="email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="sent to"),
        ),
        migrations.AddField(
            model_name="remindersent",
            name="extended",
            field=models.BooleanField(default=False, verbose_name="extended deadline"),
        ),
        migrations.AddField(
            model_name="remindersent",
            name="recipient",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="remindersent",
            constraint=models.UniqueConstraint(
                fields=("city", "cycle", "deadline", "days_before"),
                name="reminder_once_per_city_deadline_day",
            ),
        ),
    ]
