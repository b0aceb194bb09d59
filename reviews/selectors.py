from django.db.models import Count, Exists, OuterRef, Prefetch
from django.utils.translation import gettext as _

from reporting.enums import ReportState
from reporting.library import figures
from reporting.models import Answer, Report
from reporting.rules import REVIEWABLE_STATES
from reporting.selectors.questionnaire import commitments_for

from .enums import SCORE_MAX, SCORE_MIN, LetterState, ReviewProgress, ReviewState
from .models import Assignment, Criterion, Letter, Review


def worklist(*, cycle, user):
    """Submitted (and evaluated) reports of the cycle with their review state, in a fixed
    number of queries. Reviewers see the reports assigned to them; staff and the Board
    see all."""
    reports = (
        Report.objects.filter(
            cycle=cycle,
            state__in=[
                ReportState.SUBMITTED,
                ReportState.FEEDBACK_RECEIVED,
                ReportState.UPDATING,
                ReportState.PUBLISHED,
            ],
        )
        .select_related("city")
        .annotate(
            n_assigned=Count("assignments", distinct=True),
            n_reviews=Count("reviews", distinct=True),
            has_letter=Exists(Letter.objects.filter(report=OuterRef("pk"))),
            letter_sent=Exists(
                Letter.objects.filter(report=OuterRef("pk"), state=LetterState.SENT)
            ),
        )
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("reviewer"))
        )
        .order_by("city__name")
    )
    if not (user.is_staff or user.is_board_member):
        reports = reports.filter(assignments__reviewer=user)
    mine = set(
        Assignment.objects.filter(reviewer=user, report__cycle=cycle).values_list(
            "report_id", flat=True
        )
    )
    rows = []
    for report in reports:
        if report.letter_sent:
            state = ReviewProgress.SENT
        elif report.has_letter:
            state = ReviewProgress.LETTER_READY
        elif report.n_reviews:
            state = ReviewProgress.IN_REVIEW
        elif report.n_assigned:
            state = ReviewProgress.ASSIGNED
        else:
            state = ReviewProgress.UNASSIGNED
        rows.append({"report": report, "state": state, "is_mine": report.pk in mine})
    return rows


def reviews_visible_to(*, report, user):
    """Other reviewers' work appears only once the user has saved their own, so nobody
    anchors on a colleague's scores."""
    own = Review.objects.filter(report=report, reviewer=user).first()
    if own is None or own.state == ReviewState.DRAFT:
        return own, []
    others = (
        Review.objects.filter(report=report)
        .exclude(reviewer=user)
        .select_related("reviewer")
        .prefetch_related("assessments__criterion")
    )
    return own, list(others)


def review_form(*, report, review, posted=None, errors=None) -> dict:
    """The rows of the review form: feedback per commitment and, for every level-2 measure,
    one row per criterion, filled from the stored review or from a refused POST."""
    commitments = commitments_for(report.questionnaire)
    criteria = list(Criterion.objects.filter(cycle_id=report.cycle_id))
    stored = {}
    if review is not None:
        stored = {(a.measure_id, a.criterion_id): a for a in review.assessments.all()}
    feedback = review.commitment_feedback if review else {}

    def value(name, default):
        return posted.get(name, default) if posted is not None else default

    measures = []
    for measure in report.measures.order_by("order", "pk"):
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
        measures.append({"measure": measure, "rows": rows})
    return {
        "commitment_rows": [
            {"number": n, "title": title, "text": value(f"cf-{n}", feedback.get(str(n), ""))}
            for n, title in sorted(commitments.items())
        ],
        "assessed_measures": measures,
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


def others_assessments(others, *, report) -> list[dict]:
    """Co-reviewers' scores grouped by measure, for the comparison once one's own review
    is saved."""
    titles = dict(report.measures.values_list("pk", "title"))
    out = []
    for other in others:
        by_measure: dict = {}
        for assessment in other.assessments.all():
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
