import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from cases.roles import ANALYSTS, EDITORS

# username → (group, is_staff/superuser)
DEMO_USERS = {"admin": (None, True), "editor": (EDITORS, False), "analyst": (ANALYSTS, False)}


class Command(BaseCommand):
    help = "Create the demo users admin, editor and analyst (password: DEMO_PASSWORD or generated)."

    def handle(self, *args, **options):
        User = get_user_model()
        password = os.environ.get("DEMO_PASSWORD") or secrets.token_urlsafe(12)
        created = []
        for username, (group_name, is_admin) in DEMO_USERS.items():
            if User.objects.filter(username=username).exists():
                continue
            if is_admin:
                user = User.objects.create_superuser(username, password=password)
            else:
                user = User.objects.create_user(username, password=password)
                user.groups.add(Group.objects.get(name=group_name))
            created.append(username)
        if not created:
            self.stdout.write("Demo users already exist; their passwords are unchanged.")
            return
        self.stdout.write(self.style.SUCCESS(f"Created demo users: {', '.join(created)}"))
        if os.environ.get("DEMO_PASSWORD"):
            self.stdout.write("Their password is the value of DEMO_PASSWORD.")
        else:
            self.stdout.write(f"Their password (shown once): {password}")
