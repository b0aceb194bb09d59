"""Writes on a report's content: answers, measures, the attachment, the answers carried
over from the previous cycle, the report's language. `services.reports.report_transition`
stays the only function that changes a state."""

import logging
import os
import unicodedata

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from eccar import translation as mt
from eccar.celery import app
from eccar.errors import ServiceError
from eccar.ratelimit import allow
from reporting.answers import clean_answer_value, is_answered
from reporting.enums import LANGUAGE_CHOICES, QuestionType, SectionLevel
from reporting.models import Answer, Attachment, Commitment, Measure, Question, Report, User
from reporting.rules import EDITABLE_STATES
from reporting.selectors.machine_translation import TEXT_TYPES
from reporting.tasks import task_report_translate
from reporting.uploads import sniff_upload

logger = logging.getLogger("eccar.reporting")


MEASURE_TITLE_CODE = "m_title"


class ConflictError(ServiceError):
    """Someone else saved this answer since the editor loaded it."""

    def __init__(self, message, *, answer: Answer):
        super().__init__(message, code="conflict")
        self.answer = answer


def _ensure_editable(report: Report) -> None:
    """Locks the report's row for the rest of the caller's transaction and checks the
    state stored now, not the one the view loaded a moment ago. The submission locks
    the same row: a save that arrives while a submission runs waits for it, then finds
    the report frozen, so nothing is written after the frozen copy is taken."""
    stored = (
        Report.objects.select_for_update().filter(pk=report.pk).values_list("state", flat=True)
    ).first()
    if stored not in EDITABLE_STATES:
        raise ServiceError(
            _("This report has been submitted and can no longer be changed."), code="frozen"
        )


def _commitment_numbers(report: Report) -> list[int]:
    plan_id = report.questionnaire.plan_id
    cache = getattr(report, "_commitment_numbers", None)
    if cache is None:
        cache = list(
            Commitment.objects.filter(plan_id=plan_id)
            .order_by("number")
            .values_list("number", flat=True)
        )
        report._commitment_numbers = cache
    return cache


def answer_save(
    *,
    report: Report,
    question: Question,
    raw,
    by: User,
    measure: Measure | None = None,
    expected_version: int | None = None,
) -> Answer:
    """Saves one answer, touching one row.

    `expected_version` is the version the editor loaded (0 for "no answer yet");
    a different stored version means a colleague saved in between, and the save
    is refused with both values available (ConflictError). None skips the check.
    Saving the value already stored changes nothing (a harmless double submit).
    """
    if question.questionnaire_id != report.questionnaire_id:
        raise ServiceError(_("This question does not belong to this report."), code="foreign")
    is_measure_question = question.section.level == SectionLevel.MEASURE
    if is_measure_question != (measure is not None):
        raise ServiceError(_("This question does not belong here."), code="foreign")
    if measure is not None and measure.report_id != report.pk:
        raise ServiceError(_("This measure does not belong to this report."), code="foreign")
    with transaction.atomic():
        _ensure_editable(report)
        # The plan's commitment numbers are read only for the question that lists them.
        numbers = _commitment_numbers(report) if question.type == QuestionType.COMMITMENTS else []
        value = clean_answer_value(question, raw, commitment_numbers=numbers)
        answer = (
            Answer.objects.select_for_update()
            .filter(report=report, question=question, measure=measure)
            .first()
        )
        if answer is None:
            if expected_version not in (None, 0):
                raise ServiceError(_("This answer no longer exists. Reload the page."))
            if value is None:
                # Nothing typed and nothing stored: no row for an empty field.
                return Answer(report=report, question=question, measure=measure, version=0)
            try:
                with transaction.atomic():
                    answer = Answer.objects.create(
                        report=report,
                        question=question,
                        measure=measure,
                        value=value,
                        updated_by=by,
                    )
            except IntegrityError:
                # A colleague created the same answer a moment ago.
                answer = Answer.objects.get(report=report, question=question, measure=measure)
                if answer.value != value:
                    raise ConflictError(_conflict_message(answer), answer=answer) from None
                return answer
        else:
            if answer.value == value and not answer.carried_over:
                return answer
            stale = expected_version is not None and expected_version != answer.version
            if stale and answer.value != value:
                raise ConflictError(_conflict_message(answer), answer=answer)
            now = timezone.now()
            Answer.objects.filter(pk=answer.pk).update(
                value=value,
                version=F("version") + 1,
                carried_over=False,
                updated_by=by,
                updated_at=now,
            )
            # The row is locked since it was read: the stored values are known without
            # reading them back.
            answer.value, answer.version, answer.carried_over = value, answer.version + 1, False
            answer.updated_at, answer.updated_by = now, by
        if question.code == MEASURE_TITLE_CODE and measure is not None:
            Measure.objects.filter(pk=measure.pk).update(title=(value or "")[:300])
        if question.type in TEXT_TYPES:
            translation_schedule(report=report)
    return answer


