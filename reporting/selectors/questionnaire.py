"""Reads of a questionnaire's structure."""

from collections import defaultdict

from reporting.models import Choice, Commitment, Question, Section


def questionnaire_structure(*, questionnaire, level: int | None = None, choices: bool = True):
    """Sections with their questions and choices, in three queries whatever their number
    (two with `choices=False`, for readers that only count answers).

    `section.questions.all()` and `question.choices.all()` answer from what was loaded
    (lists, in order): the rows are attached by hand instead of through
    prefetch_related, which builds a queryset per section and per question (with
    modeltranslation's lookup rewriting, a third of a report page's time)."""
    sections = Section.objects.filter(questionnaire=questionnaire)
    if level is not None:
        sections = sections.filter(level=level)
    structure = list(sections.order_by("level", "order", "pk"))
    questions = list(
        Question.objects.filter(section__in=[s.pk for s in structure])
        .order_by("order", "pk")
        .select_related("show_if_question")
    )
    _attach(structure, "questions", questions, "section")
    if choices:
        options = Choice.objects.filter(question__in=[q.pk for q in questions])
        _attach(questions, "choices", list(options.order_by("order", "pk")), "question")
    # A condition names a question of the same questionnaire and level, so its trigger
    # is in the structure: the note "Only if the answer to ... is ..." reads the trigger's
    # choice labels from there instead of one query per conditional question.
    by_pk = {q.pk: q for q in questions}
    for q in questions:
        if q.show_if_question_id in by_pk:
            q.show_if_question = by_pk[q.show_if_question_id]
    return structure


def _attach(parents: list, name: str, children: list, field: str) -> None:
    """Gives each parent its children as the related manager's prefetched rows (`name`:
    the relation's related_name) and each child its parent (`field`: the foreign key)."""
    by_parent = defaultdict(list)
    for child in children:
        by_parent[getattr(child, f"{field}_id")].append(child)
    by_pk = {parent.pk: parent for parent in parents}
    for child in children:
        setattr(child, field, by_pk[getattr(child, f"{field}_id")])
    for parent in parents:
        parent.__dict__.setdefault("_prefetched_objects_cache", {})[name] = by_parent[parent.pk]


def personal_codes(structure) -> frozenset[str]:
    """The codes of the personal questions (`Question.personal`: a contact's name,
    email ...) of a `questionnaire_structure`, read from its loaded questions, so that
    every reader hides the same answers without a query of its own."""
    return frozenset(q.code for section in structure for q in section.questions.all() if q.personal)


def commitments_for(questionnaire) -> dict[int, str]:
    if questionnaire is None:
        return {}
    return {c.number: c.title for c in Commitment.objects.filter(plan_id=questionnaire.plan_id)}
