"""What the library holds: one entry per published report and per measure of it.

`library_index_report` is the library's one write. It runs on the
`report_state_changed` signal whenever a report enters or leaves the published state,
and again after new translations or a restore (reporting.translations, reporting.backup).
It bumps the generation that keys the search results cache (reporting.library.search),
so a change to the library is never hidden by an older result."""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Value
from django.dispatch import receiver
from django.utils import timezone

from reporting.enums import QuestionType, ReportState, SectionLevel
from reporting.models import (
    Answer,
    Choice,
    Commitment,
    LibraryEntry,
    Report,
    ReportStateChange,
)
from reporting.selectors.machine_translation import translations_for
from reporting.signals import report_state_changed

from .models import LibraryEntryText

# Question codes the library reads; stable across questionnaire versions.
TITLE_CODE = "m_title"
MEASURE_COMMITMENTS_CODE = "m_commitments"
TARGET_GROUP_CODES = ("m_target_groups",)
MEASURE_SUMMARY_CODES = ("m_description", "m_objectives", "m_results")
REPORT_SUMMARY_CODES = (
    "challenges_biggest",
    "civil_society_participation",
    "strategy_mandate_details",
)
TEXT_TYPES = (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT)

# PostgreSQL text-search configurations by language code; others use "simple".
PG_CONFIGS = {
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "tr": "turkish",
}


def pg_config(language: str) -> str:
    return PG_CONFIGS.get((language or "").split("-")[0], "simple")


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


# --- Indexing ------------------------------------------------------------------------


def _interface_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _texts_of(values: list) -> list[str]:
    return [v for v in values if isinstance(v, str) and v.strip()]


def library_index_report(*, report: Report) -> int:
    """Rebuilds the report's library entries from its live answers (which, once
    published, are its latest submitted revision); removes them when it is not
    published. Returns the number of entries written. Idempotent.

    Every text of an entry is searchable: the original, each stored machine translation
    (English and the other interface languages) and the city's name."""
    library_generation_bump()
    # Once more after the commit: a search that ran meanwhile on the old rows may have
    # stored its result under the generation of a moment ago.
    transaction.on_commit(library_generation_bump)
    LibraryEntry.objects.filter(report=report).delete()
    report = Report.objects.select_related("city", "cycle", "questionnaire").get(pk=report.pk)
    if report.state != ReportState.PUBLISHED or report.questionnaire is None:
        return 0
    published_at = (
        ReportStateChange.objects.filter(report=report, to_state=ReportState.PUBLISHED)
        .order_by("-changed_at")
        .values_list("changed_at", flat=True)
        .first()
    ) or timezone.now()
    source = report.source_language or report.city.main_language
    answers = list(
        Answer.objects.filter(report=report)
        .select_related("question__section")
        .order_by("question__section__order", "question__order", "pk")
    )
    if not report.publish_contacts:
        # Data minimisation: personal answers (contacts' names and emails) are searchable
        # only when the city published them.
        answers = [a for a in answers if not a.question.personal]
    measures = {m.pk: m for m in report.measures.order_by("order", "pk")}
    all_texts = _texts_of(
        [a.value for a in answers if a.question.type in TEXT_TYPES]
        + [m.title for m in measures.values()]
    )
    translations = {
        language: translations_for(all_texts, source=source, target=language)
        for language in _interface_languages()
        if language != source
    }
    commitments = {
        c.number: c for c in Commitment.objects.filter(plan_id=report.questionnaire.plan_id)
    }
    groups = {
        c.value: c
        for c in Choice.objects.filter(
            question__questionnaire_id=report.questionnaire_id,
            question__code__in=TARGET_GROUP_CODES,
        )
    }

    by_owner: dict = {}
    for answer in answers:
        by_owner.setdefault(answer.measure_id, []).append(answer)

    def document(owner_answers, title, summary_codes):
        values = {a.question.code: a.value for a in owner_answers}
        texts = _texts_of(
            [title, report.city.name]
            + [a.value for a in owner_answers if a.question.type in TEXT_TYPES]
        )
        summary = next((values[c] for c in summary_codes if isinstance(values.get(c), str)), "")
        numbers = set()
        group_values = set()
        for a in owner_answers:
            if a.question.type == QuestionType.COMMITMENTS and isinstance(a.value, list):
                numbers.update(int(n) for n in a.value if str(n).isdecimal())
            if a.question.code in TARGET_GROUP_CODES and isinstance(a.value, list):
                group_values.update(str(v) for v in a.value)
        translated = {
            language: "\n".join(found[t] for t in texts if t in found)
            for language, found in translations.items()
        }
        haystack = "\n".join([*texts, *translated.values()]).casefold()
        return summary, texts, translated, haystack, numbers, group_values

    built = []
    for measure_id, measure in measures.items():
        owner_answers = by_owner.get(measure_id, [])
        title = next(
            (a.value for a in owner_answers if a.question.code == TITLE_CODE and a.value),
            measure.title,
        )
        built.append((LibraryEntry.Kind.MEASURE, measure, str(title or ""), owner_answers))
    overview = [
        a for a in by_owner.get(None, []) if a.question.section.level == SectionLevel.OVERVIEW
    ]
    report_numbers: set = set()
    report_groups: set = set()
    entries = []
    for kind, measure, title, owner_answers in built:
        summary, texts, translated, haystack, numbers, group_values = document(
            owner_answers, title, MEASURE_SUMMARY_CODES
        )
        report_numbers |= numbers
        report_groups |= group_values
        entries.append(
            (
                LibraryEntry(
                    kind=kind,
                    report=report,
                    measure=measure,
                    city=report.city,
                    cycle=report.cycle,
                    published_at=published_at,
                    source_language=source,
                    title=title[:300] or str(measure),
                    summary=summary,
                ),
                texts,
                translated,
                numbers,
                group_values,
                haystack,
            )
        )
    report_title = f"{report.city.name} {report.cycle.year}"
    summary, texts, translated, haystack, numbers, group_values = document(
        overview, report_title, REPORT_SUMMARY_CODES
    )
    # A report is found by its own texts and by the titles of its measures.
    measure_titles = [e.title for e, *_ in entries]
    texts += measure_titles
    haystack += "\n" + "\n".join(measure_titles).casefold()
    entries.insert(
        0,
        (
            LibraryEntry(
                kind=LibraryEntry.Kind.REPORT,
                report=report,
                city=report.city,
                cycle=report.cycle,
                published_at=published_at,
                source_language=source,
                title=report_title,
                summary=summary,
            ),
            texts,
            translated,
            numbers | report_numbers,
            group_values | report_groups,
            haystack,
        ),
    )
    LibraryEntry.objects.bulk_create([e for e, *_ in entries])
    saved = list(LibraryEntry.objects.filter(report=report).order_by("pk"))
    by_measure = {e.measure_id: e for e in saved}
    through_commitments, through_groups, searched = [], [], []
    for entry, _texts, _translated, numbers, group_values, haystack in entries:
        pk = by_measure[entry.measure.pk if entry.measure else None].pk
        searched.append(LibraryEntryText(entry_id=pk, haystack=haystack))
        through_commitments += [
            LibraryEntry.commitments.through(libraryentry_id=pk, commitment_id=commitments[n].pk)
            for n in sorted(numbers)
            if n in commitments
        ]
        through_groups += [
            LibraryEntry.target_groups.through(libraryentry_id=pk, choice_id=groups[v].pk)
            for v in sorted(group_values)
            if v in groups
        ]
    LibraryEntry.commitments.through.objects.bulk_create(through_commitments)
    LibraryEntry.target_groups.through.objects.bulk_create(through_groups)
    LibraryEntryText.objects.bulk_create(searched)
    if uses_full_text_search():
        for entry, texts, translated, *_ in entries:
            _write_search_vector(
                by_measure[entry.measure.pk if entry.measure else None], texts, translated, source
            )
    return len(entries)


