"""Pages about personal data: the public privacy notice, a person's own data, and the
office's tools (a person's data on request, anonymisation, erasure requests, a city's
contacts). Thin: each write is one service call."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from eccar.errors import ServiceError
from eccar.views import PostOnlyMixin, RulesPermissionMixin, ServiceActionView
from reporting.models import City, User

from .models import ErasureRequest
from .notice import notice_context
from .selectors import (
    pending_erasure_request_for,
    pending_erasure_requests,
    people_search,
    privacy_log,
)
from .services import (
    city_contacts_clear,
    erasure_confirm,
    erasure_decline,
    erasure_request,
    person_anonymise,
    person_data_export,
    person_data_json,
)

# The headings of the readable summary, one per category of `selectors.person_data`.
CATEGORY_TITLES = {
    "city_accounts": gettext_lazy("City accounts and roles"),
    "invitations": gettext_lazy("Invitations"),
    "notifications": gettext_lazy("Notifications"),
    "answers_last_saved": gettext_lazy("Answers you saved last"),
    "reviews_written": gettext_lazy("Reviews written"),
    "conflicts_of_interest": gettext_lazy("Declared conflicts of interest"),
    "prize_votes_cast": gettext_lazy("Prize votes cast (participation only, never a choice)"),
    "prize_preselections": gettext_lazy("Prize preselections"),
    "comments": gettext_lazy("Comments"),
    "prize_presenter": gettext_lazy("Prize presentations"),
    "access_requests": gettext_lazy("Access requests"),
    "membership_applications": gettext_lazy("Membership applications"),
    "erasure_requests": gettext_lazy("Erasure requests"),
    "security_log": gettext_lazy("Logins and logouts (security log)"),
    "privacy_log": gettext_lazy("Privacy log"),
}


class PrivacyNoticeView(TemplateView):
    """Public: linked from the footer of every page and from the login page."""

    template_name = "privacy/notice.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **notice_context()}


def _filename(person: User, extension: str) -> str:
    return f"personal-data-{person.pk}-{timezone.localdate():%Y-%m-%d}.{extension}"


def data_response(request, person: User, fmt: str) -> HttpResponse:
    """The person's data as a JSON file or a readable page, logged by the service."""
    data = person_data_export(person=person, by=request.user)
    if fmt == "json":
        response = HttpResponse(person_data_json(data), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{_filename(person, "json")}"'
        return response
    sections = [
        {"title": CATEGORY_TITLES[key], "rows": rows}
        for key, rows in data.items()
        if key in CATEGORY_TITLES
    ]
    return render(
        request,
        "privacy/summary.html",
        {"person": person, "profile": data["profile"], "data": data, "sections": sections},
    )


class MyDataView(RulesPermissionMixin, TemplateView):
    """The account page's privacy part: download your data, ask to be anonymised."""

    permission_required = "privacy.download_own_data"
    template_name = "privacy/my_data.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "pending": pending_erasure_request_for(person=self.request.user),
        }


class MyDataDownloadView(RulesPermissionMixin, View):
    permission_required = "privacy.download_own_data"

    def get(self, request, fmt):
        return data_response(request, request.user, fmt)


class ErasureRequestView(ServiceActionView):
    permission_required = "privacy.request_erasure"

    def perform(self, request):
        erasure_request(person=request.user, message=request.POST.get("message", ""))
        return _("Your request is sent. The office confirms it and then anonymises you.")

    def get_success_url(self):
        return reverse("privacy:my_data")


class OfficeView(RulesPermissionMixin, TemplateView):
    """Staff: find a person, the erasure requests waiting, the privacy log."""

    permission_required = "privacy.manage_personal_data"
    template_name = "privacy/office.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "")[:200]
        return {
            **super().get_context_data(**kwargs),
            "query": query,
            "people": people_search(query=query),
            "requests": pending_erasure_requests(),
            "log": privacy_log(),
        }


class PersonMixin(RulesPermissionMixin):
    permission_required = "privacy.manage_personal_data"

    def get_person(self) -> User:
        return get_object_or_404(User.objects.select_related("anonymisation"), pk=self.kwargs["pk"])


class PersonView(PersonMixin, View):
    def get(self, request, pk):
        person = self.get_person()
        return render(
            request,
            "privacy/person.html",
            {"person": person, "pending": pending_erasure_request_for(person=person)},
        )


class PersonDataView(PersonMixin, View):
    """Staff produce a person's data on their request; the log says who and when."""

    def get(self, request, pk, fmt):
        return data_response(request, self.get_person(), fmt)


class PersonAnonymiseView(PersonMixin, View):
    """GET asks for confirmation (a real page, no JavaScript); POST anonymises."""

    def get(self, request, pk):
        return render(request, "privacy/anonymise_confirm.html", {"person": self.get_person()})

    def post(self, request, pk):
        person = self.get_person()
        try:
            anonymisation = person_anonymise(
                person=person, by=request.user, reason=request.POST.get("reason", "")[:500]
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The person is anonymised: they now appear as “%(placeholder)s”.")
                % {"placeholder": anonymisation.placeholder},
            )
        return redirect("privacy:person", pk=person.pk)


class ErasureDecideView(RulesPermissionMixin, PostOnlyMixin, View):
    permission_required = "privacy.manage_personal_data"

    def post(self, request, pk):
        erasure = get_object_or_404(ErasureRequest.objects.select_related("user"), pk=pk)
        try:
            if request.POST.get("decision") == "confirm":
                anonymisation = erasure_confirm(request=erasure, by=request.user)
                messages.success(
                    request,
                    _("The person is anonymised: they now appear as “%(placeholder)s”.")
                    % {"placeholder": anonymisation.placeholder},
                )
            elif request.POST.get("decision") == "decline":
                erasure_decline(request=erasure, by=request.user, note=request.POST.get("note", ""))
                messages.success(request, _("The request is declined."))
            else:
                raise ServiceError(_("Choose to confirm or decline the request."))
        except ServiceError as error:
            messages.error(request, error.message)
        return redirect("privacy:office")


class CityContactsClearView(RulesPermissionMixin, View):
    """The city's primary account or staff clear the contact answers and the mayor's
    details. Another city's page is a 404, as everywhere."""

    permission_required = "privacy.download_own_data"

    def get_city(self) -> City:
        city = get_object_or_404(City, slug=self.kwargs["slug"])
        if not self.request.user.has_perm("privacy.clear_city_contacts", city):
            raise Http404
        return city

    def get(self, request, slug):
        return render(request, "privacy/contacts_clear_confirm.html", {"city": self.get_city()})

    def post(self, request, slug):
        city = self.get_city()
        count = city_contacts_clear(city=city, by=request.user)
        messages.success(
            request,
            _("The mayor's details and %(count)s contact answers are cleared.") % {"count": count},
        )
        return redirect(city.get_absolute_url())
