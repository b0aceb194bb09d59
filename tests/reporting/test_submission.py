import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from eccar.errors import ServiceError
from eccar.pdf import _static_only_fetcher
from reporting.admin import LockAwareForm
from reporting.enums import ReportState
from reporting.models import Answer, Attachment, Question, ReportSnapshot, ReportStateChange
from reporting.questionnaires import questionnaire_copy, questionnaire_load
from reporting.selectors.reports import report_progress
from reporting.services.content import answer_save, measure_add, report_prefill_from_previous
from reporting.services.reports import report_return_to_draft, report_start, report_submit
from tests.conftest import SMALL_QUESTIONNAIRE
from tests.factories import ReportingCycleFactory
from tests.reporting.test_report_editing import url


def complete(report, q, by):
    save = answer_save
    save(report=report, question=q["profile_population"], raw="300000", by=by)
    save(report=report, question=q["strategy_has_plan"], raw="no", by=by)
    measure = measure_add(report=report, by=by)
    save(report=report, question=q["m_title"], measure=measure, raw="Hotline", by=by)
    save(report=report, question=q["m_commitments"], measure=measure, raw=["3"], by=by)
    return measure


def test_primary_submits_complete_report_which_freezes_it(
    login, primary, report, q, mailoutbox, commit_callbacks
):
    complete(report, q, primary)
    client = login(primary)

    with commit_callbacks(execute=True):
        response = client.post(url(report, "report_submit"), {"confirm": "yes"})

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert report.submitted_by == primary
    snapshot = ReportSnapshot.objects.get(report=report)
    assert snapshot.data["overview"]["profile_population"] == 300000
    assert snapshot.data["measures"][0]["answers"]["m_title"] == "Hotline"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [primary.email]
    assert mailoutbox[0].attachments[0][2] == "application/pdf"


def test_submitted_report_cannot_be_edited_by_crafted_post(login, primary, report, q):
    complete(report, q, primary)
    report_submit(report=report, by=primary)
    client = login(primary)

    response = client.post(
        url(report, "section_edit", code="profile"),
        {f"a-{q['profile_population'].pk}": "1", f"v-{q['profile_population'].pk}": "1"},
    )

    assert response.status_code == 403
    assert Answer.objects.get(question=q["profile_population"]).value == 300000


def test_double_submission_is_harmless(login, primary, report, q, mailoutbox, commit_callbacks):
    complete(report, q, primary)
    client = login(primary)

    with commit_callbacks(execute=True):
        client.post(url(report, "report_submit"), {"confirm": "yes"})
        second = client.post(url(report, "report_submit"), {"confirm": "yes"})

    assert second.status_code in (302, 403)
    assert ReportStateChange.objects.filter(report=report, to_state="submitted").count() == 1
    assert ReportSnapshot.objects.filter(report=report).count() == 1
    assert len(mailoutbox) == 1


def test_secondary_cannot_submit(login, secondary, primary, report, q):
    complete(report, q, primary)

    response = login(secondary).post(url(report, "report_submit"), {"confirm": "yes"})

    assert response.status_code == 403
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_other_city_cannot_submit(login, other_primary, primary, report, q):
    complete(report, q, primary)

    response = login(other_primary).post(url(report, "report_submit"), {"confirm": "yes"})

    assert response.status_code == 404
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_submit_lists_missing_required_answers_with_links(login, primary, report, q):
    response = login(primary).get(url(report, "report_submit"))

    content = response.content.decode()
    missing = {item.question.code for item in response.context["missing"]}
    assert missing == {"profile_population", "strategy_has_plan"}
    # The link leads to the field itself, which takes the focus (issue 17).
    assert f"#input-{q['profile_population'].pk}" in content


def test_conditional_required_question_counts_only_when_shown(primary, report, q):
    answer_save(report=report, question=q["strategy_has_plan"], raw="yes", by=primary)

    missing = {item["question"].code for item in report_progress(report=report)["missing"]}

    assert "strategy_plan_year" in missing


