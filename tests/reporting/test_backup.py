"""Backup and restore of a cycle: the round trip through a zip loses nothing."""

import io
import shutil

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from reporting import backup
from reporting.models import (
    Answer,
    Attachment,
    City,
    MachineTranslation,
    Questionnaire,
    Report,
    ReportingCycle,
    ReportSnapshot,
    ReportStateChange,
    User,
)
from reporting.selectors.machine_translation import text_hash
from reporting.services.content import answer_save, attachment_upload
from reporting.services.reports import report_submit
from reviews import services as review_services
from reviews.models import Assessment, Criterion, GeneralFeedback, Letter, Review
from tests.reporting.test_submission import complete
from tests.reviews.test_services import _ready_letter

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def full_cycle(report, q, primary, reviewer, staff):
    """A cycle as it looks at the end: answered, attached, submitted, reviewed, scored,
    letter sent (with its PDF), one answer machine-translated."""
    measure = complete(report, q, primary)
    answer_save(
        report=report, question=q["strategy_summary"], raw="Ein Aktionsplan 2026.", by=primary
    )
    answer_save(report=report, question=q["m_groups"], measure=measure, raw=["youth"], by=primary)
    attachment_upload(
        report=report, uploaded_file=SimpleUploadedFile("Plan 2026.pdf", PDF), by=primary
    )
    report_submit(report=report, by=primary)
    review_services.reviewer_assign(report=report, reviewer=reviewer, by=staff)
    criterion = Criterion.objects.create(cycle=report.cycle, code="impact", title="Impact")
    review_services.assessment_save(
        report=report,
        reviewer=reviewer,
        measure=measure,
        criterion=criterion,
        score=3,
        comment="Reaches young people.",
    )
    letter = _ready_letter(report, reviewer, staff)
    review_services.letter_send(letter=letter)
    MachineTranslation.objects.create(
        source_hash=text_hash("Ein Aktionsplan 2026."),
        source_language="de",
        target_language="en",
        engine="deepl",
        text="An action plan 2026.",
    )
    return report


def content(year: int) -> dict:
    """Everything the round trip must keep, described without primary keys."""
    report = Report.objects.select_related("city", "submitted_by").get(cycle__year=year)
    letter = Letter.objects.get(report=report)
    attachment = Attachment.objects.get(report=report)
    measure_order = dict(report.measures.values_list("pk", "order"))
    snapshots = []
    for snapshot in ReportSnapshot.objects.filter(report=report):
        data = dict(snapshot.data)
        data["measures"] = [{**m, "id": measure_order.get(m["id"])} for m in data["measures"]]
        data.pop("questionnaire")
        data["attachment"] = {**data["attachment"], "file": None}
        snapshots.append((snapshot.revision, data, snapshot.created_by.email, snapshot.created_at))
    return {
        "cycle": ReportingCycle.objects.filter(year=year).values(
            "registration_opens", "submission_deadline", "general_assembly"
        )[0],
        "questions": sorted(
            Questionnaire.objects.get(cycle__year=year).questions.values_list(
                "code", "type", "text_en", "show_if_question__code", "section__code"
            ),
            key=str,
        ),
        "report": (
            report.city.slug,
            report.city.mayor_email,
            report.state,
            report.submitted_at,
            report.submitted_by.email,
            report.source_language,
        ),
        "history": list(
            ReportStateChange.objects.filter(report=report).values_list(
                "from_state", "to_state", "changed_by__email", "changed_at", "reason"
            )
        ),
        "answers": sorted(
            (
                (a.question.code, measure_order.get(a.measure_id), a.value, a.version)
                for a in Answer.objects.filter(report=report).select_related("question")
            ),
            key=str,
        ),
        "measures": list(report.measures.values_list("order", "title")),
        "attachment": (
            attachment.original_name,
            attachment.content_type,
            attachment.size,
            attachment.file.read(),
        ),
        "snapshots": snapshots,
        "reviews": list(
            Review.objects.filter(report=report).values_list(
                "reviewer__email",
                "state",
                "general_conclusion",
                "individual_feedback",
                "commitment_feedback",
                "version",
            )
        ),
        "assessments": list(
            Assessment.objects.filter(review__report=report).values_list(
                "measure__order", "criterion__code", "score", "comment"
            )
        ),
        "general_feedback": list(
            GeneralFeedback.objects.filter(cycle__year=year).values_list(
                "version", "text", "is_final"
            )
        ),
        "letter": (
            letter.state,
            letter.sent_at,
            letter.sent_to,
            letter.general_conclusion,
            letter.commitment_feedback,
            letter.general_feedback.version,
            letter.pdf.read(),
        ),
        "reviewers": list(report.assignments.values_list("reviewer__email", flat=True)),
        "translations": list(MachineTranslation.objects.values_list("text", flat=True)),
    }


def _delete_cycle(year: int) -> None:
    Letter.objects.filter(report__cycle__year=year).delete()
    Report.objects.filter(cycle__year=year).delete()
    GeneralFeedback.objects.filter(cycle__year=year).delete()
    Criterion.objects.filter(cycle__year=year).delete()
    Questionnaire.objects.filter(cycle__year=year).delete()
    ReportingCycle.objects.filter(year=year).delete()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("target", ["empty database", "database without the cycle"])
def test_cycle_round_trip_loses_nothing(full_cycle, tmp_path, target):
    year = full_cycle.cycle.year
    before = content(year)
    archive = tmp_path / "cycle.zip"

    call_command("cycle_export", str(year), str(archive), stdout=io.StringIO())
    if target == "empty database":
        call_command("flush", interactive=False, verbosity=0)
        # The files must come from the archive, not from the old storage.
        shutil.rmtree(django_settings.STORAGES["default"]["OPTIONS"]["location"])
    else:
        _delete_cycle(year)
    call_command("cycle_import", str(archive), stdout=io.StringIO())

    assert content(year) == before
    restored_reviewer = User.objects.get(email="reviewer@sab.example")
    if target == "empty database":
        # No password hashes or two-factor secrets travel in the archive.
        assert not restored_reviewer.has_usable_password()
    else:
        assert City.objects.filter(slug="graz").count() == 1
        assert restored_reviewer.has_usable_password()


def test_cycle_import_refuses_an_existing_cycle(full_cycle, tmp_path):
    archive = tmp_path / "cycle.zip"
    backup.cycle_export(year=full_cycle.cycle.year, path=archive)
    answers = Answer.objects.count()

    with pytest.raises(CommandError, match="already exists"):
        call_command("cycle_import", str(archive))

    assert Answer.objects.count() == answers


def test_cycle_export_refuses_an_unknown_year(db, tmp_path):
    with pytest.raises(CommandError, match="no reporting cycle 1999"):
        call_command("cycle_export", "1999", str(tmp_path / "x.zip"))


def test_cycle_import_refuses_a_file_that_is_not_an_archive(db, tmp_path):
    path = tmp_path / "x.zip"
    path.write_bytes(b"PK\x03\x04 truncated")

    with pytest.raises(CommandError, match="not a cycle archive"):
        call_command("cycle_import", str(path))
