"""Reads of the prize app. Every list is built in a fixed number of queries."""

import datetime
import hashlib
import re

from django.core.paginator import Paginator
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reporting.enums import AccountRole, MembershipStatus, ReportState, SizeCategory
from reporting.models import City, CityAccount, Measure, ReportSnapshot
from reporting.rules import reviewer_has_conflict
from reporting.selectors.reports import report_document, report_snapshot_data
from reviews.models import Assessment, Assignment, ConflictOfInterest, Criterion

from .enums import BallotOutcome, BallotState, EditionPhase
from .models import (
    Ballot,
    BallotTotal,
    Candidature,
    CandidatureComment,
    Finalist,
    Participation,
    PreselectionMark,
    PrizeEdition,
    SealedVote,
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
            CityAccount.objects.filter(user=user, is_active=True)
            .order_by()
            .values_list("city_id", flat=True)
            .union(
                # A conflict with a whole country covers its cities admitted later too.
                ConflictOfInterest.objects.filter(reviewer=user)
                .cities()
                .order_by()
                .values_list("pk")
            )
        )
        user._prize_abstaining = cached
    return cached


SORT_KEYS = ("total", "city", "title", "marks")
CANDIDATURES_PER_PAGE = 50


def _average_score(criterion_id: int):
    """The average of every review's score of the candidature's measure on one
    criterion (None when nobody scored it): one join and GROUP BY for all criteria."""
    return Avg(
        "measure__assessments__score",
        filter=Q(measure__assessments__criterion_id=criterion_id),
        output_field=FloatField(),
    )


