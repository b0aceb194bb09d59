"""Exports of a cycle's standardised data: every answer of every submitted report,
level 1 one row per report, level 2 one row per measure, question codes as columns.

Rows come from each report's latest submitted revision (its snapshot), so a report
being updated after feedback is exported as submitted; reports without a snapshot
(imported data) fall back to their live answers. Columns come from the
questionnaire versions the cycle's reports answered, so a later questionnaire never
shifts or drops a column of an earlier cycle. Reports are read in chunks and rows are
yielded one by one: memory stays flat whatever the size of the cycle."""

import csv
import datetime
import logging
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reporting.enums import QuestionType, ReportState, SectionLevel
from reporting.models import (
    Answer,
    Choice,
    Commitment,
    ExportLog,
    Question,
    Questionnaire,
    Report,
    ReportSnapshot,
)
from reporting.rules import REVIEWABLE_STATES, can_see_contacts
from reporting.selectors.machine_translation import translations_for

logger = logging.getLogger("eccar.security")

CHUNK = 50
ENGLISH = "en"
LEVELS = {"level1": SectionLevel.OVERVIEW, "level2": SectionLevel.MEASURE}
FORMATS = ("csv", "xlsx")
TEXT_TYPES = (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT)
# Stored as codes (yes, a choice's value, a commitment's number); exported with a label
# column beside, in the language the reader chose.
CHOICE_TYPES = (
    QuestionType.YES_NO,
    QuestionType.SINGLE_CHOICE,
    QuestionType.MULTIPLE_CHOICE,
    QuestionType.COMMITMENTS,
)
# Spreadsheets run a cell starting with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
UNTRANSLATED_COLUMN = "untranslated"

REPORT_COLUMNS = [
    "city",
    "city_slug",
    "country",
    "population",
    "size_category",
    "cycle",
    "questionnaire_version",
    "state",
    "submitted_at",
    "source_language",
]
MEASURE_COLUMNS = ["measure_id", "measure_order"]


def neutralise(value) -> str | int | float:
    """A cell as text that no spreadsheet evaluates: a leading quote before anything a
    spreadsheet would read as a formula. Numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


@dataclass
class Column:
    code: str
    type: str
    text: str


def _answered_versions(cycle):
    return (
        Report.objects.filter(cycle=cycle, questionnaire__isnull=False)
        .values_list("questionnaire_id", flat=True)
        .distinct()
    )


def export_columns(*, cycle, level: int) -> list[Column]:
    """The question codes of the level, in questionnaire order: first those of the
    earliest version the cycle's reports answered, then any a later version added."""
    versions = _answered_versions(cycle)
    questions = (
        Question.objects.filter(
            questionnaire__cycle=cycle, questionnaire_id__in=versions, section__level=level
        )
        .select_related("questionnaire")
        .order_by("questionnaire__version", "section__order", "order", "pk")
    )
    columns: dict[str, Column] = {}
    for question in questions:
        columns.setdefault(question.code, Column(question.code, question.type, question.text))
    return list(columns.values())


def label_column(code: str, language: str) -> str:
    return f"{code}__label_{language}"


def _localised(obj, field: str, language: str) -> str:
    """A translated field in `language`, else in English (modeltranslation's columns)."""
    return (
        getattr(obj, f"{field}_{language}", None)
        or getattr(obj, f"{field}_{ENGLISH}", None)
        or getattr(obj, field)
    )


def choice_labels(*, cycle, columns: list[Column], language: str) -> dict[str, dict[str, str]]:
    """{question code: {stored value as text: its label in `language`}} for the choice
    columns, from the questionnaire versions the cycle's reports answered (the earliest
    version's label wins, as for the columns)."""
    codes = [c.code for c in columns if c.type in CHOICE_TYPES]
    labels: dict[str, dict[str, str]] = {code: {} for code in codes}
    if not codes:
        return labels
    versions = _answered_versions(cycle)
    with translation.override(language):
        yes_no = {"yes": _("Yes"), "no": _("No")}
    choices = (
        Choice.objects.filter(
            question__questionnaire__cycle=cycle,
            question__questionnaire_id__in=versions,
            question__code__in=codes,
        )
        .select_related("question")
        .order_by("question__questionnaire__version", "order", "pk")
    )
    for choice in choices:
        labels[choice.question.code].setdefault(choice.value, _localised(choice, "label", language))
    plans = Questionnaire.objects.filter(pk__in=versions).values("plan_id")
    commitments = {
        str(c.number): f"{c.number}. {_localised(c, 'title', language)}"
        for c in Commitment.objects.filter(plan__in=plans).order_by("plan_id", "number")
    }
    for column in columns:
        if column.type == QuestionType.YES_NO:
            labels[column.code] = dict(yes_no)
        elif column.type == QuestionType.COMMITMENTS:
            labels[column.code] = commitments
    return labels


