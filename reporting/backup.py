"""Backup and restore of one reporting cycle as a zip archive.

`cycle_export(year=..., path=...)` writes everything the cycle is made of: the cycle,
its questionnaire versions (content, not a reference: a questionnaire can be edited
after the backup), the reports with their state history, answers, measures,
snapshots, attachment files and translation status, the reviews app's criteria,
assignments, reviews, assessments, general feedback and letters with their PDF
files, and the machine translations of those texts. The cities and people the rows
refer to travel with them.

`cycle_import(path=...)` restores the archive into a database that does not have
the cycle (an empty one, or another installation). Rows get new primary keys and
every reference is translated; cities (by slug), people (by email), plans of
action (by name and version) and translations (by text hash) that already exist
are reused and left untouched, so importing never overwrites live data. People
created by an import get no usable password (the archive holds no password hashes
or two-factor secrets): they set one with "forgot password".

The tables are a registry: another app adds its own with `register(Table(...))`
(the prize app: ballots and votes of the cycle), and the generic code copies and
re-links its rows. A full database backup is `pg_dump` (see README.md).
"""

from __future__ import annotations

import datetime
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from eccar.errors import ServiceError
from reporting.enums import ReportState
from reporting.library.entries import library_index_report
from reporting.selectors.machine_translation import text_hash

FORMAT = "eccar-cycle"
FORMAT_VERSION = 1


@dataclass
class Table:
    """One model's share of a cycle.

    rows: the cycle's rows (for export). None: the rows are the ones other tables
      refer to (people), collected after every other table.
    match: natural key fields; an existing row with the same values is reused.
    skip_if_existing: FK fields; a row is skipped when that parent already existed
      before the import (a restored city's accounts, not a live city's).
    exclude: fields left out of the archive.
    fix: adjusts a row's values before it is saved (ids inside JSON).
    """

    label: str
    rows: Callable | None
    match: tuple[str, ...] = ()
    skip_if_existing: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fix: Callable | None = None
    after_import: Callable | None = None
    model: type[models.Model] = field(init=False, repr=False)

    def __post_init__(self):
        self.model = apps.get_model(self.label)


TABLES: list[Table] = []


def register(table: Table, *, before: str | None = None) -> None:
    """Adds an app's table to the archive (import order: the list's order, so a table
    comes after the tables it refers to)."""
    if any(t.label == table.label for t in TABLES):
        return
    if before is None:
        TABLES.append(table)
    else:
        index = next(i for i, t in enumerate(TABLES) if t.label == before)
        TABLES.insert(index, table)


# --- The cycle's rows ------------------------------------------------------------------


def _reports(cycle):
    return apps.get_model("reporting.Report").objects.filter(cycle=cycle)


def _cities(cycle):
    City = apps.get_model("reporting.City")
    return City.objects.filter(pk__in=_reports(cycle).values("city_id"))


def _snapshot_fix(values: dict, remap: Remap) -> None:
    """Snapshots keep the ids of their questionnaire and measures inside their data."""
    data = values.get("data") or {}
    if "questionnaire" in data:
        data["questionnaire"] = remap.get("reporting.Questionnaire", data["questionnaire"])
    for measure in data.get("measures", []):
        measure["id"] = remap.get("reporting.Measure", measure.get("id"), measure.get("id"))
    attachment = data.get("attachment")
    if attachment and attachment.get("file") in remap.files:
        attachment["file"] = remap.files[attachment["file"]]


def _machine_translations(cycle):
    Answer = apps.get_model("reporting.Answer")
    Letter = apps.get_model("reviews.Letter")
    GeneralFeedback = apps.get_model("reviews.GeneralFeedback")
    texts = list(Answer.objects.filter(report__cycle=cycle).values_list("value", flat=True))
    for letter in Letter.objects.filter(report__cycle=cycle):
        texts += [letter.general_conclusion, letter.individual_feedback]
        texts += list(letter.commitment_feedback.values())
    texts += list(GeneralFeedback.objects.filter(cycle=cycle).values_list("text", flat=True))
    hashes = {text_hash(t) for t in texts if isinstance(t, str) and t.strip()}
    return apps.get_model("reporting.MachineTranslation").objects.filter(source_hash__in=hashes)


