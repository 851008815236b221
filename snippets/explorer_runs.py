# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
#   "scikit-learn==1.9.1",
# ]
# ///

"""
Training explorer: one run for every activation, depth and weight scale
=======================================================================

The runs behind the training explorer: a network of 1, 2, 4 or 8 hidden layers of 32
units learns scikit-learn's handwritten digits with each activation scikit-learn offers,
from scikit-learn's own initial weights or from those weights multiplied by 4. Every run
uses the settings of the too-large-weights experiment (stochastic gradient descent with
momentum at a fixed learning rate, the weights scaled after the first epoch) and one
seed. For each run we record its training-loss curve, the size of the gradient of every
weight matrix when training restarts from the scaled weights, and its final training and
test accuracy, and draw one small figure.
"""

# %%
# One run
# -------
#
# ``train_run`` is all a run is: the explorer shows, for each run, the call that made it.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

import activations

ACTIVATIONS = ("identity", "logistic", "tanh", "relu")
DEPTHS = (1, 2, 4, 8)  # hidden layers
WEIGHT_SCALES = (1, 4)  # every weight is multiplied by this after the first epoch
WIDTH = 32
EPOCHS = 21  # the first, then 20 more after the scaling
LEARNING_RATE = 0.03
MOMENTUM = 0.9
BATCH_SIZE = 32
TEST_SIZE = 0.5
SEED = 0
LEARNED = 0.5  # a run learned when its final loss is below this fraction of a constant prediction's

X, y = load_digits(return_X_y=True)
X = X / 16  # pixel intensities run from 0 to 16
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=TEST_SIZE, random_state=SEED, stratify=y)
class_shares = np.bincount(y_train) / len(y_train)
constant_loss = float(-np.sum(class_shares * np.log(class_shares)))  # predicting the class shares


def layer_gradients(model):
    """‖∂L/∂W‖ of every weight matrix, first layer first, by the numpy network of activations.py."""
    zs, outputs = activations.forward(X_train, model.coefs_, model.intercepts_, model.activation)
    output_gradient = (activations.softmax(outputs[-1]) - (y_train[:, None] == model.classes_)) / len(X_train)
    weight_grads, _ = activations.backward(zs, outputs, model.coefs_, output_gradient, model.activation)
    return [float(np.linalg.norm(g)) for g in weight_grads]


def train_run(activation, depth, weight_scale, seed=SEED):
    model = MLPClassifier(
        hidden_layer_sizes=(WIDTH,) * depth,
        activation=activation,
        solver="sgd",
        learning_rate="constant",
        learning_rate_init=LEARNING_RATE,
        momentum=MOMENTUM,
        nesterovs_momentum=False,
        batch_size=BATCH_SIZE,
        alpha=0.0,
        random_state=seed,
    )
    model.partial_fit(X_train, y_train, classes=np.unique(y))  # epoch 1, from scikit-learn's own weights
    for weights in model.coefs_:
        weights *= weight_scale
    gradients = layer_gradients(model)
    overflowed_at = None
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is a result here, reported below
        for epoch in range(2, EPOCHS + 1):
            try:
                model.partial_fit(X_train, y_train)
            except ValueError:  # scikit-learn refuses weights that are no longer finite
                overflowed_at = epoch
                break
    return {
        # the loss after each epoch, up to the last epoch before the weights overflowed
        "loss_curve": [float(v) for v in model.loss_curve_[: (overflowed_at or EPOCHS + 1) - 1]],
        "overflowed_at": overflowed_at,
        "layer_gradients": gradients,
        "train_accuracy": None if overflowed_at else float(model.score(X_train, y_train)),
        "test_accuracy": None if overflowed_at else float(model.score(X_test, y_test)),
    }


# %%
# Every run
# ---------
#
# 4 activations × 4 depths × 2 weight scales. A run's key, such as ``relu_d4_x1``, names
# its activation, depth and scale.
def run_key(activation, depth, weight_scale):
    return f"{activation}_d{depth}_x{weight_scale}"


runs = {
    run_key(f, d, s): train_run(activation=f, depth=d, weight_scale=s)
    for f in ACTIVATIONS
    for d in DEPTHS
    for s in WEIGHT_SCALES
}
# figures are drawn in this order, one per run, so run i is figure i + 1
figure_number = {key: i + 1 for i, key in enumerate(runs)}
# the same axes in every figure, so that switching runs compares them
finite_losses = [v for run in runs.values() for v in run["loss_curve"]]
loss_limits = [min(finite_losses) / 2, max(finite_losses) * 2]
all_gradients = [g for run in runs.values() for g in run["layer_gradients"]]
gradient_limits = [min(all_gradients) / 3, max(all_gradients) * 3]