def header(columns: list[Column], level: int, language: str = ENGLISH) -> list[str]:
    names = list(REPORT_COLUMNS)
    if level == SectionLevel.MEASURE:
        names += MEASURE_COLUMNS
    for column in columns:
        names.append(column.code)
        if column.type in TEXT_TYPES:
            names.append(f"{column.code}__{ENGLISH}")
        elif column.type in CHOICE_TYPES:
            names.append(label_column(column.code, language))
    names.append(UNTRANSLATED_COLUMN)
    return names


def _report_contents(reports: list[Report]) -> dict[int, dict]:
    """{report id: {"overview": {code: value}, "measures": [(id, order, {code: value})]}}
    from the latest snapshot of each report, or its live answers without one."""
    # Only the latest revision's data crosses the wire, row by row.
    latest = (
        ReportSnapshot.objects.filter(report_id=OuterRef("report_id"))
        .order_by("-revision")
        .values("revision")[:1]
    )
    contents: dict[int, dict] = {}
    snapshots = ReportSnapshot.objects.filter(
        report__in=reports, revision=Subquery(latest)
    ).values_list("report_id", "data")
    for report_id, data in snapshots.iterator():
        contents[report_id] = {
            "overview": data.get("overview", {}),
            "measures": [
                (m.get("id"), m.get("order"), m.get("answers", {}))
                for m in data.get("measures", [])
            ],
        }
    live = [r for r in reports if r.pk not in contents]
    if live:
        by_report: dict[int, dict] = {r.pk: {"overview": {}, "measures": {}} for r in live}
        for report_id, measure_id, order, code, value in (
            Answer.objects.filter(report__in=live)
            .values_list("report_id", "measure_id", "measure__order", "question__code", "value")
            .iterator()
        ):
            if measure_id is None:
                by_report[report_id]["overview"][code] = value
            else:
                by_report[report_id]["measures"].setdefault((order, measure_id), {})[code] = value
        for report_id, content in by_report.items():
            contents[report_id] = {
                "overview": content["overview"],
                "measures": [
                    (mid, order, v) for (order, mid), v in sorted(content["measures"].items())
                ],
            }
    return contents


def _english(texts_by_source: dict[str, set[str]]) -> dict[tuple[str, str], str]:
    found = {}
    for source, texts in texts_by_source.items():
        if source == ENGLISH:
            continue
        for original, english in translations_for(
            list(texts), source=source, target=ENGLISH
        ).items():
            found[(source, original)] = english
    return found


def _exported_reports(*, cycle, user):
    """The cycle's submitted reports as `user` may export them: a reviewer leaves out the
    unpublished reports of cities they declared a conflict with (by name or by country),
    which their report pages answer 404; published ones stay, as in the library."""
    reports = Report.objects.filter(cycle=cycle, state__in=REVIEWABLE_STATES)
    if user.is_reviewer and not user.is_staff:
        reports = reports.exclude(
            Q(city__in=user.conflicts.cities()) & ~Q(state=ReportState.PUBLISHED)
        )
    return reports