def _marks_count():
    return Coalesce(
        Subquery(
            PreselectionMark.objects.filter(candidature_id=OuterRef("pk"))
            .values("candidature_id")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def _assigned_count():
    """How many reviewers the candidature's report was assigned to."""
    return Coalesce(
        Subquery(
            Assignment.objects.filter(report_id=OuterRef("report_id"))
            .order_by()
            .values("report_id")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def _scorers_count():
    """How many reviewers scored the candidature's measure on at least one criterion."""
    return Coalesce(
        Subquery(
            Assessment.objects.filter(measure_id=OuterRef("measure_id"))
            .order_by()
            .values("measure_id")
            .annotate(n=Count("review_id", distinct=True))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def _total(names: list[str]):
    """The sum of the criteria's averages, None when no criterion was scored."""
    if not names:
        return Value(None, output_field=FloatField())
    return Case(
        When(Q(**{f"{name}__isnull": True for name in names}), then=Value(None)),
        default=sum((Coalesce(F(name), 0.0) for name in names), Value(0.0)),
        output_field=FloatField(),
    )


class _CountedPaginator(Paginator):
    """Pages an annotated queryset but counts its rows on the plain one (`counted`):
    counting through the scores' GROUP BY would aggregate every row for nothing."""

    def __init__(self, object_list, per_page, *, counted):
        super().__init__(object_list, per_page)
        self.counted = counted

    @cached_property
    def count(self) -> int:
        return self.counted.count()


def candidature_table(
    *,
    edition,
    category: str,
    user,
    sort: str = "total",
    descending: bool = True,
    query: str = "",
    preselected_only: bool = False,
    page=None,
    per_page: int = CANDIDATURES_PER_PAGE,
):
    """Phase 1: one page of the category's candidatures with each criterion's average
    score (over every review's assessment of the measure) and their sum, sorted by
    `sort` (a criterion code, "total", "city", "title" or "marks") and filtered by
    `query` (city or title) and `preselected_only`.

    Scores, totals and marks are computed, sorted and paged by the database, so the
    page costs the same few queries, and renders the same few rows, whatever the size
    of the edition. Withdrawn candidatures stay visible (greyed) but always come last."""
    criteria = list(Criterion.objects.filter(cycle_id=edition.cycle_id).order_by("order", "pk"))
    candidatures = Candidature.objects.filter(edition=edition, category=category)
    query = " ".join((query or "").split())
    if query:
        candidatures = candidatures.filter(
            Q(city__name__icontains=query) | Q(title__icontains=query)
        )
    if preselected_only:
        candidatures = candidatures.filter(
            Exists(PreselectionMark.objects.filter(candidature_id=OuterRef("pk"))),
            withdrawn_at__isnull=True,
        )
    # The page count is taken before the scores are joined in: it needs none of them.
    filtered = candidatures
    names = {c.pk: f"score_{c.pk}" for c in criteria}
    ranked = candidatures.annotate(**{name: _average_score(pk) for pk, name in names.items()})
    ranked = ranked.annotate(total=_total(list(names.values())))

    by_code = {c.code: F(names[c.pk]) for c in criteria}
    if sort in by_code:
        key = by_code[sort]
    elif sort == "city":
        key = Lower("city__name")
    elif sort == "title":
        key = Lower("title")
    elif sort == "marks":
        ranked = ranked.annotate(n_marks=_marks_count())
        key = F("n_marks")
    else:
        sort = "total"
        key = F("total")
    # First the page's ids and scores, grouped and sorted on narrow rows; then the
    # page's candidatures themselves with their city and marks.
    ranked = ranked.order_by(
        Case(When(withdrawn_at__isnull=False, then=1), default=0, output_field=IntegerField()),
        key.desc(nulls_last=True) if descending else key.asc(nulls_first=True),
        "city__name",
        "pk",
    ).values_list("pk", "total", *names.values(), named=True)
    page_obj = _CountedPaginator(ranked, per_page, counted=filtered).get_page(page)
    ranks = list(page_obj.object_list)
    loaded = (
        Candidature.objects.select_related("city")
        # Counted for the page's rows only, not in the ranking's GROUP BY over all rows.
        .annotate(n_assigned=_assigned_count(), n_scorers=_scorers_count())
        .prefetch_related(
            Prefetch(
                "preselection_marks",
                queryset=PreselectionMark.objects.select_related("reviewer"),
            )
        )
        .in_bulk([rank.pk for rank in ranks])
    )
    abstaining = abstaining_city_ids(user)
    rows = []
    for rank in ranks:
        candidature = loaded[rank.pk]
        marks = list(candidature.preselection_marks.all())
        scores = [getattr(rank, name) for name in names.values()]
        rows.append(
            {
                "candidature": candidature,
                "scores": scores,
                "total": rank.total,
                "n_criteria_scored": sum(score is not None for score in scores),
                "n_reviewers_scored": candidature.n_scorers,
                "n_reviewers": max(candidature.n_assigned, candidature.n_scorers),
                "abstains": candidature.city_id in abstaining,
                "own_mark": next((m for m in marks if m.reviewer_id == user.pk), None),
                "preselected": bool(marks) and not candidature.is_withdrawn,
            }
        )
    return {
        "criteria": criteria,
        "n_criteria": len(criteria),
        "rows": rows,
        "sort": sort,
        "descending": descending,
        "page_obj": page_obj,
    }


def candidature_scores(*, candidatures, criteria) -> dict[int, dict]:
    """The reviewers' scores of some candidatures (a short list: one page's, the
    preselected ones, a single one), in three queries whatever their number.

    For each candidature (by pk): per criterion the average, how many reviewers scored
    it and their scores (lowest first, without names); the total (the sum of the
    averages, as the candidature table ranks); how many reviewers scored the measure at
    all, of how many the report had; and how many criteria were scored at all. A partly
    scored measure is so told, never silently ranked last."""
    by_measure = {c.measure_id: c.pk for c in candidatures if c.measure_id}
    per_criterion: dict[tuple[int, int], list[int]] = {}
    scorers: dict[int, set[int]] = {}
    rows = Assessment.objects.filter(measure_id__in=list(by_measure)).values_list(
        "measure_id", "criterion_id", "review__reviewer_id", "score"
    )
    for measure_id, criterion_id, reviewer_id, score in rows:
        per_criterion.setdefault((measure_id, criterion_id), []).append(score)
        scorers.setdefault(measure_id, set()).add(reviewer_id)
    assigned: dict[int, set[int]] = {}
    report_ids = {c.report_id for c in candidatures}
    for report_id, reviewer_id in Assignment.objects.filter(report_id__in=report_ids).values_list(
        "report_id", "reviewer_id"
    ):
        assigned.setdefault(report_id, set()).add(reviewer_id)
    result = {}
    for candidature in candidatures:
        rows = []
        for criterion in criteria:
            scores = sorted(per_criterion.get((candidature.measure_id, criterion.pk), []))
            rows.append(
                {
                    "criterion": criterion,
                    "average": sum(scores) / len(scores) if scores else None,
                    "n_scored": len(scores),
                    "scores": scores,
                }
            )
        averages = [row["average"] for row in rows if row["average"] is not None]
        who = scorers.get(candidature.measure_id, set())
        result[candidature.pk] = {
            "criteria": rows,
            "total": sum(averages) if averages else None,
            "n_criteria_scored": len(averages),
            "n_criteria": len(criteria),
            "n_reviewers_scored": len(who),
            # A reviewer who scored without (or after losing) an assignment still counts.
            "n_reviewers": len(assigned.get(candidature.report_id, set()) | who),
        }
    return result


def candidature_revision(candidature) -> ReportSnapshot | None:
    """The frozen revision of the report the candidature came from: the last one
    submitted by the report's deadline (the cycle's, or its extension), else the first
    one (a report submitted on time and frozen later by an import). None when the
    report was never frozen."""
    report = candidature.report
    deadline = report.deadline_extended_to or candidature.edition.cycle.submission_deadline
    snapshots = report.snapshots.order_by("-revision")
    on_time = snapshots.filter(created_at__lt=deadline_cutoff(deadline)).first()
    return on_time or snapshots.order_by("revision").first()


def candidature_reading(*, candidature, user) -> dict:
    """What the Board and the Advisory Board read of a candidature: the level-1 profile
    and the measure exactly as submitted (`candidature_revision`), with the contact
    persons only for those who may see them. A reviewer who declared a conflict with
    the city reads nothing of its report (they abstain; see reporting.rules)."""
    report = candidature.report
    if reviewer_has_conflict(user, report):
        return {"withheld": True}
    snapshot = candidature_revision(candidature)
    frozen = snapshot is not None
    if snapshot is None:
        # Never frozen (reports from before revisions were kept): the live answers.
        snapshot = ReportSnapshot(report=report, revision=0, data=report_snapshot_data(report))
    measures = snapshot.data.get("measures", [])
    mine = [m for m in measures if candidature.measure_id and m.get("id") == candidature.measure_id]
    if not mine:
        mine = [m for m in measures if m.get("title") == candidature.title][:1]
    number = next((n for n, m in enumerate(measures, start=1) if mine and m is mine[0]), None)
    only_this = ReportSnapshot(
        report=report, revision=snapshot.revision, data={**snapshot.data, "measures": mine}
    )
    document = report_document(report=report, user=user, snapshot=only_this)
    return {
        "withheld": False,
        "frozen": frozen,
        "revision": snapshot.revision if frozen else None,
        "frozen_at": snapshot.created_at if frozen else None,
        "overview_sections": document["overview_sections"],
        "measure": document["measures"][0] if document["measures"] else None,
        "measure_number": number,
        "source_language": document["source_language"],
        "target_language": "",
    }


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


class FinalistChoice:
    """The finalists of a category as the Board chooses them, and whether "Choose as
    finalist" can apply to a candidature now: the phase, free places, and the rule of
    three different cities (`services.finalist_choose` decides again)."""

    def __init__(self, *, edition, category: str):
        self.edition = edition
        self.chosen = finalists(edition=edition, category=category)
        self.open = edition.phase == EditionPhase.FINALISTS
        self.by_city = {f.city_id: f for f in self.chosen}
        self.candidature_ids = {f.candidature_id for f in self.chosen}

    def blocked_reason(self, candidature) -> str:
        """Why a preselected candidature cannot be chosen now, or "" if it can (or is)."""
        if candidature.pk in self.candidature_ids or candidature.is_withdrawn:
            return ""
        same_city = self.by_city.get(candidature.city_id)
        if same_city is not None:
            return _("%(city)s is already a finalist of this category with “%(title)s”.") % {
                "city": candidature.city.name,
                "title": same_city.candidature.title,
            }
        if len(self.chosen) >= 3:
            return _("Three finalists are chosen: remove one to choose this measure.")
        return ""

    def can_choose(self, candidature, *, abstains: bool, marks) -> bool:
        return (
            self.open
            and not abstains
            and bool(list(marks))
            and not candidature.is_withdrawn
            and candidature.pk not in self.candidature_ids
            and not self.blocked_reason(candidature)
        )


def finalist_choice(*, edition, category: str) -> FinalistChoice:
    return FinalistChoice(edition=edition, category=category)


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


def voter_cities(*, user, ballot) -> list[dict]:
    """The cities the user votes for, each with whether it has voted in `ballot`, in one
    query (after the voter lookup)."""
    voter_ids = voter_city_ids(user)
    if not voter_ids:
        return []
    cities = (
        City.objects.filter(pk__in=voter_ids)
        .annotate(
            has_voted=Exists(Participation.objects.filter(ballot=ballot, city_id=OuterRef("pk")))
        )
        .order_by("name")
    )
    return [{"city": city, "has_voted": city.has_voted} for city in cities]


def is_voter_for(user, city) -> bool:
    return city.pk in voter_city_ids(user)


def tally(*, ballot) -> list[dict]:
    """Votes per option, highest first: the totals the count stored when the ballot
    closed (an open ballot has none, every option then shows 0)."""
    counts = dict(BallotTotal.objects.filter(ballot=ballot).values_list("finalist_id", "votes"))
    options = ballot.options.select_related("candidature__city").order_by("slot")
    rows = [{"finalist": f, "votes": counts.get(f.pk, 0)} for f in options]
    rows.sort(key=lambda row: -row["votes"])
    return rows


def ballot_summary(*, ballot) -> dict:
    """What members see of a closed ballot: the count, the turnout and the outcome."""
    counts = Participation.objects.filter(ballot=ballot).aggregate(
        voted=Count("pk"), on_paper=Count("pk", filter=Q(on_paper=True))
    )
    voted = counts["voted"]
    return {
        "ballot": ballot,
        "tally": tally(ballot=ballot) if ballot.state == BallotState.CLOSED else [],
        "voted": voted,
        "on_paper": counts["on_paper"],
        "eligible": ballot.eligible_count,
        "turnout": (100 * voted / ballot.eligible_count) if ballot.eligible_count else 0,
    }


def ballot_turnout(*, ballot, quorum_percent: int) -> dict:
    """How many member cities have voted in an open ballot, of how many may, and whether
    that is below the quorum (in per cent; 0 means none), with the sentence that says it."""
    voted = Participation.objects.filter(ballot=ballot).count()
    eligible = eligible_cities().count()
    below = bool(quorum_percent) and voted * 100 < quorum_percent * eligible
    sentence = ngettext(
        "%(voted)s of %(eligible)s member cities has voted.",
        "%(voted)s of %(eligible)s member cities have voted.",
        voted,
    ) % {"voted": voted, "eligible": eligible}
    return {
        "voted": voted,
        "eligible": eligible,
        "percent": (100 * voted / eligible) if eligible else 0,
        "quorum_percent": quorum_percent,
        "below_quorum": below,
        "sentence": sentence,
    }


def audit(*, ballot) -> dict:
    """For the Board: turnout and the receipts counted, never who voted for whom. The
    receipts are listed by fingerprint (sorted, so their order says nothing)."""
    summary = ballot_summary(ballot=ballot)
    fingerprints = sorted(
        h[:16]
        for h in SealedVote.objects.filter(ballot=ballot).values_list("receipt_hash", flat=True)
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
    vote = (
        SealedVote.objects.filter(receipt_hash=receipt_hash(code))
        .select_related("ballot__edition")
        .first()
    )
    return vote.ballot if vote else None


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
