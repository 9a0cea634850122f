"""Each user's own pages under /account/: their API tokens."""

app_name = "account"
urlpatterns: list = []
