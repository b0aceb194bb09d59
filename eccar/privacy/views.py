"""Pages about personal data: the public privacy notice, a person's own data, and the
office's tools (a person's data on request, anonymisation, erasure requests)."""

from django.views.generic import TemplateView

from .notice import notice_context


class PrivacyNoticeView(TemplateView):
    """Public: linked from the footer of every page and from the login page."""

    template_name = "privacy/notice.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **notice_context()}
