from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from eccar.models import LifecycleChange, TimeStampedModel
from reporting.models import City, Measure, Report, ReportingCycle

from .enums import SCORE_MAX, SCORE_MIN, LetterState, ReviewState


class ConflictQuerySet(models.QuerySet):
    def cities(self):
        """Every city these conflicts cover: the cities named, and every city of a country
        named, including one admitted after the declaration."""
        return City.objects.filter(
            Q(pk__in=self.filter(city__isnull=False).values("city_id"))
            | Q(country__in=self.exclude(country="").values("country"))
        )


class ConflictOfInterest(models.Model):
    """A reviewer who may not review a city's reports (own city or other ties), or the
    reports of every city of a country: a rule on the country, so a city admitted later
    is covered too. Exactly one of `city` and `country` is set."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflicts"
    )
    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="conflicts", null=True, blank=True
    )
    country = CountryField(_("country"), blank=True)
    reason = models.CharField(_("reason"), max_length=300)
    declared_at = models.DateTimeField(default=timezone.now)

    objects = ConflictQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "city"], name="conflict_once"),
            models.UniqueConstraint(
                fields=["reviewer", "country"],
                condition=Q(city__isnull=True),
                name="conflict_country_once",
            ),
            models.CheckConstraint(
                condition=(Q(city__isnull=False) & Q(country=""))
                | (Q(city__isnull=True) & ~Q(country="")),
                name="conflict_city_or_country",
            ),
        ]

    def __str__(self):
        return f"{self.reviewer} - {self.city or self.country.name}"


class Assignment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "reviewer"], name="assignment_once")
        ]

    def __str__(self):
        return f"{self.reviewer} → {self.report}"


class Criterion(models.Model):
    """A good-practice criterion of the cycle; each measure is scored 0-4 on it."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(max_length=60)
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["cycle", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="criterion_unique_code")
        ]

    def __str__(self):
        return self.title


class Review(TimeStampedModel):
    """One reviewer's feedback on one report. `version` guards concurrent saves."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    state = models.CharField(max_length=10, choices=ReviewState.choices, default=ReviewState.DRAFT)
    general_conclusion = models.TextField(_("general conclusion"), blank=True)
    individual_feedback = models.TextField(_("individual feedback"), blank=True)
    commitment_feedback = models.JSONField(
        _("feedback per commitment"),
        default=dict,
        blank=True,
        help_text=_("{commitment number: text}: what works and what could develop."),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "reviewer"], name="review_once")]

    def __str__(self):
        return f"{self.reviewer} on {self.report}"


class ReviewStateChange(LifecycleChange):
    """A review's history: one row per state change (who, when, from, to, why)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=10, choices=ReviewState.choices, blank=True)
    to_state = models.CharField(max_length=10, choices=ReviewState.choices)

    class Meta(LifecycleChange.Meta):
        verbose_name = _("review state change")
        verbose_name_plural = _("review state changes")


class Assessment(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="assessments")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="assessments")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True, max_length=5000)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["review", "measure", "criterion"], name="assessment_once"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN) & Q(score__lte=SCORE_MAX),
                name="assessment_score_in_scale",
            ),
        ]

    def __str__(self):
        return f"{self.measure} {self.criterion}: {self.score}"


class GeneralFeedback(models.Model):
    """The Board's feedback drawn from all reports of a cycle, versioned; letters sent
    after a version is final include it."""

    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.CASCADE, related_name="general_feedback"
    )
    version = models.PositiveSmallIntegerField()
    text = models.TextField()
    is_final = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cycle", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "version"], name="general_feedback_version")
        ]

    def __str__(self):
        return f"{self.cycle} v{self.version}"


def letter_path(instance, filename):
    return f"letters/{instance.report.cycle_id}/{instance.report_id}.pdf"


def letter_translation_path(instance, filename):
    language = instance.translation_language or "xx"
    return f"letters/{instance.report.cycle_id}/{instance.report_id}-{language}.pdf"


class Letter(TimeStampedModel):
    """The official feedback letter of a report: its text is fixed when the review is
    finalised; sending renders the PDF, mails it once and records to whom."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="letter")
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    general_conclusion = models.TextField()
    individual_feedback = models.TextField(blank=True)
    commitment_feedback = models.JSONField(default=dict, blank=True)
    general_feedback = models.ForeignKey(
        GeneralFeedback, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    state = models.CharField(max_length=10, choices=LetterState.choices, default=LetterState.READY)
    pdf = models.FileField(upload_to=letter_path, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_to = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    # Optional machine translation sent with the English letter, marked as such.
    translation_language = models.CharField(max_length=8, blank=True)
    pdf_translation = models.FileField(upload_to=letter_translation_path, blank=True)
    translation_error = models.TextField(blank=True)
    # The letter's reference (ECCAR/2025/NANTES/001) and the date printed on it, both
    # fixed when it is mailed: the number counts the cycle's letters in the order they
    # went out, so a letter never sent leaves no gap.
    number = models.PositiveIntegerField(null=True, blank=True)
    reference = models.CharField(max_length=200, blank=True)
    dated = models.DateField(null=True, blank=True)
    # Who signed it when it was mailed: a later chair does not re-sign old letters.
    signed_by = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reference"], condition=~Q(reference=""), name="letter_reference_unique"
            ),
        ]

    def __str__(self):
        return f"Letter {self.report}"


class LetterStateChange(LifecycleChange):
    """A letter's history: one row per state change (who, when, from, to, why)."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=10, choices=LetterState.choices, blank=True)
    to_state = models.CharField(max_length=10, choices=LetterState.choices)

    class Meta(LifecycleChange.Meta):
        verbose_name = _("letter state change")
        verbose_name_plural = _("letter state changes")
