from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import JSONObject
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from reporting.enums import AccountRole, ReportState
from reporting.library import figures
from reporting.models import (
    Answer,
    City,
    CityAccount,
    Commitment,
    Measure,
    Report,
    ReportingCycle,
    ReportSnapshot,
    User,
)
from reporting.rules import REVIEWABLE_STATES, conflict_free_remember
from reporting.selectors.cycles import cycle_with_open_work

from .enums import SCORE_MAX, SCORE_MIN, LetterState, ReviewProgress, ReviewState
from .models import Assessment, Assignment, ConflictOfInterest, Criterion, Letter, Review
from .rules import assigned_remember

# The reports a work list shows: submitted, and those whose review is over.
WORKLIST_STATES = (
    ReportState.SUBMITTED,
    ReportState.FEEDBACK_RECEIVED,
    ReportState.UPDATING,
    ReportState.PUBLISHED,
)


def worklist(*, cycle, user, with_reviewers: bool = False) -> list[dict]:
    """Submitted (and evaluated) reports of the cycle with their review progress, in two
    queries whatever their number. Reviewers see the reports assigned to them; staff and
    the Board see all. `with_reviewers`: each row also lists the reviewers who may be
    assigned to it (three queries more), never one with a conflict of interest."""
    reports = (
        Report.objects.filter(cycle=cycle, state__in=WORKLIST_STATES)
        .select_related("city")
        # Only what a row shows: a list of 200 reports is mostly model building.
        .only("pk", "state", "cycle_id", "city_id", "city__name", "city__slug", "city__country")
        .annotate(
            has_review=Exists(Review.objects.filter(report=OuterRef("pk"))),
            letter_state=Subquery(Letter.objects.filter(report=OuterRef("pk")).values("state")),
            # A review kept from before a conflict was declared: listed, not opened.
            conflicted=ExpressionWrapper(
                Q(city__in=user.conflicts.cities()), output_field=BooleanField()
            ),
        )
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("reviewer")
                .only("pk", "report_id", "reviewer__email", "reviewer__full_name")
                .order_by("pk"),
                # A plain list: no related manager and queryset built per report.
                to_attr="assignment_list",
            )
        )
        .order_by("city__name")
    )
    if not (user.is_staff or user.is_board_member):
        reports = reports.filter(
            Exists(Assignment.objects.filter(report=OuterRef("pk"), reviewer=user))
        )
    choices = _reviewer_choices() if with_reviewers else None
    rows = []
    for report in reports:
        assignments = report.assignment_list
        if report.letter_state == LetterState.SENT:
            state = ReviewProgress.SENT
        elif report.letter_state:
            state = ReviewProgress.LETTER_READY
        elif report.has_review:
            state = ReviewProgress.IN_REVIEW
        elif assignments:
            state = ReviewProgress.ASSIGNED
        else:
            state = ReviewProgress.UNASSIGNED
        is_mine = not report.conflicted and any(a.reviewer_id == user.pk for a in assignments)
        rows.append(
            {
                "report": report,
                "state": state,
                "is_mine": is_mine,
                "reviewers": ", ".join(str(a.reviewer) for a in assignments),
                "reviewer_choices": choices(report.city) if choices else [],
            }
        )
    return rows


def reviewers_to_assign():
    return User.objects.filter(is_reviewer=True, is_active=True).order_by("email")


def _reviewer_choices():
    """A function city -> the reviewers who may review its report: without a declared
    conflict with the city or its country and without an account of it. Three queries
    for the whole list."""
    reviewers = list(reviewers_to_assign())
    ids = [r.pk for r in reviewers]
    barred: dict[int, set] = {pk: set() for pk in ids}
    for reviewer_id, city_id, country in ConflictOfInterest.objects.filter(
        reviewer_id__in=ids
    ).values_list("reviewer_id", "city_id", "country"):
        barred[reviewer_id].add(city_id or f"country:{country}")
    accounts = CityAccount.objects.filter(user_id__in=ids, is_active=True)
    for user_id, city_id in accounts.values_list("user_id", "city_id"):
        barred[user_id].add(city_id)

    def choices(city) -> list[User]:
        keys = {city.pk, f"country:{city.country.code}"}
        return [r for r in reviewers if not keys & barred[r.pk]]

    return choices


