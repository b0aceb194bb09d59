from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from eccar.notification_views import NotificationListView, NotificationOpenView
from eccar.views import favicon, healthz
from reporting.views.home import HomeView, LanguageSetView

# The admin's own login form is bypassed: staff log in through allauth, with
# its rate limits and two-factor authentication.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "ECCAR Online City Reporting"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/language/", LanguageSetView.as_view(), name="language_set"),
    path("notifications/", NotificationListView.as_view(), name="notifications"),
    path("notifications/<int:pk>/open/", NotificationOpenView.as_view(), name="notification_open"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("reporting.urls")),
    path("", include("reviews.urls")),
    path("", include("reporting.library.urls")),
    path("", include("prize.urls")),
    path("", include("eccar.privacy.urls")),
]
