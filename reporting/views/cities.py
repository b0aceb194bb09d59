"""A city's pages and its accounts; the office's list of cities."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from eccar.errors import ServiceError
from eccar.views import PostOnlyMixin, RulesPermissionMixin, ServiceActionView
from reporting.enums import MembershipStatus
from reporting.forms.accounts import AccountInviteForm
from reporting.models import CityAccount, ReportingCycle
from reporting.selectors.accounts import city_accounts, city_get_for_user
from reporting.selectors.cycles import cycle_current
from reporting.selectors.home import city_reports
from reporting.selectors.reports import city_list_with_report_states
from reporting.services.accounts import city_account_deactivate, city_account_invite


class CityListView(RulesPermissionMixin, TemplateView):
    permission_required = "reporting.list_cities"
    template_name = "reporting/city_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycles = list(ReportingCycle.objects.order_by("-year")[:2])
        context["cycles"] = cycles
        context["rows"] = city_list_with_report_states(cycles=cycles)
        return context


class CityScopedMixin:
    """Loads the city through the one scoping helper: another city's page is a 404."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.city = city_get_for_user(user=request.user, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.city


class CityDetailView(CityScopedMixin, RulesPermissionMixin, TemplateView):
    permission_required = "reporting.view_city_page"
    template_name = "reporting/city_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        in_good_standing = self.city.membership_status == MembershipStatus.MEMBER
        # Oldest first: the last row is the change that put the city where it stands.
        history = list(self.city.membership_changes.select_related("changed_by"))
        context.update(
            city=self.city,
            accounts=city_accounts(city=self.city),
            cycle=cycle_current(),
            in_good_standing=in_good_standing,
            reports=city_reports(city_ids=[self.city.pk]).get(self.city.pk, []),
            standing_change=history[-1] if history and not in_good_standing else None,
            membership_history=history,
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
                account = city_account_invite(
                    city=self.city,
                    email=form.cleaned_data["email"],
                    full_name=form.cleaned_data["full_name"],
                    role=form.cleaned_data["role"],
                    invited_by=request.user,
                )
            except ServiceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                if account.is_active:
                    text = _("%(email)s now has access to %(city)s and has been sent an email.")
                else:
                    text = _(
                        "%(email)s already has a login: they have been asked by email to "
                        "accept access to %(city)s."
                    )
                messages.success(
                    request, text % {"email": account.user.email, "city": self.city.name}
                )
                return redirect(self.city.get_absolute_url())
        view = CityDetailView()
        view.setup(request, slug=slug)
        view.city = self.city
        context = view.get_context_data(invite_form=form)
        return render(request, view.template_name, context, status=400)


class CityAccountDeactivateView(CityScopedMixin, ServiceActionView):
    permission_required = "reporting.deactivate_account"

    def perform(self, request):
        account = get_object_or_404(
            CityAccount.objects.select_related("user"), pk=self.kwargs["account_id"], city=self.city
        )
        city_account_deactivate(account=account, by=request.user)
        return _("The account of %(email)s is deactivated.") % {"email": account.user.email}

    def get_success_url(self):
        return self.city.get_absolute_url()
