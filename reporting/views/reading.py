"""What the reading toggle says above a report, a measure of the library or the report
under review: what the reader chose (the original or the translation into their
language) and what is actually shown (how many free texts are in machine translation),
with a link each way that keeps the page's other parameters (a revision)."""

from django.utils.translation import get_language

from reporting.enums import LANGUAGE_CHOICES, QuestionType
from reporting.selectors.machine_translation import translation_enabled

LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)
TEXT_TYPES = (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT)


def _blocks(document: dict):
    yield from document.get("overview_sections") or ()
    yield from document.get("sections") or ()
    for measure in document.get("measures") or ():
        yield from measure.get("sections") or ()


def _url_with(request, read: str) -> str:
    query = request.GET.copy()
    query["read"] = read
    return f"?{query.urlencode()}"


def reading_context(request, document: dict) -> dict:
    """The toggle's context for a document made by report_document or measure_document
    with the target language that `reading_language` chose."""
    texts = translated = 0
    for block in _blocks(document):
        for item in block["items"]:
            if item["question"].type in TEXT_TYPES and item["value"] is not None:
                texts += 1
                translated += bool(item.get("translated"))
    source = document.get("source_language") or ""
    reader = (get_language() or "en").split("-")[0]
    chose_original = request.session.get("report_reading", "translated") == "original"
    return {
        "reading_original": chose_original,
        "reading_translated_count": translated,
        "reading_text_count": texts,
        "reading_same_language": source == reader,
        "reading_source_name": LANGUAGE_NAMES.get(source, source),
        "reading_target_name": LANGUAGE_NAMES.get(reader, reader),
        "read_original_url": _url_with(request, "original"),
        "read_translated_url": _url_with(request, "translated"),
        "translation_enabled": translation_enabled(),
    }
