import json

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command

from cases.models import Case, CaseStatusChange, Party, Proposal
from cases.world import load_world, world_from_db
from sources.models import Article

pytestmark = pytest.mark.django_db


def counts() -> dict:
    return {
        "parties": Party.objects.count(),
        "cases": Case.objects.count(),
        "proposals": Proposal.objects.count(),
        "status changes": CaseStatusChange.objects.count(),
        "articles": Article.objects.count(),
        "history": Party.history.count() + Case.history.count() + Proposal.history.count(),
    }


def test_load_seeds_twice_changes_nothing():
    call_command("load_seeds")
    first = counts()
    call_command("load_seeds")
    assert counts() == first
    assert first["cases"] == 2
    assert first["articles"] == 1


def test_the_seed_cases_carry_their_true_facts():
    call_command("load_seeds")
    griner = Case.objects.get(slug="griner")
    assert str(griner.detained_on) == "2022-02-17"
    assert "Sheremetyevo" in griner.detained_at
    whelan = Case.objects.get(slug="whelan")
    assert str(whelan.detained_on) == "2018-12-28"
    assert "16 years" in whelan.sentence
    assert set(Proposal.objects.get(slug="bout-swap").cases.values_list("slug", flat=True)) == {
        "griner",
        "whelan",
    }


def test_the_seed_article_keeps_its_metadata():
    call_command("load_seeds")
    article = Article.objects.get()
    assert article.outlet.name == "CNN"
    assert str(article.published_on) == "2022-07-28"
    assert article.text.startswith("Russian Foreign Minister Sergey Lavrov")


def test_a_changed_alias_is_updated_in_place():
    world = json.loads((settings.BASE_DIR / "seeds" / "world.json").read_text())
    load_world(world)
    lavrov = next(p for p in world["parties"] if p["slug"] == "lavrov")
    lavrov["aliases"].append("Russia's top diplomat")
    load_world(world)
    assert "Russia's top diplomat" in Party.objects.get(slug="lavrov").aliases
    assert Party.objects.filter(slug="lavrov").count() == 1


def test_a_value_too_long_for_its_column_is_an_error_naming_it_and_nothing_is_loaded():
    world = json.loads((settings.BASE_DIR / "seeds" / "world.json").read_text())
    lavrov = next(p for p in world["parties"] if p["slug"] == "lavrov")
    lavrov["title"] = "Министр иностранных дел " * 10  # 240 characters; the column holds 200
    with pytest.raises(ValidationError, match="party 'lavrov'.*at most 200 characters"):
        load_world(world)
    assert not Party.objects.exists()


def test_the_gazetteer_view_of_the_database_round_trips_the_world():
    world = json.loads((settings.BASE_DIR / "seeds" / "world.json").read_text())
    load_world(world)
    from_db = world_from_db()
    assert {c["slug"] for c in from_db["cases"]} == {"griner", "whelan"}
    swap = next(p for p in from_db["proposals"] if p["slug"] == "bout-swap")
    assert "Bout swap" in swap["aliases"]
    assert sorted(swap["cases"]) == ["griner", "whelan"]
    kremlin = next(p for p in from_db["parties"] if p["slug"] == "russian-government")
    assert "the Kremlin" in kremlin["aliases"]


def test_create_demo_users_puts_each_in_its_role(monkeypatch, django_user_model):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-9")
    call_command("create_demo_users")
    editor = django_user_model.objects.get(username="editor")
    analyst = django_user_model.objects.get(username="analyst")
    assert editor.check_password("a-demo-password-9")
    assert editor.has_perm("sources.review_proposedentry")
    assert analyst.has_perm("cases.view_timelineentry")
    assert not analyst.has_perm("cases.change_timelineentry")
    assert django_user_model.objects.get(username="admin").is_superuser
