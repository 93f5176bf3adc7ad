"""Re-measure bundled models' card metrics with their recipe's current `measure`, without
retraining: after a metric is added, the cards gain it while the parameters (the .npz) and
the rest of each card stay as they were. Needs the train extra (the real test sentences).

    python scripts/remeasure_cards.py translation-gru translation-rnn ...
"""

import argparse
import json
import sys
from pathlib import Path

from engine.models import BUNDLED_DIR, ModelRegistry
from engine.models.measures import rounded
from engine.models.recipes import RECIPES, corpus, measure


def remeasure(model_id: str, directory: Path) -> dict:
    """Measure `model_id` again and write the metrics into its card; returns them."""
    if model_id not in RECIPES:
        raise ValueError(f"model_id: no recipe named {model_id!r}; known: {', '.join(RECIPES)}")
    recipe = RECIPES[model_id]
    registry = ModelRegistry(directory)
    metrics = rounded(measure(recipe, registry.load(model_id), corpus(recipe)))
    path = directory / f"{model_id}.json"
    card = json.loads(path.read_text(encoding="utf-8"))
    card["metrics"] = metrics
    path.write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return metrics


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+", help="bundled model ids")
    parser.add_argument("--dir", type=Path, default=BUNDLED_DIR, help="models folder")
    args = parser.parse_args()
    for model_id in args.models:
        remeasure(model_id, args.dir)
        print(f"{model_id}: re-measured", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
