from .roles import can_read, can_review


def roles(request) -> dict:
    """Lets the navigation show only what the user may open."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"user_can_read": can_read(user), "user_can_review": can_review(user)}