def _conflict_message(answer: Answer) -> str:
    who = answer.updated_by.get_full_name() if answer.updated_by else _("a colleague")
    return _(
        "%(who)s changed this answer at %(time)s while you were editing it. "
        "Both versions are shown: keep one, or combine them, and save again."
    ) % {"who": who, "time": timezone.localtime(answer.updated_at).strftime("%H:%M")}


def section_save(*, report: Report, items: list[dict], by: User) -> dict:
    """Saves the answers of one form (a section, or one measure) one by one.

    Valid answers are stored even when others are refused, so an error in one
    field never costs the work done in the others. Returns {"saved": [...],
    "errors": {key: ServiceError}} where key is (question_id, measure_id)."""
    saved, errors = [], {}
    for item in items:
        key = (item["question"].pk, item["measure"].pk if item["measure"] else None)
        try:
            saved.append(
                answer_save(
                    report=report,
                    question=item["question"],
                    measure=item["measure"],
                    raw=item["raw"],
                    expected_version=item.get("expected_version"),
                    by=by,
                )
            )
        except ServiceError as error:
            if error.code == "frozen":
                raise
            errors[key] = error
    return {"saved": saved, "errors": errors}


def measure_add(*, report: Report, by: User) -> Measure:
    with transaction.atomic():
        _ensure_editable(report)
        last = report.measures.aggregate(m=Max("order"))["m"]
        measure = Measure.objects.create(report=report, order=(last or 0) + 1)
    logger.info("measure added report=%s by=%s", report.pk, by.pk)
    return measure


def measure_delete(*, measure: Measure, by: User) -> None:
    with transaction.atomic():
        _ensure_editable(measure.report)
        measure.delete()
    logger.info("measure deleted report=%s by=%s", measure.report_id, by.pk)