def reviewer_conflicts_with(*, reviewer: User, city_id: int) -> bool:
    """A declared conflict with the city or its country, or an active account of the
    city (a reviewer would review their own work, whether or not they declared it)."""
    return (
        reviewer.city_accounts.filter(city_id=city_id, is_active=True).exists()
        or ConflictOfInterest.objects.filter(reviewer=reviewer).cities().filter(pk=city_id).exists()
    )


def conflict_form(*, user) -> dict:
    """A reviewer's declared conflicts and the cities they may declare one with."""
    if not user.is_reviewer:
        return {"conflicts": [], "conflict_cities": []}
    return {
        "conflicts": user.conflicts.select_related("city").order_by("country", "city__name"),
        "conflict_cities": City.objects.order_by("name").values("pk", "name", "country"),
    }


def _json_rows(model, *, order_by: tuple, fields=None, **filters) -> ArraySubquery:
    """An annotation holding the rows of `model` matching `filters` (OuterRef allowed)
    as a JSON array: a few small rows read with the query that needs them instead of
    one query more."""
    names = fields or [f.attname for f in model._meta.concrete_fields]
    # A plain queryset: modeltranslation's would add its language columns to values().
    rows = QuerySet(model).filter(**filters).order_by(*order_by)
    return ArraySubquery(rows.values(json=JSONObject(**{n: n for n in names})))


def _instances(model, rows, *, db: str) -> list:
    """Model instances from the rows of `_json_rows`, built as a queryset's `.only()` of
    those fields builds them (any other field deferred). Only for fields whose JSON
    form is their Python value (numbers, text)."""
    names = [f.attname for f in model._meta.concrete_fields]
    out = []
    for row in rows or ():
        present = [n for n in names if n in row]
        out.append(model.from_db(db, present, [row[n] for n in present]))
    return out


def reviews_visible_to(*, report, user, criteria: list) -> tuple[Review | None, list[Review]]:
    """The user's own review and the others' they may see, each with its assessments
    (`assessment_list`, their criterion among `criteria`, the report's), in one query.
    Other reviewers' work appears only once the user has saved their own, so nobody
    anchors on a colleague's scores."""
    reviews = list(
        Review.objects.filter(report=report)
        .select_related("reviewer")
        .annotate(assessment_rows=_json_rows(Assessment, order_by=("pk",), review=OuterRef("pk")))
        .order_by("reviewer__email")
    )
    by_pk = {criterion.pk: criterion for criterion in criteria}
    for review in reviews:
        review.assessment_list = _instances(Assessment, review.assessment_rows, db=review._state.db)
        for assessment in review.assessment_list:
            assessment.review = review
            if assessment.criterion_id in by_pk:
                assessment.criterion = by_pk[assessment.criterion_id]
    own = next((r for r in reviews if r.reviewer_id == user.pk), None)
    if own is None or own.state == ReviewState.DRAFT:
        return own, []
    return own, [r for r in reviews if r is not own]


def report_for_review(*, user, year: int, slug: str) -> Report:
    """The report a reviewer opens, with what the review page shows besides it in one
    query: city, cycle, questionnaire, letter, the latest frozen revision
    (`latest_revision`, its number; `latest_snapshot`, the revision itself or None), the
    cycle's criteria (`review_criteria`) and the plan's commitments by number
    (`commitment_titles`). Reviewers reach only reports assigned to them, and none of a
    city they declared a conflict with since (its finished review keeps its reviewer,
    but is not reopened): anything else is a 404."""
    latest = ReportSnapshot.objects.filter(report=OuterRef("pk")).order_by("-revision")
    report = get_object_or_404(
        Report.objects.select_related("city", "cycle", "questionnaire", "letter").annotate(
            latest_revision=Subquery(latest.values("revision")[:1]),
            latest_snapshot_id=Subquery(latest.values("pk")[:1]),
            latest_snapshot_data=Subquery(latest.values("data")[:1]),
            criteria_rows=_json_rows(
                Criterion, order_by=("order", "pk"), cycle_id=OuterRef("cycle_id")
            ),
            commitment_rows=_json_rows(
                Commitment, order_by=("number",), plan_id=OuterRef("questionnaire__plan_id")
            ),
        ),
        ~Q(city__in=user.conflicts.cities()),
        cycle__year=year,
        city__slug=slug,
        assignments__reviewer=user,
    )
    db = report._state.db
    report.latest_snapshot = None
    if report.latest_snapshot_id is not None:
        report.latest_snapshot = ReportSnapshot.from_db(
            db,
            ["id", "report_id", "revision", "data"],
            [
                report.latest_snapshot_id,
                report.pk,
                report.latest_revision,
                report.latest_snapshot_data,
            ],
        )
        report.latest_snapshot.report = report
    report.review_criteria = _instances(Criterion, report.criteria_rows, db=db)
    # The title in the reader's language, as modeltranslation gives it from the columns.
    report.commitment_titles = {
        c.number: c.title for c in _instances(Commitment, report.commitment_rows, db=db)
    }
    # Found through the user's assignment and outside their conflicts: the predicates of
    # this request need not ask the database again.
    assigned_remember(user, report)
    conflict_free_remember(user, report.city_id)
    return report


