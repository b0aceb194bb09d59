import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eccar.errors import ServiceError
from reporting.enums import AccountRole, ApplicationStatus, MembershipStatus, ReportState
from reporting.models import (
    Answer,
    City,
    CityAccount,
    Invitation,
    MembershipApplication,
    MembershipChange,
    Report,
)
from reporting.services.accounts import city_account_invite
from reporting.services.membership import city_membership_change
from reporting.services.reports import (
    report_publish,
    report_set_contact_publication,
    report_start_update,
    report_submit,
    report_withdraw_publication,
)
from tests.factories import CityFactory, ReportFactory
from tests.reporting.test_report_editing import url
from tests.reporting.test_submission import complete

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def form_data(**overrides):
    data = {
        "city_name": "Freiburg im Breisgau",
        "country": "DE",
        "population": "230000",
        "languages": ["de"],
        "contact_name": "Lena Vogt",
        "contact_email": "Lena@Freiburg.example",
        "contact_position": "Integration office",
        "mayor_name": "Martin Horn",
        "mayor_email": "mayor@freiburg.example",
        "motivation": "We want to learn from other cities.",
        "accession_document": SimpleUploadedFile("plan.pdf", PDF, "application/pdf"),
    }
    data.update(overrides)
    return data


def apply(client, **overrides):
    return client.post(reverse("reporting:join"), form_data(**overrides))


def test_application_is_stored_and_confirmed_by_email(client, db, mailoutbox, commit_callbacks):
    with commit_callbacks(execute=True):
        response = apply(client)

    assert response.status_code == 302
    application = MembershipApplication.objects.get()
    assert (application.city_name, application.contact_email) == (
        "Freiburg im Breisgau",
        "lena@freiburg.example",
    )
    assert application.accession_document.read() == PDF
    assert mailoutbox[0].to == ["lena@freiburg.example"]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (SimpleUploadedFile("plan.pdf", b"MZ\x90 not a pdf", "application/pdf"), "must be a PDF"),
        (SimpleUploadedFile("plan.png", b"\x89PNG\r\n\x1a\n....", "image/png"), "must be a PDF"),
        (
            SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"%%EOF"),
            "too large",
        ),
    ],
)
def test_application_with_bad_document_is_refused(client, db, document, message):
    response = apply(client, accession_document=document)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MembershipApplication.objects.exists()


def test_application_motivation_with_script_renders_inert(client, login, board, db):
    apply(client, motivation="<script>alert('x')</script>")
    application = MembershipApplication.objects.get()

    content = (
        login(board)
        .get(reverse("reporting:application_detail", args=[application.pk]))
        .content.decode()
    )

    assert "<script>alert" not in content
    assert "&lt;script&gt;" in content


def test_application_for_an_existing_member_is_refused(client, city):
    response = apply(client, city_name="graz", country="AT")

    assert "already a member" in response.content.decode()
    assert not MembershipApplication.objects.exists()


def test_second_pending_application_is_refused(client, db):
    apply(client)
    response = apply(client, accession_document=SimpleUploadedFile("p.pdf", PDF))

    assert "already being considered" in response.content.decode()
    assert MembershipApplication.objects.count() == 1


def test_application_honeypot_stores_nothing(client, db):
    response = apply(client, website="http://spam.example")

    assert response.status_code == 302
    assert not MembershipApplication.objects.exists()


@pytest.mark.real_cache  # the rate limiter counts in the cache
def test_applications_are_rate_limited(client, db):
    for n in range(5):
        apply(client, city_name=f"Town {n}", accession_document=SimpleUploadedFile("p.pdf", PDF))

    response = apply(client, city_name="Town 6")

    assert "Too many applications" in response.content.decode()
    assert MembershipApplication.objects.count() == 5


def _application(client):
    apply(client)
    return MembershipApplication.objects.get()


