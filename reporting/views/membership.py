"""Joining the coalition, the Board's decisions, membership changes and the directory."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.generic import FormView, TemplateView

from eccar.errors import ServiceError
from eccar.views import RulesPermissionMixin, ServiceActionView, SpamGuardMixin
from reporting.enums import ApplicationStatus, MembershipStatus
from reporting.forms.membership import ApplicationForm, DirectoryFilterForm
from reporting.models import MembershipApplication
from reporting.selectors.accounts import city_get_for_user
from reporting.selectors.membership import (
    application_list,
    member_countries,
    member_directory,
    public_member_list,
)
from reporting.services.membership import (
    application_admit,
    application_comment,
    application_create,
    application_reject,
    application_request_info,
    city_membership_change,
)


class JoinView(SpamGuardMixin, FormView):
    """Public: a municipality applies to join the coalition."""

    template_name = "reporting/join.html"
    form_class = ApplicationForm
    spam_scope = "join"
    spam_message = _lazy("Too many applications from your network. Please try again in an hour.")

    def form_valid(self, form):
        if self.is_spam(form):
            return redirect("reporting:join_sent")
        if self.over_limit(form):
            return self.form_invalid(form)
        data = {
            k: v for k, v in form.cleaned_data.items() if k not in ("website", "accession_document")
        }
        try:
            application_create(accession_document=form.cleaned_data["accession_document"], **data)
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        return redirect("reporting:join_sent")


class JoinSentView(TemplateView):
    template_name = "reporting/join_sent.html"


class ApplicationListView(RulesPermissionMixin, TemplateView):
    permission_required = "reporting.decide_applications"
    template_name = "reporting/application_list.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "applications": application_list(),
        }


class ApplicationDetailView(RulesPermissionMixin, View):
    permission_required = "reporting.decide_applications"

    def get(self, request, pk):
        application = get_object_or_404(MembershipApplication, pk=pk)
        return render(
            request,
            "reporting/application_detail.html",
            {
                "application": application,
                "comments": application.comments.select_related("author"),
                "open": application.status
                in (ApplicationStatus.PENDING, ApplicationStatus.INFO_REQUESTED),
            },
        )

    def post(self, request, pk):
        application = get_object_or_404(MembershipApplication, pk=pk)
        action = request.POST.get("action")
        try:
            if action == "comment":
                application_comment(
                    application=application, author=request.user, text=request.POST.get("text", "")
                )
            elif action == "admit":
                city = application_admit(application=application, by=request.user)
                messages.success(
                    request,
                    _("%(city)s is admitted; its contact person is invited.") % {"city": city.name},
                )
            elif action == "reject":
                application_reject(
                    application=application, by=request.user, reason=request.POST.get("reason", "")
                )
                messages.success(
                    request, _("The application is rejected; the applicant is told why.")
                )
            elif action == "ask":
                application_request_info(
                    application=application,
                    by=request.user,
                    question=request.POST.get("reason", ""),
                )
                messages.success(request, _("Your question has been sent to the applicant."))
            else:
                raise ServiceError(_("Unknown action."))
        except ServiceError as error:
            messages.error(request, error.message)
        return redirect("reporting:application_detail", pk=application.pk)


class ApplicationDocumentView(RulesPermissionMixin, View):
    permission_required = "reporting.decide_applications"

    def get(self, request, pk):
        application = get_object_or_404(MembershipApplication, pk=pk)
        response = FileResponse(
            application.accession_document.open("rb"),
            as_attachment=True,
            filename=f"accession-{application.pk}.pdf",
            content_type="application/pdf",
        )
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class MembershipChangeView(ServiceActionView):
    """Staff record a decision on a city's membership (suspension, leaving, reinstatement)."""

    permission_required = "reporting.change_membership"

    def perform(self, request):
        self.city = city_get_for_user(user=request.user, slug=self.kwargs["slug"])
        city_membership_change(
            city=self.city,
            to_status=request.POST.get("status", ""),
            by=request.user,
            reason=request.POST.get("reason", "").strip(),
        )
        return _("The membership of %(city)s is now: %(status)s.") % {
            "city": self.city.name,
            "status": self.city.get_membership_status_display(),
        }

    def get_success_url(self):
        return self.city.get_absolute_url()


class DirectoryView(RulesPermissionMixin, View):
    permission_required = "reporting.view_directory"

    def get(self, request):
        form = DirectoryFilterForm(request.GET or None, countries=member_countries())
        filters = form.cleaned_data if form.is_valid() else {}
        cities = member_directory(
            country=filters.get("country") or "",
            size=filters.get("size") or "",
            q=filters.get("q") or "",
        )
        return render(request, "reporting/directory.html", {"form": form, "cities": cities})


@method_decorator(xframe_options_exempt, name="dispatch")
class PublicMemberListView(View):
    """Public, and embeddable by the coalition's website in an iframe."""

    def get(self, request):
        response = render(
            request,
            "reporting/public_members.html",
            {
                "groups": public_member_list(),
                "embed": request.GET.get("embed") == "1",
                "statuses": MembershipStatus,
            },
        )
        # Replace the site-wide "frame-ancestors 'none'" for this page only.
        response["Content-Security-Policy"] = (
            "default-src 'self'; style-src 'self'; img-src 'self'; frame-ancestors *; "
            "base-uri 'self'; form-action 'self'; object-src 'none'"
        )
        return response
