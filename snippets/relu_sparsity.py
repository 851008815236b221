# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
#   "scikit-learn==1.9.1",
# ]
# ///

"""
How sparse are ReLU activations after training?
===============================================

ReLU outputs exactly zero for every negative input, so for any one input part of a
ReLU layer is switched off. We train networks with two hidden layers of 64 units on
y = sin(x) with ReLU, tanh and the logistic sigmoid, five seeds each, and count, per
hidden layer, how many of the hidden activations are exactly zero, splitting them into
units that are off for *some* inputs and units that are off for *every* input (dead).
A last cell times a matrix product with and without those zeros, to see whether
dense arithmetic gets any faster from them.
"""

# %%
# Train the networks
# ------------------
#
# Three activations, five seeds each, on 1000 points of the sine; the same
# scikit-learn settings for all.
import time
import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPRegressor

import activations

N_POINTS = 1000
HIDDEN_LAYERS = (64, 64)
EPOCHS = 200
ACTIVATIONS = ("relu", "tanh", "logistic")
SEEDS = (0, 1, 2, 3, 4)
NEAR_ZERO = 0.01  # |h| below this counts as "nearly off" (for tanh and logistic)

x = np.linspace(-2 * np.pi, 2 * np.pi, N_POINTS)
X = x.reshape(-1, 1)
y = np.sin(x)


