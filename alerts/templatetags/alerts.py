from django import template

from ..models import FOLLOWABLE, Follow

register = template.Library()


@register.inclusion_tag("alerts/follow_button.html", takes_context=True)
def follow_button(context, target, following=None) -> dict:
    """The follow/unfollow button for a case, proposal or party, for the signed-in user (one
    query, unless the page read `following` with its own). It sits outside the pages' cached
    fragments: it differs for each user."""
    kind = next(name for name, model in FOLLOWABLE.items() if isinstance(target, model))
    request = context["request"]
    if following is None:
        following = Follow.objects.filter(user=request.user, **{kind: target}).exists()
    return {
        "kind": kind,
        "target": target,
        "following": following,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