def report_with_latest_revision(*, year: int, slug: str) -> Report:
    """Any report of the cycle (staff and the Board), with its city, cycle and
    questionnaire and the number of its latest frozen revision, in one query."""
    latest = ReportSnapshot.objects.filter(report=OuterRef("pk")).order_by("-revision")
    return get_object_or_404(
        Report.objects.select_related("city", "cycle", "questionnaire").annotate(
            latest_revision=Subquery(latest.values("revision")[:1])
        ),
        cycle__year=year,
        city__slug=slug,
    )


def letter_of(report) -> Letter | None:
    """The report's letter when it was fetched with select_related("letter")."""
    try:
        return report.letter
    except Letter.DoesNotExist:
        return None


def report_measures(*, report, snapshot=None) -> list[Measure]:
    """The report's measures in their order (titles only): the review form's rows. With
    the frozen revision the reviewer reads, they are the ones it holds, without a query
    (a report under review cannot change, so they are the stored ones)."""
    if snapshot is not None:
        return [
            Measure(pk=m["id"], report_id=report.pk, order=m.get("order", 0), title=m["title"])
            for m in snapshot.data.get("measures", [])
            if "id" in m
        ]
    return list(report.measures.order_by("order", "pk").only("pk", "title", "order", "report_id"))


def review_form(
    *, review, measures: list, criteria: list, commitments: dict, posted=None, errors=None
) -> dict:
    """The rows of the review form: feedback per commitment ({number: title}) and, for
    every level-2 measure, one row per criterion, filled from the stored review (read by
    `reviews_visible_to`) or from a refused POST."""
    stored = {}
    if review is not None:
        stored = {(a.measure_id, a.criterion_id): a for a in review.assessment_list}
    feedback = review.commitment_feedback if review else {}

    def value(name, default):
        return posted.get(name, default) if posted is not None else default

    assessed = []
    for measure in measures:
        rows = []
        for criterion in criteria:
            key = f"{measure.pk}-{criterion.pk}"
            assessment = stored.get((measure.pk, criterion.pk))
            rows.append(
                {
                    "criterion": criterion,
                    "key": key,
                    "score": str(value(f"score-{key}", assessment.score if assessment else "")),
                    "comment": value(f"comment-{key}", assessment.comment if assessment else ""),
                    "error": (errors or {}).get(f"score-{key}"),
                }
            )
        assessed.append({"measure": measure, "rows": rows})
    return {
        "commitment_rows": [
            {"number": n, "title": title, "text": value(f"cf-{n}", feedback.get(str(n), ""))}
            for n, title in sorted(commitments.items())
        ],
        "assessed_measures": assessed,
        "criteria": criteria,
        "error_list": [
            {"id": "id_" + name.replace("-", "_", 1), "message": message}
            for name, message in (errors or {}).items()
        ],
        "scores": [str(n) for n in range(SCORE_MIN, SCORE_MAX + 1)],
        "texts": {
            name: value(name, getattr(review, name, "") if review else "")
            for name in ("general_conclusion", "individual_feedback")
        },
    }