def test_admission_creates_member_city_and_invites_its_primary_account(
    client, login, board, mailoutbox, commit_callbacks
):
    application = _application(client)
    page = reverse("reporting:application_detail", args=[application.pk])
    client = login(board)
    client.post(page, {"action": "comment", "text": "Strong anti-racism office."})

    with commit_callbacks(execute=True):
        client.post(page, {"action": "admit"})
        client.post(page, {"action": "admit"})

    city = City.objects.get(name="Freiburg im Breisgau")
    assert city.membership_status == MembershipStatus.MEMBER
    assert city.year_joined is not None
    assert CityAccount.objects.filter(city=city, role="primary").count() == 1
    assert Invitation.objects.count() == 1
    assert list(
        MembershipChange.objects.filter(city=city).values_list("from_status", "to_status")
    ) == [("", "applicant"), ("applicant", "member")]
    # The applicant writes German: the admission and the invitation come in German.
    assert [m.to for m in mailoutbox] == [["lena@freiburg.example"]] * 2
    assert any("/accounts/invitation/" in m.body for m in mailoutbox)
    assert any("Freiburg im Breisgau" in m.subject for m in mailoutbox)
    application.refresh_from_db()
    assert application.comments.get().text == "Strong anti-racism office."


def test_rejection_needs_a_reason_and_mails_it(client, login, staff, mailoutbox, commit_callbacks):
    application = _application(client)
    page = reverse("reporting:application_detail", args=[application.pk])
    client = login(staff)

    client.post(page, {"action": "reject", "reason": ""})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    with commit_callbacks(execute=True):
        client.post(page, {"action": "reject", "reason": "The act of accession is not signed."})

    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert "not signed" in mailoutbox[-1].body
    assert not City.objects.filter(name="Freiburg im Breisgau").exists()


def test_asking_for_more_information_mails_the_question(
    client, login, board, mailoutbox, commit_callbacks
):
    application = _application(client)
    with commit_callbacks(execute=True):
        login(board).post(
            reverse("reporting:application_detail", args=[application.pk]),
            {"action": "ask", "reason": "Who is the focal point?"},
        )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.INFO_REQUESTED
    assert "Who is the focal point?" in mailoutbox[-1].body


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("primary", 403), ("reviewer", 403), ("board", 200), ("staff", 200)],
)
def test_applications_are_for_board_and_staff(role, expected, login, request, db):
    client = login(request.getfixturevalue(role))

    assert client.get(reverse("reporting:application_list")).status_code == expected


def test_suspended_city_keeps_its_data_but_cannot_submit_read_or_start(
    login, primary, report, q, staff, other_city, other_primary
):
    complete(report, q, primary)
    published = ReportFactory(
        city=other_city,
        cycle=report.cycle,
        questionnaire=report.questionnaire,
        state=ReportState.PUBLISHED,
    )
    city_membership_change(
        city=report.city, to_status=MembershipStatus.SUSPENDED, by=staff, reason="Fees unpaid"
    )
    client = login(primary)

    submit = client.post(url(report, "report_submit"), {"confirm": "yes"})
    read_other = client.get(url(published, "report_detail"))
    own = client.get(url(report, "report_detail"))
    save = client.post(
        url(report, "autosave"), {"question": q["profile_contact"].pk, "version": 0, "value": "x"}
    )

    assert submit.status_code == 403
    assert read_other.status_code == 404
    assert own.status_code == 200
    assert save.status_code == 403
    assert Answer.objects.filter(report=report).count() == 4
    with pytest.raises(ServiceError):
        report_submit(report=report, by=primary)

    city_membership_change(
        city=report.city, to_status=MembershipStatus.MEMBER, by=staff, reason="Reinstated"
    )
    client = login(primary)
    assert client.get(url(published, "report_detail")).status_code == 200


