"""The extraction engine: text + publication date + gazetteer -> proposed timeline entries.

Pure Python with no Django import, so it can be tested, profiled and benchmarked on its own.
Bump EXTRACTOR_VERSION whenever the output for the same input changes.
"""

from .candidate import Candidate
from .gazetteer import Gazetteer
from .pipeline import extract

EXTRACTOR_VERSION = "1.4.1"

__all__ = ["EXTRACTOR_VERSION", "Candidate", "Gazetteer", "extract"]
