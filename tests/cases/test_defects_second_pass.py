import datetime
import json
import logging

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.views.defaults import server_error

from cases.models import Case, CaseStatusChange, Party, Proposal, ProposalStatusChange
from cases.roles import SYSTEM_USERNAME
from cases.search import Term, parse
from cases.timeline import detention_milestones
from tests.factories import make_entry

D = datetime.date
WORLD_FILE = settings.BASE_DIR / "seeds" / "world.json"


# ---------------------------------------------------------------------------------------------
# Milestones: 100 days, then each full year, and a toggle to hide them


def test_a_long_detention_has_a_milestone_at_100_days_and_each_full_year():
    # Whelan: 28 Dec 2018 to 1 Aug 2024.
    milestones = detention_milestones(D(2018, 12, 28), D(2024, 8, 1))
    assert [m.label for m in milestones] == [
        "100 days detained",
        "One year detained",
        "2 years detained",
        "3 years detained",
        "4 years detained",
        "5 years detained",
    ]


@pytest.mark.django_db
def test_milestones_can_be_hidden_and_the_choice_stays_in_the_url(analyst_client, world):
    url = reverse("cases:case", args=["whelan"])
    shown = analyst_client.get(url).content.decode()
    assert "One year detained" in shown
    # Asked again with the toggle: the cached page of entries is not reused for it.
    hidden = analyst_client.get(url, {"milestones": "off"}).content.decode()
    assert "years detained" not in hidden and "One year detained" not in hidden
    assert "Status: Sentenced" in hidden  # status changes stay
    assert '<option value="off" selected>Hidden</option>' in hidden
    assert "One year detained" in analyst_client.get(url).content.decode()


# ---------------------------------------------------------------------------------------------
# A proposal's status as it concerns each case


@pytest.mark.django_db
def test_a_swap_carried_out_without_the_detainee_says_so_on_his_case(world):
    swap = Proposal.objects.prefetch_related("status_changes", "sides").get(slug="bout-swap")
    assert swap.status_for(Case.objects.get(slug="griner")) == "Carried out"
    assert swap.status_for(Case.objects.get(slug="whelan")) == "Carried out; not included"


@pytest.mark.django_db
def test_a_proposal_with_no_sides_recorded_shows_its_own_status(world):
    swap = Proposal.objects.get(slug="bout-swap")
    swap.sides.all().delete()
    swap = Proposal.objects.prefetch_related("status_changes", "sides").get(slug="bout-swap")
    assert swap.status_for(Case.objects.get(slug="whelan")) == "Carried out"


@pytest.mark.django_db
def test_the_card_and_the_facts_show_the_status_as_it_concerns_the_case(analyst_client, world):
    dashboard = analyst_client.get(reverse("cases:dashboard")).content.decode()
    whelan_card = dashboard.split('id="card-whelan"')[1].split("</article>")[0]
    griner_card = dashboard.split('id="card-griner"')[1].split("</article>")[0]
    assert "Carried out; not included" in whelan_card
    assert '<span class="proposal-status">Carried out</span>' in griner_card
    facts = analyst_client.get(reverse("cases:case", args=["whelan"])).content.decode()
    assert '<span class="proposal-status">Carried out; not included</span>' in facts
    facts = analyst_client.get(reverse("cases:case", args=["griner"])).content.decode()
    assert '<span class="proposal-status">Carried out</span>' in facts


@pytest.mark.django_db
def test_the_proposal_page_shows_its_status_for_each_of_its_cases(analyst_client, world):
    html = analyst_client.get(reverse("cases:proposal", args=["bout-swap"])).content.decode()
    cases = html.split('id="cases-heading"')[1].split("</section>")[0]
    whelan = cases.split(reverse("cases:case", args=["whelan"]))[1].split("</li>")[0]
    griner = cases.split(reverse("cases:case", args=["griner"]))[1].split("</li>")[0]
    assert "Carried out; not included" in whelan
    assert "Carried out</span>" in griner


# ---------------------------------------------------------------------------------------------
# The seeds' facts carry their sources