def test_submit_incomplete_is_refused(primary, report):
    with pytest.raises(ServiceError, match="required"):
        report_submit(report=report, by=primary)

    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_submit_after_deadline_is_refused_unless_extended(primary, report, q):
    complete(report, q, primary)
    cycle = report.cycle
    cycle.registration_opens = timezone.localdate() - datetime.timedelta(days=100)
    cycle.questionnaire_opens = timezone.localdate() - datetime.timedelta(days=90)
    cycle.submission_deadline = timezone.localdate() - datetime.timedelta(days=1)
    cycle.save()
    report.refresh_from_db()

    with pytest.raises(ServiceError, match="deadline"):
        report_submit(report=report, by=primary)

    report.deadline_extended_to = timezone.localdate() + datetime.timedelta(days=7)
    report.save()
    report_submit(report=report, by=primary)
    assert report.state == ReportState.SUBMITTED


def test_staff_returns_report_to_draft_with_reason_in_history(login, staff, primary, report, q):
    complete(report, q, primary)
    report_submit(report=report, by=primary)

    until = (report.cycle.submission_deadline + datetime.timedelta(days=10)).isoformat()
    response = login(staff).post(
        url(report, "report_return"), {"reason": "Submitted by mistake", "resubmit_until": until}
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    last = ReportStateChange.objects.filter(report=report).last()
    assert (last.from_state, last.to_state, last.reason, last.changed_by) == (
        "submitted",
        "draft",
        "Submitted by mistake",
        staff,
    )


def test_return_to_draft_needs_a_reason(staff, primary, report, q):
    complete(report, q, primary)
    report_submit(report=report, by=primary)

    with pytest.raises(ServiceError):
        report_return_to_draft(report=report, by=staff, reason=" ")


def test_reviewer_reads_the_frozen_submitted_version(login, reviewer, primary, report, q):
    complete(report, q, primary)
    report_submit(report=report, by=primary)
    # Even a change behind the platform's back does not alter what reviewers read.
    Answer.objects.filter(question=q["m_title"]).update(value="Changed later")

    content = login(reviewer).get(url(report, "report_detail")).content.decode()

    assert "Hotline" in content
    assert "Changed later" not in content


def test_history_shows_every_state_change(login, primary, report, q):
    complete(report, q, primary)
    report_submit(report=report, by=primary)

    response = login(primary).get(url(report, "report_detail"))

    assert [(c.from_state, c.to_state) for c in response.context["history"]] == [
        ("", "draft"),
        ("draft", "submitted"),
    ]


def test_start_report_twice_gives_the_same_report(login, primary, city, cycle, questionnaire):
    client = login(primary)
    start = reverse("reporting:report_start", args=[city.slug, cycle.year])

    client.post(start)
    client.post(start)

    assert city.reports.count() == 1


def test_prefill_copies_answers_from_last_cycle_marked_to_confirm(primary, city, plan, q, report):
    complete(report, q, primary)
    later = ReportingCycleFactory(year=report.cycle.year + 2)
    questionnaire_load(cycle=later, plan=plan, sections=SMALL_QUESTIONNAIRE, title={"en": "N"})
    new = report_start(city=city, cycle=later, by=primary)

    copied = report_prefill_from_previous(report=new, by=primary)

    assert copied == 4
    values = {(a.question.code, a.carried_over) for a in new.answers.select_related("question")}
    assert ("profile_population", True) in values
    assert new.measures.get().title == "Hotline"
    new_q = new.questionnaire.questions.get(code="profile_population")
    answer_save(report=new, question=new_q, raw="300000", by=primary)
    assert not new.answers.get(question=new_q).carried_over


# --- Attachments -------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(client, report, name, content, content_type="application/octet-stream"):
    return client.post(
        url(report, "attachment"),
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
        follow=True,
    )


def test_attachment_pdf_is_stored_privately_and_served_to_readers(
    login, primary, other_primary, report, settings, tmp_path
):
    client = login(primary)

    upload(client, report, "../../etc/passwd.pdf", PDF)

    attachment = Attachment.objects.get(report=report)
    assert attachment.original_name == "passwd.pdf"
    assert ".." not in attachment.file.name
    media = tmp_path / "media"
    assert (media / attachment.file.name).resolve().is_relative_to(media)
    response = client.get(url(report, "attachment"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    client.force_login(other_primary)
    assert client.get(url(report, "attachment")).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"MZ\x90\x00 this is really an executable", "not accepted"),
        ("notes.docx", b"just text", "not accepted"),
        ("big.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF", "too large"),
    ],
)
def test_attachment_bad_files_are_refused_with_message(
    login, primary, report, name, content, message, settings, tmp_path
):

    response = upload(login(primary), report, name, content)

    assert message in response.content.decode()
    assert not Attachment.objects.exists()


