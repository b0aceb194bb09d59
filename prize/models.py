"""The ECCAR Prize: editions, candidatures, preselection, finalists and the secret ballot.

Only `prize.services` writes these models. Three tables of the ballot deserve care:
`Participation` records *who has voted*, `SealedVote` holds *what was voted* sealed with
the ballot's public key (only the count, holding the private key kept outside the
database, can open it), and `BallotTotal` the votes per finalist written by the count.
A copy of the database can line a participation up with its sealed vote (same
transaction, neighbouring rows), and learns nothing from it (see `prize.sealing`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eccar.models import LifecycleChange, TimeStampedModel
from reporting.enums import SizeCategory
from reporting.models import City, Measure, Report, ReportingCycle

from .enums import BallotOutcome, BallotState, EditionPhase, TieBreakRule


class PrizeEdition(TimeStampedModel):
    """One year's prize, fed by the measures of one reporting cycle."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    cycle = models.OneToOneField(
        ReportingCycle,
        on_delete=models.PROTECT,
        related_name="prize_edition",
        verbose_name=_("reporting cycle"),
        help_text=_("The cycle whose reports (submitted by its deadline) are the candidatures."),
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=EditionPhase.choices, default=EditionPhase.PREPARATION
    )
    preselection_starts = models.DateField(_("preselection starts"))
    finalists_start = models.DateField(_("choice of the finalists starts"))
    vote_on = models.DateField(_("General Assembly vote"))
    results_on = models.DateField(_("results published"))

    class Meta:
        verbose_name = _("prize edition")
        verbose_name_plural = _("prize editions")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(phase__in=EditionPhase.values), name="prize_edition_phase_valid"
            ),
            models.CheckConstraint(
                condition=Q(preselection_starts__lte=F("finalists_start"))
                & Q(finalists_start__lte=F("vote_on"))
                & Q(vote_on__lte=F("results_on")),
                name="prize_edition_dates_in_order",
            ),
        ]

    def __str__(self):
        return str(_("ECCAR Prize %(year)s") % {"year": self.year})

    @property
    def phase_label(self) -> str:
        return EditionPhase(self.phase).label


class EditionPhaseChange(LifecycleChange):
    """The edition's history: one row per phase change (who, when, from, to, why)."""

    edition = models.ForeignKey(
        PrizeEdition, on_delete=models.CASCADE, related_name="phase_changes"
    )
    from_phase = models.CharField(max_length=20, choices=EditionPhase.choices, blank=True)
    to_phase = models.CharField(max_length=20, choices=EditionPhase.choices)
    from_field, to_field = "from_phase", "to_phase"

    class Meta(LifecycleChange.Meta):
        verbose_name = _("prize phase change")
        verbose_name_plural = _("prize phase changes")


class CityCategory(models.Model):
    """A city's population as recorded when its candidatures were first built (at the
    deadline), and the category it puts the city in for this edition.

    The city's population may be corrected later; the category of an edition must not
    move under the jury's feet, so it is snapshotted once per city and edition."""

    edition = models.ForeignKey(
        PrizeEdition, on_delete=models.CASCADE, related_name="city_categories"
    )
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="+")
    population = models.PositiveIntegerField(_("population at the deadline"))
    category = models.CharField(_("category"), max_length=10, choices=SizeCategory.choices)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("city category")
        verbose_name_plural = _("city categories")
        constraints = [
            models.UniqueConstraint(fields=["edition", "city"], name="prize_city_category_once"),
            models.CheckConstraint(
                condition=Q(category__in=SizeCategory.values), name="prize_city_category_valid"
            ),
        ]

    def __str__(self):
        return f"{self.city} {self.population} ({self.category})"


