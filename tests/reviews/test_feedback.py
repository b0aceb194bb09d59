"""After the letter: the city is notified in the platform, reads its feedback and
downloads the letter; nobody else reads a city's unpublished feedback."""

import pytest
from django.urls import reverse

from eccar.models import Notification
from reporting.services.reports import report_return_to_draft
from reviews import services
from reviews.enums import LetterState
from reviews.models import Letter
from tests.conftest import _with_totp
from tests.factories import UserFactory
from tests.reviews.test_services import _ready_letter


@pytest.fixture
def sent(assigned, reviewer, staff, primary, secondary, commit_callbacks):
    letter = _ready_letter(assigned, reviewer, staff)
    services.letter_send(letter=letter)
    letter.refresh_from_db()
    return letter


def _feedback_url(report):
    return reverse("reviews:feedback", kwargs={"slug": report.city.slug, "year": report.cycle.year})


def test_sending_notifies_every_account_of_the_city_once(sent, primary, secondary):
    services.letter_send(letter=sent)  # a retried task

    assert sorted(Notification.objects.values_list("user__email", flat=True)) == sorted(
        [primary.email, secondary.email]
    )


def test_notification_shows_in_the_header_and_opens_the_feedback(login, sent, secondary):
    client = login(secondary)
    notification = Notification.objects.get(user=secondary)

    home = client.get(reverse("home")).content.decode()
    opened = client.post(reverse("notification_open", args=[notification.pk]))

    assert 'class="count-badge">1' in home
    assert opened.status_code == 302 and opened["Location"] == _feedback_url(sent.report)
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_someone_elses_notification_is_a_404(login, sent, other_primary):
    notification = Notification.objects.first()

    response = login(other_primary).post(reverse("notification_open", args=[notification.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("primary", 200),
        ("secondary", 200),
        ("other_primary", 404),
        ("reviewer", 200),
        ("staff", 200),
    ],
)
def test_feedback_page_permissions(role, expected, login, sent, request):
    user = request.getfixturevalue(role) if role != "anonymous" else None

    response = login(user).get(_feedback_url(sent.report))

    assert response.status_code == expected


def test_city_reads_the_feedback_and_downloads_the_letter(login, sent, secondary):
    client = login(secondary)

    page = client.get(_feedback_url(sent.report)).content.decode()
    pdf = client.get(_feedback_url(sent.report) + "?download=letter")

    assert "clear mandate and a funded office" in page
    assert "common equality indicators" in page  # the general feedback
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_report_page_links_to_the_feedback(login, sent, primary):
    page = login(primary).get(
        reverse("reporting:report_detail", args=[sent.report.city.slug, sent.report.cycle.year])
    )

    assert _feedback_url(sent.report) in page.content.decode()


def test_feedback_page_is_a_404_before_the_letter_is_sent(
    login, assigned, reviewer, staff, primary
):
    _ready_letter(assigned, reviewer, staff)

    assert login(primary).get(_feedback_url(assigned)).status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("primary", 404),
        ("secondary", 404),
        ("other_primary", 404),
        ("reviewer", 200),
        ("board", 200),
        ("staff", 200),
    ],
)
def test_only_reviewers_of_the_report_staff_and_board_see_the_draft_letter(
    role, expected, login, assigned, reviewer, staff, request
):
    _ready_letter(assigned, reviewer, staff)
    user = request.getfixturevalue(role) if role != "anonymous" else None
    url = reverse("reviews:letter", args=[assigned.cycle.year, assigned.city.slug])

    assert login(user).get(url).status_code == expected


def test_unassigned_reviewer_does_not_see_the_draft_letter(login, assigned, reviewer, staff):
    _ready_letter(assigned, reviewer, staff)
    stranger = _with_totp(UserFactory(is_reviewer=True))
    url = reverse("reviews:letter", args=[assigned.cycle.year, assigned.city.slug])

    assert login(stranger).get(url).status_code == 404


def test_letter_crashing_half_way_sends_nothing_and_the_retry_sends_once(
    assigned, reviewer, staff, mailoutbox, monkeypatch
):
    letter = _ready_letter(assigned, reviewer, staff)
    real_render = services.letter_render

    def crash(**kwargs):
        raise RuntimeError("worker killed while rendering")

    monkeypatch.setattr(services, "letter_render", crash)
    with pytest.raises(RuntimeError):
        services.letter_send(letter=letter)
    monkeypatch.setattr(services, "letter_render", real_render)
    letter.refresh_from_db()
    assert letter.state == LetterState.READY and mailoutbox == []

    services.letter_send(letter=letter)
    services.letter_send(letter=letter)

    assert len(mailoutbox) == 1
    assert Letter.objects.get().state == LetterState.SENT


def test_outbox_shows_why_a_letter_could_not_go(
    login, assigned, reviewer, staff, mailoutbox, commit_callbacks
):
    _ready_letter(assigned, reviewer, staff)
    assigned.city.mayor_email = ""
    assigned.city.save()
    client = login(staff)
    url = reverse("reviews:outbox", args=[assigned.cycle.year])

    with commit_callbacks(execute=True):
        client.post(url, {"confirmed": "1"})
    page = client.get(url).content.decode()

    assert "no mayor" in page
    assert Letter.objects.get().state == LetterState.READY
    assert [m for m in mailoutbox if "feedback" in m.subject.lower()] == []


def test_outbox_refuses_to_send_before_the_general_feedback_is_final(
    login, assigned, reviewer, staff, commit_callbacks
):
    services.review_save(report=assigned, reviewer=reviewer, changes={"general_conclusion": "x"})
    services.review_finalise(report=assigned, by=reviewer)
    client = login(staff)

    with commit_callbacks(execute=True):
        response = client.post(
            reverse("reviews:outbox", args=[assigned.cycle.year]), {"confirmed": "1"}, follow=True
        )

    assert "general feedback is final" in response.content.decode()
    assert Letter.objects.get().state == LetterState.READY


def test_report_returned_to_draft_keeps_its_letter_unsent_with_a_reason(
    login, assigned, reviewer, staff, commit_callbacks
):
    letter = _ready_letter(assigned, reviewer, staff)
    report_return_to_draft(report=assigned, by=staff, reason="Wrong file")

    with pytest.raises(Exception, match="not waiting for feedback"):
        services.letter_send(letter=letter)

    letter.refresh_from_db()
    assert letter.state == LetterState.READY and letter.error