# %%
# What each run did, in words
# ---------------------------
#
# A run's outcome, its summary and its figure's alt text, written from its numbers.
NAMES = {"identity": "identity", "logistic": "sigmoid", "tanh": "tanh", "relu": "ReLU"}


def outcome(run):
    if run["overflowed_at"]:
        return f"weights overflowed in epoch {run['overflowed_at']}"
    return "learned" if run["loss_curve"][-1] < LEARNED * constant_loss else "did not learn"


def title(f, d, s):
    layers = f"{d} hidden layer{'s' if d > 1 else ''}"
    weights = "scikit-learn's initial weights" if s == 1 else f"initial weights × {s}"
    return f"{NAMES[f]}, {layers}, {weights}"


def summary(run):
    first, last = run["loss_curve"][0], run["loss_curve"][-1]
    gradients = run["layer_gradients"]
    text = f"Training loss {first:.3g} after epoch 1 (a constant prediction scores {constant_loss:.3g}); "
    if run["overflowed_at"]:
        text += f"the weights overflowed in epoch {run['overflowed_at']}, so the run has no final accuracy. "
    else:
        text += (f"{last:.3g} after epoch {len(run['loss_curve'])}: {outcome(run)}. Training accuracy "
                 f"{run['train_accuracy']:.3f}, test accuracy {run['test_accuracy']:.3f}. ")
    return text + (f"Gradient norm at the restart: {gradients[0]:.2g} for the first layer's weights, "
                   f"{gradients[-1]:.2g} for the output layer's.")


summaries = {key: summary(run) for key, run in runs.items()}
figure_alt = {
    run_key(f, d, s): f"Training loss per epoch and gradient norm per layer for {title(f, d, s)}. "
    + summaries[run_key(f, d, s)]
    for f in ACTIVATIONS
    for d in DEPTHS
    for s in WEIGHT_SCALES
}


def table_row(f, d, s):
    run = runs[run_key(f, d, s)]
    done = not run["overflowed_at"]
    return {
        "run": f"{NAMES[f]}, {d} layer{'s' if d > 1 else ''}, × {s}",
        "final loss": f"{run['loss_curve'][-1]:.3g}" if done else "–",
        "outcome": outcome(run) if done else f"overflowed (epoch {run['overflowed_at']})",
        "accuracy, train / test": f"{run['train_accuracy']:.3f} / {run['test_accuracy']:.3f}" if done else "–",
        "‖∂L/∂W‖, first / output": f"{run['layer_gradients'][0]:.2g} / {run['layer_gradients'][-1]:.2g}",
    }


runs_table = [table_row(f, d, s) for f in ACTIVATIONS for d in DEPTHS for s in WEIGHT_SCALES]
for row in runs_table:
    print(" | ".join(row.values()))

# %%
# One figure per run
# ------------------
#
# Left: the training loss after each epoch (dotted: a constant prediction's; a cross:
# the weights overflowed in the next epoch). Right: the gradient norm of each weight
# matrix when training restarts from the scaled weights. Every figure has the same axes.
plt.rcParams["figure.max_open_warning"] = len(runs)  # one figure per run, all shown at the end


def draw(f, d, s):
    run = runs[run_key(f, d, s)]
    fig, (left, right) = plt.subplots(1, 2, figsize=(6.4, 2.3), gridspec_kw={"width_ratios": [3, 2]})
    epochs = np.arange(1, len(run["loss_curve"]) + 1)
    left.plot(epochs, run["loss_curve"], color="tab:blue", linewidth=1.8, marker="o" if len(epochs) == 1 else None)
    if run["overflowed_at"]:
        left.plot(epochs[-1], run["loss_curve"][-1], marker="x", color="tab:red", markersize=10, markeredgewidth=2)
    left.axhline(constant_loss, color="gray", linestyle=":", linewidth=1)
    left.set_yscale("log")
    left.set_ylim(*loss_limits)
    left.set_xlim(0.5, EPOCHS + 0.5)
    left.set_xlabel("epoch")
    left.set_ylabel("training loss")
    layers = np.arange(1, d + 2)
    right.plot(layers, run["layer_gradients"], color="black", marker="o", linewidth=1)
    right.set_yscale("log")
    right.set_ylim(*gradient_limits)
    right.set_xlim(0.5, max(DEPTHS) + 1.5)
    right.set_xticks(layers, [str(i) for i in layers[:-1]] + ["out"])
    right.set_xlabel("layer")
    right.set_ylabel("‖∂L/∂W‖ at restart")
    for ax in (left, right):
        ax.minorticks_off()
    fig.suptitle(title(f, d, s), fontsize="medium")
    fig.tight_layout()


for f in ACTIVATIONS:
    for d in DEPTHS:
        for s in WEIGHT_SCALES:
            draw(f, d, s)

plt.show()
