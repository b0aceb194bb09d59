"""The user manual, edited by staff."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eccar.models import TimeStampedModel


class HelpPage(TimeStampedModel):
    """A page of the user manual, in every interface language, edited by staff."""

    slug = models.SlugField(_("address"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Plain text; blank lines separate paragraphs, '## ' starts a heading, '- ' or "
            "'1. ' starts a list item, and a line '![description](name.png)' shows a "
            "screenshot from docs/screenshots."
        ),
    )

    class Meta:
        verbose_name = _("help page")
        verbose_name_plural = _("help pages")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reporting:help_page", kwargs={"slug": self.slug})