def test_every_status_change_in_the_seeds_has_its_source():
    world = json.loads(WORLD_FILE.read_text())
    unsourced = [
        (item["slug"], change["status"], change["on"])
        for item in world["cases"] + world["proposals"]
        for change in item.get("status_history", [])
        if not change.get("source_url", "").startswith("https://")
    ]
    assert unsourced == []


@pytest.mark.django_db
def test_the_sources_are_loaded_and_linked_beside_each_status_change(analyst_client, world):
    assert not CaseStatusChange.objects.filter(source_url="").exists()
    assert not ProposalStatusChange.objects.filter(source_url="").exists()
    designated = CaseStatusChange.objects.get(case__slug="griner", status="designated")
    html = analyst_client.get(reverse("cases:case", args=["griner"])).content.decode()
    assert f'href="{designated.source_url}"' in html
    carried_out = ProposalStatusChange.objects.get(status="carried_out")
    html = analyst_client.get(reverse("cases:proposal", args=["bout-swap"])).content.decode()
    assert f'href="{carried_out.source_url}"' in html


@pytest.mark.django_db
def test_a_case_with_no_designation_recorded_is_not_said_to_be_undesignated(analyst_client, world):
    html = analyst_client.get(reverse("cases:case", args=["whelan"])).content.decode()
    assert "Not designated" not in html
    assert "No designation on record" in html


@pytest.mark.django_db
def test_a_side_the_world_file_no_longer_lists_is_removed(world):
    world_data = json.loads(WORLD_FILE.read_text())
    swap = Proposal.objects.get(slug="bout-swap")
    swap.sides.create(
        released=Party.objects.get(slug="whelan"),
        released_by=Party.objects.get(slug="russian-government"),
    )
    from cases.world import load_world

    load_world(world_data)
    assert sorted(swap.sides.values_list("released__slug", flat=True)) == ["bout", "griner"]


# ---------------------------------------------------------------------------------------------
# Seed history: authored by the system user, with a reason


@pytest.mark.django_db
def test_seeded_records_history_names_the_system_user_and_the_reason():
    call_command("load_seeds", verbosity=0)
    for model in (Party, Case, Proposal, CaseStatusChange, ProposalStatusChange):
        records = model.history.all()
        assert records.exists()
        assert set(records.values_list("history_user__username", flat=True)) == {SYSTEM_USERNAME}, (
            model
        )
        assert set(records.values_list("history_change_reason", flat=True)) == {
            "Loaded from seeds/world.json"
        }, model


@pytest.mark.django_db
def test_a_seeded_records_admin_history_shows_who_and_why_with_no_inline_style(client, superuser):
    call_command("load_seeds", verbosity=0)
    client.force_login(superuser)
    whelan = Case.objects.get(slug="whelan")
    html = client.get(reverse("admin:cases_case_history", args=[whelan.pk])).content.decode()
    assert "Loaded from seeds/world.json" in html
    assert ">system<" in html.replace(" ", "").replace("\n", "")
    assert "style=" not in html  # the content security policy forbids inline styles
    assert 'class="paginator history-paginator"' in html


# ---------------------------------------------------------------------------------------------
# Error pages: in the site's layout, and a refusal logged in one line


@pytest.mark.django_db
def test_a_refusal_has_the_sites_navigation_and_logs_one_line_without_a_traceback(
    client, outsider, caplog
):
    client.force_login(outsider)
    caplog.set_level(logging.INFO)
    response = client.get(reverse("cases:dashboard"))
    assert response.status_code == 403
    html = response.content.decode()
    assert '<nav aria-label="Main">' in html
    assert "This page is not for your account" in html
    assert "Sign out outsider" in html
    logged = [record for record in caplog.records if record.name == "django.request"]
    assert [record.levelno for record in logged] == [logging.WARNING]
    assert logged[0].exc_info is None
    assert "Traceback" not in caplog.text
    assert "Forbidden (Permission denied): /" in caplog.text