def _write_search_vector(entry, texts, translated, source) -> None:
    """Title (weight A), the original text in its language's configuration and in
    'simple' (B), and each stored translation in its language's configuration (C), so
    a query typed in any interface language finds the entry."""
    body = "\n".join(texts)
    vector = SearchVector(Value(entry.title), config="simple", weight="A")
    vector += SearchVector(Value(body), config=pg_config(source), weight="B")
    vector += SearchVector(Value(body), config="simple", weight="B")
    for language, text in translated.items():
        if text:
            vector += SearchVector(Value(text), config=pg_config(language), weight="C")
    LibraryEntryText.objects.filter(entry_id=entry.pk).update(search_vector=vector)


def library_reindex_all() -> int:
    """Rebuilds every entry (after a deploy or a change of the indexing rules)."""
    count = 0
    LibraryEntry.objects.exclude(report__state=ReportState.PUBLISHED).delete()
    for report in Report.objects.filter(state=ReportState.PUBLISHED).order_by("pk"):
        count += library_index_report(report=report)
    return count


@receiver(report_state_changed, dispatch_uid="library-follows-report-state")
def _library_follow_state(sender, *, report, from_state, to_state, **kwargs):
    """The library shows published reports only: it follows every publication and
    withdrawal in the same transaction as the state change."""
    if ReportState.PUBLISHED in (from_state, to_state):
        library_index_report(report=report)


# --- The generation of the search results cache --------------------------------------

GENERATION_KEY = "library:generation"


def library_generation() -> str:
    """The token search results are stored under; a new one after every write."""
    return cache.get(GENERATION_KEY) or library_generation_bump()


def library_generation_bump() -> str:
    token = uuid.uuid4().hex
    cache.set(GENERATION_KEY, token, None)
    return token
