# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
#   "scikit-learn==1.9.1",
# ]
# ///

"""
Training with too-large initial weights
=======================================

The article: when gradients become too large, "training becomes unstable", for example
with very large initial weights in a ReLU network. We train networks of four hidden
layers on the digits (``MLPClassifier``) and on chapter 2's sine wave
(``MLPRegressor``) with plain stochastic gradient descent and momentum at a fixed
learning rate. After the first epoch, every weight is multiplied by a gain of 1, 2 or
4, and training goes on with ``partial_fit``. For each activation, gain and seed we
record the gradient at that restart, the training-loss curve, whether the weights
overflowed, and where the loss ended, against the loss of predicting a constant.
"""

# %%
# The networks and one training run
# ---------------------------------
#
# Epoch 1 lets scikit-learn draw the weights its own way; then ``coefs_`` (the weight
# matrices, a public attribute) is scaled in place, and every later ``partial_fit`` is
# one more epoch at the same learning rate.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor

import activations

ACTIVATIONS = ("identity", "logistic", "tanh", "relu")
TASKS = ("digits", "sine")
HIDDEN_LAYERS = (32, 32, 32, 32)
GAINS = (1, 2, 4)  # every weight is multiplied by this after the first epoch
SEEDS = (0, 1, 2, 3, 4, 5)  # six: the fewest from which median_interval gives a 95 % interval
n_seeds = len(SEEDS)
EPOCHS = 21  # the first, then 20 more after the scaling
LEARNING_RATE = {"digits": 0.03, "sine": 0.01}
MOMENTUM = 0.9
BATCH_SIZE = 32
LEARNED = 0.5  # a run learned when its final loss is below this fraction of a constant prediction's
TEST_SIZE = 0.5  # of the digits
N_SINE = 400
SINE_RANGE = (-2 * np.pi, 2 * np.pi)

digits_X, digits_y = load_digits(return_X_y=True)
digits_X = digits_X / 16  # pixel intensities run from 0 to 16


def task_data(task, seed):
    """(X_train, y_train): a seed's half of the digits, or its sample of the sine wave."""
    if task == "digits":
        X_train, _, y_train, _ = train_test_split(digits_X, digits_y, test_size=TEST_SIZE, random_state=seed,
                                                  stratify=digits_y)
        return X_train, y_train
    x = np.random.default_rng(seed).uniform(*SINE_RANGE, size=N_SINE)
    return x.reshape(-1, 1), np.sin(x)


def constant_loss(task, y_train):
    """The training loss of the best constant prediction: class frequencies, or the mean."""
    if task == "digits":
        p = np.bincount(y_train) / len(y_train)
        return float(-np.sum(p[p > 0] * np.log(p[p > 0])))
    return float(np.var(y_train) / 2)  # scikit-learn's squared loss is half the mean square


def gradient_norm(model, X_train, y_train):
    """‖∂L/∂W‖ over every weight matrix, by the numpy network of activations.py."""
    zs, outputs = activations.forward(X_train, model.coefs_, model.intercepts_, model.activation)
    if isinstance(model, MLPClassifier):
        output_gradient = activations.softmax(outputs[-1]) - (y_train[:, None] == model.classes_)
    else:
        output_gradient = outputs[-1] - y_train[:, None]
    weight_grads, _ = activations.backward(zs, outputs, model.coefs_, output_gradient / len(X_train), model.activation)
    return float(np.sqrt(sum(np.sum(g**2) for g in weight_grads)))


def train_run(task, activation, gain, seed):
    X_train, y_train = task_data(task, seed)
    Model = MLPClassifier if task == "digits" else MLPRegressor
    model = Model(
        hidden_layer_sizes=HIDDEN_LAYERS,
        activation=activation,
        solver="sgd",
        learning_rate="constant",
        learning_rate_init=LEARNING_RATE[task],
        momentum=MOMENTUM,
        nesterovs_momentum=False,
        batch_size=BATCH_SIZE,
        alpha=0.0,
        random_state=seed,
    )
    extra = {"classes": np.unique(digits_y)} if task == "digits" else {}
    model.partial_fit(X_train, y_train, **extra)
    for weights in model.coefs_:
        weights *= gain
    start_gradient = gradient_norm(model, X_train, y_train)
    overflowed_at = None
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is a result here, reported below
        for epoch in range(2, EPOCHS + 1):
            try:
                model.partial_fit(X_train, y_train)
            except ValueError:  # scikit-learn refuses weights that are no longer finite
                overflowed_at = epoch
                break
    final = np.inf if overflowed_at else model.loss_curve_[-1]
    constant = constant_loss(task, y_train)
    dead = None
    if activation == "relu" and not overflowed_at:  # hidden units that output 0 for every training input
        _, outputs = activations.forward(X_train, model.coefs_, model.intercepts_, "relu")
        dead = float(np.mean(np.concatenate([np.all(h == 0, axis=0) for h in outputs[1:-1]])))
    return {
        # the loss after each epoch, up to the last epoch before the weights overflowed
        "loss_curve": [float(v) for v in model.loss_curve_[: (overflowed_at or EPOCHS + 1) - 1]],
        "overflowed_at": overflowed_at,
        "constant_loss": constant,
        "relative_loss": float(final / constant),  # inf when the weights overflowed
        "start_gradient": start_gradient,
        "dead_units": dead,
    }


