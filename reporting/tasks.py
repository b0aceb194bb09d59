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
