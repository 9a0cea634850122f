import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

REGISTERED = [model._meta for model in admin.site._registry]


@pytest.mark.parametrize("opts", REGISTERED, ids=lambda o: o.label_lower)
def test_each_changelist_renders_for_a_superuser(client, superuser, world, opts):
    client.force_login(superuser)
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "Griner"}).status_code == 200


# django-axes' sign-in records are made by sign-ins only; its admin offers no add page. Nor
# do the alerts' records (deliveries, alerts told) and webhooks, made by their owners.
NOT_ADDABLE = {"alerts.webhook", "alerts.delivery", "alerts.alert"}
ADDABLE = [
    opts for opts in REGISTERED if opts.app_label != "axes" and opts.label_lower not in NOT_ADDABLE
]


@pytest.mark.parametrize("opts", ADDABLE, ids=lambda o: o.label_lower)
def test_each_add_page_renders_for_a_superuser(client, superuser, opts):
    client.force_login(superuser)
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 200


def test_every_model_of_the_record_and_the_inbox_is_registered():
    labels = {opts.label_lower for opts in REGISTERED}
    assert {
        "cases.party",
        "cases.case",
        "cases.proposal",
        "cases.timelineentry",
        "sources.outlet",
        "sources.feed",
        "sources.article",
        "sources.proposedentry",
        "sources.citation",
    } <= labels


def test_a_case_change_page_shows_its_status_history(client, superuser, world):
    from cases.models import Case

    client.force_login(superuser)
    griner = Case.objects.get(slug="griner")
    response = client.get(reverse("admin:cases_case_change", args=[griner.pk]))
    assert response.status_code == 200
    assert b"2022-02-17" in response.content
    history = client.get(reverse("admin:cases_case_history", args=[griner.pk]))
    assert history.status_code == 200


@pytest.mark.parametrize(
    ("aliases", "saved"),
    [
        ("", []),
        ("the Kremlin", ["the Kremlin"]),
        ("the Kremlin\r\n\r\n  Moscow  \nthe Kremlin\n", ["the Kremlin", "Moscow"]),
        ('["not", "json"]', ['["not", "json"]']),
    ],
)
def test_a_partys_aliases_are_edited_one_per_line(client, superuser, aliases, saved):
    from cases.models import Party

    client.force_login(superuser)
    response = client.post(
        reverse("admin:cases_party_add"),
        {"slug": "kremlin", "name": "Kremlin", "kind": "government", "aliases": aliases},
    )
    assert response.status_code == 302
    assert Party.objects.get(slug="kremlin").aliases == saved


def test_aliases_are_shown_one_per_line_for_editing(client, superuser, world):
    from cases.models import Proposal

    client.force_login(superuser)
    swap = Proposal.objects.get(slug="bout-swap")
    html = client.get(reverse("admin:cases_proposal_change", args=[swap.pk])).content.decode()
    textarea = html.split('name="aliases"')[1].split("</textarea>")[0]
    assert "substantial proposal\nsignificant offer\n" in textarea
    assert "[" not in textarea
