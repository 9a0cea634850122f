import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from .conftest import DEV_SET, SEED_TEXT


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_extract_text_prints_only_json_with_json():
    output = run(
        "extract_text",
        str(SEED_TEXT),
        "--published",
        "2022-07-28",
        "--world",
        str(DEV_SET / "gazetteer.json"),
        "--json",
    )
    candidates = json.loads(output)
    assert len(candidates) == 10
    assert {"start", "end", "evidence", "date", "precision", "kind", "cases", "matched"} <= set(
        candidates[0]
    )


def test_extract_text_prints_a_readable_table():
    output = run(
        "extract_text",
        str(SEED_TEXT),
        "--published",
        "2022-07-28",
        "--world",
        str(DEV_SET / "gazetteer.json"),
    )
    assert "2022-07-28 (day, on Thursday)  statement  cases=griner,whelan" in output
    assert output.rstrip().endswith("10 candidates")


def test_extract_text_rejects_a_bad_date():
    with pytest.raises(CommandError):
        run("extract_text", str(SEED_TEXT), "--published", "28/07/2022", "--world", "x.json")


@pytest.mark.django_db
def test_extract_text_reads_the_world_from_the_database(dev_world):
    from cases.world import load_world

    load_world(dev_world)
    candidates = json.loads(
        run("extract_text", str(SEED_TEXT), "--published", "2022-07-28", "--json")
    )
    assert [c["cases"] for c in candidates][0] == ["griner", "whelan"]


def test_evaluate_extraction_prints_the_figures_and_the_misses():
    output = run("evaluate_extraction", str(DEV_SET), "--verbose", "--only", "r05")
    assert output.strip().splitlines()[-1].startswith("precision=1.000 recall=1.000")


def test_extraction_rules_lists_every_rule_with_its_examples():
    from sources.extraction.rules import all_rules

    listed = json.loads(run("extraction_rules", "--json"))
    assert [r["name"] for r in listed] == [r.name for r in all_rules()]
    sentenced = next(r for r in listed if r["name"] == "court-sentenced")
    assert sentenced["stage"] == "trigger" and sentenced["language"] == "en"
    assert sentenced["produces"]["kind"] == "court" and sentenced["examples"]
    assert "court-sentenced" in run("extraction_rules")


def test_extraction_rules_counts_how_often_each_rule_fired_and_was_right():
    listed = json.loads(run("extraction_rules", "--json", "--sets", str(DEV_SET)))
    counts = {r["name"]: r["sets"][str(DEV_SET)] for r in listed}
    assert counts["statement-call-for"]["fired"] >= 1
    assert all(0 <= c["right"] <= c["fired"] for c in counts.values())


def test_evaluate_extraction_without_a_rule_measures_what_it_contributes():
    whole = run("evaluate_extraction", str(DEV_SET)).splitlines()[-1]
    without = run("evaluate_extraction", str(DEV_SET), "--without", "statement-call-for")
    assert "without statement-call-for" in without
    assert "recall=1.000" in whole
    assert "recall=0.889" in without.splitlines()[-1]
    # the rule is back for the next run
    assert run("evaluate_extraction", str(DEV_SET)).splitlines()[-1] == whole


def test_evaluate_extraction_rejects_an_unknown_rule():
    with pytest.raises(CommandError):
        run("evaluate_extraction", str(DEV_SET), "--without", "no-such-rule")
