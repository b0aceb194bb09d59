"""Demo reviews for `seed_demo`: criteria for every cycle, the 2025 letters already sent
for evaluated reports, a final general feedback, one report in review (its letter ready
in the outbox) and one waiting for a reviewer. Idempotent."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from reporting.enums import ReportState
from reporting.models import Report, ReportingCycle, User

from . import services
from .enums import LetterState, ReviewState
from .models import Assignment, Criterion, GeneralFeedback, Letter, Review

CRITERIA = [
    (
        "relevance",
        "Relevance",
        "The measure answers a documented local problem of racism or discrimination.",
    ),
    ("results", "Results", "Its effects are measured and the results are convincing."),
    (
        "participation",
        "Participation",
        "The people concerned and civil society helped design and run it.",
    ),
    ("sustainability", "Sustainability", "Funding, staff and a mandate keep it going."),
    ("transferability", "Transferability", "Another city could adopt it with modest effort."),
]

GENERAL_FEEDBACK_2025 = (
    "The reports of this cycle show cities that have moved from single projects to "
    "strategies: most have a council mandate and a named unit. Three needs recur: common "
    "equality indicators, stable funding for counselling services, and exchange between "
    "cities of similar size. The Board invites every city to publish its report so that "
    "others can learn from it."
)


def seed_reviews() -> None:
    reviewer = User.objects.get(email="reviewer@eccar.test")
    for cycle in ReportingCycle.objects.all():
        for order, (code, title, description) in enumerate(CRITERIA):
            Criterion.objects.get_or_create(
                cycle=cycle,
                code=code,
                defaults={"order": order, "title": title, "description": description},
            )
    cycle = ReportingCycle.objects.filter(year=2025).first()
    if cycle is None:
        return
    general = GeneralFeedback.objects.filter(cycle=cycle, is_final=True).first()
    if general is None:
        general = GeneralFeedback.objects.create(
            cycle=cycle, version=1, text=GENERAL_FEEDBACK_2025, is_final=True, created_by=None
        )
    criteria = list(cycle.criteria.all())
    evaluated = Report.objects.filter(
        cycle=cycle,
        state__in=[ReportState.FEEDBACK_RECEIVED, ReportState.UPDATING, ReportState.PUBLISHED],
    ).select_related("city", "cycle", "questionnaire")
    for report in evaluated:
        if Letter.objects.filter(report=report).exists():
            continue
        Assignment.objects.get_or_create(report=report, reviewer=reviewer)
        conclusion = (
            f"{report.city.name} has a clear political mandate and a unit that coordinates the "
            "work against racism; the measures reported are concrete and several are "
            "evaluated."
        )
        feedback = (
            "The Board encourages the city to collect equality data so that the effect of its "
            "measures can be shown, and to involve the people concerned in their evaluation."
        )
        review, _created = Review.objects.get_or_create(
            report=report,
            reviewer=reviewer,
            defaults={
                "state": ReviewState.FINAL,
                "general_conclusion": conclusion,
                "individual_feedback": feedback,
                "commitment_feedback": {"3": "The counselling offer is well known and used."},
            },
        )
        for index, measure in enumerate(report.measures.all()):
            for position, criterion in enumerate(criteria):
                review.assessments.get_or_create(
                    measure=measure,
                    criterion=criterion,
                    defaults={"score": 2 + (index + position + report.pk) % 3},
                )
        with transaction.atomic():
            letter = Letter.objects.create(
                report=report,
                finalised_by=reviewer,
                general_conclusion=conclusion,
                individual_feedback=feedback,
                commitment_feedback=review.commitment_feedback,
                general_feedback=general,
                state=LetterState.SENT,
                sent_at=timezone.now(),
                dated=timezone.localdate(),
                sent_to=[report.city.mayor_email] if report.city.mayor_email else [],
            )
            # A sent letter has its reference, as one mailed by the outbox does.
            services._letter_number(letter)
            letter.save(update_fields=["number", "reference"])
        letter.pdf.save(f"{report.pk}.pdf", ContentFile(services.letter_render(letter=letter)))
        services._notify_evaluated(report)

    in_review = Report.objects.filter(
        cycle=cycle, state=ReportState.SUBMITTED, city__name="Nantes"
    ).first()
    if in_review is not None and not Review.objects.filter(report=in_review).exists():
        Assignment.objects.get_or_create(report=in_review, reviewer=reviewer)
        review = Review.objects.create(
            report=in_review,
            reviewer=reviewer,
            state=ReviewState.SAVED,
            general_conclusion=(
                "Nantes shows a strong partnership with associations; the action plan would "
                "gain from measurable targets."
            ),
        )
        measure = in_review.measures.first()
        if measure is not None and criteria:
            review.assessments.create(measure=measure, criterion=criteria[0], score=3)
        # Its letter is finalised and waits in the 2025 outbox, so the office has one to
        # send (the reviewer may still change the review until it goes).
        services.review_finalise(report=in_review, by=reviewer)
