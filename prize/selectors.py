"""Reads of the prize app. Every list is built in a fixed number of queries."""

import datetime
import hashlib
import re

from django.db.models import Avg, Count, Prefetch, Q
from django.utils import timezone

from reporting.enums import AccountRole, MembershipStatus, ReportState, SizeCategory
from reporting.models import City, CityAccount, Measure
from reviews.models import Assessment, ConflictOfInterest, Criterion

from .enums import BallotOutcome, BallotState, EditionPhase
from .models import (
    Ballot,
    BallotChoice,
    Candidature,
    CandidatureComment,
    Finalist,
    Participation,
    PreselectionMark,
    PrizeEdition,
)

# --- Candidatures ---------------------------------------------------------------------


def deadline_cutoff(deadline: datetime.date) -> datetime.datetime:
    """The first moment after the deadline day, in the coalition's time zone: a report
    submitted at 23:59 on the deadline is on time."""
    next_day = deadline + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time.min))


def eligible_measures(*, cycle):
    """Level-2 measures that are candidatures of the cycle's prize: the report was
    submitted (and not returned to draft) by its deadline, the cycle's or the city's
    extension, and the measure existed at that deadline (a measure added in an update
    after the feedback is not a candidature)."""
    measures = Measure.objects.filter(
        report__cycle=cycle, report__submitted_at__isnull=False
    ).exclude(report__state=ReportState.DRAFT)
    on_time = Q(
        report__deadline_extended_to__isnull=True,
        report__submitted_at__lt=deadline_cutoff(cycle.submission_deadline),
        created_at__lt=deadline_cutoff(cycle.submission_deadline),
    )
    # Extensions are rare and few: one condition per distinct extension date.
    extensions = (
        measures.filter(report__deadline_extended_to__isnull=False)
        .values_list("report__deadline_extended_to", flat=True)
        .distinct()
    )
    for extended in extensions:
        on_time |= Q(
            report__deadline_extended_to=extended,
            report__submitted_at__lt=deadline_cutoff(extended),
            created_at__lt=deadline_cutoff(extended),
        )
    return measures.filter(on_time).select_related("report__city")


