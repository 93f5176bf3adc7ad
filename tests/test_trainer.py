"""The trainer on tiny self-contained task models: it learns, it is seeded, it clips, it stops."""

import io
import time

import numpy as np
import pytest

from engine.heads import cross_entropy
from engine.recurrent import Recurrent
from engine.tasks.base import StepResult
from engine.training import SGD, Progress, TrainConfig, Trainer, evaluate, train

# -- toy task models ------------------------------------------------------------------------


class FirstTokenGRU:
    """Sequence classifier "is the first token 1?": one-hot tokens -> GRU -> linear on h_T."""

    task = "intent"
    vocab = 3

    def __init__(self, hidden: int = 8, seed: int = 0) -> None:
        self.net = Recurrent("gru", input_size=self.vocab, hidden_size=hidden, seed=seed)
        rng = np.random.default_rng(seed + 1)
        bound = 1.0 / np.sqrt(hidden)
        self._params = {f"rnn.{k}": v for k, v in self.net.state_dict().items()}
        self._params["head.weight"] = rng.uniform(-bound, bound, (2, hidden))
        self._params["head.bias"] = rng.uniform(-bound, bound, 2)
        self.refreshes = 0

    def parameters(self) -> dict[str, np.ndarray]:
        return self._params

    def refresh(self) -> None:
        self.net.load_state_dict({k[4:]: v for k, v in self._params.items() if k[:4] == "rnn."})
        self.refreshes += 1

    def loss_and_grads(self, example: tuple[list[int], int]) -> StepResult:
        tokens, label = example
        x = np.eye(self.vocab)[tokens]  # (T, V)
        trace = self.net.run(x)
        h = trace.output[-1]  # (H,)
        w, b = self._params["head.weight"], self._params["head.bias"]
        logits = w @ h + b  # (2,)
        loss, d_logits = cross_entropy(logits, np.array([label]))
        d_logits = d_logits[0]  # (2,)
        d_output = np.zeros_like(trace.output)  # (T, H)
        d_output[-1] = w.T @ d_logits  # dL/dh_T
        rnn = self.net.backward(trace, d_output).params
        grads = {f"rnn.{k}": v for k, v in rnn.items()}
        grads["head.weight"] = np.outer(d_logits, h)
        grads["head.bias"] = d_logits
        return StepResult(loss, grads, int(np.argmax(logits) == label), 1)


def first_token_data(n: int, seed: int) -> list[tuple[list[int], int]]:
    rng = np.random.default_rng(seed)
    data = []
    for _ in range(n):
        tokens = rng.integers(0, FirstTokenGRU.vocab, size=int(rng.integers(2, 7))).tolist()
        data.append((tokens, int(tokens[0] == 1)))
    return data


class SoftmaxRegression:
    """Three Gaussian blobs in 2-D, a linear softmax classifier."""

    def __init__(self, seed: int = 0) -> None:
        rng = np.random.default_rng(seed)
        self._params = {"head.weight": rng.normal(scale=0.1, size=(3, 2)),
                        "head.bias": np.zeros(3)}  # fmt: skip
        self.refreshes = 0

    def parameters(self) -> dict[str, np.ndarray]:
        return self._params

    def refresh(self) -> None:
        self.refreshes += 1

    def loss_and_grads(self, example: tuple[np.ndarray, int]) -> StepResult:
        x, label = example
        logits = self._params["head.weight"] @ x + self._params["head.bias"]  # (3,)
        loss, d_logits = cross_entropy(logits, np.array([label]))
        grads = {"head.weight": np.outer(d_logits[0], x), "head.bias": d_logits[0]}
        return StepResult(loss, grads, int(np.argmax(logits) == label), 1)


def blobs(n: int, seed: int) -> list[tuple[np.ndarray, int]]:
    rng = np.random.default_rng(seed)
    centres = np.array([[2.0, 0.0], [-1.0, 1.7], [-1.0, -1.7]])
    labels = rng.integers(0, 3, size=n)
    return [(centres[y] + rng.normal(scale=0.5, size=2), int(y)) for y in labels]


