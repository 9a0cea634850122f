import json
from pathlib import Path

import pytest

from sources.extraction import Gazetteer

DEV_SET = Path("/work/shared/eval/dev")
CORPUS = Path(__file__).parent / "corpus"
SEED_TEXT = DEV_SET / "texts" / "seed-2022-07-28.txt"


@pytest.fixture(scope="session")
def dev_world() -> dict:
    return json.loads((DEV_SET / "gazetteer.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def gazetteer(dev_world) -> Gazetteer:
    return Gazetteer.from_world(dev_world)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")
