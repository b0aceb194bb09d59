from celery import shared_task

from .models import CityAccount, Invitation
from .services import access_granted_notify, invitation_send


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def task_invitation_send(*, invitation_id: int) -> bool:
    invitation = Invitation.objects.filter(pk=invitation_id).first()
    if invitation is None:
        return False
    return invitation_send(invitation=invitation)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def task_access_granted_notify(*, account_id: int) -> None:
    account = CityAccount.objects.select_related("user", "city").filter(pk=account_id).first()
    if account is not None and account.is_active:
        access_granted_notify(account=account)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def task_submission_confirm(*, report_id: int) -> bool:
    from .models import Report
    from .notifications import submission_confirm

    report = Report.objects.select_related("city", "cycle").filter(pk=report_id).first()
    if report is None:
        return False
    return submission_confirm(report=report)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def task_reminders_send() -> int:
    from .notifications import reminders_send

    return reminders_send()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def task_application_mail(*, application_id: int, template: str) -> None:
    from .membership import application_mail
    from .models import MembershipApplication

    application = MembershipApplication.objects.filter(pk=application_id).first()
    if application is not None:
        application_mail(application=application, template=template)
