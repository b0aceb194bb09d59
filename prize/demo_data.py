"""Demo data of the prize: the 2025 edition in the General Assembly vote, with the
real 2025 finalists (under 50,000: Esch-sur-Alzette, Wörgl, Monheim am Rhein;
50,000 and over: Graz, Mannheim, Villeurbanne). The ballot of the larger category is
open, so the Bologna delegate can try voting. Idempotent."""

import datetime

from django.utils import timezone

from reporting.enums import SizeCategory
from reporting.models import Measure, Report, ReportingCycle, User

from . import services
from .enums import EditionPhase
from .models import Ballot, Candidature, Finalist, PreselectionMark, PrizeEdition
from .selectors import deadline_cutoff

SMALL_FINALISTS = ["Esch-sur-Alzette", "Wörgl", "Monheim am Rhein"]
LARGE_FINALISTS = ["Graz", "Mannheim", "Villeurbanne"]
# Also preselected by the Advisory Board, but not chosen as finalists.
ALSO_PRESELECTED = ["Bologna", "Zurich"]


def _on_time(cycle):
    """The demo reports were submitted "now" by the seed: date them back to the week
    before the deadline, as they were in reality, so they are candidatures."""
    cutoff = deadline_cutoff(cycle.submission_deadline)
    when = cutoff - datetime.timedelta(days=3)
    late = Report.objects.filter(cycle=cycle, submitted_at__gte=cutoff)
    Measure.objects.filter(report__in=late).update(created_at=when - datetime.timedelta(days=7))
    late.update(submitted_at=when)


def seed_prize(*, year: int = 2025) -> None:
    cycle = ReportingCycle.objects.filter(year=year).first()
    staff = User.objects.filter(email="office@eccar.test").first()
    board = User.objects.filter(email="board@eccar.test").first()
    reviewer = User.objects.filter(email="reviewer@eccar.test").first()
    if not (cycle and staff and board and reviewer):
        return
    if timezone.localdate() <= cycle.submission_deadline:
        return  # The demo runs before the deadline: no candidatures yet.
    edition = PrizeEdition.objects.filter(year=year).first()
    if edition is None:
        _on_time(cycle)
        edition = services.edition_create(
            cycle=cycle,
            by=staff,
            preselection_starts=datetime.date(year, 5, 15),
            finalists_start=datetime.date(year, 9, 1),
            vote_on=cycle.general_assembly,
            results_on=cycle.general_assembly,
        )
    if edition.phase == EditionPhase.PREPARATION:
        services.edition_phase_set(edition=edition, to_phase=EditionPhase.PRESELECTION, by=staff)
    if edition.phase == EditionPhase.PRESELECTION:
        for name in SMALL_FINALISTS + LARGE_FINALISTS + ALSO_PRESELECTED:
            candidature = (
                Candidature.objects.filter(edition=edition, city__name=name).order_by("pk").first()
            )
            if (
                candidature
                and not PreselectionMark.objects.filter(candidature=candidature).exists()
            ):
                services.preselection_mark(
                    candidature=candidature,
                    reviewer=reviewer,
                    justification="Clear aims, measured impact, transferable to other cities.",
                )
        services.edition_phase_set(edition=edition, to_phase=EditionPhase.FINALISTS, by=staff)
    if edition.phase == EditionPhase.FINALISTS:
        for name in SMALL_FINALISTS + LARGE_FINALISTS:
            candidature = (
                Candidature.objects.filter(
                    edition=edition, city__name=name, preselection_marks__isnull=False
                )
                .order_by("pk")
                .first()
            )
            if candidature and not Finalist.objects.filter(candidature=candidature).exists():
                services.finalist_choose(candidature=candidature, by=board)
        services.edition_phase_set(edition=edition, to_phase=EditionPhase.VOTE, by=staff)
    if (
        edition.phase == EditionPhase.VOTE
        and not Ballot.objects.filter(edition=edition, category=SizeCategory.LARGE).exists()
        and Finalist.objects.filter(edition=edition, category=SizeCategory.LARGE).exists()
    ):
        services.ballot_open(edition=edition, category=SizeCategory.LARGE, by=staff)
