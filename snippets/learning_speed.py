# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
#   "scikit-learn==1.9.1",
# ]
# ///

"""
Is learning faster with ReLU? Updates to a fixed training error
===============================================================

Krizhevsky, Sutskever & Hinton (2012) report that a four-layer convolutional network
with ReLUs reached 25 % training error on CIFAR-10 six times sooner than the same
network with tanh units. This is that measurement in miniature: a fully connected
network of four hidden layers on scikit-learn's handwritten digits, trained with
stochastic gradient descent and momentum, as they trained theirs. Like them, we give
each activation the learning rate, from a small grid, that makes it fastest. For every
seed we count the epochs until the training error first falls to a fixed target; a run
that never gets there is kept, as never reaching it. The per-seed ratio of a rival's
epochs to ReLU's says how many times sooner ReLU got there.
"""

# %%
# The data, the network and the target
# ------------------------------------
#
# One ``partial_fit`` call is one epoch: a pass over the shuffled training set in
# mini-batches. After each epoch we measure the training error on the whole set.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

import activations

ACTIVATIONS = ("logistic", "tanh", "relu")
RIVALS = ("tanh", "logistic")  # each compared with ReLU
HIDDEN_LAYERS = (32, 32, 32, 32)
LEARNING_RATES = (0.01, 0.03, 0.1)  # each activation gets its fastest of these
MOMENTUM = 0.9  # as Krizhevsky et al.
BATCH_SIZE = 32
MAX_EPOCHS = 20  # a run still above the target after this many epochs never reached it
TARGET_ERROR = 0.05  # training error (1 - training accuracy) to reach
SEEDS = tuple(range(10))  # the 95 % interval of a median of 10 runs is the 2nd to the 9th
n_seeds = len(SEEDS)
TEST_SIZE = 0.5
PAPER_TARGET_ERROR = 0.25  # Krizhevsky et al. (2012), Figure 1: CIFAR-10 training error
PAPER_SPEEDUP = 6  # ... reached six times sooner with ReLU than with tanh

X, y = load_digits(return_X_y=True)
X = X / 16  # pixel intensities run from 0 to 16
CLASSES = np.unique(y)


def epochs_to_target(activation, learning_rate, seed):
    """Epochs until the training error is at most TARGET_ERROR; None if not within MAX_EPOCHS."""
    X_train, _, y_train, _ = train_test_split(X, y, test_size=TEST_SIZE, random_state=seed, stratify=y)
    model = MLPClassifier(
        hidden_layer_sizes=HIDDEN_LAYERS,
        activation=activation,
        solver="sgd",
        learning_rate="constant",
        learning_rate_init=learning_rate,
        momentum=MOMENTUM,
        nesterovs_momentum=False,
        batch_size=BATCH_SIZE,
        alpha=0.0,
        random_state=seed,
    )
    for epoch in range(1, MAX_EPOCHS + 1):
        try:
            model.partial_fit(X_train, y_train, classes=CLASSES)
        except ValueError:  # the weights overflowed: this run will never reach the target
            return None
        if 1 - model.score(X_train, y_train) <= TARGET_ERROR:
            return epoch
    return None


# %%
# Run every activation at every learning rate
# -------------------------------------------
#
# Each activation's learning rate is the one with the fewest epochs at the median over
# the seeds (a run that never reached the target counting as longer than any that did).
def rate_key(rate):
    return "lr" + f"{rate:g}".replace(".", "_")


epochs = {f: {rate_key(r): [epochs_to_target(f, r, seed) for seed in SEEDS] for r in LEARNING_RATES} for f in ACTIVATIONS}


def censored_median(values):
    return float(np.median([np.inf if v is None else v for v in values]))


