"""Reads of a questionnaire's structure."""

from django.db.models import Prefetch

from reporting.models import Commitment, Question, Section


def questionnaire_structure(*, questionnaire, level: int | None = None, choices: bool = True):
    """Sections with their questions and choices, in three queries whatever their number
    (two with `choices=False`, for readers that only count answers)."""
    sections = Section.objects.filter(questionnaire=questionnaire)
    if level is not None:
        sections = sections.filter(level=level)
    questions = Question.objects.order_by("order", "pk").select_related("show_if_question")
    if choices:
        questions = questions.prefetch_related("choices")
    structure = list(
        sections.order_by("level", "order", "pk").prefetch_related(
            Prefetch("questions", queryset=questions)
        )
    )
    # A condition names a question of the same questionnaire and level, so its trigger
    # is in the structure: the note "Only if the answer to ... is ..." reads the trigger's
    # choice labels from there instead of one query per conditional question.
    by_pk = {q.pk: q for section in structure for q in section.questions.all()}
    for section in structure:
        for q in section.questions.all():
            if q.show_if_question_id in by_pk:
                q.show_if_question = by_pk[q.show_if_question_id]
    return structure


def personal_codes(structure) -> frozenset[str]:
    """The codes of the personal questions (`Question.personal`: a contact's name,
    email ...) of a `questionnaire_structure`, read from its loaded questions, so that
    every reader hides the same answers without a query of its own."""
    return frozenset(q.code for section in structure for q in section.questions.all() if q.personal)


def commitments_for(questionnaire) -> dict[int, str]:
    if questionnaire is None:
        return {}
    return {c.number: c.title for c in Commitment.objects.filter(plan_id=questionnaire.plan_id)}