def test_attachment_zip_bomb_docx_is_refused(login, primary, report, settings, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "0" * (60 * 1024 * 1024))

    response = upload(login(primary), report, "bomb.docx", buffer.getvalue())

    assert "unreasonable size" in response.content.decode()
    assert not Attachment.objects.exists()


def test_attachment_real_docx_is_accepted(login, primary, report, settings, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")

    upload(login(primary), report, "Bericht.docx", buffer.getvalue())

    assert Attachment.objects.get().content_type.endswith("wordprocessingml.document")


# --- PDF and questionnaire versions ---------------------------------------------------


def test_report_pdf_contains_answers_in_any_european_script(login, primary, report, q):
    answer_save(
        report=report,
        question=q["profile_contact"],
        raw="Małgorzata Wiśniewska, Γιώργος, Ayşe",
        by=primary,
    )

    response = login(primary).get(url(report, "report_pdf"))

    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Małgorzata Wiśniewska" in text
    assert "Γιώργος" in text


def test_pdf_renderer_refuses_to_fetch_outside_static(tmp_path):
    fetcher = _static_only_fetcher()
    with pytest.raises(ValueError, match="Refused"):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError, match="Refused"):
        fetcher.fetch("http://127.0.0.1:1/")
    with pytest.raises(ValueError, match="Refused"):
        fetcher.fetch("eccar-static:../../settings.py")
    assert fetcher.fetch("eccar-static:css/print.css").read().startswith(b"/*")


def test_questionnaire_structure_is_locked_after_a_submission(primary, report, q):
    complete(report, q, primary)
    report_submit(report=report, by=primary)
    form_class = modelform_factory(Question, form=LockAwareForm, fields=["code", "text"])
    question = q["profile_contact"]

    renamed = form_class({"code": "renamed", "text": question.text}, instance=question)
    retexted = form_class(
        {"code": question.code, "text": "Contact person (name)"}, instance=question
    )

    assert not renamed.is_valid()
    assert "new version" in str(renamed.errors)
    assert retexted.is_valid()


def test_questionnaire_copy_makes_an_editable_active_version(primary, report, q):
    complete(report, q, primary)
    report_submit(report=report, by=primary)

    copy = questionnaire_copy(questionnaire=report.questionnaire)

    assert copy.version == 2 and copy.is_active and not copy.is_locked
    assert copy.questions.count() == report.questionnaire.questions.count()
    year = copy.questions.get(code="strategy_plan_year")
    assert year.show_if_question.questionnaire == copy


def test_second_submission_after_the_first_went_in_is_harmless(
    login, primary, report, q, mailoutbox, commit_callbacks
):
    complete(report, q, primary)
    client = login(primary)
    with commit_callbacks(execute=True):
        client.post(url(report, "report_submit"), {"confirm": "yes"})

    with commit_callbacks(execute=True):
        again = client.post(url(report, "report_submit"), {"confirm": "yes"}, follow=True)

    assert again.status_code == 200
    assert [m.level_tag for m in again.context["messages"]][-1] == "info"
    assert ReportSnapshot.objects.filter(report=report).count() == 1
    assert len([m for m in mailoutbox if primary.email in m.to]) == 1