class Scripted:
    """One parameter w, gradient always `grad`; loss and correctness follow a script."""

    def __init__(self, grad: dict[str, np.ndarray] | None = None, losses=None, heldout=None):
        self.grad = grad if grad is not None else {"w": np.ones(2)}
        self._params = {k: np.zeros_like(g) for k, g in self.grad.items()}
        self.losses = iter(losses) if losses is not None else None
        self.heldout = heldout  # epoch -> accuracy on the held-out example
        self.epoch = 0
        self.refreshes = 0

    def parameters(self) -> dict[str, np.ndarray]:
        return self._params

    def refresh(self) -> None:
        self.refreshes += 1

    def loss_and_grads(self, example: str) -> StepResult:
        if example == "held":  # 10 predictions, accuracy scripted by epoch
            right = round(10 * self.heldout[self.epoch])
            return StepResult(1.0 - right / 10, {}, right, 10)
        loss = next(self.losses) if self.losses is not None else 1.0
        return StepResult(loss, {k: g.copy() for k, g in self.grad.items()}, 1, 1)


def _copy(params):
    return {k: v.copy() for k, v in params.items()}


# -- learning -------------------------------------------------------------------------------


def test_gru_learns_first_token_task():
    model = FirstTokenGRU(hidden=8, seed=0)
    train_set, heldout = first_token_data(160, seed=1), first_token_data(100, seed=2)
    started = time.perf_counter()
    config = TrainConfig(epochs=6, lr=0.03, clip_norm=5.0, seed=0)
    report = train(model, train_set, heldout, config, progress=False)
    assert time.perf_counter() - started < 5.0
    assert report.train_loss[-1] < 0.5 * report.train_loss[0]
    assert report.heldout_accuracy[-1] >= 0.95
    assert evaluate(model, heldout) == (report.heldout_loss[-1], report.heldout_accuracy[-1])
    assert report.steps == 6 * 160 and model.refreshes == report.steps
    assert report.best_epoch == 6 and not report.stopped_early


@pytest.mark.parametrize("optimizer", ["sgd", "adam", "adamw"])
def test_every_optimizer_fits_softmax_regression(optimizer):
    model = SoftmaxRegression()
    config = TrainConfig(epochs=5, optimizer=optimizer, lr=0.05, weight_decay=1e-3,
                         momentum=0.9 if optimizer == "sgd" else 0.0, batch_size=4)  # fmt: skip
    report = train(model, blobs(120, 1), blobs(60, 2), config, progress=False)
    assert report.train_loss[-1] < report.train_loss[0]
    assert report.heldout_accuracy[-1] >= 0.95
    assert report.steps == 5 * 30


def test_evaluate_leaves_parameters_alone():
    model = SoftmaxRegression()
    before = _copy(model.parameters())
    loss, accuracy = evaluate(model, blobs(30, 3))
    assert loss > 0 and 0.0 <= accuracy <= 1.0
    assert all(np.array_equal(before[k], v) for k, v in model.parameters().items())
    with pytest.raises(ValueError, match="^examples: "):
        evaluate(model, [])


# -- determinism ----------------------------------------------------------------------------


def _run_gru(seed: int) -> dict[str, np.ndarray]:
    model = FirstTokenGRU(hidden=6, seed=0)
    train(model, first_token_data(40, 1), None, TrainConfig(epochs=2, seed=seed, batch_size=3),
          progress=False)  # fmt: skip
    return model.parameters()


def test_same_seed_gives_bit_identical_parameters_and_other_seeds_differ():
    first, second, other = _run_gru(seed=4), _run_gru(seed=4), _run_gru(seed=5)
    assert all(np.array_equal(first[k], second[k]) for k in first)
    assert not all(np.array_equal(first[k], other[k]) for k in first)


def test_batch_of_everything_is_one_full_gradient_step():
    """batch_size = N: one SGD step on the mean gradient, whatever the shuffled order."""
    model, data = SoftmaxRegression(), blobs(7, 4)
    start = _copy(model.parameters())
    mean = {k: np.zeros_like(v) for k, v in start.items()}
    for example in data:
        for k, g in model.loss_and_grads(example).grads.items():
            mean[k] += g / len(data)
    config = TrainConfig(epochs=1, optimizer="sgd", lr=0.5, batch_size=len(data))
    report = train(model, data, None, config, progress=False)
    assert report.steps == 1
    for k, p in model.parameters().items():
        np.testing.assert_allclose(p, start[k] - 0.5 * mean[k], rtol=0, atol=1e-14)


