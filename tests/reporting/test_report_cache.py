"""Report pages read a cached copy of their report: it must decide exactly what the
scoping queryset decides, and follow every change at once."""

import pytest
from django.urls import reverse

from reporting.enums import ReportState
from reporting.models import Report
from reporting.selectors import report_is_visible_to, reports_visible_to

ROLES = ["anonymous", "primary", "secondary", "other_primary", "reviewer", "board", "staff"]


@pytest.mark.parametrize("state", list(ReportState))
@pytest.mark.parametrize("role", ROLES)
def test_visibility_of_one_report_agrees_with_the_scoping_queryset(request, report, role, state):
    from django.contrib.auth.models import AnonymousUser

    user = request.getfixturevalue(role) or AnonymousUser()
    Report.objects.filter(pk=report.pk).update(state=state)
    report.refresh_from_db()

    expected = reports_visible_to(user).filter(pk=report.pk).exists()

    assert report_is_visible_to(user, report) == expected


def test_suspended_city_reads_its_own_report_but_no_published_one(
    report, other_city, other_primary
):
    from reporting.enums import MembershipStatus
    from tests.factories import ReportingCycleFactory

    other_city.membership_status = MembershipStatus.SUSPENDED
    other_city.save()
    Report.objects.filter(pk=report.pk).update(state=ReportState.PUBLISHED)
    report.refresh_from_db()
    own = Report.objects.create(city=other_city, cycle=ReportingCycleFactory(year=2031))

    for candidate in (report, own):
        expected = reports_visible_to(other_primary).filter(pk=candidate.pk).exists()
        assert report_is_visible_to(other_primary, candidate) == expected
    assert report_is_visible_to(other_primary, own)
    assert not report_is_visible_to(other_primary, report)


def test_reader_follows_publication_and_withdrawal_though_the_report_is_cached(
    login, report, other_primary
):
    client = login(other_primary)
    url = reverse("reporting:report_detail", args=[report.city.slug, report.cycle.year])
    hidden = client.get(url).status_code  # the draft is cached now

    Report.objects.filter(pk=report.pk).update(state=ReportState.PUBLISHED)
    published = client.get(url).status_code
    report.refresh_from_db()
    report.state = ReportState.UPDATING
    report.save()
    withdrawn = client.get(url).status_code

    assert (hidden, published, withdrawn) == (404, 200, 404)


def test_contact_publication_shows_at_once_though_the_report_is_cached(login, report, primary):
    from reporting import report_services

    client = login(primary)
    url = reverse("reporting:report_detail", args=[report.city.slug, report.cycle.year])
    client.get(url)

    report_services.report_set_contact_publication(report=report, by=primary, publish=True)
    cached = client.get(url).context["report"]

    assert cached.publish_contacts is True


def test_edit_page_follows_every_kind_of_answer_write_though_its_form_is_cached(
    login, report, q, primary
):
    from reporting import report_services
    from reporting.models import Answer

    client = login(primary)
    url = reverse("reporting:section_edit", args=[report.city.slug, report.cycle.year, "strategy"])
    report_services.answer_save(
        report=report, question=q["strategy_summary"], raw="Created.", by=primary
    )
    created = client.get(url).content.decode()  # the form is cached now
    # The autosave's single UPDATE (no signal), then a bulk update, then a deletion.
    report_services.answer_save(
        report=report, question=q["strategy_summary"], raw="Updated in place.", by=primary,
        expected_version=1,
    )  # fmt: skip
    updated = client.get(url).content.decode()
    Answer.objects.filter(report=report).update(value="Bulk edited.")
    bulk = client.get(url).content.decode()
    Answer.objects.filter(report=report).delete()
    deleted = client.get(url).content.decode()

    assert "Created." in created
    assert "Updated in place." in updated
    assert "Bulk edited." in bulk
    assert "Bulk edited." not in deleted


def test_home_follows_the_report_state_though_reports_are_cached(login, report, primary):
    from reporting.services import report_transition

    client = login(primary)
    before = client.get(reverse("home")).content.decode()

    report_transition(report=report, to_state=ReportState.SUBMITTED, by=primary)
    after = client.get(reverse("home")).content.decode()

    assert "Continue your report" in before
    assert "Open your report" in after
    assert str(ReportState.SUBMITTED.label) in after