@pytest.mark.django_db
def test_a_missing_page_has_the_sites_navigation(analyst_client):
    response = analyst_client.get("/cases/no-such-case/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<nav aria-label="Main">' in html
    assert "Page not found" in html
    assert f'href="{reverse("cases:dashboard")}"' in html


def test_the_server_error_page_needs_no_database_and_no_user(rf):
    # No django_db mark: a query here would fail the test.
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<nav aria-label="Main">' in html
    assert "Something went wrong on our side" in html
    assert 'href="/"' in html


# ---------------------------------------------------------------------------------------------
# The favicon


def test_favicon_ico_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


@pytest.mark.django_db
def test_admin_pages_link_the_icon(client, superuser):
    client.force_login(superuser)
    html = client.get(reverse("admin:index")).content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html


# ---------------------------------------------------------------------------------------------
# Search: proposals, and the same syntax on SQLite and PostgreSQL. These tests carry no database
# mark: run them with DATABASE_URL set (PostgreSQL's full-text search) and without (SQLite).

SEARCH = reverse("cases:search")


def section(html: str, name: str) -> str:
    return html.split(f'id="results-{name}"')[1].split("</section>")[0]


def test_the_query_syntax_is_read_as_websearch_reads_it():
    assert parse('swap "substantial proposal" -Bout') == [
        [Term("swap")],
        [Term("substantial proposal")],
        [Term("Bout", excluded=True)],
    ]
    assert parse("Khimki or Ankara court") == [[Term("Khimki"), Term("Ankara")], [Term("court")]]
    assert parse('or - " " IK-2 "unclosed phrase') == [[Term("IK-2")], [Term("unclosed phrase")]]


@pytest.mark.django_db
def test_search_finds_a_proposal_by_its_alias_title_and_terms(analyst_client, world):
    url = reverse("cases:proposal", args=["bout-swap"])
    for q in ["swap", "arms trafficking", "Viktor Bout"]:
        html = analyst_client.get(SEARCH, {"q": q}).content.decode()
        assert f'href="{url}"' in section(html, "proposals"), q
    html = analyst_client.get(SEARCH, {"q": "swap"}).content.decode()
    assert "Carried out" in section(html, "proposals")


@pytest.mark.django_db
def test_a_quoted_phrase_matches_the_words_together(analyst_client, world):
    make_entry(summary="Blinken says a substantial proposal was made")
    make_entry(summary="A proposal that Blinken called substantial")
    html = analyst_client.get(SEARCH, {"q": '"substantial proposal"'}).content.decode()
    entries = section(html, "entries")
    assert "a substantial proposal was made" in entries
    assert "Blinken called substantial" not in entries
    assert "U.S. offer to exchange Viktor Bout" in section(html, "proposals")  # its alias


@pytest.mark.django_db
def test_a_minus_word_leaves_out_what_has_it(analyst_client, world):
    make_entry(summary="Lavrov spoke with Blinken by telephone")
    make_entry(summary="Lavrov spoke with Wang Yi in Beijing")
    html = analyst_client.get(SEARCH, {"q": "Lavrov -Blinken"}).content.decode()
    entries = section(html, "entries")
    assert "Wang Yi" in entries
    assert "by telephone" not in entries
    html = analyst_client.get(SEARCH, {"q": "swap -Bout"}).content.decode()
    assert "No proposal matches." in section(html, "proposals")


@pytest.mark.django_db
def test_or_between_two_words_finds_either(analyst_client, world):
    make_entry(summary="Court hearing in Khimki")
    make_entry(summary="Exchange completed in Ankara")
    make_entry(summary="Price statement")
    html = analyst_client.get(SEARCH, {"q": "Khimki or Ankara"}).content.decode()
    entries = section(html, "entries")
    assert "Court hearing in Khimki" in entries
    assert "Exchange completed in Ankara" in entries
    assert "Price statement" not in entries


@pytest.mark.django_db
def test_the_timeline_words_filter_reads_the_same_syntax(analyst_client, world):
    make_entry(summary="Lavrov spoke with Blinken by telephone")
    make_entry(summary="Lavrov spoke with Wang Yi in Beijing")
    html = analyst_client.get(
        reverse("cases:case", args=["griner"]), {"q": 'Lavrov -"by telephone"'}
    ).content.decode()
    assert "Wang Yi" in html
    assert "Blinken by telephone" not in html
