"""`manage.py cycle_export 2025 cycle-2025.zip`: one cycle with its files, for a restore
elsewhere with cycle_import (see reporting/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from eccar.errors import ServiceError
from reporting.backup import cycle_export


class Command(BaseCommand):
    help = "Writes one reporting cycle (reports, reviews, letters and their files) to a zip."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("path")

    def handle(self, *args, year, path, **options):
        try:
            manifest = cycle_export(year=year, path=path)
        except ServiceError as error:
            raise CommandError(error.message) from None
        for label, count in manifest["counts"].items():
            self.stdout.write(f"{label:32} {count:>7}")
        for name in manifest["missing_files"]:
            self.stderr.write(self.style.WARNING(f"File missing from storage: {name}"))
        self.stdout.write(self.style.SUCCESS(f"Cycle {year} written to {path}"))