# %%
# Run every combination
# ---------------------
#
# Every task × activation × gain × seed.
def gain_key(gain):
    return f"gain{gain}"


runs = {
    task: {f: {gain_key(g): [train_run(task, f, g, seed) for seed in SEEDS] for g in GAINS} for f in ACTIVATIONS}
    for task in TASKS
}


def per_seed(name):
    """{task: {activation: {"gain1": [one value per seed], ...}}}"""
    return {task: {f: {g: [r[name] for r in rs] for g, rs in by.items()} for f, by in r.items()} for task, r in runs.items()}


loss_curves = per_seed("loss_curve")
overflowed_at = per_seed("overflowed_at")
relative_loss = per_seed("relative_loss")
start_gradient = per_seed("start_gradient")
dead_units = per_seed("dead_units")
# how many times larger the gradient is at the restart than at gain 1, per seed
gradient_growth = {
    task: {f: {g: [a / b for a, b in zip(v, by[gain_key(1)])] for g, v in by.items()} for f, by in r.items()}
    for task, r in start_gradient.items()
}
gradient_growth_median = {
    task: {f: {g: float(np.median(v)) for g, v in by.items()} for f, by in r.items()} for task, r in gradient_growth.items()
}
relative_loss_interval = {
    task: {f: {g: list(activations.median_interval(v)) for g, v in by.items()} for f, by in r.items()}
    for task, r in relative_loss.items()
}

# %%
# Loss curves
# -----------
#
# Every seed's training loss, divided by the constant prediction's loss (the dotted line
# at 1), coloured by gain. A cross on the top edge marks the epoch in which a run's
# weights overflowed.
NAMES = {"identity": "identity", "logistic": "sigmoid", "tanh": "tanh", "relu": "ReLU"}
GAIN_STYLE = {1: ("black", "-"), 2: ("tab:blue", "--"), 4: ("tab:red", "-")}
TOP = 100  # the plots' upper limit, where overflows are marked
OVERFLOW_MARK = {2: TOP * 0.3, 4: TOP * 0.6}  # gain -> height of its crosses
bottom = min(v / r["constant_loss"] for t in runs.values() for by in t.values() for rs in by.values()
             for r in rs for v in r["loss_curve"]) / 2
fig, axes = plt.subplots(2, 4, figsize=(10, 5), sharex=True, sharey=True)
for row, task in zip(axes, TASKS):
    for ax, f in zip(row, ACTIVATIONS):
        for g in GAINS:
            color, linestyle = GAIN_STYLE[g]
            for seed, run in enumerate(runs[task][f][gain_key(g)]):
                curve = np.array(run["loss_curve"]) / run["constant_loss"]
                ax.plot(np.arange(1, len(curve) + 1), curve, color=color, linestyle=linestyle, linewidth=0.9,
                        alpha=0.7, label=f"gain {g}" if seed == 0 else None)
                if run["overflowed_at"]:
                    ax.plot(run["overflowed_at"], OVERFLOW_MARK[g], marker="x", color=color, markersize=8)
        ax.axhline(1, color="gray", linestyle=":", linewidth=1)
        ax.set_yscale("log")
        ax.set_ylim(bottom, TOP)
        ax.minorticks_off()
        ax.set_title(f"{NAMES[f]}: {task}", fontsize="medium")
    row[0].set_ylabel("loss / constant prediction's")
for ax in axes[1]:
    ax.set_xlabel("epoch")
axes[0, 0].legend(loc="lower left", fontsize="small")
fig.suptitle("Training loss, weights multiplied by the gain after epoch 1 (×: the weights overflowed)")
fig.tight_layout()

# %%
# Verdicts
# --------
#
# At the largest gain, a function's training "fails" on a task when the 95 % interval
# for the median relative final loss lies above ``LEARNED`` (an overflow counts as
# infinite), and the same network "learns" at gain 1 when its interval lies below. The
# failure is the large weights' doing only if the network learned at gain 1.
LARGEST = gain_key(max(GAINS))


def outcome(task, f):
    fails = activations.verdict(relative_loss_interval[task][f][LARGEST], LEARNED, claim="above")
    learns_at_1 = activations.verdict(relative_loss_interval[task][f][gain_key(1)], LEARNED, claim="below")
    if learns_at_1 != "confirmed":
        return "no baseline"  # it does not learn even at gain 1: nothing to blame on the gain
    return {"confirmed": "fails", "contradicted": "learns"}.get(fails, activations.UNDECIDED)