class Candidature(models.Model):
    """A level-2 measure of a report submitted by the deadline: automatically in the
    running. Its title, city and category are kept even if the measure is deleted."""

    edition = models.ForeignKey(PrizeEdition, on_delete=models.CASCADE, related_name="candidatures")
    measure = models.ForeignKey(
        Measure, on_delete=models.SET_NULL, null=True, blank=True, related_name="candidatures"
    )
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="+")
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="candidatures")
    title = models.CharField(_("title"), max_length=300)
    population = models.PositiveIntegerField(_("population at the deadline"))
    category = models.CharField(_("category"), max_length=10, choices=SizeCategory.choices)
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["edition", "category", "city__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "measure"], name="prize_candidature_once_per_measure"
            ),
            models.CheckConstraint(
                condition=Q(category__in=SizeCategory.values), name="prize_candidature_category"
            ),
        ]

    def __str__(self):
        return f"{self.city}: {self.title}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def category_label(self) -> str:
        return SizeCategory(self.category).label


class PreselectionMark(models.Model):
    """An Advisory Board reviewer preselects a candidature, with a short justification.
    A candidature with at least one mark is preselected."""

    candidature = models.ForeignKey(
        Candidature, on_delete=models.CASCADE, related_name="preselection_marks"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preselection_marks"
    )
    justification = models.CharField(_("justification"), max_length=500)
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("preselection")
        verbose_name_plural = _("preselections")
        ordering = ["marked_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidature", "reviewer"], name="prize_preselection_once"
            ),
            models.CheckConstraint(
                condition=~Q(justification=""), name="prize_preselection_justified"
            ),
        ]

    def __str__(self):
        return f"{self.reviewer} → {self.candidature}"


class CandidatureComment(models.Model):
    """The Board's and the Bureau's discussion of a preselected candidature."""

    candidature = models.ForeignKey(Candidature, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=3000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.text[:60]


class Finalist(models.Model):
    """One of (at most) three finalists of a category. The `slot` (1-3) lets the
    database itself refuse a fourth finalist, whatever two Board members click; the
    `city` (the candidature's, copied) lets it refuse a second finalist of one city in
    a category: the procedure names three finalist *cities*."""

    edition = models.ForeignKey(PrizeEdition, on_delete=models.CASCADE, related_name="finalists")
    category = models.CharField(_("category"), max_length=10, choices=SizeCategory.choices)
    slot = models.PositiveSmallIntegerField()
    candidature = models.OneToOneField(
        Candidature, on_delete=models.PROTECT, related_name="finalist"
    )
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="+")
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    chosen_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)
    presenter_name = models.CharField(_("presenter's name"), max_length=200, blank=True)
    presenter_email = models.EmailField(_("presenter's email"), blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("finalist")
        verbose_name_plural = _("finalists")
        ordering = ["edition", "category", "slot"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "category", "slot"], name="prize_finalist_slot_once"
            ),
            models.UniqueConstraint(
                fields=["edition", "category", "city"], name="prize_finalist_one_per_city"
            ),
            models.CheckConstraint(
                condition=Q(slot__gte=1) & Q(slot__lte=3), name="prize_finalist_at_most_three"
            ),
            models.CheckConstraint(
                condition=Q(category__in=SizeCategory.values), name="prize_finalist_category"
            ),
        ]

    def __str__(self):
        return str(self.candidature)


class Ballot(models.Model):
    """The General Assembly's vote in one category. A run-off is a new ballot (round 2,
    3 ...) restricted to the tied finalists of the previous one."""

    edition = models.ForeignKey(PrizeEdition, on_delete=models.CASCADE, related_name="ballots")
    category = models.CharField(_("category"), max_length=10, choices=SizeCategory.choices)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    options = models.ManyToManyField(Finalist, related_name="ballots")
    state = models.CharField(
        _("state"), max_length=10, choices=BallotState.choices, default=BallotState.OPEN
    )
    tie_break = models.CharField(
        _("if there is a tie"),
        max_length=10,
        choices=TieBreakRule.choices,
        default=TieBreakRule.RUNOFF,
    )
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    eligible_count = models.PositiveIntegerField(
        _("cities entitled to vote"), default=0, help_text=_("Counted when the ballot closes.")
    )
    outcome = models.CharField(
        max_length=20, choices=BallotOutcome.choices, default=BallotOutcome.PENDING
    )
    winner = models.ForeignKey(
        Finalist, on_delete=models.PROTECT, null=True, blank=True, related_name="won_ballots"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_note = models.TextField(_("the Board's decision"), blank=True)
    # The X25519 public key (hex) that seals the votes; its private key lives outside the
    # database until the count (see prize.sealing).
    public_key = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["edition", "category", "round"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "category", "round"], name="prize_ballot_round_once"
            ),
            # Never two open ballots in one category.
            models.UniqueConstraint(
                fields=["edition", "category"],
                condition=Q(state=BallotState.OPEN),
                name="prize_ballot_one_open_per_category",
            ),
            models.CheckConstraint(
                condition=Q(state__in=BallotState.values), name="prize_ballot_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(tie_break__in=TieBreakRule.values), name="prize_ballot_tie_break_valid"
            ),
            models.CheckConstraint(
                condition=Q(category__in=SizeCategory.values), name="prize_ballot_category"
            ),
        ]

    def __str__(self):
        return f"{self.edition.year} {self.get_category_display()} #{self.round}"

    @property
    def is_open(self) -> bool:
        return self.state == BallotState.OPEN


