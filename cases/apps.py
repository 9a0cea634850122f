from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "The record"

    def ready(self) -> None:
        from . import summary  # noqa: F401  (connects the signal handlers that keep it true)
