"""The two roles: Analysts read the record; Editors review proposals and correct the record."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECORD_MODELS = ["party", "case", "casestatuschange", "proposal", "proposalside", "proposalstatuschange", "timelineentry"]
INBOX_MODELS = ["outlet", "feed", "article", "proposedentry", "citation"]

ANALYST_PERMISSIONS = [("cases", f"view_{model}") for model in RECORD_MODELS] + [
    ("sources", "view_outlet"),
    ("sources", "view_citation"),
]
EDITOR_PERMISSIONS = (
    [("cases", f"{action}_{model}") for model in RECORD_MODELS for action in ("view", "add", "change")]
    + [("cases", "view_restricted_entry")]
    + [("sources", f"{action}_{model}") for model in INBOX_MODELS for action in ("view", "add", "change")]
    + [("sources", "review_proposedentry")]
)


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_label in ("cases", "sources"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True  # the migration state's stub lacks it
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in (("Analysts", ANALYST_PERMISSIONS), ("Editors", EDITOR_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Analysts", "Editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0001_initial"),
        ("cases", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
