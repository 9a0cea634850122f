"""The extractor's version follows its files, so a change cannot forget to bump it."""

import shutil
from pathlib import Path

from sources import extraction
from sources.extraction import EXTRACTOR_VERSION, RELEASE, content_hash

ENGINE = Path(extraction.__file__).parent


def test_the_version_is_the_release_and_a_hash_of_the_engine_and_fits_its_column():
    assert f"{RELEASE}+{content_hash(ENGINE)}" == EXTRACTOR_VERSION
    assert len(EXTRACTOR_VERSION) <= 20  # ProposedEntry.extractor_version, Article's too


def test_changing_a_rule_or_a_word_list_changes_the_version(tmp_path):
    copy = tmp_path / "extraction"
    shutil.copytree(ENGINE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = content_hash(copy)
    assert before == content_hash(ENGINE)

    kinds = copy / "kinds.py"
    kinds.write_text(kinds.read_text() + "\n# one more trigger\n")
    after_code = content_hash(copy)
    assert after_code != before

    (copy / "en.json").write_text('{"speech_verbs": ["said"]}')
    assert content_hash(copy) not in (before, after_code)


def test_the_scorer_and_compiled_files_are_not_part_of_the_engine(tmp_path):
    copy = tmp_path / "extraction"
    shutil.copytree(ENGINE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = content_hash(copy)
    (copy / "evaluation.py").write_text("# scoring changed\n")
    (copy / "__pycache__").mkdir()
    (copy / "__pycache__" / "kinds.cpython-311.pyc").write_bytes(b"\0compiled")
    assert content_hash(copy) == before
