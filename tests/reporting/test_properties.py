"""Property-based tests: random and hostile values in every form and endpoint of the
reporting flow never cause a server error, and a refused request changes nothing."""

from urllib.parse import urlsplit

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import example, given
from hypothesis import strategies as st

from reporting.models import (
    AccessRequest,
    Answer,
    Attachment,
    Measure,
    MembershipApplication,
    Report,
    ReportStateChange,
)
from tests.hostile import MARKUP, hostile_text, id_like, rows
from tests.reporting.test_report_editing import url

pytestmark = pytest.mark.django_db


def _report_rows(report):
    return rows(
        Answer.objects.filter(report=report),
        Measure.objects.filter(report=report),
        Report.objects.filter(pk=report.pk),
        ReportStateChange.objects.filter(report=report),
        Attachment.objects.filter(report=report),
    )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@given(
    question=st.one_of(id_like, st.just("real")),
    measure=st.one_of(id_like, st.just("real"), st.just("")),
    version=id_like,
    values=st.lists(hostile_text, max_size=4),
)
@example(question="real", measure="", version="¹", values=["a\x00b"])
@example(question="¹", measure="²", version="", values=[])
def test_autosave_never_fails_and_refusals_change_nothing(
    report, q, primary, question, measure, version, values
):
    real_measure = Measure.objects.filter(report=report).first() or Measure.objects.create(
        report=report, order=1
    )
    question_id = str(q["strategy_summary"].pk) if question == "real" else question
    measure_id = str(real_measure.pk) if measure == "real" else measure
    before = _report_rows(report)

    response = _client(primary).post(
        url(report, "autosave"),
        {"question": question_id, "measure": measure_id, "version": version, "value": values},
    )

    assert response.status_code in (200, 400, 409)
    if response.status_code != 200:
        assert _report_rows(report) == before


@given(data=st.dictionaries(st.one_of(id_like, st.just("a-real")), hostile_text, max_size=6))
def test_section_form_never_fails(report, q, primary, data):
    data = {(f"a-{q['profile_population'].pk}" if k == "a-real" else k): v for k, v in data.items()}
    before = _report_rows(report)

    response = _client(primary).post(url(report, "section_edit", code="profile"), data)

    assert response.status_code in (200, 302, 400)
    if response.status_code == 400:
        # Valid fields of a partly wrong form are kept on purpose; refused ones are not.
        assert Answer.objects.filter(report=report).count() >= len(before[0])


@given(
    action=st.sampled_from(["measure_add", "measure_delete", "measure_move"]),
    measure=st.one_of(st.integers(min_value=0, max_value=10**9), st.just(-1)),
    direction=hostile_text,
)
def test_measure_actions_never_fail(report, primary, action, measure, direction):
    existing = Measure.objects.filter(report=report).first()
    kwargs = {}
    if action != "measure_add":
        kwargs["measure_id"] = existing.pk if existing and measure == -1 else max(measure, 0)
    response = _client(primary).post(url(report, action, **kwargs), {"direction": direction})

    assert response.status_code in (302, 404)


@given(
    content=st.one_of(
        st.binary(max_size=2000),
        st.sampled_from([b"%PDF-1.4\n%%EOF", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"MZ\x90"]),
    ),
    name=st.one_of(hostile_text, st.sampled_from(["../../x.pdf", "a.pdf.exe", ".htaccess"])),
)
def test_attachment_upload_never_fails_and_stores_only_sniffed_files(
    report, primary, content, name
):
    before = rows(Attachment.objects.filter(report=report))
    try:
        upload = SimpleUploadedFile(name[:200] or "x", content)
    except SuspiciousFileOperation:  # no file name at all ("/", ".."): a browser sends one
        upload = SimpleUploadedFile("x", content)

    response = _client(primary).post(url(report, "attachment"), {"file": upload})

    assert response.status_code == 302
    attachment = Attachment.objects.filter(report=report).first()
    if attachment is None or rows(Attachment.objects.filter(report=report)) == before:
        return
    assert "/" not in attachment.original_name and "\\" not in attachment.original_name
    assert attachment.file.name.startswith("attachments/")


@given(
    action=st.sampled_from(["report_submit", "report_return", "report_publication"]),
    data=st.dictionaries(
        st.sampled_from(["confirm", "reason", "action", "with_feedback", "contacts", "x"]),
        hostile_text,
        max_size=4,
    ),
    who=st.sampled_from(["primary", "secondary", "staff"]),
)
def test_report_actions_never_fail_and_refusals_change_nothing(
    report, primary, secondary, staff, action, data, who
):
    user = {"primary": primary, "secondary": secondary, "staff": staff}[who]
    before = _report_rows(report)

    response = _client(user).post(url(report, action), data)

    assert response.status_code in (302, 403, 404)
    if response.status_code != 302:
        assert _report_rows(report) == before


@given(language=hostile_text, next_url=st.one_of(hostile_text, st.sampled_from(MARKUP)))
def test_language_switcher_never_fails_or_redirects_elsewhere(client, db, language, next_url):
    response = client.post("/i18n/language/", {"language": language, "next": next_url})

    assert response.status_code == 302
    # A relative address stays on this site; nothing may send the user to another host.
    location = urlsplit(response["Location"].replace("\\", "/"))
    assert location.netloc in ("", "testserver") and location.scheme in ("", "http")


@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "city_name",
                "country",
                "population",
                "languages",
                "contact_name",
                "contact_email",
                "contact_position",
                "mayor_name",
                "mayor_email",
                "motivation",
                "website",
            ]
        ),
        hostile_text,
    )
)
def test_membership_application_never_fails_and_refusals_store_nothing(client, db, data):
    before = MembershipApplication.objects.count()

    response = client.post("/join/", data)

    assert response.status_code in (200, 302, 429)
    if response.status_code != 302:
        assert MembershipApplication.objects.count() == before


@given(
    data=st.dictionaries(
        st.sampled_from(
            ["full_name", "email", "position", "city_name", "country", "message", "website"]
        ),
        hostile_text,
    )
)
def test_access_request_never_fails_and_refusals_store_nothing(client, db, data):
    before = AccessRequest.objects.count()

    response = client.post("/request-access/", data)

    assert response.status_code in (200, 302, 429)
    if response.status_code != 302:
        assert AccessRequest.objects.count() == before