def export_rows(*, cycle, level: int, user, language: str = ENGLISH) -> Iterator[list]:
    """The header, then one row per submitted report (level 1) or per measure (level 2),
    as `user` may see them: the contact cells are empty where `can_see_contacts` says
    no (the Board's export keeps the contacts a city published, staff's and the
    reviewers' all of them). Choice answers have their labels in `language` beside."""
    columns = export_columns(cycle=cycle, level=level)
    labels = choice_labels(cycle=cycle, columns=columns, language=language)
    # Answers to personal questions (the contact persons and any other question flagged
    # personal) are left out where the reader may not see the city's contacts.
    personal = set(
        Question.objects.filter(questionnaire__cycle=cycle, personal=True).values_list(
            "code", flat=True
        )
    )
    yield header(columns, level, language)
    reports = (
        _exported_reports(cycle=cycle, user=user)
        .select_related("city", "questionnaire")
        .order_by("city__name", "pk")
    )
    ids = list(reports.values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = list(reports.filter(pk__in=ids[start : start + CHUNK]))
        contents = _report_contents(chunk)
        texts: dict[str, set[str]] = {}
        for report in chunk:
            source = report.source_language or report.city.main_language
            content = contents.get(report.pk, {"overview": {}, "measures": []})
            owners = (
                [content["overview"]]
                if level == SectionLevel.OVERVIEW
                else [values for _mid, _order, values in content["measures"]]
            )
            for values in owners:
                for column in columns:
                    value = values.get(column.code)
                    if column.type in TEXT_TYPES and isinstance(value, str) and value:
                        texts.setdefault(source, set()).add(value)
        english = _english(texts)
        for report in chunk:
            content = contents.get(report.pk, {"overview": {}, "measures": []})
            meta = _report_meta(report)
            source = meta[-1]
            if level == SectionLevel.OVERVIEW:
                overview = content["overview"]
                if not can_see_contacts(user, report):
                    overview = {k: v for k, v in overview.items() if k not in personal}
                yield meta + _answer_cells(columns, overview, source, english, labels)
            else:
                for measure_id, order, values in content["measures"]:
                    if not can_see_contacts(user, report):
                        values = {k: v for k, v in values.items() if k not in personal}
                    cells = _answer_cells(columns, values, source, english, labels)
                    yield [*meta, measure_id, order, *cells]


def _report_meta(report: Report) -> list:
    submitted = report.submitted_at
    return [
        report.city.name,
        report.city.slug,
        report.city.country.code,
        report.city.population,
        report.city.size_category,
        report.cycle_id and report.cycle.year,
        report.questionnaire.version if report.questionnaire else "",
        report.state,
        timezone.localtime(submitted).isoformat(timespec="minutes") if submitted else "",
        report.source_language or report.city.main_language,
    ]


def _label_cell(value, labels: dict[str, str]):
    """The label of a stored code, or of each code of a list; an unknown code as it is."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return "; ".join(labels.get(str(v), str(v)) for v in value)
    return labels.get(str(value), str(value))


def _answer_cells(columns, values: dict, source: str, english: dict, labels: dict) -> list:
    cells, untranslated = [], []
    for column in columns:
        value = values.get(column.code)
        cells.append(value)
        if column.type in CHOICE_TYPES:
            cells.append(_label_cell(value, labels.get(column.code, {})))
        elif column.type in TEXT_TYPES:
            if not isinstance(value, str) or not value:
                cells.append(None)
            elif source == ENGLISH:
                cells.append(value)
            elif (source, value) in english:
                cells.append(english[(source, value)])
            else:
                cells.append(None)
                untranslated.append(column.code)
    cells.append(" ".join(untranslated))
    return cells


# --- Writers ---------------------------------------------------------------------------


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


def csv_stream(rows: Iterator[list]) -> Iterator[bytes]:
    """UTF-8 with a byte order mark, so Excel reads accents and non-Latin scripts."""
    writer = csv.writer(_Echo())
    yield "\ufeff".encode()
    for row in rows:
        yield writer.writerow([neutralise(v) for v in row]).encode()


def _sheet(workbook, title: str, rows) -> None:
    """A sheet whose header row stays in view (frozen) and carries filters."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - heavy, only for exports

    sheet = workbook.create_sheet(title=title)
    # Write-only sheets take the pane before the first row and the filter's range at
    # the end (it is written after the rows).
    sheet.freeze_panes = "A2"
    width = count = 0
    for row in rows:
        sheet.append([neutralise(v) for v in row])
        width, count = max(width, len(row)), count + 1
    if width:
        sheet.auto_filter.ref = f"A1:{get_column_letter(width)}{count}"


def xlsx_file(*, cycle, user, language: str = ENGLISH) -> IO[bytes]:
    """A workbook with one sheet per level and one describing the columns, written in
    openpyxl's write-only mode to a temporary file (rows never pile up in memory)."""
    from openpyxl import Workbook  # noqa: PLC0415 - heavy, only for exports

    workbook = Workbook(write_only=True)
    for name, level in LEVELS.items():
        _sheet(workbook, name, export_rows(cycle=cycle, level=level, user=user, language=language))

    def questions():
        yield ["level", "code", "type", "question"]
        # The questions in the language chosen for the labels.
        with translation.override(language):
            for name, level in LEVELS.items():
                for column in export_columns(cycle=cycle, level=level):
                    yield [name, column.code, column.type, column.text]

    _sheet(workbook, "questions", questions())
    # Handed to FileResponse, which closes it (and so deletes it) after sending.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    workbook.save(handle)
    handle.seek(0)
    return handle


def export_filename(*, cycle, level: str, fmt: str) -> str:
    stamp = datetime.date.today().isoformat()
    part = f"-{level}" if fmt == "csv" else ""
    return f"ECCAR-reports-{cycle.year}{part}-{stamp}.{fmt}"


def export_log(*, user, cycle, fmt: str, level: str, ip: str = "") -> ExportLog:
    """Every export leaves a row and a line in the security log."""
    entry = ExportLog.objects.create(user=user, cycle=cycle, format=fmt, level=level, ip=ip)
    logger.info(
        "export cycle=%s level=%s format=%s user=%s ip=%s",
        cycle.year,
        level,
        fmt,
        getattr(user, "pk", None),
        ip or "-",
    )
    return entry
