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