best_rate = {f: min(LEARNING_RATES, key=lambda r, f=f: (censored_median(epochs[f][rate_key(r)]), r)) for f in ACTIVATIONS}
best_epochs = {f: epochs[f][rate_key(best_rate[f])] for f in ACTIVATIONS}
n_train = len(train_test_split(X, test_size=TEST_SIZE, random_state=0)[0])
updates_per_epoch = -(-n_train // BATCH_SIZE)  # mini-batches in one epoch

# %%
# How many times sooner?
# ----------------------
#
# Per seed, a rival's epochs over ReLU's, each at its own best learning rate. A rival
# that never reached the target took longer than the run: its ratio counts as infinite.
# Where ReLU never got there, the ratio counts as 0, as it does when neither did, so a
# run that says nothing can only weaken the claim.


def ratio(rival_epochs, relu_epochs):
    if relu_epochs is None:
        return 0.0
    return np.inf if rival_epochs is None else rival_epochs / relu_epochs


speedup = {r: [ratio(a, b) for a, b in zip(best_epochs[r], best_epochs["relu"])] for r in RIVALS}
speedup_interval = {r: list(activations.median_interval(v)) for r, v in speedup.items()}
speedup_median = {r: float(np.median(v)) for r, v in speedup.items()}
never_reached = {f: sum(v is None for v in best_epochs[f]) for f in ACTIVATIONS}
relu_faster = {r: activations.verdict(speedup_interval[r], 1, claim="above") for r in RIVALS}
# the paper's six times: is the miniature's ratio as large?
as_large_as_paper = {r: activations.verdict(speedup_interval[r], PAPER_SPEEDUP, claim="above") for r in RIVALS}


def faster_verdict(outcomes):
    """confirmed: ReLU is faster than every rival; nuanced: than some and not others."""
    outcomes = list(outcomes.values())
    if all(v == "confirmed" for v in outcomes):
        return "confirmed"
    if all(v == "contradicted" for v in outcomes):
        return "contradicted"
    return "nuanced" if "confirmed" in outcomes else activations.UNDECIDED


verdicts = {
    # 3, reason 3: "gradients stay healthy and learning is faster"
    "relu_learns_faster": faster_verdict(relu_faster),
    "relu_learns_faster_than_tanh": relu_faster["tanh"],
    "relu_learns_faster_than_logistic": relu_faster["logistic"],
}

# %%
# Epochs to the target, seed by seed
# ----------------------------------
#
# Left: every seed's epochs at every learning rate (a run that never got there sits on
# the "never" line); the ringed rate is each activation's best. Right: the per-seed
# ratios at the best rates, with the 95 % interval of their median, against the
# paper's six times.
NAMES = {"logistic": "sigmoid", "tanh": "tanh", "relu": "ReLU"}
COLORS = {"logistic": "tab:orange", "tanh": "tab:blue", "relu": "black"}
NEVER = MAX_EPOCHS + 2  # where a run that never reached the target is drawn
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), gridspec_kw={"width_ratios": [3, 2]})
for i, f in enumerate(ACTIVATIONS):
    for j, r in enumerate(LEARNING_RATES):
        x = i * (len(LEARNING_RATES) + 1) + j
        values = [NEVER if v is None else v for v in epochs[f][rate_key(r)]]
        offsets = np.linspace(-0.25, 0.25, len(values))
        left.scatter(x + offsets, values, s=10, color=COLORS[f], zorder=3)
        if r == best_rate[f]:
            left.scatter([x], [censored_median(epochs[f][rate_key(r)]) if never_reached[f] < len(SEEDS) / 2 else NEVER],
                         s=160, facecolors="none", edgecolors=COLORS[f], linewidths=1.5, zorder=4)
ticks = [i * (len(LEARNING_RATES) + 1) + j for i in range(len(ACTIVATIONS)) for j in range(len(LEARNING_RATES))]
left.set_xticks(ticks, [f"{r:g}" for _ in ACTIVATIONS for r in LEARNING_RATES], fontsize="small")
for i, f in enumerate(ACTIVATIONS):
    left.text(i * (len(LEARNING_RATES) + 1) + 1, -0.13, NAMES[f], ha="center", va="top", color=COLORS[f],
              transform=left.get_xaxis_transform())
left.axhline(NEVER, color="gray", linewidth=0.8, linestyle=":")
left.set_yticks([0, 5, 10, 15, 20, NEVER], ["0", "5", "10", "15", "20", "never"])
left.set_ylim(-1, NEVER + 1)
left.set_ylabel(f"epochs to {TARGET_ERROR:.0%} training error")
left.set_xlabel("learning rate, by activation", labelpad=24)
CAP = 30  # an infinite ratio is drawn at the top
for k, r in enumerate(RIVALS):
    values = np.minimum(speedup[r], CAP)
    right.scatter(np.full(len(values), k) + np.linspace(-0.15, 0.15, len(values)), values, s=12, color=COLORS[r])
    low, high = speedup_interval[r]
    right.vlines(k + 0.3, max(low, 0.1), min(high, CAP), color=COLORS[r], linewidth=3)
    right.scatter([k + 0.3], [min(speedup_median[r], CAP)], marker="_", s=200, color=COLORS[r])