def _reindex_library(rows: list) -> None:
    for report in rows:
        if report.state == ReportState.PUBLISHED:
            library_index_report(report=report)


def _default_tables() -> list[Table]:
    def plans(cycle):
        return apps.get_model("reporting.PlanOfAction").objects.filter(
            pk__in=apps.get_model("reporting.Questionnaire")
            .objects.filter(cycle=cycle)
            .values("plan_id")
        )

    return [
        # People first: every other table may refer to them (collected, see rows=None).
        Table("reporting.User", None, match=("email",), exclude=("password", "is_superuser")),
        Table("reporting.City", _cities, match=("slug",)),
        Table(
            "reporting.CityAccount",
            lambda c: apps.get_model("reporting.CityAccount").objects.filter(city__in=_cities(c)),
            skip_if_existing=("city",),
        ),
        Table("reporting.PlanOfAction", plans, match=("name", "version")),
        Table(
            "reporting.Commitment",
            lambda c: apps.get_model("reporting.Commitment").objects.filter(plan__in=plans(c)),
            match=("plan", "number"),
        ),
        Table("reporting.ReportingCycle", lambda c: type(c).objects.filter(pk=c.pk)),
        Table(
            "reporting.Questionnaire",
            lambda c: apps.get_model("reporting.Questionnaire").objects.filter(cycle=c),
        ),
        Table(
            "reporting.Section",
            lambda c: apps.get_model("reporting.Section").objects.filter(questionnaire__cycle=c),
        ),
        Table(
            "reporting.Question",
            lambda c: apps.get_model("reporting.Question").objects.filter(questionnaire__cycle=c),
        ),
        Table(
            "reporting.Choice",
            lambda c: apps.get_model("reporting.Choice").objects.filter(
                question__questionnaire__cycle=c
            ),
        ),
        Table("reporting.Report", _reports, after_import=_reindex_library),
        Table(
            "reporting.ReportStateChange",
            lambda c: apps.get_model("reporting.ReportStateChange").objects.filter(report__cycle=c),
        ),
        Table(
            "reporting.Measure",
            lambda c: apps.get_model("reporting.Measure").objects.filter(report__cycle=c),
        ),
        Table(
            "reporting.Answer",
            lambda c: apps.get_model("reporting.Answer").objects.filter(report__cycle=c),
        ),
        Table(
            "reporting.Attachment",
            lambda c: apps.get_model("reporting.Attachment").objects.filter(report__cycle=c),
        ),
        Table(
            "reporting.ReportSnapshot",
            lambda c: apps.get_model("reporting.ReportSnapshot").objects.filter(report__cycle=c),
            fix=_snapshot_fix,
        ),
        Table(
            "reporting.ReportTranslationStatus",
            lambda c: apps.get_model("reporting.ReportTranslationStatus").objects.filter(
                report__cycle=c
            ),
        ),
        Table(
            "reporting.ReminderSent",
            lambda c: apps.get_model("reporting.ReminderSent").objects.filter(cycle=c),
        ),
        Table(
            "reporting.MachineTranslation",
            _machine_translations,
            match=("source_hash", "source_language", "target_language", "engine"),
        ),
        Table(
            "reviews.ConflictOfInterest",
            # Conflicts with a city of the cycle, or with the whole country of one.
            lambda c: apps.get_model("reviews.ConflictOfInterest").objects.filter(
                Q(city__in=_cities(c)) | Q(city=None, country__in=_cities(c).values("country"))
            ),
            match=("reviewer", "city", "country"),
        ),
        Table(
            "reviews.Criterion",
            lambda c: apps.get_model("reviews.Criterion").objects.filter(cycle=c),
        ),
        Table(
            "reviews.Assignment",
            lambda c: apps.get_model("reviews.Assignment").objects.filter(report__cycle=c),
        ),
        Table(
            "reviews.Review",
            lambda c: apps.get_model("reviews.Review").objects.filter(report__cycle=c),
        ),
        Table(
            "reviews.Assessment",
            lambda c: apps.get_model("reviews.Assessment").objects.filter(review__report__cycle=c),
        ),
        Table(
            "reviews.GeneralFeedback",
            lambda c: apps.get_model("reviews.GeneralFeedback").objects.filter(cycle=c),
        ),
        Table(
            "reviews.Letter",
            lambda c: apps.get_model("reviews.Letter").objects.filter(report__cycle=c),
        ),
    ]


