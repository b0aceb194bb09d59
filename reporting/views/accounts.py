from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from eccar.errors import ServiceError
from eccar.views import PostOnlyMixin, RulesPermissionMixin, SpamGuardMixin, safe_next_url

from . import selectors, services
from .enums import AccessRequestStatus, AccountRole, MembershipStatus
from .forms import (
    AccessRequestApproveForm,
    AccessRequestForm,
    AccessRequestRejectForm,
    AccountInviteForm,
    LanguageForm,
    SetPasswordForm,
)
from .models import AccessRequest, City, CityAccount, ReportingCycle


class HomeView(TemplateView):
    """Anonymous visitors see what the platform is; everyone else what to do now."""

    def get_template_names(self):
        if self.request.user.is_authenticated:
            return ["reporting/home.html"]
        return ["reporting/landing.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if user.is_authenticated:
            context.update(selectors.home_for(user=user))
            if user.has_perm("prize.view_prize"):
                from prize.selectors import current_edition

                context["prize_edition"] = current_edition()
        return context


class CityListView(RulesPermissionMixin, TemplateView):
    permission_required = "reporting.list_cities"
    template_name = "reporting/city_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycles = list(ReportingCycle.objects.order_by("-year")[:2])
        context["cycles"] = cycles
        context["rows"] = selectors.city_list_with_report_states(cycles=cycles)
        return context


class CityScopedMixin:
    """Loads the city through the one scoping helper: another city's page is a 404."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.city = selectors.city_get_for_user(user=request.user, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.city


class CityDetailView(CityScopedMixin, RulesPermissionMixin, TemplateView):
    permission_required = "reporting.view_city_page"
    template_name = "reporting/city_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        cycle = selectors.cycle_current()
        context.update(
            city=self.city,
            accounts=selectors.city_accounts(city=self.city),
            cycle=cycle,
            report=selectors.report_for_city(city=self.city, cycle=cycle),
            membership_history=self.city.membership_changes.select_related("changed_by"),
            can_change_membership=user.has_perm("reporting.change_membership"),
            membership_statuses=MembershipStatus.choices,
            invite_form=kwargs.get("invite_form")
            or AccountInviteForm(can_invite_primary=user.has_perm("reporting.invite_primary")),
        )
        return context


class CityAccountInviteView(CityScopedMixin, RulesPermissionMixin, PostOnlyMixin, View):
    permission_required = "reporting.invite_secondary"

    def post(self, request, slug):
        can_invite_primary = request.user.has_perm("reporting.invite_primary")
        form = AccountInviteForm(request.POST, can_invite_primary=can_invite_primary)
        if form.is_valid():
            try:
                account = services.city_account_invite(
                    city=self.city,
                    email=form.cleaned_data["email"],
                    full_name=form.cleaned_data["full_name"],
                    role=form.cleaned_data["role"],
                    invited_by=request.user,
                )
            except ServiceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(
                    request,
                    _("%(email)s now has access to %(city)s and has been sent an email.")
                    % {"email": account.user.email, "city": self.city.name},
                )
                return redirect(self.city.get_absolute_url())
        view = CityDetailView()
        view.setup(request, slug=slug)
        view.city = self.city
        context = view.get_context_data(invite_form=form)
        return render(request, view.template_name, context, status=400)


class CityAccountDeactivateView(CityScopedMixin, RulesPermissionMixin, PostOnlyMixin, View):
    permission_required = "reporting.deactivate_account"

    def post(self, request, slug, account_id):
        account = get_object_or_404(
            CityAccount.objects.select_related("user"), pk=account_id, city=self.city
        )
        try:
            services.city_account_deactivate(account=account, by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The account of %(email)s is deactivated.") % {"email": account.user.email},
            )
        return redirect(self.city.get_absolute_url())


class InvitationAcceptView(FormView):
    template_name = "reporting/invitation_accept.html"
    form_class = SetPasswordForm

    def dispatch(self, request, *args, **kwargs):
        try:
            self.invitation = services.invitation_resolve(token=kwargs["token"])
        except ServiceError as error:
            return render(
                request,
                "reporting/invitation_invalid.html",
                {"error": error},
                status=410 if error.code in ("used", "expired") else 404,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.invitation.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "invitation": self.invitation}

    def form_valid(self, form):
        try:
            user = services.invitation_accept(
                token=self.kwargs["token"], password=form.cleaned_data["password1"]
            )
        except ServiceError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
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
        services.access_request_create(**data)
        return redirect("reporting:access_request_done")


class AccessRequestDoneView(TemplateView):
    template_name = "reporting/access_request_done.html"


class AccessRequestListView(RulesPermissionMixin, ListView):
    permission_required = "reporting.decide_access_requests"
    template_name = "reporting/access_request_list.html"
    paginate_by = 50

    def get_queryset(self):
        return AccessRequest.objects.select_related("city", "decided_by").order_by(
            "status", "-created_at"
        )

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
                services.access_request_approve(
                    access_request=access_request,
                    city=form.cleaned_data["city"],
                    role=form.cleaned_data["role"],
                    by=request.user,
                )
                messages.success(request, _("Approved: an invitation is on its way."))
            elif request.POST.get("decision") == "reject":
                form = AccessRequestRejectForm(request.POST)
                form.is_valid()
                services.access_request_reject(
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


class LanguageSetView(PostOnlyMixin, View):
    """Like Django's set_language, but remembers the choice on the user and says
    so when a language is unknown instead of ignoring it."""

    def post(self, request):
        next_url = safe_next_url(request, reverse("home"))
        form = LanguageForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Unknown language. Please choose one from the list."))
            return HttpResponseRedirect(next_url)
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            services.user_set_language(user=request.user, language=language)
        translation.activate(language)
        response = HttpResponseRedirect(next_url)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            httponly=True,
        )
        return response
