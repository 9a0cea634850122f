from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Following cases, proposals and parties, and the alerts (email, webhooks) that follow."""

    name = "alerts"
