"""The home page, the interface language and the user manual."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from eccar.views import PostOnlyMixin, safe_next_url
from reporting.enums import ReportState
from reporting.forms.accounts import LanguageForm
from reporting.models import HelpPage
from reporting.selectors.cycles import cycle_current
from reporting.selectors.home import home_for
from reporting.services.accounts import user_set_language


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
            context.update(home_for(user=user), report_states=ReportState)
        return context


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
            user_set_language(user=request.user, language=language)
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


# The manual's calendar page is built from the current cycle's dates, never stored text.
CALENDAR_SLUG = "calendar"


class HelpIndexView(View):
    def get(self, request, slug=None):
        pages = list(HelpPage.objects.exclude(slug=CALENDAR_SLUG).order_by("order", "pk"))
        cycle = cycle_current()
        page = None
        calendar = slug == CALENDAR_SLUG and cycle is not None
        if slug and not calendar:
            page = next((p for p in pages if p.slug == slug), None)
            if page is None:
                raise Http404
        elif not slug and pages:
            page = pages[0]
        return render(
            request,
            "reporting/help.html",
            {"pages": pages, "page": page, "cycle": cycle, "calendar": calendar},
        )
