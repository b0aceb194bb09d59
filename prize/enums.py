"""One TextChoices per lifecycle of the prize app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EditionPhase(models.TextChoices):
    """Where a prize edition stands. Only `services.edition_phase_set` changes it."""

    PREPARATION = "preparation", _("Preparation")
    PRESELECTION = "preselection", _("Phase 1: preselection by the Advisory Board")
    FINALISTS = "finalists", _("Phase 2: choice of the finalists")
    VOTE = "vote", _("Phase 3: General Assembly vote")
    RESULTS = "results", _("Results published")


# The order of the phases; an edition moves one step forward at a time, and back
# one step only where nothing irreversible happened (see services).
PHASE_ORDER = [
    EditionPhase.PREPARATION,
    EditionPhase.PRESELECTION,
    EditionPhase.FINALISTS,
    EditionPhase.VOTE,
    EditionPhase.RESULTS,
]


class BallotState(models.TextChoices):
    OPEN = "open", pgettext_lazy("ballot state", "Open")
    CLOSED = "closed", pgettext_lazy("ballot state", "Closed")


class TieBreakRule(models.TextChoices):
    """Fixed when a ballot opens, shown on it, never changed afterwards."""

    RUNOFF = "runoff", _("A run-off vote between the tied finalists")
    BOARD = "board", _("A decision of the Board between the tied finalists")


class BallotOutcome(models.TextChoices):
    PENDING = "pending", _("Not counted yet")
    WINNER = "winner", _("A winner")
    TIE = "tie", _("A tie")
    BOARD_DECIDED = "board_decided", _("Tie decided by the Board")
