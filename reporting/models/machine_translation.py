"""Machine translation: the store of translated texts, each report's translation
status and the glossary sent with every request."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .reports import Report


class MachineTranslation(models.Model):
    """A translated text, keyed so that the same text is never sent twice."""

    source_hash = models.CharField(max_length=64)
    source_language = models.CharField(max_length=10)
    target_language = models.CharField(max_length=10)
    engine = models.CharField(max_length=30)
    text = models.TextField()
    billed_characters = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source_hash", "source_language", "target_language", "engine"],
                name="translation_unique_text_pair_engine",
            )
        ]

    def __str__(self):
        return f"{self.source_language}->{self.target_language} {self.source_hash[:8]}"


class ReportTranslationStatus(models.Model):
    """Where a report's translation stands, for staff (and the readers' notice)."""

    class State(models.TextChoices):
        DONE = "done", _("Translated")
        PENDING = "pending", _("Waiting to be translated")
        QUOTA = "quota", _("Stopped: translation quota used up")
        FAILED = "failed", _("Failed")
        OFF = "off", _("Machine translation is not configured")

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="translation")
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    message = models.TextField(blank=True)
    pending_segments = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.report}: {self.state}"


class GlossaryTerm(models.Model):
    """A key term of the coalition and its agreed translation, sent to DeepL as a
    glossary so that e.g. the commitments' names are translated consistently."""

    source_language = models.CharField(_("source language"), max_length=10)
    target_language = models.CharField(_("target language"), max_length=10)
    source = models.CharField(_("term"), max_length=200)
    target = models.CharField(_("translation"), max_length=200)

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["source_language", "target_language", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_language", "target_language", "source"],
                name="glossary_unique_term",
            )
        ]

    def __str__(self):
        return f"{self.source} → {self.target}"
