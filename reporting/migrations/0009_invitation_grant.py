from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0008_library_search_exports_api"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="is_grant",
            field=models.BooleanField(
                default=False,
                help_text="The person has a login; their account becomes active when they accept.",
                verbose_name="access to accept",
            ),
        ),
    ]
