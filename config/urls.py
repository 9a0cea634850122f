from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.decorators.http import require_safe

from config import accounts, health

admin.site.site_header = "Detention tracker administration"
admin.site.site_title = "Detention tracker"
handler400 = "config.errors.bad_request"
# 403, 404 and 500 are Django's own handlers, rendering templates/403.html, 404.html and 500.html.


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page's <link rel="icon"> says (feeds, files
    opened directly): the site's icon is the SVG among the static files."""
    return redirect(static("favicon.svg"), permanent=True)


urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/password_reset/", accounts.password_reset, name="password_reset"),
    path("accounts/password_reset/done/", accounts.password_reset_done, name="password_reset_done"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", include("api.urls")),
    path("account/", include("api.account_urls")),
    path("", include("alerts.urls")),
    path("", include("sources.urls")),
    path("", include("cases.urls")),
]