right.axhline(1, color="gray", linewidth=0.8)
right.axhline(PAPER_SPEEDUP, color="tab:red", linewidth=1, linestyle="--")
right.text(1.45, PAPER_SPEEDUP * 1.1, "the paper's six times", color="tab:red", ha="right", fontsize="small")
right.set_yscale("log")
right.minorticks_off()
right.set_yticks([0.25, 0.5, 1, 2, 6, CAP], ["¼", "½", "1", "2", "6", "never"])
right.set_ylim(0.2, CAP * 1.3)
right.set_xticks(range(len(RIVALS)), [f"{NAMES[r]} / ReLU" for r in RIVALS])
right.set_xlim(-0.5, len(RIVALS) - 0.3)
right.set_ylabel("epochs, rival / ReLU (per seed)")
fig.tight_layout()

# %%
# In words
# --------
#
# The sentences the page shows, written from the numbers above.


def speedup_sentence(rival):
    low, high = speedup_interval[rival]
    if np.isinf(low):
        return (f"{NAMES[rival]} never reached {TARGET_ERROR:.0%} training error within {MAX_EPOCHS} epochs in "
                f"{never_reached[rival]} of {len(SEEDS)} seeds, even at its best learning rate, while ReLU reached it "
                f"in {len(SEEDS) - never_reached['relu']} of {len(SEEDS)}: the ratio's whole interval is infinite")
    fmt = lambda v: "infinite (never reached)" if np.isinf(v) else f"{v:.2g}"  # noqa: E731
    return (f"{NAMES[rival]} needed {fmt(speedup_median[rival])} times as many epochs as ReLU "
            f"(median of the per-seed ratios; 95 % interval {fmt(low)} to {fmt(high)})")


sentences = {r: speedup_sentence(r) for r in RIVALS}


def paper_sentence():
    """Where the miniature's tanh / ReLU ratio stands against the paper's six times."""
    if relu_faster["tanh"] == "contradicted":
        return "here tanh, not ReLU, reached the target sooner: the opposite of the paper's result"
    return {
        "confirmed": f"ReLU got there sooner by more than the paper's {PAPER_SPEEDUP} times",
        "contradicted": f"ReLU's lead over tanh is smaller than the paper's {PAPER_SPEEDUP} times",
        activations.UNDECIDED: f"these runs cannot tell whether ReLU's lead over tanh reaches the paper's "
        f"{PAPER_SPEEDUP} times",
    }[as_large_as_paper["tanh"]]


sentences["paper"] = paper_sentence()


def best_text(f):
    median = censored_median(best_epochs[f])
    return (f"{NAMES[f]} never reached it at any rate" if np.isinf(median)
            else f"{NAMES[f]} took a median of {median:g} epochs at its best rate, {best_rate[f]:g}")


figure_alt = (
    f"Left: for each seed, the epochs each activation needed to reach {TARGET_ERROR:.0%} training error at "
    f"learning rates {', '.join(f'{r:g}' for r in LEARNING_RATES)}; " + "; ".join(best_text(f) for f in ACTIVATIONS)
    + ". Right: the per-seed ratio of each rival's epochs to ReLU's, with the interval of its median, "
    + "against a dashed line at the paper's six times: " + "; ".join(sentences[r] for r in RIVALS) + "."
)
epochs_table = [
    {
        "activation": NAMES[f],
        "learning rate": f"{best_rate[f]:g}",
        "epochs to target (median)": "never" if np.isinf(censored_median(best_epochs[f]))
        else f"{censored_median(best_epochs[f]):g}",
        "updates (median)": "never" if np.isinf(censored_median(best_epochs[f]))
        else f"{censored_median(best_epochs[f]) * updates_per_epoch:.0f}",
        "never reached": f"{never_reached[f]} of {len(SEEDS)}",
        "per seed": ", ".join("never" if v is None else str(v) for v in best_epochs[f]),
    }
    for f in ACTIVATIONS
]
for row in epochs_table:
    print(" | ".join(row.values()))
print(sentences)
print(verdicts)

plt.show()
