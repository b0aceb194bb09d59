"""Getting access: the invitation link, and access requests with the office's decision."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from eccar.errors import ServiceError
from eccar.views import PostOnlyMixin, RulesPermissionMixin, SpamGuardMixin
from reporting.enums import AccessRequestStatus, AccountRole
from reporting.forms.accounts import (
    AccessRequestApproveForm,
    AccessRequestForm,
    AccessRequestRejectForm,
    GrantAcceptForm,
    SetPasswordForm,
)
from reporting.models import AccessRequest, City
from reporting.selectors.accounts import access_request_list
from reporting.services.accounts import (
    access_request_approve,
    access_request_create,
    access_request_reject,
    invitation_accept,
    invitation_resolve,
)


class InvitationAcceptView(FormView):
    template_name = "reporting/invitation_accept.html"
    form_class = SetPasswordForm

    def dispatch(self, request, *args, **kwargs):
        try:
            self.invitation = invitation_resolve(token=kwargs["token"])
        except ServiceError as error:
            return render(
                request,
                "reporting/invitation_invalid.html",
                {"error": error},
                status=410 if error.code in ("used", "expired") else 404,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return GrantAcceptForm if self.invitation.is_grant else SetPasswordForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.invitation.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "invitation": self.invitation}

    def form_valid(self, form):
        try:
            user = invitation_accept(
                token=self.kwargs["token"], password=form.cleaned_data.get("password1")
            )
        except ServiceError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if self.invitation.is_grant:
            # Accepting access never logs anyone in: the person uses their own login.
            city = self.invitation.account.city.name
            messages.success(self.request, _("You now have access to %(city)s.") % {"city": city})
            return redirect("home" if self.request.user == user else "account_login")
        login(self.request, user, backend="eccar.backends.StaffModelBackend")
        messages.success(self.request, _("Welcome! Your password is set and you are logged in."))
        return redirect("home")


class AccessRequestCreateView(SpamGuardMixin, FormView):
    template_name = "reporting/access_request_form.html"
    form_class = AccessRequestForm
    spam_scope = "access_request"
    spam_message = _lazy("Too many requests from your network. Please try again in an hour.")

    def form_valid(self, form):
        if self.is_spam(form):
            return redirect("reporting:access_request_done")
        if self.over_limit(form):
            return self.form_invalid(form)
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        access_request_create(**data)
        return redirect("reporting:access_request_done")


class AccessRequestDoneView(TemplateView):
    template_name = "reporting/access_request_done.html"


class AccessRequestListView(RulesPermissionMixin, ListView):
    permission_required = "reporting.decide_access_requests"
    template_name = "reporting/access_request_list.html"
    paginate_by = 50

    def get_queryset(self):
        return access_request_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pending"] = AccessRequestStatus.PENDING
        context["cities"] = City.objects.only("pk", "name").order_by("name")
        context["roles"] = AccountRole.choices
        return context


class AccessRequestDecideView(RulesPermissionMixin, PostOnlyMixin, View):
    permission_required = "reporting.decide_access_requests"

    def post(self, request, pk):
        access_request = get_object_or_404(AccessRequest, pk=pk)
        try:
            if request.POST.get("decision") == "approve":
                form = AccessRequestApproveForm(request.POST)
                if not form.is_valid():
                    raise ServiceError(_("Choose the city and the role to approve this request."))
                access_request_approve(
                    access_request=access_request,
                    city=form.cleaned_data["city"],
                    role=form.cleaned_data["role"],
                    by=request.user,
                )
                messages.success(request, _("Approved: an invitation is on its way."))
            elif request.POST.get("decision") == "reject":
                form = AccessRequestRejectForm(request.POST)
                form.is_valid()
                access_request_reject(
                    access_request=access_request,
                    by=request.user,
                    note=form.cleaned_data.get("note", ""),
                )
                messages.success(request, _("The request is rejected."))
            else:
                raise ServiceError(_("Choose to approve or reject the request."))
        except ServiceError as error:
            messages.error(request, error.message)
        return redirect("reporting:access_request_list")
