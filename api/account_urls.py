"""Each user's own pages under /account/: their API tokens."""

from django.urls import path

from . import account_views

app_name = "account"
urlpatterns = [
    path("tokens/", account_views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", account_views.revoke, name="revoke"),
]
