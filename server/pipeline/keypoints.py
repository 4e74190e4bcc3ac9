"""Stage 9 (on request): the article's key points, 3 to 5 of its own sentences, chosen extractively.

Sentences come from sentencex (Wikimedia's splitter: rules for some 300 languages, no model to
download), split within each block of ``text``, so a point never spans two paragraphs. Headings,
captions and table rows are not prose and are left out. The choice is TextRank: sentences are
nodes, an edge's weight is how much two sentences share (cosine of their words weighted by
rarity; each sentence keeps its ten strongest edges), and PageRank finds the sentences the rest
of the article keeps coming back to. Words in
more than half the sentences ("the", "und", "de") carry no weight, which stands in for a stop-word
list in every language. Each point keeps its offsets in ``text``, so a reader can highlight it.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict

from sentencex import segment

from server.pipeline.render import word_count
from server.pipeline.types import KeyPoint

MIN_WORDS = 6
MAX_WORDS = 80
MAX_SENTENCES = 400  # a book-length page: the first 400 sentences are plenty to choose from
ITERATIONS = 50
CONVERGED = 1e-6  # total change in scores below which PageRank has settled
DAMPING = 0.85
NEIGHBOURS = 10
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
# A word, or one CJK character (those scripts put no spaces between words).
_TOKEN = re.compile(f"[{_CJK}]|[^\\W\\d_{_CJK}]+|\\d+")
_ENDS_SENTENCE = re.compile(r"[.!?…。！？؟।»\"')\]]\s*$")


def _spans(text: str, lang: str | None) -> list[tuple[int, int]]:
    """(start, end) of every prose sentence in ``text``, in order."""
    language = (lang or "en").split("-")[0].lower()
    spans = []
    offset = 0
    for block in text.split("\n\n"):
        prose = "\t" not in block and _ENDS_SENTENCE.search(block)  # not a heading or a table row
        cursor = 0
        for sentence in segment(language, block) if prose else ():
            stripped = sentence.strip()
            start = block.find(stripped, cursor) if stripped else -1
            if start < 0:
                continue
            cursor = start + len(stripped)
            spans.append((offset + start, offset + cursor))
        offset += len(block) + 2
    return spans


def _vectors(sentences: list[str]) -> list[dict[str, float]]:
    """Each sentence's words weighted by rarity across the article, as a unit vector."""
    counts = [Counter(token.casefold() for token in _TOKEN.findall(sentence)) for sentence in sentences]
    frequency = Counter(word for count in counts for word in count)
    total = len(sentences)
    vectors = []
    for count in counts:
        vector = {
            word: n * math.log(total / frequency[word])
            for word, n in count.items()
            if frequency[word] <= max(2, total / 2)
        }
        norm = math.sqrt(sum(weight * weight for weight in vector.values())) or 1.0
        vectors.append({word: weight / norm for word, weight in vector.items()})
    return vectors


def _rank(vectors: list[dict[str, float]]) -> list[float]:
    """PageRank over the sentence-similarity graph, with a pull towards the article's beginning."""
    total = len(vectors)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for word, weight in vector.items():
            postings[word].append((index, weight))
    edges: list[dict[int, float]] = [defaultdict(float) for _ in vectors]
    for entries in postings.values():
        for position, (i, weight_i) in enumerate(entries):
            for j, weight_j in entries[position + 1 :]:
                edges[i][j] += weight_i * weight_j
                edges[j][i] += weight_i * weight_j
    # Each sentence keeps its strongest links only: a long article's graph stays small, and a
    # sentence's score comes from the sentences that are most like it.
    edges = [dict(heapq.nlargest(NEIGHBOURS, row.items(), key=lambda item: item[1])) for row in edges]
    strength = [sum(row.values()) for row in edges]
    # News and essays state what matters early: the random surfer lands on early sentences more.
    prior = [1 / math.sqrt(index + 1) for index in range(total)]
    prior_sum = sum(prior)
    prior = [p / prior_sum for p in prior]
    scores = prior[:]
    for _ in range(ITERATIONS):
        incoming = [0.0] * total
        for i, row in enumerate(edges):
            if strength[i]:
                share = scores[i] / strength[i]
                for j, weight in row.items():
                    incoming[j] += share * weight
        previous, scores = scores, [(1 - DAMPING) * prior[k] + DAMPING * incoming[k] for k in range(total)]
        if sum(abs(a - b) for a, b in zip(scores, previous, strict=True)) < CONVERGED:
            break
    return scores


def how_many(sentences: int) -> int:
    """3 points for a short article, up to 5 for a long one (never more than it has)."""
    return min(sentences, 3 if sentences < 25 else 4 if sentences < 60 else 5)


def keypoints(text: str, lang: str | None) -> tuple[KeyPoint, ...]:
    """The article's key sentences, in the order they appear, each with its offsets in ``text``."""
    spans = [
        (start, end) for start, end in _spans(text, lang) if MIN_WORDS <= word_count(text[start:end]) <= MAX_WORDS
    ][:MAX_SENTENCES]
    if not spans:
        return ()
    scores = _rank(_vectors([text[start:end] for start, end in spans]))
    best = sorted(range(len(spans)), key=lambda index: -scores[index])[: how_many(len(spans))]
    return tuple(KeyPoint(text[spans[i][0] : spans[i][1]], *spans[i]) for i in sorted(best))
