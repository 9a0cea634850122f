from .roles import can_read, can_review


def roles(request) -> dict:
    """Lets the navigation show only what the user may open, and whom it is signed in as (a
    cached page fills that in per request: cases.caching.page)."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {
        "user_can_read": can_read(user),
        "user_can_review": can_review(user),
        "signed_in_as": user.get_username(),
    }