def assessment_field_labels(*, report, keys) -> dict[str, str]:
    """{"score-<measure>-<criterion>": "Measure 2 “Title”, “Relevance”"} for the given
    (measure id, criterion id) pairs, numbered as the form numbers the measures: what a
    message names so that the reviewer finds the field. Two queries."""
    if not keys:
        return {}
    numbers = {
        pk: (n, title)
        for n, (pk, title) in enumerate(
            report.measures.order_by("order", "pk").values_list("pk", "title"), start=1
        )
    }
    criteria = dict(
        Criterion.objects.filter(
            cycle_id=report.cycle_id, pk__in={c for _m, c in keys}
        ).values_list("pk", "title")
    )
    labels = {}
    for measure_id, criterion_id in keys:
        number, title = numbers.get(measure_id, (0, ""))
        labels[f"score-{measure_id}-{criterion_id}"] = _(
            "Measure %(number)s “%(title)s”, “%(criterion)s”"
        ) % {
            "number": number,
            "title": title or _("Untitled measure"),
            "criterion": criteria.get(criterion_id, ""),
        }
    return labels


def others_assessments(others, *, measures: list) -> list[dict]:
    """Co-reviewers' scores grouped by measure, for the comparison once one's own review
    is saved: reviews with their `assessment_list`, each with its criterion."""
    titles = {measure.pk: measure.title for measure in measures}
    out = []
    for other in others:
        by_measure: dict = {}
        for assessment in other.assessment_list:
            by_measure.setdefault(assessment.measure_id, []).append(assessment)
        out.append(
            {
                "review": other,
                "measures": [
                    {"title": titles.get(mid, ""), "assessments": rows}
                    for mid, rows in by_measure.items()
                ],
                "commitment_feedback": sorted(
                    other.commitment_feedback.items(), key=lambda kv: int(kv[0])
                ),
            }
        )
    return out


def outbox_letters(*, cycle) -> list[Letter]:
    """The cycle's letters, unsent first, in one query. `finaliser_withdrew`: a letter
    not yet sent whose finalising reviewer is no longer assigned to the report (a
    conflict declared since); the outbox flags it."""
    assigned = Assignment.objects.filter(
        report_id=OuterRef("report_id"), reviewer_id=OuterRef("finalised_by_id")
    )
    return list(
        Letter.objects.filter(report__cycle=cycle)
        .select_related("report__city", "finalised_by")
        .annotate(finaliser_assigned=Exists(assigned))
        .order_by("state", "report__city__name")
    )


# Letters the office still has to send (a letter being sent counts: it may need sending
# again after an interruption).
UNSENT_LETTER_STATES = (LetterState.READY, LetterState.FAILED, LetterState.SENDING)


def _sees_every_report(user) -> bool:
    return user.is_staff or user.is_board_member


def review_work(*, user) -> dict[int, dict]:
    """{cycle year: counts} of the work open for this person in every cycle, in one
    query: `open`, the reports under review (a reviewer's: those assigned to them), and
    among them `unassigned`, `in_review` and `letters` (a letter to send). Only cycles
    with open work appear, newest first."""
    reports = Report.objects.filter(state=ReportState.SUBMITTED)
    if not _sees_every_report(user):
        reports = reports.filter(
            Exists(Assignment.objects.filter(report=OuterRef("pk"), reviewer=user))
        )
    rows = (
        reports.order_by()
        .annotate(
            assigned=Exists(Assignment.objects.filter(report=OuterRef("pk"))),
            letter_state=Subquery(Letter.objects.filter(report=OuterRef("pk")).values("state")),
        )
        .values_list("cycle__year", "assigned", "letter_state")
    )
    work: dict[int, dict] = {}
    for year, assigned, letter_state in rows:
        counts = work.setdefault(year, {"open": 0, "unassigned": 0, "in_review": 0, "letters": 0})
        counts["open"] += 1
        if letter_state in UNSENT_LETTER_STATES:
            counts["letters"] += 1
        elif assigned:
            counts["in_review"] += 1
        else:
            counts["unassigned"] += 1
    return dict(sorted(work.items(), reverse=True))


def cycle_switcher(*, user, cycle, letters: bool = False) -> list[dict]:
    """Every cycle, newest first, with the number of open items it holds for this
    person: reports under review (a reviewer's own), or with `letters` the letters to
    send. Two queries; `current` marks the cycle shown."""
    work = review_work(user=user)
    key = "letters" if letters else "open"
    return [
        {
            "year": year,
            "open": work.get(year, {}).get(key, 0),
            "current": year == cycle.year,
        }
        for year in ReportingCycle.objects.order_by("-year").values_list("year", flat=True)
    ]


