# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
#   "scikit-learn==1.9.1",
# ]
# ///

"""
Training deep networks: depth and the activation function
=========================================================

The same two tasks learned by networks of 1, 2, 4 and 8 hidden layers of equal width,
with each activation scikit-learn offers, from several seeds: the handwritten digits
that ship with scikit-learn (``MLPClassifier``) and chapter 2's sine wave
(``MLPRegressor``). Every network trains with scikit-learn's default optimiser, Adam at
its default learning rate, for a fixed number of epochs. We record each run's
training-loss curve (``loss_curve_``), how many updates it needed to reach a stated
training loss, and its final training and test scores, then ask whether ReLU makes the
deepest networks easier to train than the sigmoid and tanh.
"""

# %%
# The two tasks
# -------------
#
# Each seed draws its own split of the digits (pixels scaled to [0, 1]) and its own
# sample of the sine wave, and starts the network from its own weights.
import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor

import activations

ACTIVATIONS = ("identity", "logistic", "tanh", "relu")
DEPTHS = (1, 2, 4, 8)  # hidden layers
WIDTH = 32  # units in every hidden layer
SEEDS = (0, 1, 2, 3, 4, 5)  # six: the fewest from which median_interval gives a 95 % interval
n_seeds = len(SEEDS)
TASKS = ("digits", "sine")
EPOCHS = {"digits": 20, "sine": 40}
BATCH_SIZE = 32
LEARNING_RATE = 0.001  # scikit-learn's default for Adam
TARGET_LOSS = {"digits": 0.1, "sine": 0.01}  # "reached": the training loss is at or below this
TEST_SIZE = 0.5  # of the digits
N_SINE = 400  # training points of the sine wave, drawn uniformly from SINE_RANGE
N_SINE_TEST = 200  # test points, evenly spaced
SINE_RANGE = (-2 * np.pi, 2 * np.pi)

digits_X, digits_y = load_digits(return_X_y=True)
digits_X = digits_X / 16  # pixel intensities run from 0 to 16


def task_data(task, seed):
    """(X_train, X_test, y_train, y_test) for one task and seed."""
    if task == "digits":
        return train_test_split(digits_X, digits_y, test_size=TEST_SIZE, random_state=seed, stratify=digits_y)
    x_train = np.random.default_rng(seed).uniform(*SINE_RANGE, size=N_SINE)
    x_test = np.linspace(*SINE_RANGE, N_SINE_TEST)
    return x_train.reshape(-1, 1), x_test.reshape(-1, 1), np.sin(x_train), np.sin(x_test)


