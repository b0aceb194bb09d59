"""The reporting app's rooms: services that views call instead of writing themselves,
and modules that import each other without a circle in whichever order they load."""

import os
import subprocess
import sys

import pytest

from eccar.errors import ServiceError
from reporting.enums import MembershipStatus, ReportState
from reporting.models import MembershipChange, Report
from reporting.services.content import report_language_set
from reporting.services.membership import city_membership_change
from reporting.services.reports import translation_rerun
from tests.reporting.test_report_editing import url


@pytest.mark.parametrize(
    "first", ["reporting.services.accounts", "reporting.tasks", "reporting.views.reports"]
)
def test_reporting_modules_import_in_any_order(first):
    # A fresh interpreter: in this one every module is already loaded.
    code = (
        "import django; django.setup(); "
        f"import {first}; import reporting.urls, reporting.tasks, reporting.services.reports"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "eccar.settings"},
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_report_language_set_saves_once_and_refuses_unknown(report, primary):
    assert report_language_set(report=report, language="fr", by=primary) is True
    assert report_language_set(report=report, language="fr", by=primary) is False
    with pytest.raises(ServiceError):
        report_language_set(report=report, language="xx", by=primary)

    report.refresh_from_db()
    assert report.source_language == "fr"


def test_report_language_set_refuses_a_submitted_report(report, primary):
    Report.objects.filter(pk=report.pk).update(state=ReportState.SUBMITTED)

    with pytest.raises(ServiceError):
        report_language_set(report=report, language="fr", by=primary)


def test_report_language_view_goes_through_the_service(login, primary, report):
    response = login(primary).post(url(report, "report_language"), {"language": "xx"})

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.source_language != "xx"


def test_translation_rerun_says_when_translation_is_off(report, settings):
    settings.DEEPL_AUTH_KEY = ""

    with pytest.raises(ServiceError):
        translation_rerun(report=report)


def test_unknown_membership_status_is_a_service_error(city, staff):
    with pytest.raises(ServiceError):
        city_membership_change(city=city, to_status="expelled", by=staff)

    city.refresh_from_db()
    assert city.membership_status == MembershipStatus.MEMBER
    assert not MembershipChange.objects.filter(city=city, to_status="expelled").exists()


def test_unknown_membership_status_posted_shows_a_message(login, staff, city):
    response = login(staff).post(
        f"/cities/{city.slug}/membership/", {"status": "expelled"}, follow=True
    )

    assert [m.level_tag for m in response.context["messages"]] == ["error"]