# -- clipping -------------------------------------------------------------------------------

HUGE = {"a": np.array([3e6, -4e6]), "b": np.array([[1e5, -2e3], [7.0, -0.1]])}


def test_clip_by_norm_bounds_the_update():
    model = Scripted(grad=HUGE)
    report = train(model, ["x"], None, TrainConfig(epochs=1, optimizer="sgd", lr=1.0,
                                                   clip_norm=2.0), progress=False)  # fmt: skip
    update = np.sqrt(sum(np.sum(p**2) for p in model.parameters().values()))  # from zeros
    assert update == pytest.approx(2.0, rel=1e-12)
    norm = np.sqrt(sum(np.sum(g**2) for g in HUGE.values()))
    for k, p in model.parameters().items():  # same direction, length 2
        np.testing.assert_allclose(p, -2.0 * HUGE[k] / norm, rtol=1e-12)
    stats = report.history[0]
    assert stats.clipped == 1
    assert stats.grad_norm == pytest.approx(np.sqrt(25e12 + 1e10 + 4e6 + 49 + 0.01), rel=1e-12)


def test_clip_by_value_bounds_each_entry_then_norm():
    model = Scripted(grad=HUGE)
    train(model, ["x"], None, TrainConfig(epochs=1, optimizer="sgd", lr=1.0, clip_value=0.5),
          progress=False)  # fmt: skip
    np.testing.assert_array_equal(model.parameters()["a"], [-0.5, 0.5])
    np.testing.assert_array_equal(model.parameters()["b"], [[-0.5, 0.5], [-0.5, 0.1]])

    both = Scripted(grad=HUGE)
    train(both, ["x"], None, TrainConfig(epochs=1, optimizer="sgd", lr=1.0, clip_value=0.5,
                                         clip_norm=0.5), progress=False)  # fmt: skip
    clipped = np.array([0.5, -0.5, 0.5, -0.5, 0.5, -0.1])
    expected = -clipped * 0.5 / np.linalg.norm(clipped)
    got = np.concatenate([both.parameters()["a"], both.parameters()["b"].ravel()])
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_small_gradients_are_not_clipped():
    model = Scripted(grad={"w": np.array([0.1, -0.2])})
    report = train(model, ["x", "x"], None, TrainConfig(epochs=1, optimizer="sgd", lr=1.0,
                   clip_value=1.0, clip_norm=1.0), progress=False)  # fmt: skip
    np.testing.assert_allclose(model.parameters()["w"], [-0.2, 0.4])
    assert report.history[0].clipped == 0


# -- failures -------------------------------------------------------------------------------


def test_non_finite_loss_names_epoch_and_step():
    model = Scripted(losses=[1.0, 1.0, 1.0, 1.0, 1.0, float("nan")])
    with pytest.raises(ValueError, match=r"^loss became non-finite at epoch 2, step 3; "
                                         r"lower lr or enable clipping$"):  # fmt: skip
        train(model, ["x", "x", "x"], None, TrainConfig(epochs=3), progress=False)


def test_non_finite_gradient_names_the_key_and_leaves_parameters():
    model = Scripted(grad={"w": np.array([1.0, np.inf])})
    with pytest.raises(ValueError, match=r"grads\['w'\]: contains NaN or infinity"):
        train(model, ["x"], None, TrainConfig(epochs=1, clip_norm=1.0), progress=False)
    np.testing.assert_array_equal(model.parameters()["w"], [0.0, 0.0])


def test_gradient_keys_must_match_parameters():
    class Extra(Scripted):
        def loss_and_grads(self, example):
            result = super().loss_and_grads(example)
            return StepResult(result.loss, {**result.grads, "v": np.ones(1)}, 1, 1)

    with pytest.raises(ValueError, match=r"unexpected keys \['v'\]"):
        train(Extra(), ["x"], None, TrainConfig(epochs=1), progress=False)


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ({"epochs": 0}, "epochs"),
        ({"optimizer": "rmsprop"}, "optimizer"),
        ({"lr": 0.0}, "lr"),
        ({"momentum": 0.9}, "momentum"),  # with adam
        ({"weight_decay": -1.0}, "weight_decay"),
        ({"clip_value": 0.0}, "clip_value"),
        ({"clip_norm": float("inf")}, "clip_norm"),
        ({"batch_size": 0}, "batch_size"),
        ({"seed": -1}, "seed"),
        ({"log_every": 0}, "log_every"),
        ({"patience": 0}, "patience"),
    ],
)
def test_bad_config_is_named(fields, name):
    with pytest.raises(ValueError, match=rf"^{name}: "):
        TrainConfig(**fields)