def measure_move(*, measure: Measure, direction: str, by: User) -> None:
    """Swaps the measure with its neighbour above ("up") or below ("down")."""
    if direction not in ("up", "down"):
        raise ServiceError(_("Unknown direction."))
    with transaction.atomic():
        _ensure_editable(measure.report)
        siblings = list(
            Measure.objects.select_for_update()
            .filter(report_id=measure.report_id)
            .order_by("order", "pk")
        )
        index = next(i for i, m in enumerate(siblings) if m.pk == measure.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(siblings):
            return
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, item in enumerate(siblings, start=1):
            if item.order != position:
                Measure.objects.filter(pk=item.pk).update(order=position)


def report_prefill_from_previous(*, report: Report, by: User) -> int:
    """Copies the answers of the city's last report where the question codes still
    exist (attachments not), marked `carried_over` until someone confirms them."""
    previous = (
        Report.objects.filter(city_id=report.city_id, cycle__year__lt=report.cycle.year)
        .exclude(questionnaire=None)
        .order_by("-cycle__year")
        .first()
    )
    questions = {q.code: q for q in Question.objects.filter(questionnaire=report.questionnaire)}
    copied = 0
    with transaction.atomic():
        _ensure_editable(report)
        if previous is None or report.answers.exists() or report.measures.exists():
            return 0
        measure_map = {}
        for old in previous.measures.order_by("order", "pk"):
            measure_map[old.pk] = Measure.objects.create(
                report=report, order=old.order, title=old.title
            )
        new_answers = []
        for old in previous.answers.select_related("question"):
            question = questions.get(old.question.code)
            if question is None or not is_answered(old.value):
                continue
            if (old.measure_id is None) != (question.section.level == SectionLevel.OVERVIEW):
                continue
            new_answers.append(
                Answer(
                    report=report,
                    question=question,
                    measure=measure_map.get(old.measure_id),
                    value=old.value,
                    carried_over=True,
                    updated_by=by,
                )
            )
        Answer.objects.bulk_create(new_answers)
        copied = len(new_answers)
    return copied


MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024


def attachment_upload(
    *, report: Report, uploaded_file, by: User, replace: bool = False
) -> Attachment:
    """Stores the report's one attachment. An earlier one is replaced only when
    `replace` says so (the person confirmed it); otherwise the upload is refused and
    the earlier file stays. Size and type are checked on the content, not on the
    file's name."""

    if uploaded_file.size > MAX_ATTACHMENT_BYTES:
        raise ServiceError(
            _("The file is too large (%(size)s MB). At most 5 MB are allowed.")
            % {"size": round(uploaded_file.size / 1024 / 1024, 1)},
            field="file",
        )
    content_type, extension = sniff_upload(uploaded_file)
    name = _safe_name(uploaded_file.name, extension)
    with transaction.atomic():
        _ensure_editable(report)
        old = Attachment.objects.select_for_update().filter(report=report).first()
        if old is not None and not replace:
            raise ServiceError(
                _(
                    "A file is already attached (“%(name)s”): a report has one attachment. "
                    "Tick “Replace the attached file” to replace it."
                )
                % {"name": old.original_name},
                field="file",
                code="exists",
            )
        old_file = old.file.name if old else None
        attachment = old or Attachment(report=report)
        attachment.original_name = name
        attachment.content_type = content_type
        attachment.size = uploaded_file.size
        attachment.uploaded_by = by
        uploaded_file.seek(0)
        attachment.file.save(name, uploaded_file, save=False)
        attachment.save()
        if old_file and old_file != attachment.file.name:
            storage = attachment.file.storage
            transaction.on_commit(lambda: storage.delete(old_file))
    return attachment


def _safe_name(name: str, extension: str) -> str:
    base = os.path.splitext(os.path.basename(name or ""))[0]
    base = unicodedata.normalize("NFKC", base)
    base = (
        "".join(c for c in base if c.isalnum() or c in " -_.()")[:100].strip(" .") or "attachment"
    )
    return f"{base}.{extension}"


def attachment_delete(*, report: Report, by: User) -> None:
    with transaction.atomic():
        _ensure_editable(report)
        attachment = Attachment.objects.filter(report=report).first()
        if attachment:
            name, storage = attachment.file.name, attachment.file.storage
            attachment.delete()
            transaction.on_commit(lambda: storage.delete(name))


def report_language_set(*, report: Report, language: str, by: User) -> bool:
    """Records the language the city writes its report in; returns whether it changed.
    A change asks for the report's translation again."""
    if language not in dict(LANGUAGE_CHOICES):
        raise ServiceError(
            _("Unknown language. Please choose one from the list."), field="language"
        )
    with transaction.atomic():
        _ensure_editable(report)
        if language == report.source_language:
            return False
        Report.objects.filter(pk=report.pk).update(source_language=language)
        report.source_language = language
        translation_schedule(report=report)
    logger.info("report language=%s report=%s by=%s", language, report.pk, by.pk)
    return True


def translation_schedule(*, report: Report) -> None:
    """Asks for a translation once saves have settled: at most one task per report per
    debounce window, however many answers are typed."""
    if mt.get_backend() is None:
        return

    if app.conf.task_always_eager:
        # Without a worker the task would run inside the save request: translation
        # must never slow a save, so it waits for the submission or a staff re-run.
        return
    # One task per report and debounce window: the window is a rate limit of one.
    if allow(
        scope="translate-scheduled",
        key=str(report.pk),
        limit=1,
        period=settings.TRANSLATION_DEBOUNCE_SECONDS,
    ):
        transaction.on_commit(
            lambda: task_report_translate.apply_async(
                kwargs={"report_id": report.pk}, countdown=settings.TRANSLATION_DEBOUNCE_SECONDS
            )
        )
