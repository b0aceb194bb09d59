"""How far a report is: per section, per measure and overall, counting required answers
(the GOV.UK task-list pattern). The overview, the measure list and the pre-submit check
read it in four queries whatever the number of sections and measures; the edit pages
count the answers they have already loaded, without another query."""

from dataclasses import dataclass, field

from django.db.models import Q

from reporting.answers import is_answered
from reporting.enums import ProgressStatus, SectionLevel
from reporting.models import Measure, Question


@dataclass
class Progress:
    """Answers of the questions shown (a conditional question counts only when its
    condition is met); the status reads the required ones only."""

    required: int = 0
    required_answered: int = 0
    answered: int = 0
    total: int = 0

    @property
    def status(self) -> str:
        if self.required and self.required_answered == self.required:
            return ProgressStatus.COMPLETE
        if not self.required and self.answered:
            # Nothing is required here: whatever was written completes it.
            return ProgressStatus.COMPLETE
        if self.answered:
            return ProgressStatus.IN_PROGRESS
        return ProgressStatus.NOT_STARTED

    @property
    def status_label(self) -> str:
        return ProgressStatus(self.status).label

    @property
    def optional(self) -> bool:
        """Nothing is required here (for the "(optional)" mark)."""
        return self.required == 0

    def add(self, other: "Progress") -> None:
        self.required += other.required
        self.required_answered += other.required_answered
        self.answered += other.answered
        self.total += other.total


def condition_met(question, values: dict, owner) -> bool:
    """Whether a conditional question is asked, from `values` = {(question_id, owner):
    stored value} of the questions that others depend on."""
    if question.show_if_question_id is None:
        return True
    value = values.get((question.show_if_question_id, owner))
    if value is None:
        return False
    if isinstance(value, list):
        return question.show_if_value in [str(v) for v in value]
    return str(value) == question.show_if_value


def count_progress(questions, *, answered: set, values: dict, owner, missing=None) -> Progress:
    """Counts `questions` of one owner (None for level 1, a measure's id for level 2).
    `answered` holds the (question_id, owner) keys answered; unanswered required
    questions are appended to `missing` when a list is given."""
    progress = Progress()
    for question in questions:
        if not condition_met(question, values, owner):
            continue
        done = (question.pk, owner) in answered
        progress.total += 1
        progress.answered += done
        if question.required:
            progress.required += 1
            progress.required_answered += done
            if not done and missing is not None:
                missing.append(question)
    return progress


def progress_from_answers(sections, answers: dict, owner) -> dict[int, Progress]:
    """{section id: Progress} from answers an edit page has loaded already
    ({(question_id, measure_id): Answer}); no query."""
    answered = {key for key, answer in answers.items() if is_answered(answer.value)}
    values = {key: answer.value for key, answer in answers.items()}
    return {
        section.pk: count_progress(
            section.questions.all(), answered=answered, values=values, owner=owner
        )
        for section in sections
    }


@dataclass
class SectionRow:
    section: object
    progress: Progress


@dataclass
class MeasureRow:
    measure: Measure
    number: int
    progress: Progress
    sections: list[SectionRow] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.measure.title


@dataclass
class MissingAnswer:
    section: object
    question: Question
    measure: Measure | None = None
    number: int | None = None

    @property
    def measure_id(self):
        return self.measure.pk if self.measure else None


@dataclass
class TaskList:
    sections: list[SectionRow]
    measure_sections: list
    measures: list[MeasureRow]
    overall: Progress
    missing: list[MissingAnswer]
    carried_over: int


def _answered_filter() -> Q:
    # is_answered() in SQL: neither SQL NULL nor JSON null, "" or [].
    return Q(value__isnull=False) & ~Q(value=None) & ~Q(value="") & ~Q(value=[])


def report_task_list(*, report) -> TaskList:
    """Level 1 per section, every measure (with its sub-sections) and the whole report,
    with the missing required answers in questionnaire order. Four queries: the
    questions with their sections, the measures, the answered keys, and the values of
    the questions others depend on."""
    questions = list(
        Question.objects.filter(questionnaire_id=report.questionnaire_id)
        .select_related("section")
        .order_by("section__level", "section__order", "section__pk", "order", "pk")
    )
    by_section: dict[int, list] = {}
    sections = []
    for question in questions:
        if question.section_id not in by_section:
            by_section[question.section_id] = []
            sections.append(question.section)
        by_section[question.section_id].append(question)
    measures = list(Measure.objects.filter(report=report).order_by("order", "pk"))
    answered, carried_over = set(), 0
    for question_id, measure_id, carried in (
        report.answers.filter(_answered_filter())
        .order_by()
        .values_list("question_id", "measure_id", "carried_over")
    ):
        answered.add((question_id, measure_id))
        carried_over += carried
    triggers = {q.show_if_question_id for q in questions if q.show_if_question_id}
    values = {}
    if triggers:
        values = {
            (question_id, measure_id): value
            for question_id, measure_id, value in report.answers.filter(question_id__in=triggers)
            .order_by()
            .values_list("question_id", "measure_id", "value")
        }

    overall, missing = Progress(), []
    level_one, measure_sections = [], []
    for section in sections:
        if section.level == SectionLevel.OVERVIEW:
            gaps = []
            progress = count_progress(
                by_section[section.pk], answered=answered, values=values, owner=None, missing=gaps
            )
            missing += [MissingAnswer(section=section, question=q) for q in gaps]
            overall.add(progress)
            level_one.append(SectionRow(section=section, progress=progress))
        else:
            measure_sections.append(section)
    rows = []
    for number, measure in enumerate(measures, start=1):
        row = MeasureRow(measure=measure, number=number, progress=Progress())
        for section in measure_sections:
            gaps = []
            progress = count_progress(
                by_section[section.pk],
                answered=answered,
                values=values,
                owner=measure.pk,
                missing=gaps,
            )
            missing += [
                MissingAnswer(section=section, question=q, measure=measure, number=number)
                for q in gaps
            ]
            row.progress.add(progress)
            row.sections.append(SectionRow(section=section, progress=progress))
        overall.add(row.progress)
        rows.append(row)
    # The check lists level 1 first, then each measure in its order.
    return TaskList(
        sections=level_one,
        measure_sections=measure_sections,
        measures=rows,
        overall=overall,
        missing=missing,
        carried_over=carried_over,
    )
