"""The extraction engine: text + publication date + gazetteer -> proposed timeline entries.

Pure Python with no Django import, so it can be tested, profiled and benchmarked on its own.

EXTRACTOR_VERSION is the release name people use plus a hash of the engine's own files, so any
change to a rule, a word list or the engine is a new version, and the articles an older version
read are read again (sources.processing.queue_reextraction) without anyone remembering to bump a
number. Bump RELEASE for a change worth naming.
"""

import hashlib
from pathlib import Path

from .candidate import Candidate
from .gazetteer import Gazetteer
from .pipeline import extract

RELEASE = "1.19"

# What the engine reads when it runs: its code and any data files beside it. The scorer is not
# part of it (changing how we measure does not change what editors are proposed).
ENGINE_SUFFIXES = (".py", ".json", ".txt", ".toml")
NOT_ENGINE = ("evaluation.py",)


def content_hash(directory: Path) -> str:
    """12 hex digits of SHA-256 over the engine's files, by relative path and content."""
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        if path.suffix not in ENGINE_SUFFIXES or path.name in NOT_ENGINE:
            continue
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(directory).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


# At most 20 characters: the width of the extractor_version columns.
EXTRACTOR_VERSION = f"{RELEASE}+{content_hash(Path(__file__).parent)}"

__all__ = ["EXTRACTOR_VERSION", "RELEASE", "Candidate", "Gazetteer", "extract"]
