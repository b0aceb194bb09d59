"""Small shared view pieces."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.http import require_safe
from rules.contrib.views import PermissionRequiredMixin

from .errors import ServiceError
from .ratelimit import allow
from .security_log import client_ip, log_permission_refused


class RulesPermissionMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Checks a django-rules permission against `get_permission_object()`; anonymous
    users go to the login page, others get a 403 that is logged."""

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            log_permission_refused(self.request, str(self.permission_required))
        return super().handle_no_permission()


class ServiceActionView(RulesPermissionMixin, View):
    """A POST that calls one service: checks `permission_required` on
    `get_permission_object()`, calls `perform()`, shows `success_message` (or the
    `ServiceError`'s message) and redirects to `get_success_url()`. GET is refused.

    Subclasses write `perform(request)` (returning an optional success message that
    replaces `success_message`) and `get_success_url()`; nothing else."""

    success_message = ""

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def perform(self, request):  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def get_success_url(self) -> str:  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            message = self.perform(request)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            if message or self.success_message:
                messages.success(request, message or self.success_message)
        return redirect(self.get_success_url())


class SpamGuardMixin:
    """For public forms: a honeypot field and a per-address rate limit, no third party.

    Robots that fill the hidden `website` field get the same answer as people and
    nothing is stored."""

    spam_scope = "public-form"
    spam_limit = 5
    spam_period = 3600
    spam_message = ""

    def is_spam(self, form) -> bool:
        return bool(form.cleaned_data.get("website"))

    def over_limit(self, form) -> bool:
        if allow(
            scope=self.spam_scope,
            key=client_ip(self.request),
            limit=self.spam_limit,
            period=self.spam_period,
        ):
            return False
        form.add_error(None, self.spam_message)
        return True


class PostOnlyMixin:
    """For views that change state: GET changes nothing and is refused."""

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])


def safe_next_url(request, fallback: str) -> str:
    """A `next` address on this site, or `fallback`. Only paths ("/...") are taken:
    redirect() would look anything else up as a URL name, a 500 when it is none."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def bounded_int(value: str, *, digits: int = 18) -> int | None:
    """A non-negative integer of at most `digits` digits, or None. The length is checked
    before int(), which refuses (ValueError) strings of more than 4,300 digits and would
    overflow a 64-bit database column long before that."""
    value = (value or "").strip()
    return int(value) if value.isdecimal() and len(value) <= digits else None


def posted_version(request, name: str = "version") -> int | None:
    """The version a form or autosave was based on, compared (never stored) by the
    services; None when none was sent, which means "no check". A version too long to be
    real becomes -1, which matches no stored version: the save is refused as a conflict."""
    value = (request.POST.get(name) or "").strip()
    if not value.isdecimal():
        return None
    number = bounded_int(value)
    return -1 if number is None else number


def posted_id(request, name: str) -> int:
    """An id from a POSTed field; anything that is not a positive integer becomes 0,
    which matches no row, so forged values read as "not found" rather than a 500."""
    return bounded_int(request.POST.get(name) or "") or 0


def healthz(request):
    """Liveness check for load balancers, and the framework's floor in `make load`: it
    does no work at all (no database, no template), so its throughput is what the
    middleware stack and gunicorn cost on their own."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico wherever a page names no icon (a PDF, a file, a page
    of their own): the site's icon, at its static address. The address is the file's own
    name, not the manifest's fingerprinted copy: a browser keeps a permanent redirect,
    and the fingerprint changes with the icon."""
    return HttpResponsePermanentRedirect(f"{settings.STATIC_URL}favicon.svg")