def _ensure_tables() -> list[Table]:
    if not any(t.label == "reporting.User" for t in TABLES):
        for position, table in enumerate(_default_tables()):
            TABLES.insert(position, table)
    return TABLES


# --- Export ----------------------------------------------------------------------------


def _add_referenced_cities(tables: list[Table], data: dict) -> None:
    """A city another table refers to travels too, even without a report in the cycle
    (a member city that voted for the prize without reporting)."""
    city_table = next(t for t in tables if t.label == "reporting.City")
    present = {row["pk"] for row in data[city_table.label]}
    referenced = set()
    for table in tables:
        for f in table.model._meta.concrete_fields:
            if f.is_relation and f.related_model is city_table.model:
                referenced.update(row["fields"].get(f.name) for row in data.get(table.label, []))
    referenced -= present
    referenced.discard(None)
    if referenced:
        data[city_table.label] += _serialize(
            city_table, city_table.model.objects.filter(pk__in=referenced)
        )


def _serialize(table: Table, queryset) -> list[dict]:
    fields = [
        f.name
        for f in table.model._meta.concrete_fields
        if not f.primary_key and f.name not in table.exclude
    ]
    # Many-to-many links (a ballot's finalists) travel as lists of ids.
    fields += [f.name for f in table.model._meta.many_to_many if f.name not in table.exclude]
    return [
        {"pk": row["pk"], "fields": row["fields"]}
        for row in serializers.serialize("python", queryset.order_by("pk"), fields=fields)
    ]


def cycle_export(*, year: int, path) -> dict:
    """Writes the cycle `year` to the zip file `path`. Returns the row counts per table
    and the names of stored files that could not be read (`missing_files`)."""
    ReportingCycle = apps.get_model("reporting.ReportingCycle")
    User = apps.get_model("reporting.User")
    cycle = ReportingCycle.objects.filter(year=year).first()
    if cycle is None:
        raise ServiceError(_("There is no reporting cycle %(year)s.") % {"year": year})
    tables = _ensure_tables()
    data: dict[str, list[dict]] = {}
    files: dict[str, tuple] = {}
    # One consistent view of the cycle, even while people keep working.
    with transaction.atomic():
        for table in tables:
            if table.rows is not None:
                data[table.label] = _serialize(table, table.rows(cycle))
        _add_referenced_cities(tables, data)
        user_ids = set()
        for table in tables:
            for f in table.model._meta.concrete_fields:
                if f.is_relation and f.related_model is User:
                    user_ids.update(row["fields"].get(f.name) for row in data.get(table.label, []))
        user_ids.discard(None)
        users_table = next(t for t in tables if t.model is User)
        data[users_table.label] = _serialize(users_table, User.objects.filter(pk__in=user_ids))
        for table in tables:
            for f in table.model._meta.concrete_fields:
                if isinstance(f, models.FileField):
                    for row in data[table.label]:
                        name = row["fields"].get(f.name)
                        if name:
                            files[name] = f.storage
    missing = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        counts = {label: len(rows) for label, rows in data.items()}
        for name, storage in sorted(files.items()):
            try:
                with storage.open(name, "rb") as handle:
                    archive.writestr(f"files/{name}", handle.read())
            except OSError:
                missing.append(name)
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "year": year,
            "exported_at": timezone.now().isoformat(),
            "counts": counts,
            "missing_files": missing,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
        archive.writestr("data.json", json.dumps(data, cls=_Encoder))
    return manifest


# --- Import ----------------------------------------------------------------------------


class _Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts datetimes to milliseconds; a restore keeps microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Remap:
    """Old primary keys to new ones, per model, and old file names to new ones."""

    def __init__(self):
        self.ids: dict[tuple[str, object], object] = {}
        self.existing: set[tuple[str, object]] = set()
        self.files: dict[str, str] = {}

    def get(self, label: str, old, default=None):
        return self.ids.get((label, old), default)


def _label(model) -> str:
    return model._meta.label