def abstaining_city_ids(user) -> set[int]:
    """Cities on whose measures the user abstains: a city they hold an account of, or
    one they declared a conflict of interest with."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_prize_abstaining", None)
    if cached is None:
        cached = set(
            CityAccount.objects.filter(user=user, is_active=True).values_list("city_id", flat=True)
        ) | set(ConflictOfInterest.objects.filter(reviewer=user).values_list("city_id", flat=True))
        user._prize_abstaining = cached
    return cached


SORT_KEYS = ("total", "city", "title", "marks")


def candidature_table(*, edition, category: str, user, sort: str = "total", descending=True):
    """Phase 1: the category's candidatures with each criterion's average score (over
    every review's assessment of the measure) and their sum, sorted by `sort` (a
    criterion code, "total", "city", "title" or "marks"). Seven queries whatever the size."""
    criteria = list(Criterion.objects.filter(cycle_id=edition.cycle_id).order_by("order", "pk"))
    candidatures = list(
        Candidature.objects.filter(edition=edition, category=category)
        .select_related("city", "report")
        .annotate(n_marks=Count("preselection_marks"))
        .prefetch_related(
            Prefetch(
                "preselection_marks",
                queryset=PreselectionMark.objects.select_related("reviewer"),
            )
        )
        .order_by("city__name", "pk")
    )
    measure_ids = [c.measure_id for c in candidatures if c.measure_id]
    averages: dict[int, dict[int, float]] = {}
    for row in (
        Assessment.objects.filter(measure_id__in=measure_ids)
        .values("measure_id", "criterion_id")
        .annotate(average=Avg("score"))
    ):
        averages.setdefault(row["measure_id"], {})[row["criterion_id"]] = row["average"]
    abstaining = abstaining_city_ids(user)
    rows = []
    for candidature in candidatures:
        scores = averages.get(candidature.measure_id, {})
        per_criterion = [scores.get(c.pk) for c in criteria]
        given = [s for s in per_criterion if s is not None]
        own_mark = next(
            (m for m in candidature.preselection_marks.all() if m.reviewer_id == user.pk), None
        )
        rows.append(
            {
                "candidature": candidature,
                "scores": per_criterion,
                "by_code": {c.code: s for c, s in zip(criteria, per_criterion, strict=True)},
                "total": sum(given) if given else None,
                "abstains": candidature.city_id in abstaining,
                "own_mark": own_mark,
                "preselected": candidature.n_marks > 0 and not candidature.is_withdrawn,
            }
        )

    codes = {c.code for c in criteria}
    if sort in codes:

        def key(row):
            return row["by_code"][sort] if row["by_code"][sort] is not None else -1
    elif sort == "city":

        def key(row):
            return row["candidature"].city.name.casefold()
    elif sort == "title":

        def key(row):
            return row["candidature"].title.casefold()
    elif sort == "marks":

        def key(row):
            return row["candidature"].n_marks
    else:
        sort = "total"

        def key(row):
            return row["total"] if row["total"] is not None else -1

    rows.sort(key=key, reverse=descending)
    # Withdrawn candidatures stay visible (greyed) but always come last.
    rows.sort(key=lambda row: row["candidature"].is_withdrawn)
    return {"criteria": criteria, "rows": rows, "sort": sort, "descending": descending}


def preselected(*, edition, category: str):
    """Phase 2: the preselected candidatures of a category, with marks and comments."""
    return list(
        Candidature.objects.filter(edition=edition, category=category, withdrawn_at__isnull=True)
        .filter(preselection_marks__isnull=False)
        .distinct()
        .select_related("city", "report", "finalist")
        .prefetch_related(
            Prefetch(
                "preselection_marks",
                queryset=PreselectionMark.objects.select_related("reviewer"),
            ),
            Prefetch("comments", queryset=CandidatureComment.objects.select_related("author")),
        )
        .order_by("city__name", "pk")
    )


def preselected_count(*, edition, category: str) -> int:
    return (
        Candidature.objects.filter(
            edition=edition,
            category=category,
            withdrawn_at__isnull=True,
            preselection_marks__isnull=False,
        )
        .distinct()
        .count()
    )


def finalists_needed(*, edition, category: str) -> int:
    """Three finalists, or fewer when fewer candidatures were preselected."""
    return min(3, preselected_count(edition=edition, category=category))


def finalists(*, edition, category: str | None = None):
    qs = Finalist.objects.filter(edition=edition).select_related(
        "candidature__city", "candidature__report"
    )
    if category:
        qs = qs.filter(category=category)
    return list(qs.order_by("category", "slot"))


# --- Voting ------------------------------------------------------------------------------


def eligible_cities():
    """Member cities in good standing: each has one vote per ballot."""
    return City.objects.filter(membership_status=MembershipStatus.MEMBER)


def voter_city_ids(user) -> set[int]:
    """Cities for which the user casts the vote: as the named delegate, or as the
    primary account of a member city that named no delegate."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_prize_voter_cities", None)
    if cached is not None:
        return cached
    accounts = list(
        CityAccount.objects.filter(
            user=user, is_active=True, city__membership_status=MembershipStatus.MEMBER
        ).values_list("city_id", "role", "is_delegate")
    )
    delegate_cities = {city_id for city_id, _role, is_delegate in accounts if is_delegate}
    primary_cities = {city_id for city_id, role, _d in accounts if role == AccountRole.PRIMARY}
    named_elsewhere = set(
        CityAccount.objects.filter(
            city_id__in=primary_cities - delegate_cities, is_active=True, is_delegate=True
        ).values_list("city_id", flat=True)
    )
    cached = delegate_cities | (primary_cities - delegate_cities - named_elsewhere)
    user._prize_voter_cities = cached
    return cached


def is_voter_for(user, city) -> bool:
    return city.pk in voter_city_ids(user)


