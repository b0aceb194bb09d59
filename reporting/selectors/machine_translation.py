"""Reads of the machine-translation store: which texts a report has, which languages
it goes into, and the stored translations."""

import hashlib

from django.conf import settings

from eccar import translation as mt
from reporting.enums import QuestionType
from reporting.models import Answer, MachineTranslation, Report, ReportTranslationStatus

TEXT_TYPES = (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def report_texts(report: Report) -> list[str]:
    """Every distinct free-text answer of the report (level 1 and every measure)."""
    values = Answer.objects.filter(report=report, question__type__in=TEXT_TYPES).values_list(
        "value", flat=True
    )
    seen, texts = set(), []
    for value in values:
        if isinstance(value, str) and value.strip() and value not in seen:
            seen.add(value)
            texts.append(value)
    return texts


def target_languages(report: Report) -> list[str]:
    source = report.source_language or report.city.main_language
    return [code for code in settings.TRANSLATION_TARGET_LANGUAGES if code != source]


def translated_text(text: str, *, source: str, target: str, engine: str = "deepl") -> str | None:
    row = (
        MachineTranslation.objects.filter(
            source_hash=text_hash(text),
            source_language=source,
            target_language=target,
            engine=engine,
        )
        .values_list("text", flat=True)
        .first()
    )
    return row


def translations_for(texts: list[str], *, source: str, target: str) -> dict[str, str]:
    """{original: translation} for the texts that have one, in one query, whichever engine
    made it (the configured one first)."""
    by_hash = {text_hash(t): t for t in texts if t}
    if not by_hash:
        return {}
    engine = getattr(mt.get_backend(), "engine", "deepl")
    rows = MachineTranslation.objects.filter(
        source_hash__in=list(by_hash), source_language=source, target_language=target
    ).values_list("source_hash", "engine", "text")
    result: dict[str, str] = {}
    for source_hash, _engine, text in sorted(rows, key=lambda r: r[1] != engine):
        result.setdefault(by_hash[source_hash], text)
    return result


def translation_enabled() -> bool:
    return mt.get_backend() is not None


def translation_status_for(report: Report) -> ReportTranslationStatus | None:
    return ReportTranslationStatus.objects.filter(report=report).first()
