"""At most one finalist per city and category: the finalist keeps its candidature's city,
and the database refuses a second finalist of the same city in a category.

An edition that already holds two finalists of one city in a category keeps the one in
the lowest slot; the others are removed only while no ballot lists them (a ballot's
options are its history). If one is on a ballot, the migration stops and says so."""

import django.db.models.deletion
from django.db import migrations, models


def copy_city(apps, schema_editor):
    Finalist = apps.get_model("prize", "Finalist")
    seen = set()
    for finalist in Finalist.objects.select_related("candidature").order_by(
        "edition_id", "category", "slot"
    ):
        key = (finalist.edition_id, finalist.category, finalist.candidature.city_id)
        if key in seen:
            if finalist.ballots.exists():
                raise RuntimeError(
                    f"Finalist {finalist.pk} is a second finalist of city "
                    f"{key[2]} in category {key[1]} and is on a ballot: remove it by hand."
                )
            finalist.delete()
            continue
        seen.add(key)
        finalist.city_id = finalist.candidature.city_id
        finalist.save(update_fields=["city"])


class Migration(migrations.Migration):
    # The rows are copied and removed in a transaction of their own: PostgreSQL refuses
    # to alter a table in the transaction that still holds its pending deletions.
    atomic = False

    dependencies = [
        ("prize", "0002_sealed_ballot"),
        ("reporting", "0010_library_entry_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="finalist",
            name="city",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="reporting.city",
            ),
        ),
        migrations.RunPython(copy_city, migrations.RunPython.noop, atomic=True),
        migrations.AlterField(
            model_name="finalist",
            name="city",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="reporting.city",
            ),
        ),
        migrations.AddConstraint(
            model_name="finalist",
            constraint=models.UniqueConstraint(
                fields=("edition", "category", "city"), name="prize_finalist_one_per_city"
            ),
        ),
    ]