def outbox_cycle(*, user) -> ReportingCycle | None:
    """The cycle the outbox opens on without a year: the newest with a letter to send,
    else the one with open review work."""
    return (
        ReportingCycle.objects.filter(reports__letter__state__in=UNSENT_LETTER_STATES)
        .order_by("-year")
        .first()
    ) or cycle_with_open_work(user=user)


def letter_sent(*, report) -> bool:
    return Letter.objects.filter(report=report, state=LetterState.SENT).exists()


# Level-1 free texts where cities describe their challenges and needs: what the Board
# reads to write the general feedback.
OVERVIEW_TEXT_QUESTIONS = ("challenges_biggest", "challenges_resistance", "needs_details")


def cycle_overview(*, cycle) -> dict:
    """The figures the general feedback draws on, for reviewers, staff and the Board:
    reports per state, measures per commitment, challenges and needs (counts and the
    cities' own words), in a fixed number of queries."""
    current = figures.cycle_figures(cycle)
    state_bars = [
        figures.Bar(key=state, label=str(label), value=current.by_state.get(state, 0))
        for state, label in ReportState.choices
    ]
    answers = (
        Answer.objects.filter(
            report__cycle=cycle,
            report__state__in=REVIEWABLE_STATES,
            measure=None,
            question__code__in=OVERVIEW_TEXT_QUESTIONS,
        )
        .select_related("report__city", "question")
        .order_by("question__section__order", "question__order", "report__city__name")
    )
    texts: dict = {}
    for answer in answers:
        if isinstance(answer.value, str) and answer.value.strip():
            block = texts.setdefault(
                answer.question.code, {"question": answer.question, "answers": []}
            )
            block["answers"].append({"city": answer.report.city, "text": answer.value})
    return {
        "figures": current,
        "charts": [
            figures.bar_chart(
                title=_("Reports by stage"),
                series=[(str(cycle.year), state_bars)],
                chart_id="overview-states",
            ),
            figures.bar_chart(
                title=_("Measures per commitment"),
                series=[(str(cycle.year), current.measures_per_commitment)],
                chart_id="overview-commitments",
            ),
            figures.bar_chart(
                title=_("Main challenges reported"),
                series=[(str(cycle.year), current.challenges)],
                chart_id="overview-challenges",
            ),
            figures.bar_chart(
                title=_("What cities expect from the coalition"),
                series=[(str(cycle.year), current.needs)],
                chart_id="overview-needs",
            ),
        ],
        "overview_texts": list(texts.values()),
    }


def letters_to_send(*, cycle, letter_id: int | None = None):
    """The cycle's letters that sending would mail now (ready, or failed and to be tried
    again), or only the one with `letter_id`, with what the confirmation page names: the
    city, its mayor and the primary account in copy."""
    letters = Letter.objects.filter(
        report__cycle=cycle, state__in=[LetterState.READY, LetterState.FAILED]
    )
    if letter_id is not None:
        letters = letters.filter(pk=letter_id)
    return letters.select_related("report__city", "report__cycle").order_by("report__city__name")


def letters_interrupted(*, cycle, letter_id: int):
    """The letter whose sending was interrupted and flagged, to be sent again."""
    return (
        Letter.objects.filter(report__cycle=cycle, state=LetterState.SENDING, pk=letter_id)
        .exclude(error="")
        .select_related("report__city", "report__cycle")
    )


def letter_recipients(letters) -> list[dict]:
    """Per letter, whom sending mails: the mayor, and the city's active primary account
    in copy (two queries whatever the number of letters)."""
    letters = list(letters)
    primaries = {
        account.city_id: account.user.email
        for account in CityAccount.objects.filter(
            city_id__in=[letter.report.city_id for letter in letters],
            role=AccountRole.PRIMARY,
            is_active=True,
        ).select_related("user")
    }
    return [
        {
            "letter": letter,
            "city": letter.report.city,
            "to": letter.report.city.mayor_email,
            "cc": primaries.get(letter.report.city_id, ""),
        }
        for letter in letters
    ]
