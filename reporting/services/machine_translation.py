"""Machine translation of reports: which texts, into which languages, kept in a store
keyed by (text hash, source, target, engine) so nothing is sent twice.

Never touches the original answers and never fails a save or a submission: errors
end up in ReportTranslationStatus for staff to see."""

import logging

from django.db import IntegrityError, transaction

from eccar import translation as mt
from reporting.enums import ReportState
from reporting.library.entries import library_index_report
from reporting.models import (
    Answer,
    GlossaryTerm,
    MachineTranslation,
    Report,
    ReportTranslationStatus,
)
from reporting.selectors.machine_translation import report_texts, target_languages, text_hash

logger = logging.getLogger("eccar.translation")


def _set_status(report, state, message="", pending=0):
    ReportTranslationStatus.objects.update_or_create(
        report=report, defaults={"state": state, "message": message, "pending_segments": pending}
    )


def _without_personal(report: Report, texts: list[str]) -> list[str]:
    """Data minimisation: answers to personal questions (a contact's name, function,
    department, email) never reach a translation engine, not even when the same words
    are also the answer to another question."""
    personal = {
        value
        for value in Answer.objects.filter(report=report, question__personal=True).values_list(
            "value", flat=True
        )
        if isinstance(value, str)
    }
    return [text for text in texts if text not in personal]


def report_translate(*, report: Report, backend=None) -> dict:
    """Translates what is not in the store yet. Returns counts for logs and benchmarks.

    Raises mt.Transient (for the task to retry with backoff); quota, authentication
    and unsupported languages are recorded in the status instead."""
    backend = backend or mt.get_backend()
    if backend is None:
        _set_status(report, ReportTranslationStatus.State.OFF)
        return {"requests": 0, "segments": 0, "characters": 0}
    source = report.source_language or report.city.main_language
    texts = _without_personal(report, report_texts(report))
    stats = {"requests": 0, "segments": 0, "characters": 0}
    unsupported = []
    for target in target_languages(report):
        done: dict = {}
        try:
            texts_translate(
                texts=texts, source=source, target=target, backend=backend, stats=stats, done=done
            )
        except mt.QuotaExceeded as error:
            remaining = len(texts) - done.get("stored", 0)
            usage = backend.usage()
            _set_status(
                report,
                ReportTranslationStatus.State.QUOTA,
                f"{error} Usage: {usage}",
                pending=remaining,
            )
            logger.warning("translation quota exceeded report=%s", report.pk)
            return stats
        except mt.AuthFailed as error:
            _set_status(
                report,
                ReportTranslationStatus.State.FAILED,
                f"The translation service refused the key: {error}",
            )
            return stats
        except mt.Unsupported as error:
            # Other languages may still work: note this pair and go on.
            unsupported.append(f"{source}->{target} not supported: {error}")
            continue
    if unsupported:
        _set_status(report, ReportTranslationStatus.State.FAILED, "; ".join(unsupported))
    else:
        _set_status(report, ReportTranslationStatus.State.DONE)
    if report.state == ReportState.PUBLISHED and stats["segments"]:
        # New translations make a published report findable in more languages.
        library_index_report(report=report)
    return stats


def texts_translate(
    *, texts: list[str], source: str, target: str, backend=None, stats=None, done=None
) -> dict:
    """Translates the texts that are not in the store yet from `source` to `target` and
    stores them; batches and glossary as for reports. Raises the backend's errors.
    `done["stored"]` counts the texts already translated when an error stops it."""
    backend = backend or mt.get_backend()
    stats = stats if stats is not None else {"requests": 0, "segments": 0, "characters": 0}
    done = done if done is not None else {}
    known = set(
        MachineTranslation.objects.filter(
            source_language=source,
            target_language=target,
            engine=backend.engine,
            source_hash__in=[text_hash(t) for t in texts],
        ).values_list("source_hash", flat=True)
    )
    missing = [t for t in texts if text_hash(t) not in known]
    done["stored"] = len(texts) - len(missing)
    # Long answers are split at paragraph boundaries; the pieces are joined again.
    pieces = {t: mt.split_long_text(t, backend.max_bytes) for t in missing}
    flat = [p for t in missing for p in pieces[t]]
    translated: dict[str, mt.Translated] = {}
    glossary_id = None
    if flat:
        entries = dict(
            GlossaryTerm.objects.filter(source_language=source, target_language=target).values_list(
                "source", "target"
            )
        )
        glossary_id = backend.glossary_for(source=source, target=target, entries=entries)
    for group in mt.batches(flat, max_texts=backend.max_texts, max_bytes=backend.max_bytes):
        unique = [p for p in dict.fromkeys(group) if p not in translated]
        if not unique:
            continue
        markup = any("<" in p and ">" in p for p in unique)
        results = backend.translate(
            unique, source=source, target=target, markup=markup, glossary_id=glossary_id
        )
        stats["requests"] += 1
        for piece, result in zip(unique, results, strict=True):
            translated[piece] = result
            stats["segments"] += 1
            stats["characters"] += result.billed
        done["stored"] = (
            len(texts)
            - len(missing)
            + _store(missing, pieces, translated, source, target, backend.engine)
        )
    return stats


def translation_mark_waiting(*, report: Report, message: str) -> None:
    _set_status(
        report,
        ReportTranslationStatus.State.PENDING,
        f"The translation service is unavailable; it will be tried again. ({message})",
    )


def _store(missing, pieces, done, source, target, engine) -> int:
    """Stores every text whose pieces are all translated; others wait for the next run.
    Returns how many of `missing` are translated."""
    count = 0
    for text in missing:
        if not all(p in done for p in pieces[text]):
            continue
        translated = "".join(done[p].text for p in pieces[text])
        count += 1
        try:
            with transaction.atomic():
                MachineTranslation.objects.get_or_create(
                    source_hash=text_hash(text),
                    source_language=source,
                    target_language=target,
                    engine=engine,
                    defaults={
                        "text": translated,
                        "billed_characters": sum(done[p].billed for p in pieces[text]),
                    },
                )
        except IntegrityError:
            pass  # Another worker stored the same translation a moment ago.
    return count
