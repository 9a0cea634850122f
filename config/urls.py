from django.contrib import admin
from django.urls import include, path

from cases.roles import ThrottledLoginView

admin.site.site_header = "Detention tracker administration"
admin.site.site_title = "Detention tracker"
handler400 = "config.errors.bad_request"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", ThrottledLoginView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("sources.urls")),
    path("", include("cases.urls")),
]
