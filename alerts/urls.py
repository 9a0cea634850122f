"""Following and alerts: follow and unfollow, and each user's alert settings."""

from django.urls import path

from . import views

app_name = "alerts"
urlpatterns = [
    path("account/alerts/", views.account, name="account"),
    path("account/alerts/email/", views.email_settings, name="email"),
    path("account/alerts/webhooks/", views.add_webhook, name="webhook_add"),
    path("account/alerts/webhooks/<int:pk>/delete/", views.delete_webhook, name="webhook_delete"),
    path("account/alerts/webhooks/<int:pk>/enable/", views.enable_webhook, name="webhook_enable"),
    path("follow/<str:kind>/<slug:slug>/", views.follow, name="follow"),
    path("unfollow/<str:kind>/<slug:slug>/", views.unfollow, name="unfollow"),
]
