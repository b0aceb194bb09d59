from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from .models import Notification
from .notifications import notifications_for, notifications_mark_read


class NotificationListView(LoginRequiredMixin, View):
    def get(self, request):
        return render(
            request,
            "notifications/list.html",
            {"notifications": notifications_for(user=request.user)},
        )

    def post(self, request):
        notifications_mark_read(user=request.user)
        return redirect("notifications")


class NotificationOpenView(LoginRequiredMixin, View):
    """Marks one notification read and goes to what it is about (POST: a change)."""

    def get(self, request, pk):
        return redirect("notifications")

    def post(self, request, pk):
        notification = get_object_or_404(Notification, pk=pk, user=request.user)
        notifications_mark_read(user=request.user, notification_id=notification.pk)
        url = notification.url
        # Only links inside the platform, whatever was stored.
        if not url.startswith("/") or url.startswith("//"):
            return redirect("notifications")
        return redirect(url)
