from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from reporting.views import HomeView, LanguageSetView

# The admin's own login form is bypassed: staff log in through allauth, with
# its rate limits and two-factor authentication.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "ECCAR Online City Reporting"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("i18n/language/", LanguageSetView.as_view(), name="language_set"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("reporting.urls")),
    path("", include("reviews.urls")),
]
