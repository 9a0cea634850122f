"""Every evaluation set is well formed: the fields a scorer needs, codebook kinds, slugs its
gazetteer has, and anchors found verbatim in their texts (where the texts are present: the
real-news set keeps only url + query + gold, and its texts are pulled when needed)."""

import pytest

from sources.extraction.evaluation import check_set

from .test_score_floors import FLOORS, HERE

SETS = {name: directory for name, (directory, _) in FLOORS.items()} | {"news": HERE / "news"}


@pytest.mark.parametrize("name", SETS)
def test_each_set_is_well_formed(name):
    directory = SETS[name]
    if not (directory / "gold.jsonl").exists():
        pytest.skip(f"no gold.jsonl at {directory}")  # the floors test fails for a missing set
    problems, _missing = check_set(directory)
    assert problems == []


def test_the_checker_finds_what_a_hand_edit_breaks(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("Griner was sentenced on Thursday in Khimki.")
    (tmp_path / "gazetteer.json").write_text('{"cases": [{"slug": "griner"}], "parties": []}')
    (tmp_path / "gold.jsonl").write_text(
        '{"id": "a", "published": "2022-08-04", "text_file": "a.txt", "entries": ['
        '{"anchor": "Griner was sentenced on Friday", "date": "2022-08-04", "precision": "day",'
        ' "kind": "verdict", "cases": ["griner", "whelan"]}]}\n'
        '{"id": "b", "url": "https://example.org/b", "query": "Griner verdict",'
        ' "published": "2022-08-05", "text_file": "b.txt", "entries": []}\n'
    )
    problems, missing = check_set(tmp_path)
    assert problems == [
        "a entry 0: kind 'verdict' is not in the codebook",
        "a entry 0: 'whelan' is not among the gazetteer's cases",
        "a entry 0: anchor 'Griner was sentenced on Friday' is not in a.txt",
    ]
    assert missing == ["b: https://example.org/b (query: 'Griner verdict')"]
