"""Rate limits on the API: per token, or per user for the browser's session."""

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    """Reads (GET, HEAD, OPTIONS) count against settings.API_READ_RATE, writes against
    settings.API_WRITE_RATE, each per token: one runaway script spends its own token's quota,
    not its user's other tokens'. Session requests count per user. Anonymous requests are not
    counted here; they get no further than authentication.

    The counts live in the cache the project's other throttles use (RATELIMIT_USE_CACHE), so
    every web process sees the same counts."""

    def __init__(self):
        # The rate is read per request, not at import as DRF does, so settings can change it.
        pass

    @property
    def cache(self):
        return caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]

    def allow_request(self, request, view) -> bool:
        self.scope = "read" if request.method in ("GET", "HEAD", "OPTIONS") else "write"
        rate = settings.API_READ_RATE if self.scope == "read" else settings.API_WRITE_RATE
        self.rate = rate
        self.num_requests, self.duration = self.parse_rate(rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str | None:
        if isinstance(request.auth, ApiToken):
            return f"api-throttle:{self.scope}:token:{request.auth.pk}"
        if request.user and request.user.is_authenticated:
            return f"api-throttle:{self.scope}:user:{request.user.pk}"
        return None