# %%
# Train every network
# -------------------
#
# ``tol=0`` with a patience as long as the run makes every network train for exactly
# ``EPOCHS`` epochs, so that loss curves of equal length can be compared.
def train(task, activation, depth, seed):
    X_train, X_test, y_train, y_test = task_data(task, seed)
    Model = MLPClassifier if task == "digits" else MLPRegressor
    model = Model(
        hidden_layer_sizes=(WIDTH,) * depth,
        activation=activation,
        solver="adam",
        learning_rate_init=LEARNING_RATE,
        batch_size=BATCH_SIZE,
        alpha=0.0,
        max_iter=EPOCHS[task],
        tol=0.0,
        n_iter_no_change=EPOCHS[task],
        random_state=seed,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # the epoch count is fixed on purpose
        model.fit(X_train, y_train)
    updates_per_epoch = -(-len(X_train) // BATCH_SIZE)
    reached = [epoch for epoch, loss in enumerate(model.loss_curve_, start=1) if loss <= TARGET_LOSS[task]]
    return {
        "loss_curve": [float(loss) for loss in model.loss_curve_],
        # None: never reached within the run (censored), kept as such
        "updates_to_target": reached[0] * updates_per_epoch if reached else None,
        "train_score": float(model.score(X_train, y_train)),  # accuracy, or R² for the sine
        "test_score": float(model.score(X_test, y_test)),
    }


def depth_key(depth):
    return f"depth{depth}"


runs = {
    task: {f: {depth_key(d): [train(task, f, d, seed) for seed in SEEDS] for d in DEPTHS} for f in ACTIVATIONS}
    for task in TASKS
}


def per_seed(name):
    """{task: {activation: {"depth1": [one value per seed], ...}}}"""
    return {task: {f: {d: [r[name] for r in rs] for d, rs in by.items()} for f, by in r.items()} for task, r in runs.items()}


loss_curves = per_seed("loss_curve")
final_loss = {task: {f: {d: [c[-1] for c in cs] for d, cs in by.items()} for f, by in r.items()}
              for task, r in loss_curves.items()}
updates_to_target = per_seed("updates_to_target")
train_score = per_seed("train_score")
test_score = per_seed("test_score")

# %%
# Loss curves by depth
# --------------------
#
# One panel per task and activation: the median training loss over the seeds at each
# depth, with the band from the lowest to the highest seed.
NAMES = {"identity": "identity", "logistic": "sigmoid", "tanh": "tanh", "relu": "ReLU"}
LOSS_NAMES = {"digits": "training log loss", "sine": "training squared error / 2"}
DEPTH_STYLE = {1: ("tab:gray", ":"), 2: ("tab:blue", "-."), 4: ("tab:green", "--"), 8: ("black", "-")}
fig, axes = plt.subplots(2, 4, figsize=(10, 5), sharey="row")
for row, task in zip(axes, TASKS):
    epochs = np.arange(1, EPOCHS[task] + 1)
    for ax, f in zip(row, ACTIVATIONS):
        for d in DEPTHS:
            curves = np.array(loss_curves[task][f][depth_key(d)])
            color, linestyle = DEPTH_STYLE[d]
            ax.fill_between(epochs, curves.min(axis=0), curves.max(axis=0), color=color, alpha=0.15, linewidth=0)
            ax.plot(epochs, np.median(curves, axis=0), color=color, linestyle=linestyle, linewidth=1.6,
                    label=f"{d} hidden layer{'s' if d > 1 else ''}")
        ax.axhline(TARGET_LOSS[task], color="tab:red", linewidth=0.8)
        ax.set_yscale("log")
        ax.minorticks_off()
        ax.set_title(f"{NAMES[f]}: {task}", fontsize="medium")
    row[0].set_ylabel(LOSS_NAMES[task])
for ax in axes[1]:
    ax.set_xlabel("epoch")
axes[0, 0].legend(loc="lower left", fontsize="small")
fig.suptitle("Training loss by depth (median of the seeds; band: lowest to highest; red: the target loss)")
fig.tight_layout()

# %%
# Tables
# ------
#
# For each task, activation and depth, medians over the seeds: updates to reach the
# target loss (and how many seeds never did), the final training loss, the final scores.


def updates_cell(values):
    """The median over the seeds, a run that never reached the target counting as longer
    than any that did; "not reached" when that median falls among them."""
    never = sum(v is None for v in values)
    median = np.median([np.inf if v is None else v for v in values])
    cell = f"{median:.0f}" if np.isfinite(median) else "not reached"
    return cell + (f" (never: {never} of {len(values)})" if never else "")


def table(task, score_name):
    return [
        {
            "activation": NAMES[f],
            "hidden layers": str(d),
            "updates to target": updates_cell(updates_to_target[task][f][depth_key(d)]),
            "final training loss": f"{np.median(final_loss[task][f][depth_key(d)]):.3g}",
            f"training {score_name}": f"{np.median(train_score[task][f][depth_key(d)]):.3f}",
            f"test {score_name}": f"{np.median(test_score[task][f][depth_key(d)]):.3f}",
        }
        for f in ACTIVATIONS
        for d in DEPTHS
    ]


digits_table = table("digits", "accuracy")
sine_table = table("sine", "R²")
for rows in (digits_table, sine_table):
    for row in rows:
        print(" | ".join(row.values()))
    print()

# %%
# Verdict: does ReLU make deep networks easier to train?
# ------------------------------------------------------
#
# At the greatest depth, each seed gives the ratio of a rival's final training loss to
# ReLU's (same seed, same data). Above 1, ReLU trained that network further in the same
# number of updates. The claim holds against a rival on a task when the 95 % interval
# for the median ratio lies above 1.
DEEPEST = depth_key(max(DEPTHS))
RIVALS = ("logistic", "tanh")
loss_ratio = {
    task: {r: [a / b for a, b in zip(final_loss[task][r][DEEPEST], final_loss[task]["relu"][DEEPEST])] for r in RIVALS}
    for task in TASKS
}
loss_ratio_interval = {task: {r: list(activations.median_interval(v)) for r, v in by.items()} for task, by in loss_ratio.items()}
loss_ratio_median = {task: {r: float(np.median(v)) for r, v in by.items()} for task, by in loss_ratio.items()}
relu_beats = {
    task: {r: activations.verdict(interval, 1, claim="above") for r, interval in by.items()}
    for task, by in loss_ratio_interval.items()
}


def easier_deep_verdict(outcomes):
    """confirmed: ReLU beats every rival on every task; contradicted: every comparison goes
    the other way; nuanced: it beats some rivals (or tasks) and not others."""
    outcomes = [v for by in outcomes.values() for v in by.values()]
    if all(v == "confirmed" for v in outcomes):
        return "confirmed"
    if all(v == "contradicted" for v in outcomes):
        return "contradicted"
    if any(v == "confirmed" for v in outcomes):
        return "nuanced"
    return activations.UNDECIDED


verdicts = {
    # intro: "ReLU can mitigate issues like the vanishing gradient problem, making it easier to train deep networks"
    "relu_easier_to_train_deep": easier_deep_verdict(relu_beats),
}


def ratio_sentence(task, rival):
    low, high = loss_ratio_interval[task][rival]
    median = loss_ratio_median[task][rival]
    side = {"confirmed": "ReLU ended lower", "contradicted": f"{NAMES[rival]} ended lower",
            activations.UNDECIDED: "neither ended reliably lower"}[relu_beats[task][rival]]
    return (f"{side}: {NAMES[rival]}'s final training loss was {median:.3g} times ReLU's "
            f"(median over the seeds; 95 % interval {low:.3g} to {high:.3g})")


sentences = {f"{task}_{rival}": ratio_sentence(task, rival) for task in TASKS for rival in RIVALS}
shallowest = depth_key(min(DEPTHS))


def depth_trend(task, f):
    """How the median final training loss changes from the shallowest network to the deepest."""
    a, b = (float(np.median(final_loss[task][f][d])) for d in (shallowest, DEEPEST))
    return (f"{'rises' if b > a else 'falls'} from {a:.3g} with {min(DEPTHS)} hidden layer "
            f"to {b:.3g} with {max(DEPTHS)}")


trends = {f"{task}_{f}": depth_trend(task, f) for task in TASKS for f in ACTIVATIONS}
figure_alt = "Training loss per epoch, the median of the seeds, for 1, 2, 4 and 8 hidden layers. " + " ".join(
    f"{task.capitalize()}, median final loss with {min(DEPTHS)} and with {max(DEPTHS)} hidden layers: "
    + ", ".join(
        f"{NAMES[f]} {np.median(final_loss[task][f][shallowest]):.2g} and {np.median(final_loss[task][f][DEEPEST]):.2g}"
        for f in ACTIVATIONS
    )
    + "."
    for task in TASKS
)
print(relu_beats)
print(verdicts)

plt.show()
