"""Following and alerts: follow and unfollow, and each user's alert settings."""

app_name = "alerts"
urlpatterns: list = []
