import pytest

from reporting.services.reports import report_submit
from reviews import services
from tests.reporting.test_submission import complete


@pytest.fixture
def submitted(report, q, primary):
    complete(report, q, primary)
    report_submit(report=report, by=primary)
    report.city.mayor_name = "Małgorzata Wiśniewska-Παπαδοπούλου"
    report.city.mayor_title = "Prezydent Miasta"
    report.city.save()
    return report


@pytest.fixture
def assigned(submitted, reviewer, staff):
    services.reviewer_assign(report=submitted, reviewer=reviewer, by=staff)
    return submitted