def test_bad_arguments_are_refused():
    model = SoftmaxRegression()
    with pytest.raises(ValueError, match="^train_examples: "):
        train(model, [], None, TrainConfig(), progress=False)
    with pytest.raises(ValueError, match="^patience: "):
        train(model, blobs(5, 0), None, TrainConfig(patience=2), progress=False)
    stranger = {k: v.copy() for k, v in model.parameters().items()}
    with pytest.raises(ValueError, match="^optimizer: must hold the model's own"):
        Trainer(model, SGD(stranger, lr=0.1))


def test_a_model_that_replaces_its_arrays_is_caught():
    class Replacing(Scripted):
        def refresh(self):
            self._params = {k: v.copy() for k, v in self._params.items()}

    with pytest.raises(ValueError, match=r"^model.parameters\(\): returned new arrays"):
        train(Replacing(), ["x"], None, TrainConfig(epochs=1), progress=False)


# -- early stopping -------------------------------------------------------------------------


def test_patience_stops_and_restores_the_best_epoch():
    accuracy = {1: 0.5, 2: 0.8, 3: 0.6, 4: 0.7, 5: 0.9, 6: 1.0}
    model = Scripted(heldout=accuracy)

    class Counting(list):  # the trainer reads the held-out list once per epoch
        def __iter__(self):
            model.epoch += 1
            return super().__iter__()

    report = train(model, ["x"], Counting(["held"]),
                   TrainConfig(epochs=6, optimizer="sgd", lr=1.0, patience=2),
                   progress=False)  # fmt: skip
    assert report.stopped_early and len(report.history) == 4
    assert report.heldout_accuracy == [0.5, 0.8, 0.6, 0.7]
    assert report.best_epoch == 2
    np.testing.assert_array_equal(model.parameters()["w"], [-2.0, -2.0])  # after 2 steps
    assert model.refreshes == 4 + 1  # one per step, one after restoring
    card = report.as_dict()
    assert card["config"]["patience"] == 2 and card["history"][1]["heldout_accuracy"] == 0.8


# -- progress -------------------------------------------------------------------------------


def test_progress_prints_one_line_per_logged_epoch_when_not_a_tty(capsys):
    train(SoftmaxRegression(), blobs(10, 0), blobs(5, 1), TrainConfig(epochs=5, log_every=2))
    lines = capsys.readouterr().err.splitlines()
    assert [line.split()[1] for line in lines] == ["2/5", "4/5", "5/5"]
    assert "train loss" in lines[0] and "held-out loss" in lines[0] and "\r" not in lines[0]


def test_progress_false_prints_nothing(capsys):
    train(SoftmaxRegression(), blobs(10, 0), None, TrainConfig(epochs=2), progress=False)
    assert capsys.readouterr().err == ""


def test_progress_bar_redraws_in_place_on_a_tty():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out = Terminal()
    bar = Progress(epochs=2, stream=out, log_every=2)
    bar.start_epoch(1, 40)
    bar.update(10, 0.9, 0.25)
    bar.update(20, 0.8, 0.5)  # throttled: within 0.1 s of the last draw
    bar.update(40, 0.7, 0.75)  # the last example always draws
    bar.end_epoch(0.7, 0.75, None, 1.0)  # not a logged epoch: overwritten later
    bar.start_epoch(2, 40)
    bar.end_epoch(0.5, 1.0, (0.4, 0.9), 1.0)
    bar.close()
    text = out.getvalue()
    assert "epoch 1/2 [######------------------] 10/40" in text
    assert " 20/40" not in text
    assert "epoch 1/2 [########################] 40/40" in text and "ex/s" in text
    assert "loss 0.7000  acc 75.0%" in text
    assert text.count("\n") == 1 and text.endswith(
        "epoch 2/2  train loss 0.5000 acc 100.0%  held-out loss 0.4000 acc 90.0%  1.0s\n"
    )
