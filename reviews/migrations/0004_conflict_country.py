import django.db.models.deletion
import django_countries.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("reviews", "0003_state_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="conflictofinterest",
            name="country",
            field=django_countries.fields.CountryField(
                blank=True, max_length=2, verbose_name="country"
            ),
        ),
        migrations.AlterField(
            model_name="conflictofinterest",
            name="city",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="conflicts",
                to="reporting.city",
            ),
        ),
        migrations.AddConstraint(
            model_name="conflictofinterest",
            constraint=models.UniqueConstraint(
                condition=models.Q(("city__isnull", True)),
                fields=("reviewer", "country"),
                name="conflict_country_once",
            ),
        ),
        migrations.AddConstraint(
            model_name="conflictofinterest",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("city__isnull", False), ("country", "")),
                    models.Q(("city__isnull", True), models.Q(("country", ""), _negated=True)),
                    _connector="OR",
                ),
                name="conflict_city_or_country",
            ),
        ),
    ]
