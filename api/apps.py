from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API (/api/v1/) and the personal API tokens it is used with."""

    name = "api"
    verbose_name = "API"
