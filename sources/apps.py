from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = "Sources and review"

    def ready(self) -> None:
        from . import pending  # noqa: F401  (connects the handler that keeps its counts true)