@pytest.mark.parametrize(
    "act",
    [
        lambda report, by: report_start_update(report=report, by=by),
        lambda report, by: report_publish(report=report, by=by, with_feedback=False),
        lambda report, by: report_set_contact_publication(report=report, by=by, publish=True),
        lambda report, by: city_account_invite(
            city=report.city, email="new@graz.example", role=AccountRole.SECONDARY, invited_by=by
        ),
    ],
    ids=["start_update", "publish", "contacts", "invite"],
)
def test_suspended_city_is_refused_with_the_reason(act, report, primary, staff):
    Report.objects.filter(pk=report.pk).update(state=ReportState.FEEDBACK_RECEIVED)
    report.refresh_from_db()
    city_membership_change(city=report.city, to_status=MembershipStatus.SUSPENDED, by=staff)
    report.city.refresh_from_db()

    with pytest.raises(ServiceError, match="Your city's membership is suspended:") as error:
        act(report, primary)

    assert error.value.code == "standing"
    report.refresh_from_db()
    assert report.state == ReportState.FEEDBACK_RECEIVED
    assert not report.publish_contacts
    assert not CityAccount.objects.filter(user__email="new@graz.example").exists()


def test_suspended_city_may_withdraw_its_publication(report, primary, staff):
    Report.objects.filter(pk=report.pk).update(state=ReportState.PUBLISHED)
    city_membership_change(city=report.city, to_status=MembershipStatus.SUSPENDED, by=staff)
    report.refresh_from_db()

    report_withdraw_publication(report=report, by=primary)

    assert report.state == ReportState.FEEDBACK_RECEIVED


def test_office_still_gives_access_to_a_suspended_city(report, staff):
    city_membership_change(city=report.city, to_status=MembershipStatus.SUSPENDED, by=staff)

    account = city_account_invite(
        city=report.city, email="new@graz.example", role=AccountRole.SECONDARY, invited_by=staff
    )

    assert account.is_active


def test_membership_change_refuses_impossible_transitions(city, staff):
    with pytest.raises(ServiceError):
        city_membership_change(city=city, to_status=MembershipStatus.APPLICANT, by=staff)

    city.refresh_from_db()
    assert city.membership_status == MembershipStatus.MEMBER


def test_staff_record_membership_change_on_city_page(login, staff, city):
    client = login(staff)

    client.post(
        reverse("reporting:membership", args=[city.slug]),
        {"status": "left", "reason": "Council decision of 3 May"},
    )

    city.refresh_from_db()
    assert city.membership_status == MembershipStatus.LEFT
    content = client.get(city.get_absolute_url()).content.decode()
    assert "Council decision of 3 May" in content


def test_city_account_cannot_change_membership(login, primary, city):
    response = login(primary).post(
        reverse("reporting:membership", args=[city.slug]), {"status": "left"}
    )

    assert response.status_code == 403
    city.refresh_from_db()
    assert city.membership_status == MembershipStatus.MEMBER


def test_public_list_shows_only_members_by_country(client, city, other_city):
    CityFactory(name="Applicantville", country="FR", membership_status=MembershipStatus.APPLICANT)
    CityFactory(name="Leftburg", country="DE", membership_status=MembershipStatus.LEFT)

    response = client.get(reverse("reporting:public_members"))

    content = response.content.decode()
    assert response.context["groups"] == [("Austria", ["Graz"]), ("Sweden", ["Malmö"])]
    assert "Applicantville" not in content and "Leftburg" not in content
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response


def test_directory_for_members_filters_and_hides_non_members(login, primary, city, other_city):
    CityFactory(name="Tiny", population=9000)
    CityFactory(name="Gone", membership_status=MembershipStatus.LEFT)
    client = login(primary)

    everyone = client.get(reverse("reporting:directory"))
    small = client.get(reverse("reporting:directory"), {"size": "small"})
    hostile = client.get(reverse("reporting:directory"), {"country": "<script>", "size": "x"})

    assert [c.name for c in everyone.context["cities"]] == ["Graz", "Malmö", "Tiny"]
    assert [c.name for c in small.context["cities"]] == ["Tiny"]
    assert hostile.status_code == 200
    assert everyone.context["cities"][0].focal_points[0].user == primary


def test_directory_is_closed_to_anonymous_and_suspended_cities(client, login, primary, city, staff):
    assert client.get(reverse("reporting:directory")).status_code == 302
    city_membership_change(city=city, to_status=MembershipStatus.SUSPENDED, by=staff)

    assert login(primary).get(reverse("reporting:directory")).status_code == 403
