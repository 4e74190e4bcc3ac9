"""The shared corpus of real pages (../shared, beside the project) and its scorer, for the tests and
the benchmarks alike. Importing this has no side effects; tests/conftest.py re-exports it."""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "readability-test-pages"
SCORER = SHARED / "tools" / "score_corpus.py"


def require_shared(path: Path) -> Path:
    """The shared corpus and scorer are part of the test suite: missing means fail, never skip."""
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: the tests read the shared corpus from ../shared next to the project "
            "(see the README, 'Tests')."
        )
    return path


@cache
def load_scorer() -> ModuleType:
    """../shared/tools/score_corpus.py as a module: its F1 and metadata rules are the yardstick."""
    spec = importlib.util.spec_from_file_location("score_corpus", require_shared(SCORER))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_corpus"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class CorpusPage:
    name: str
    source: bytes
    expected_html: str
    expected_metadata: dict[str, Any]

    @property
    def url(self) -> str:
        return load_scorer().page_url(self.source.decode("utf-8", "replace"))


def corpus_page_names() -> list[str]:
    require_shared(CORPUS)
    return sorted(p.name for p in CORPUS.iterdir() if (p / "source.html").is_file())


def corpus_page(name: str) -> CorpusPage:
    folder = require_shared(CORPUS / name)
    metadata_file = folder / "expected-metadata.json"
    return CorpusPage(
        name=name,
        source=(folder / "source.html").read_bytes(),
        expected_html=(folder / "expected.html").read_text("utf-8"),
        expected_metadata=json.loads(metadata_file.read_text("utf-8")) if metadata_file.exists() else {},
    )
