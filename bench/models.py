"""Bundled models against issue 9's limits: size on disk, load time, and a 20-token trace
on the largest model, with jieba's segmentation included.

For every bundled model: the bytes of its files, the time to load it in a fresh registry
(card, parameters and config checks; median of 5), and the engine time of analyze() on a
20-token sentence (median of 50 after a warm-up). Targets are printed beside the figures:
all models under 20 MB together, any load under 1 s, a 20-token trace on the largest
model under 20 ms. A benchmark, not a test: it never fails.

Usage: `.venv/bin/python bench/models.py` (about half a minute).
"""

import statistics
import sys
import time
from pathlib import Path

# Run as a script, bench/ comes first on sys.path, where "engine" is bench/engine.py: look
# in the repository root instead.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from engine.models import BUNDLED_DIR, ModelRegistry  # noqa: E402
from engine.text import segment  # noqa: E402

ZH_20 = "我们 明天 早上 在 学校 学习 汉语 ， 他 喜欢 吃 西瓜 ， 妈妈 买 了 三 个 苹果 。"
ZH_UNSPACED = "我们明天早上在学校学习汉语，他喜欢吃西瓜，妈妈买了三个苹果。"
EN_20 = "hey , could you please wake me up at 7:30 tomorrow morning because i have a test ?"


def _median_ms(run, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    segment.warm_up()
    ids = ModelRegistry().ids()
    sizes = {i: sum(p.stat().st_size for p in BUNDLED_DIR.glob(f"{i}.*")) for i in ids}
    print(f"{'model':<28} {'size kB':>8} {'load ms':>8} {'20-token ms':>12}")
    for model_id in ids:
        load_ms = _median_ms(lambda m=model_id: ModelRegistry().load(m), 5)
        model = ModelRegistry().load(model_id)
        card = ModelRegistry().card(model_id)
        text = EN_20 if card["language"] == "en" else ZH_20
        if card["config"].get("tokenizer") == "char":
            text = ZH_UNSPACED[:20]  # 20 characters, 20 tokens
        model.analyze(text)
        trace_ms = _median_ms(lambda m=model, t=text: m.analyze(t), 50)
        print(f"{model_id:<28} {sizes[model_id] / 1024:>8.0f} {load_ms:>8.1f} {trace_ms:>12.2f}")
    largest = max(ids, key=lambda i: sizes[i])
    model = ModelRegistry().load(largest)
    unspaced = _median_ms(lambda: model.analyze(ZH_UNSPACED), 50)
    total = sum(sizes.values()) / 2**20
    print(f"\nall models: {total:.1f} MB (target < 20 MB)")
    print(f"largest: {largest}; 20 tokens typed unspaced (jieba included): {unspaced:.2f} ms "
          "(target < 20 ms)")  # fmt: skip


if __name__ == "__main__":
    main()