class Participation(models.Model):
    """*Who has voted*: one row per city and ballot, enforced by the database.

    It deliberately knows nothing of the choice: see `SealedVote`."""

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="participations")
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="+")
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cast_at = models.DateTimeField(default=timezone.now)
    on_paper = models.BooleanField(
        _("paper vote recorded by the office"),
        default=False,
        help_text=_("Cast on paper in the room and recorded by staff on the city's behalf."),
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["ballot", "city__name"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "city"], name="prize_one_vote_per_city")
        ]

    def __str__(self):
        return f"{self.city} voted in {self.ballot}"


class SealedVote(models.Model):
    """*What was voted*, sealed: one row per vote, with the hash of the voter's receipt.

    `sealed` is the choice encrypted for the ballot's public key (a libsodium sealed
    box, fresh randomness each time, always the same length); only the private key,
    which is not in the database, opens it. The count opens every vote in memory,
    stores the totals in `BallotTotal` and empties `sealed`; the key is then deleted.

    The row shares its transaction (PostgreSQL `xmin`) and its neighbourhood on disk
    (SQLite `rowid`) with the voter's `Participation`: a database copy can pair them,
    which tells nothing but what `Participation` already says. On top of that there is
    no foreign key to a city, a user or a participation, no timestamp, and a random
    UUID as primary key.

    The receipt code itself is never stored, only its SHA-256: it is shown once to
    the voter, who can then check it is in the count. It proves that a vote was
    counted, not for whom, so it cannot be used to sell or coerce a vote.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="sealed_votes")
    sealed = models.CharField(max_length=100, blank=True)
    receipt_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("sealed vote")
        verbose_name_plural = _("sealed votes")
        ordering = ["receipt_hash"]

    def __str__(self):
        return f"{self.ballot}: {self.fingerprint}"

    @property
    def fingerprint(self) -> str:
        return self.receipt_hash[:16]


class BallotTotal(models.Model):
    """The votes of one finalist in a closed ballot, written once by the count."""

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="totals")
    finalist = models.ForeignKey(Finalist, on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("ballot total")
        verbose_name_plural = _("ballot totals")
        ordering = ["ballot", "-votes", "finalist__slot"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "finalist"], name="prize_ballot_total_once")
        ]

    def __str__(self):
        return f"{self.ballot}: {self.finalist} {self.votes}"


class BallotStateChange(LifecycleChange):
    """The ballot's history of states (opened, closed): who and when."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=10, choices=BallotState.choices, blank=True)
    to_state = models.CharField(max_length=10, choices=BallotState.choices)

    class Meta(LifecycleChange.Meta):
        verbose_name = _("ballot state change")
        verbose_name_plural = _("ballot state changes")


class BallotOutcomeChange(LifecycleChange):
    """The ballot's history of outcomes (counted, tie decided by the Board)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="outcome_changes")
    from_outcome = models.CharField(max_length=20, choices=BallotOutcome.choices)
    to_outcome = models.CharField(max_length=20, choices=BallotOutcome.choices)
    from_field, to_field = "from_outcome", "to_outcome"

    class Meta(LifecycleChange.Meta):
        verbose_name = _("ballot outcome change")
        verbose_name_plural = _("ballot outcome changes")