def tally(*, ballot) -> list[dict]:
    """Votes per option, highest first; only meaningful (and only shown) once closed."""
    counts = dict(
        BallotChoice.objects.filter(ballot=ballot)
        .values("finalist_id")
        .annotate(n=Count("id"))
        .values_list("finalist_id", "n")
    )
    options = ballot.options.select_related("candidature__city").order_by("slot")
    rows = [{"finalist": f, "votes": counts.get(f.pk, 0)} for f in options]
    rows.sort(key=lambda row: -row["votes"])
    return rows


def ballot_summary(*, ballot) -> dict:
    """What members see of a closed ballot: the count, the turnout and the outcome."""
    participations = Participation.objects.filter(ballot=ballot)
    voted = participations.count()
    return {
        "ballot": ballot,
        "tally": tally(ballot=ballot) if ballot.state == BallotState.CLOSED else [],
        "voted": voted,
        "on_paper": participations.filter(on_paper=True).count(),
        "eligible": ballot.eligible_count,
        "turnout": (100 * voted / ballot.eligible_count) if ballot.eligible_count else 0,
    }


def audit(*, ballot) -> dict:
    """For the Board: turnout and the receipts counted, never who voted for whom. The
    receipts are listed by fingerprint (sorted, so their order says nothing)."""
    summary = ballot_summary(ballot=ballot)
    fingerprints = sorted(
        h[:16]
        for h in BallotChoice.objects.filter(ballot=ballot).values_list("receipt_hash", flat=True)
    )
    return {
        **summary,
        "fingerprints": fingerprints,
        "n_choices": len(fingerprints),
        "consistent": len(fingerprints) == summary["voted"],
    }


RECEIPT_CLEAN = re.compile(r"[^A-Z0-9]")


def receipt_normalise(code: str) -> str:
    return RECEIPT_CLEAN.sub("", (code or "").upper())


def receipt_hash(code: str) -> str:
    return hashlib.sha256(receipt_normalise(code).encode()).hexdigest()


def receipt_verify(*, code: str):
    """The ballot in whose count the receipt code is, or None."""
    if len(receipt_normalise(code)) < 8:
        return None
    choice = (
        BallotChoice.objects.filter(receipt_hash=receipt_hash(code))
        .select_related("ballot__edition")
        .first()
    )
    return choice.ballot if choice else None


def category_winner(*, edition, category: str):
    """The winning finalist of a category: the last ballot's winner, or None yet."""
    ballot = (
        Ballot.objects.filter(edition=edition, category=category)
        .select_related("winner__candidature__city")
        .order_by("-round")
        .first()
    )
    if ballot and ballot.outcome in (BallotOutcome.WINNER, BallotOutcome.BOARD_DECIDED):
        return ballot.winner
    return None


def archive():
    """Past editions with their finalists and winners, in a fixed number of queries."""
    editions = list(
        PrizeEdition.objects.filter(phase=EditionPhase.RESULTS)
        .select_related("cycle")
        .prefetch_related(
            Prefetch(
                "finalists",
                queryset=Finalist.objects.select_related("candidature__city").order_by(
                    "category", "slot"
                ),
            ),
            Prefetch(
                "ballots",
                queryset=Ballot.objects.select_related("winner").order_by("category", "round"),
            ),
        )
        .order_by("-year")
    )
    for edition in editions:
        last = {}
        for ballot in edition.ballots.all():
            last[ballot.category] = ballot
        winners = {
            category: ballot.winner_id
            for category, ballot in last.items()
            if ballot.outcome in (BallotOutcome.WINNER, BallotOutcome.BOARD_DECIDED)
        }
        edition.categories = [
            {
                "category": category,
                "label": label,
                "finalists": [
                    {"finalist": f, "is_winner": winners.get(category) == f.pk}
                    for f in edition.finalists.all()
                    if f.category == category
                ],
            }
            for category, label in SizeCategory.choices
        ]
    return editions


def current_edition():
    return PrizeEdition.objects.exclude(phase=EditionPhase.RESULTS).order_by("year").first()
