from django.contrib import admin
from django.urls import include, path

from config import accounts, health

admin.site.site_header = "Detention tracker administration"
admin.site.site_title = "Detention tracker"
handler400 = "config.errors.bad_request"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/password_reset/", accounts.password_reset, name="password_reset"),
    path("accounts/password_reset/done/", accounts.password_reset_done, name="password_reset_done"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("sources.urls")),
    path("", include("cases.urls")),
]
