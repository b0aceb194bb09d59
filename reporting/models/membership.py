"""Cities and their standing in the coalition: applications to join, the Board's
decisions and the membership history."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from eccar.enums import history_reason_text
from eccar.models import TimeStampedModel

from ..enums import (
    SIZE_THRESHOLD,
    ApplicationStatus,
    MembershipStatus,
    SizeCategory,
)


class City(TimeStampedModel):
    """A member (or applicant) city of the coalition: the unit that reports."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("short name in addresses"), max_length=160, unique=True)
    country = CountryField(_("country"))
    population = models.PositiveIntegerField(
        _("population"), help_text=_("Decides the prize category (under 50,000 / 50,000 and over).")
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("Language codes the city writes in, first the main one, e.g. ['de']."),
    )
    mayor_name = models.CharField(_("mayor's name"), max_length=200, blank=True)
    mayor_title = models.CharField(
        _("mayor's title"), max_length=200, blank=True, help_text=_("e.g. Lord Mayor, Maire")
    )
    mayor_email = models.EmailField(_("mayor's email"), blank=True)
    address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("Used for the feedback letter's address block."),
    )
    membership_status = models.CharField(
        _("membership status"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.MEMBER,
    )
    year_joined = models.PositiveSmallIntegerField(_("year joined"), null=True, blank=True)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="city_unique_name_country"),
            models.CheckConstraint(
                condition=Q(membership_status__in=MembershipStatus.values),
                name="city_membership_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(year_joined__isnull=True) | Q(year_joined__gte=2004),
                name="city_year_joined_after_founding",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reporting:city_detail", kwargs={"slug": self.slug})

    @property
    def size_category(self) -> str:
        return SizeCategory.SMALL if self.population < SIZE_THRESHOLD else SizeCategory.LARGE

    @property
    def size_category_label(self) -> str:
        return SizeCategory(self.size_category).label

    @property
    def main_language(self) -> str:
        return self.languages[0] if self.languages else settings.LANGUAGE_CODE

    @property
    def is_in_good_standing(self) -> bool:
        return self.membership_status == MembershipStatus.MEMBER


def accession_path(instance, filename):
    return f"applications/{uuid.uuid4().hex}.pdf"


class MembershipApplication(TimeStampedModel):
    """A municipality asking to join the coalition, decided by the Board and staff."""

    city_name = models.CharField(_("city or municipality"), max_length=150)
    country = CountryField(_("country"))
    population = models.PositiveIntegerField(_("population"))
    languages = models.JSONField(_("languages"), default=list)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact person's email"))
    contact_position = models.CharField(_("contact person's position"), max_length=200, blank=True)
    mayor_name = models.CharField(_("mayor's name"), max_length=200)
    mayor_email = models.EmailField(_("mayor's email"))
    motivation = models.TextField(_("motivation"), max_length=5000)
    accession_document = models.FileField(
        _("signed act of accession (PDF)"), upload_to=accession_path, max_length=200
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason or question"), blank=True)
    city = models.OneToOneField(
        City, on_delete=models.SET_NULL, null=True, blank=True, related_name="application"
    )

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.city_name} ({self.country.code})"


class ApplicationComment(models.Model):
    application = models.ForeignKey(
        MembershipApplication, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class MembershipChange(models.Model):
    """A city's membership history: one row per change of status (who, when, from, to)."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="membership_changes")
    from_status = models.CharField(max_length=20, choices=MembershipStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=MembershipStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    # A HistoryReason code when the platform made the change, else the text typed.
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.city}: {self.from_status or '—'} → {self.to_status}"

    @property
    def reason_text(self) -> str:
        return history_reason_text(self.reason)