def cycle_import(*, path) -> dict:
    """Restores an archive written by `cycle_export`. Refuses when the cycle exists.
    All or nothing: on any error the database is unchanged and stored files removed."""
    ReportingCycle = apps.get_model("reporting.ReportingCycle")
    try:
        archive = zipfile.ZipFile(path)
        manifest = json.loads(archive.read("manifest.json"))
        data = json.loads(archive.read("data.json"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise ServiceError(_("This is not a cycle archive: %(error)s") % {"error": error}) from None
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise ServiceError(_("This archive was written in an unknown format."))
    year = manifest["year"]
    if ReportingCycle.objects.filter(year=year).exists():
        raise ServiceError(
            _(
                "The reporting cycle %(year)s already exists here. Import only into a "
                "database without it (delete it first if you really mean to replace it)."
            )
            % {"year": year},
            code="exists",
        )
    remap = Remap()
    stored: list[tuple] = []
    counts: dict[str, int] = {}
    try:
        with transaction.atomic():
            for table in _ensure_tables():
                rows = data.get(table.label, [])
                created = _import_table(table, rows, remap, archive, stored)
                counts[table.label] = len(created)
                if table.after_import:
                    table.after_import(created)
    except Exception:
        for storage, name in stored:
            storage.delete(name)
        raise
    finally:
        archive.close()
    return {"year": year, "created": counts}


def _import_table(table: Table, rows: list, remap: Remap, archive, stored: list) -> list:
    model, label = table.model, table.label
    created = []
    deferred = []  # (object, field, old target) for references to rows of the same table
    for row in rows:
        values, skip = {}, False
        for f in model._meta.concrete_fields:
            if f.primary_key or f.name not in row["fields"]:
                continue
            raw = row["fields"][f.name]
            if f.is_relation:
                target_label = _label(f.related_model)
                if raw is None:
                    values[f.attname] = None
                    continue
                if f.name in table.skip_if_existing and (target_label, raw) in remap.existing:
                    skip = True
                    break
                new = remap.get(target_label, raw)
                if new is None and f.related_model is model:
                    deferred.append((row["pk"], f, raw))
                    values[f.attname] = None
                    continue
                if new is None and not f.null:
                    raise ServiceError(
                        _("The archive is incomplete: %(table)s refers to a missing %(ref)s.")
                        % {"table": label, "ref": target_label}
                    )
                values[f.attname] = new
            else:
                values[f.attname] = f.to_python(raw)
        if skip:
            continue
        if table.match:
            lookup = {
                model._meta.get_field(n).attname: values.get(model._meta.get_field(n).attname)
                for n in table.match
            }
            existing = model._default_manager.filter(**lookup).first()
            if existing is not None:
                remap.ids[(label, row["pk"])] = existing.pk
                remap.existing.add((label, row["pk"]))
                continue
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField) and values.get(f.attname):
                old_name = values[f.attname]
                try:
                    content = archive.read(f"files/{old_name}")
                except KeyError:
                    continue  # recorded as missing at export time; keep the name
                new_name = f.storage.save(old_name, ContentFile(content))
                stored.append((f.storage, new_name))
                remap.files[old_name] = new_name
                values[f.attname] = new_name
        if table.fix:
            table.fix(values, remap)
        obj = model(**values)
        if hasattr(obj, "set_unusable_password") and "password" in table.exclude:
            obj.set_unusable_password()
        # raw=True: keep stored timestamps (auto_now) and skip save() side effects,
        # as loaddata does; the row is inserted with a new primary key.
        obj.save_base(raw=True)
        remap.ids[(label, row["pk"])] = obj.pk
        for f in model._meta.many_to_many:
            if f.name in row["fields"]:
                target_label = _label(f.related_model)
                linked = [remap.get(target_label, old) for old in row["fields"][f.name]]
                getattr(obj, f.name).set([pk for pk in linked if pk is not None])
        created.append(obj)
    for old_pk, f, old_target in deferred:
        new_target = remap.get(label, old_target)
        if new_target is not None:
            model._default_manager.filter(pk=remap.get(label, old_pk)).update(
                **{f.attname: new_target}
            )
    return created


def archive_summary(path) -> dict:
    """The manifest of an archive, for the command's output and for checks."""
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


__all__ = ["TABLES", "Table", "archive_summary", "cycle_export", "cycle_import", "register"]
