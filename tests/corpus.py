"""The shared corpus of real pages (../shared, beside the project) and its scorer, for the tests and
the benchmarks alike. Importing this has no side effects; tests/conftest.py re-exports it."""

from __future__ import annotations

import gzip
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
# WCXB's development pages (pages/NNNN.html.gz, truth.json) and their scorer, whose word F1 is the
# yardstick for them.
WCXB = SHARED / "corpora" / "wcxb-dev"
WCXB_SCORER = SHARED / "tools" / "score_wcxb.py"


def require_shared(path: Path) -> Path:
    """The shared corpus and scorer are part of the test suite: missing means fail, never skip."""
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: the tests read the shared corpus from ../shared next to the project "
            "(see the README, 'Tests')."
        )
    return path


def _load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, require_shared(path))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@cache
def load_scorer() -> ModuleType:
    """../shared/tools/score_corpus.py as a module: its F1 and metadata rules are the yardstick."""
    return _load_module("score_corpus", SCORER)


@cache
def load_wcxb_scorer() -> ModuleType:
    """../shared/tools/score_wcxb.py as a module: its ``word_scores`` is the WCXB word F1."""
    return _load_module("score_wcxb", WCXB_SCORER)


@cache
def wcxb_truth() -> dict[str, dict[str, Any]]:
    """truth.json of the WCXB pages, by page id ("0001"...): page_type, main_content, url..."""
    return json.loads((require_shared(WCXB) / "truth.json").read_text("utf-8"))


def wcxb_page(page_id: str) -> bytes:
    """The page as published (pages/NNNN.html.gz, decompressed)."""
    return gzip.decompress((require_shared(WCXB) / "pages" / f"{page_id}.html.gz").read_bytes())


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
