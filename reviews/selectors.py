from django.db.models import Count, Exists, OuterRef, Prefetch

from reporting.enums import ReportState
from reporting.models import Report

from .enums import LetterState
from .models import Assignment, Letter, Review


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
    rows = []
    for report in reports:
        if report.letter_sent:
            state = "sent"
        elif report.has_letter:
            state = "letter_ready"
        elif report.n_reviews:
            state = "in_review"
        elif report.n_assigned:
            state = "assigned"
        else:
            state = "unassigned"
        rows.append({"report": report, "state": state})
    return rows


def reviews_visible_to(*, report, user):
    """Other reviewers' work appears only once the user has saved their own, so nobody
    anchors on a colleague's scores."""
    own = Review.objects.filter(report=report, reviewer=user).first()
    if own is None or own.state == "draft":
        return own, []
    others = (
        Review.objects.filter(report=report)
        .exclude(reviewer=user)
        .select_related("reviewer")
        .prefetch_related("assessments")
    )
    return own, list(others)
