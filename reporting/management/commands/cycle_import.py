"""`manage.py cycle_import cycle-2025.zip`: restores a cycle written by cycle_export into
a database that does not have it; refuses otherwise (see reporting/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from eccar.errors import ServiceError
from reporting.backup import cycle_import


class Command(BaseCommand):
    help = "Restores a reporting cycle from a zip written by cycle_export."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            result = cycle_import(path=path)
        except ServiceError as error:
            raise CommandError(error.message) from None
        for label, count in result["created"].items():
            self.stdout.write(f"{label:32} {count:>7}")
        self.stdout.write(self.style.SUCCESS(f"Cycle {result['year']} restored."))
