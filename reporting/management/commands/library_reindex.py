"""Rebuilds the library's entries of every published report (after a deploy that
changes what is indexed, or to pick up translations stored by hand)."""

from django.core.management.base import BaseCommand

from reporting.library.entries import library_reindex_all


class Command(BaseCommand):
    help = "Rebuilds the library's search entries from the published reports."

    def handle(self, *args, **options):
        count = library_reindex_all()
        self.stdout.write(self.style.SUCCESS(f"{count} library entries written."))