outcomes = {task: {f: outcome(task, f) for f in ACTIVATIONS} for task in TASKS}


def unstable_verdict(f):
    """confirmed: large weights make f's training fail on every task (where it learns at
    gain 1); contradicted: it learns through them on every task; nuanced: on some."""
    found = [outcomes[task][f] for task in TASKS if outcomes[task][f] != "no baseline"]
    if not found or activations.UNDECIDED in found:
        return activations.UNDECIDED
    if all(o == "fails" for o in found):
        return "confirmed"
    return "contradicted" if all(o == "learns" for o in found) else "nuanced"


verdicts = {
    # 1.1: "When gradients become too large, training becomes unstable" ... "using very large initial weights in ReLU"
    "relu_large_weights_unstable": unstable_verdict("relu"),
    # the site's own: tanh, bounded, keeps learning from the same large weights
    "tanh_large_weights_unstable": unstable_verdict("tanh"),
}

# %%
# Tables and sentences
# --------------------
#
# Per task, activation and gain: the gradient at the restart (relative to gain 1), how
# many seeds overflowed, how many learned, and the median relative final loss.


def median_text(values):
    m = float(np.median(values))
    return "overflowed" if np.isinf(m) else f"{m:.2g}"


outcome_table = [
    {
        "task": task,
        "activation": NAMES[f],
        "gain": str(g),
        "gradient at restart (× gain 1)": f"{np.median(gradient_growth[task][f][gain_key(g)]):.2g}",
        "overflowed": f"{sum(v is not None for v in overflowed_at[task][f][gain_key(g)])} of {len(SEEDS)}",
        "learned": f"{sum(v < LEARNED for v in relative_loss[task][f][gain_key(g)])} of {len(SEEDS)}",
        "final loss / constant's (median)": median_text(relative_loss[task][f][gain_key(g)]),
    }
    for task in TASKS
    for f in ACTIVATIONS
    for g in GAINS
]
for row in outcome_table:
    print(" | ".join(row.values()))


def fate(task, f, gain=max(GAINS)):
    """What happened at a gain (the largest unless told), in words, from the counts."""
    runs_here = runs[task][f][gain_key(gain)]
    overflowed = sum(r["overflowed_at"] is not None for r in runs_here)
    learned = sum(r["relative_loss"] < LEARNED for r in runs_here)
    n = len(runs_here)
    parts = []
    if overflowed:
        parts.append(f"the weights overflowed in {overflowed} of {n} seeds")
    stuck = n - overflowed - learned
    if stuck:
        parts.append(f"the loss ended at or above {LEARNED:g} times a constant prediction's in {stuck} of {n}")
    if learned:
        parts.append(f"the network learned in {learned} of {n}")
    return "; ".join(parts)


sentences = {f"{task}_{f}": fate(task, f) for task in TASKS for f in ACTIVATIONS}
gain1_sentences = {f"{task}_{f}": fate(task, f, gain=1) for task in TASKS for f in ACTIVATIONS}
figure_alt = (
    f"Training loss per epoch relative to a constant prediction's, every seed, at gains "
    f"{', '.join(str(g) for g in GAINS)}. At gain {max(GAINS)}: "
    + "; ".join(f"{NAMES[f]} on the {task}: {sentences[f'{task}_{f}']}" for task in TASKS for f in ACTIVATIONS) + "."
)


def median_dead(values):
    """The median share of dead units over the runs that did not overflow (None if all did)."""
    kept = [v for v in values if v is not None]
    return float(np.median(kept)) if kept else None


def median_jump(rs):
    """Median over the runs of the loss in the first epoch after the scaling over the loss
    in the epoch before it (None if every run overflowed in that epoch)."""
    jumps = [r["loss_curve"][1] / r["loss_curve"][0] for r in rs if len(r["loss_curve"]) > 1]
    return float(np.median(jumps)) if jumps else None


first_step_jump = {task: {f: {g: median_jump(rs) for g, rs in by.items()} for f, by in r.items()} for task, r in runs.items()}
no_baseline = [f"{NAMES[f]} on the {task}" for task in TASKS for f in ACTIVATIONS if outcomes[task][f] == "no baseline"]
no_baseline_sentence = (
    "Networks that did not learn even at gain 1, so that nothing can be blamed on the gain: " + ", ".join(no_baseline)
    if no_baseline else "Every network learned at gain 1"
)
# ReLU's hidden units that output 0 for every training input when training ends
relu_dead_share = {task: {g: median_dead(v) for g, v in dead_units[task]["relu"].items()} for task in TASKS}
print(outcomes)
print(verdicts)

plt.show()
