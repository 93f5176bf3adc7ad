"""Regenerate the README's table of bundled models from their cards (between the markers)."""

import sys
from pathlib import Path

from engine.models import ModelRegistry
from engine.models.summary import headline

README = Path(__file__).resolve().parents[1] / "README.md"
BEGIN, END = "<!-- models:begin -->", "<!-- models:end -->"


def table(registry: ModelRegistry) -> str:
    """One Markdown row per bundled model: id, task, sizes, data, headline metrics."""
    rows = ["| model | task | cell | E / H | data | held-out |", "|---|---|---|---|---|---|"]
    for card in registry.cards():
        bi = "bi-" if card["bidirectional"] else ""
        layers = card.get("num_layers", 1)
        shape = (f", {layers} layers" if layers > 1 else "") + (
            ", relu" if card["config"].get("nonlinearity") == "relu" else "")  # fmt: skip
        task = "lm, from a topic (1 vs N)" if card["config"].get("conditions") else card["task"]
        data = "HSK + grammar" if "hsk" in card["metrics"] else "grammar"
        if card["task"] in ("topic", "lm") and "hsk" in card["metrics"]:
            data = "HSK"
        rows.append(f"| `{card['id']}` | {task} | {bi}{card['cell']}{shape} | "
                    f"{card['embedding_dim']} / {card['hidden_size']} | {data} | "
                    f"{headline(card)} |")  # fmt: skip
    return "\n".join(rows)


def main() -> int:
    text = README.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        print(f"model_table: README.md lacks the {BEGIN} / {END} markers", file=sys.stderr)
        return 2
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{BEGIN}\n{table(ModelRegistry())}\n{END}{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
