"""The "Open your model" page in a real browser: a user uploads a PyTorch tagger they
trained (safetensors, vocabulary, labels), sees what was recognised, opens it and sees the
explorer draw its network for the model's own example sentence."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
torch = pytest.importorskip("torch")
safetensors_torch = pytest.importorskip("safetensors.torch")
expect = playwright.expect

V, E, H = 9, 4, 5
VOCAB = ["<b>bold</b>", *(f"w{i}" for i in range(1, V))]  # markup must show as text
LABELS = ["N", "V", "O"]


@pytest.fixture(scope="module")
def model_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A 2-layer LSTM tagger's state_dict as safetensors, its vocabulary and labels."""
    folder = tmp_path_factory.mktemp("open-model")
    torch.manual_seed(5)
    net = torch.nn.ModuleDict({"embed": torch.nn.Embedding(V, E),
                               "lstm": torch.nn.LSTM(E, H, num_layers=2),
                               "fc": torch.nn.Linear(H, len(LABELS))})  # fmt: skip
    state = {k: v.detach().contiguous() for k, v in net.state_dict().items()}
    files = {"weights": folder / "tagger.safetensors", "vocab": folder / "vocab.json",
             "labels": folder / "labels.json"}  # fmt: skip
    safetensors_torch.save_file(state, str(files["weights"]))
    files["vocab"].write_text(json.dumps(VOCAB), encoding="utf-8")
    files["labels"].write_text(json.dumps(LABELS), encoding="utf-8")
    return files


def read_model(page: Page, server_url: str, files: dict[str, Path], query: str = "") -> None:
    """Open the page, choose the three files and the task, and wait for the preview."""
    page.goto(f"{server_url}/open-model?lang=en{query}")
    for name, path in files.items():
        page.set_input_files(f"#{name}-input", str(path))
    page.select_option("#task-select", "tagging")
    page.click("#read-button")
    expect(page.locator("#preview")).to_be_visible(timeout=30_000)


def fact(page: Page, row: str) -> str:
    return page.locator(f"#preview-body dd[data-row='{row}']").inner_text()


def test_the_preview_shows_what_was_recognised(
    page: Page, server_url: str, model_files: dict[str, Path], screenshot: Callable[..., Path]
) -> None:
    read_model(page, server_url, model_files)
    assert fact(page, "cell") == "LSTM"
    assert fact(page, "layers") == "2"
    assert fact(page, "directions") == "one (left to right)"
    assert fact(page, "sizes") == f"hidden H = {H}, embedding E = {E}"
    assert fact(page, "labels") == "N, V, O"
    assert fact(page, "source").startswith("tagger.safetensors · PyTorch state dict")
    assert fact(page, "parity").startswith("parity with torch")
    mapping = page.locator(".om-mapping li").all_inner_texts()
    assert any(note.startswith("gate order:") for note in mapping), mapping
    screenshot("open-model-preview")


def test_uploaded_tokens_are_shown_as_text_never_as_markup(
    page: Page, server_url: str, model_files: dict[str, Path]
) -> None:
    read_model(page, server_url, model_files)
    assert fact(page, "vocab").startswith(f"{V} tokens: <b>bold</b> w1 w2")
    assert page.locator("#preview-body b").count() == 0


def test_the_preview_follows_the_language_switch(
    page: Page, server_url: str, model_files: dict[str, Path]
) -> None:
    read_model(page, server_url, model_files)
    page.click("[data-lang-choice='zh']")
    expect(page.locator("#preview-body dt").first).to_have_text("文件")
    assert fact(page, "directions") == "单向（从左到右）"
    expect(page.locator("#read-button")).to_have_text("读取模型")


def test_an_opened_model_draws_in_the_explorer_on_its_example_sentence(
    page: Page, server_url: str, model_files: dict[str, Path]
) -> None:
    read_model(page, server_url, model_files)
    example = fact(page, "example")
    page.click("#open-button")
    links = page.locator("#open-links a")
    expect(links).to_have_count(4)  # explorer, compare, what-if, gradients
    model_id = page.locator("#open-links p").inner_text().split(" as ")[1].split(".")[0]
    links.filter(has_text="Explorer").click()
    expect(page.locator("#network .net-token-text").first).to_be_visible(timeout=30_000)
    expect(page.locator("#model-select")).to_have_value(model_id)
    expect(page.locator("#text-input")).to_have_value(example)
    tokens = page.locator("#network .net-token-text").all_text_contents()
    assert tokens == example.split()
    cells = page.locator("#network .net-cell")
    assert cells.count() == 2 * len(tokens)  # two layers, one cell per token each
    assert len(page.locator("#predictions").inner_text().strip()) > 0


def test_presenter_mode_keeps_the_form_within_the_window(
    page: Page, server_url: str, model_files: dict[str, Path]
) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    read_model(page, server_url, model_files, "&presenter=1")
    assert page.evaluate("document.documentElement.classList.contains('presenter')")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1366
    read = page.locator("#read-button").bounding_box()
    assert read and read["x"] + read["width"] <= 1366
