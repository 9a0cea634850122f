import json
from pathlib import Path

import pytest

from sources.extraction import Gazetteer

HERE = Path(__file__).parent
DEV_SET = HERE / "dev"  # a copy of the team's ../shared/eval/dev, so any clone can run the tests
CORPUS = HERE / "corpus"
SEED_TEXT = HERE.parents[1] / "seeds" / "seed-2022-07-28.txt"


@pytest.fixture(scope="session")
def dev_world() -> dict:
    return json.loads((DEV_SET / "gazetteer.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def gazetteer(dev_world) -> Gazetteer:
    return Gazetteer.from_world(dev_world)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")