def fit(activation, seed):
    model = MLPRegressor(
        hidden_layer_sizes=HIDDEN_LAYERS,
        activation=activation,
        solver="adam",
        max_iter=EPOCHS,
        random_state=seed,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(X, y)


def hidden_activations(model, activation):
    """The hidden layers' outputs h = f(z), one (inputs x units) array per layer.

    ``activations.forward`` computes the same network as ``model.predict``.
    """
    weights, biases = list(model.coefs_), list(model.intercepts_)
    _, layer_outputs = activations.forward(X, weights, biases, activation)
    return layer_outputs[1:-1]  # drop the input and the (linear) output


models = {(a, s): fit(a, s) for a in ACTIVATIONS for s in SEEDS}
r2 = {a: [models[a, s].score(X, y) for s in SEEDS] for a in ACTIVATIONS}

# %%
# Count the zeros
# ---------------
#
# Layer by layer. A unit that is zero for every input is dead; the other zeros are the
# input-dependent gating the article describes.
sparsity = {}
for activation in ACTIVATIONS:
    sparsity[activation] = []
    for layer in range(len(HIDDEN_LAYERS)):
        hs = [hidden_activations(models[activation, s], activation)[layer] for s in SEEDS]
        exact = [float(np.mean(h == 0)) for h in hs]
        near = [float(np.mean(np.abs(h) < NEAR_ZERO)) for h in hs]
        dead = [float(np.mean(np.all(h == 0, axis=0))) for h in hs]
        sparsity[activation].append(
            {
                "exact_zero": exact,
                "exact_zero_mean": float(np.mean(exact)),
                "near_zero_mean": float(np.mean(near)),
                "dead_units": dead,
                "dead_units_mean": float(np.mean(dead)),
                # zeros of units that are on for some other input
                "gated_zero_mean": float(np.mean(exact) - np.mean(dead)),
            }
        )

sparsity_table = [
    {
        "activation": activation,
        "layer": str(layer + 1),
        "exactly 0 (mean ± sd)": f"{s['exact_zero_mean']:.1%} ± {np.std(s['exact_zero']):.1%}",
        "of which dead units": f"{s['dead_units_mean']:.1%}",
        f"|h| < {NEAR_ZERO}": f"{s['near_zero_mean']:.1%}",
    }
    for activation in ACTIVATIONS
    for layer, s in enumerate(sparsity[activation])
]
for row in sparsity_table:
    print(" | ".join(f"{k}: {v}" for k, v in row.items()))
print("R² on the training curve:", {a: f"{np.mean(v):.3f}" for a, v in r2.items()})

# %%
# What the hidden activations look like
# -------------------------------------
#
# A histogram of layer 2 for the first seed, and the share of zeros per layer, split
# into dead units and input-dependent gating.
fig, (ax_hist, ax_bar) = plt.subplots(1, 2, figsize=(9, 4))
styles = {"relu": ("tab:blue", "-"), "tanh": ("tab:orange", "--"), "logistic": ("tab:green", ":")}
bins = np.linspace(-1.1, 2.5, 73)
for activation in ACTIVATIONS:
    h = hidden_activations(models[activation, SEEDS[0]], activation)[1].ravel()
    counts, edges = np.histogram(h, bins=bins)
    color, style = styles[activation]
    ax_hist.step(
        edges[:-1], counts / h.size, where="post", color=color, linestyle=style, label=activation
    )
ax_hist.set_yscale("log")
ax_hist.set_xlabel("hidden activation h (layer 2)")
ax_hist.set_ylabel("share of all (input, unit) pairs")
ax_hist.set_title("Distribution of activations")
ax_hist.legend()

labels, dead_share, gated_share = [], [], []
for activation in ACTIVATIONS:
    for layer, s in enumerate(sparsity[activation]):
        labels.append(f"{activation}\nlayer {layer + 1}")
        dead_share.append(s["dead_units_mean"])
        gated_share.append(s["gated_zero_mean"])
positions = np.arange(len(labels))
ax_bar.bar(positions, gated_share, color="tab:blue", label="zero for this input only")
ax_bar.bar(
    positions, dead_share, bottom=gated_share, color="lightgray", hatch="//",
    edgecolor="gray", label="dead unit (zero for all inputs)",
)
for position, total in zip(positions, np.add(dead_share, gated_share)):
    ax_bar.text(position, total + 0.02, f"{total:.0%}", ha="center", fontsize=8)
ax_bar.set_xticks(positions, labels, fontsize=8)
ax_bar.set_ylabel("share of activations exactly 0")
ax_bar.set_ylim(0, 1)
ax_bar.set_title(f"Exact zeros, mean of {len(SEEDS)} seeds")
ax_bar.legend(loc="upper right", fontsize=8)
fig.tight_layout()

# %%
# Do the zeros save time?
# -----------------------
#
# We multiply a layer of ReLU outputs (about half zeros), and the same layer with its
# zeros replaced by non-zero numbers, by one weight matrix, in the dense arithmetic
# numpy (and scikit-learn) use. Each round times both products a few times, in
# alternating order, and keeps the ratio of their fastest times (the least disturbed by
# other work on the machine); the rounds' ratios give an interval for the median ratio.
TIMING_SHAPE = (1000, 512)
TIMING_ROUNDS = 30
REPEATS_PER_ROUND = 3
SAVING_RATIO = 0.9  # "the zeros save time": the product takes under 90 % of the time

rng = np.random.default_rng(0)
pre_activation = rng.normal(size=TIMING_SHAPE)
sparse_h = activations.relu(pre_activation)
dense_h = np.abs(pre_activation)  # same magnitudes, no zeros
weight = rng.normal(size=(TIMING_SHAPE[1], TIMING_SHAPE[1]))
timing_ratios = []
for round_ in range(TIMING_ROUNDS):
    seconds = {"with zeros": [], "no zeros": []}
    order = [("with zeros", sparse_h), ("no zeros", dense_h)]
    for repeat in range(REPEATS_PER_ROUND):
        for name, h in order if (round_ + repeat) % 2 == 0 else order[::-1]:
            start = time.perf_counter()
            h @ weight
            seconds[name].append(time.perf_counter() - start)
    timing_ratios.append(min(seconds["with zeros"]) / min(seconds["no zeros"]))
timing_zero_share = float(np.mean(sparse_h == 0))
timing_ratio = float(np.median(timing_ratios))
timing_interval = activations.median_interval(timing_ratios)
compute_verdict = activations.verdict(timing_interval, SAVING_RATIO, claim="below")
timing_sentence = (
    f"With {timing_zero_share:.0%} of its inputs zero, the product took {timing_ratio:.2f} times "
    f"the time of the one without zeros (median of {TIMING_ROUNDS} rounds; 95 % interval "
    f"{timing_interval[0]:.2f} to {timing_interval[1]:.2f}). "
    + {
        "confirmed": f"The zeros saved more than {1 - SAVING_RATIO:.0%} of the time on this machine.",
        "contradicted": f"The zeros saved less than {1 - SAVING_RATIO:.0%} of the time, if any, on this machine.",
        activations.UNDECIDED: f"The rounds varied too much on this machine to say whether the zeros "
        f"save {1 - SAVING_RATIO:.0%} of the time.",
    }[compute_verdict]
)
print(timing_sentence)

# %%
# Verdicts
# --------
#
# ReLU is sparse if it switches off at least 20 % of the activations in every layer and
# seed, with zeros that depend on the input, while tanh and the logistic never output
# an exact zero. The timing's verdict comes from its interval, above.
SPARSE_MIN = 0.2

relu_min_zero = min(min(s["exact_zero"]) for s in sparsity["relu"])
others_max_zero = max(max(s["exact_zero"]) for a in ("tanh", "logistic") for s in sparsity[a])
relu_gated_min = min(s["gated_zero_mean"] for s in sparsity["relu"])
relu_sparse = relu_min_zero >= SPARSE_MIN and relu_gated_min > 0 and others_max_zero == 0
verdicts = {
    # "ReLU: sets negative values to zero ... This creates sparse activations"
    "relu_creates_sparsity": "confirmed" if relu_sparse else "contradicted",
    # "... making learning more efficient" and 3.4's "more efficient": the compute side
    "sparsity_saves_compute": compute_verdict,
}
print(verdicts)

plt.show()
