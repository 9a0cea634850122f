"""Signing in to the API with a personal token: `Authorization: Bearer <token>`."""

import hmac

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import ApiToken, hash_key

KEYWORD = "Bearer"


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """A personal API token (api.models.ApiToken) in the Authorization header.

    The token is found by the SHA-256 of what the client sends: the database compares hashes,
    never secrets, so the time a lookup takes says nothing about how much of a secret was right.
    The user's role is not part of the token; permissions are checked on every request, so a
    user who loses a role (or is deactivated) loses it through their tokens too.
    """

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None  # another scheme, or none: the session may still sign the user in
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Give the token after Bearer, with no spaces.")
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("Invalid token.") from None
        return self.authenticate_secret(secret)

    def authenticate_secret(self, secret: str):
        digest = hash_key(secret)
        token = ApiToken.objects.select_related("user").filter(key_hash=digest).first()
        if token is None or not hmac.compare_digest(token.key_hash, digest):
            raise exceptions.AuthenticationFailed("Invalid token.")
        if token.is_revoked:
            raise exceptions.AuthenticationFailed("This token has been revoked.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("This token's user is inactive.")
        token.touch()
        return token.user, token

    def authenticate_header(self, request) -> str:
        # Makes an unauthenticated request a 401 with WWW-Authenticate, not a 403.
        return f'{KEYWORD} realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Tells the OpenAPI schema how BearerTokenAuthentication is used."""

    target_class = BearerTokenAuthentication
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, made on the account page (/account/tokens/).",
        }
