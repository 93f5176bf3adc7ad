"""The hand-checked gold sample: 59 HSK test-split sentences (362 tokens) tagged by hand.

`data/hsk_gold_tags.tsv` (id, index, token, tag, note) was labelled by linguistic judgement
with the tag set of engine.corpora.tagset, without a tagger, to measure both the silver
labels (engine.corpora.silver_tags) and the taggers against a human reference. Its
sentences come from hsk-sentences-audio (CC-BY-SA-4.0) and all lie in the test split.
"""

import csv
from pathlib import Path

from engine.corpora.pos_tagging import TaggedSentence

GOLD_PATH = Path(__file__).parent / "data" / "hsk_gold_tags.tsv"


def gold_sentences(path: Path = GOLD_PATH) -> dict[str, TaggedSentence]:
    """Sentence id -> its tokens and gold tags, in file order."""
    rows: dict[str, list[tuple[str, str]]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            rows.setdefault(row["id"], []).append((row["token"], row["tag"]))
    return {
        sid: TaggedSentence(tuple(t for t, _ in pairs), tuple(g for _, g in pairs))
        for sid, pairs in rows.items()
    }
