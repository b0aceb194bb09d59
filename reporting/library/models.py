"""What the library alone stores: its search entries, the members' API tokens and
the log of exports."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reporting.models.cycles import ReportingCycle
from reporting.models.membership import City
from reporting.models.questionnaire import Choice, Commitment
from reporting.models.reports import Measure, Report


class LibraryEntry(models.Model):
    """A published report or one of its measures, as the library searches and lists it.

    Rebuilt from the live answers whenever a report is published or withdrawn (see
    `library.library_index_report`), so a search never reads an unpublished answer and
    costs one indexed query however many answers there are."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        MEASURE = "measure", _("Measure")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="library_entries")
    measure = models.OneToOneField(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="library_entry"
    )
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="+")
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="+")
    published_at = models.DateTimeField()
    source_language = models.CharField(max_length=10)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    commitments = models.ManyToManyField(Commitment, related_name="+", blank=True)
    target_groups = models.ManyToManyField(Choice, related_name="+", blank=True)

    class Meta:
        ordering = ["-published_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(kind="report"),
                name="libraryentry_one_report_entry",
            ),
            models.CheckConstraint(
                condition=(Q(kind="report") & Q(measure__isnull=True))
                | (Q(kind="measure") & Q(measure__isnull=False)),
                name="libraryentry_kind_matches_measure",
            ),
        ]
        indexes = [models.Index(fields=["kind", "-published_at"], name="library_kind_date")]

    def __str__(self):
        return self.title


class LibraryEntryText(models.Model):
    """What a search matches an entry against, kept apart from the entry: these two
    columns are most of an entry's bytes, and the facet counts, the lists and the
    related measures read every entry's row but never its text."""

    entry = models.OneToOneField(
        LibraryEntry, on_delete=models.CASCADE, primary_key=True, related_name="text"
    )
    # Every text of the entry and its stored translations, case-folded: the search
    # where full-text search is unavailable (SQLite) and a safety net for short words.
    haystack = models.TextField(blank=True)
    # Indexed with GIN on PostgreSQL (migration 0009; SQLite has no such index).
    search_vector = SearchVectorField(null=True, blank=True)

    def __str__(self):
        return str(self.entry_id)


class ApiToken(models.Model):
    """A member's key to the read-only API. Only a hash is stored: the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ExportLog(models.Model):
    """One row per download of a cycle's answers: who took which data, when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(max_length=10)
    level = models.CharField(max_length=10)
    ip = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.cycle} {self.level}.{self.format} by {self.user_id}"
