# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
# ]
# ///

"""
PReLU: a Leaky ReLU that learns its slope
=========================================

PReLU (He et al., 2015) is a Leaky ReLU whose negative slope ``a`` is a parameter
trained with the weights, here one per hidden unit, starting at 0.25. We check the
gradient with respect to ``a`` against finite differences, then train ReLU, Leaky ReLU
(slope 0.01) and PReLU in the numpy network of ``activations.py`` on the task of the
dying-ReLU experiment: same data, initial weights, mini-batches and learning rates,
five seeds. We report the slopes PReLU learns and how many units end up negative on
every training input, the units that are dead for ReLU.
"""

# %%
# The task and the networks
# -------------------------
#
# The dying-ReLU experiment's data, y = sin(πx₁) + x₂² + x₃x₄ + noise on 500 points, and
# its network: two hidden layers of 64 units, Adam with batches of 32 for 50 epochs.
import matplotlib.pyplot as plt
import numpy as np

import activations

N_POINTS = 500
N_FEATURES = 4
LAYER_SIZES = (N_FEATURES, 64, 64, 1)
EPOCHS = 50
BATCH_SIZE = 32
LEARNING_RATES = (0.001, 0.01, 0.03, 0.1, 0.3)
SEEDS = (0, 1, 2, 3, 4)
ACTIVATIONS = ("relu", "leaky_relu", "prelu")
LABELS = {"relu": "ReLU", "leaky_relu": "Leaky ReLU", "prelu": "PReLU"}
FINITE_DIFFERENCE_STEP = 1e-6

data_rng = np.random.default_rng(0)
X = data_rng.uniform(-1, 1, size=(N_POINTS, N_FEATURES))
y = np.sin(np.pi * X[:, 0]) + X[:, 1] ** 2 + X[:, 2] * X[:, 3]
y = y + 0.1 * data_rng.normal(size=N_POINTS)
y = ((y - y.mean()) / y.std()).reshape(-1, 1)


def initial_slopes(activation):
    """PReLU's per-unit slopes at He et al.'s starting value; None for the others."""
    if activation != "prelu":
        return None
    return [np.full(size, activations.PRELU_SLOPE) for size in LAYER_SIZES[1:-1]]


def loss(weights, biases, activation, slopes, rows=slice(None)):
    """Half the mean squared error, the loss whose gradient ``backward`` computes below."""
    _, outputs = activations.forward(X[rows], weights, biases, activation, slopes)
    return 0.5 * float(np.mean((outputs[-1] - y[rows]) ** 2))


# %%
# The gradient with respect to the slope
# --------------------------------------
#
# For a unit with pre-activation z, d prelu(z) / d a is z where z <= 0 and 0 elsewhere,
# so dLoss/da sums dLoss/dh * min(z, 0) over the inputs. We compare what ``backward``
# returns with central finite differences, for slopes drawn at random on both sides of 0.
weights, biases = activations.init_network(LAYER_SIZES, np.random.default_rng(1))
check_slopes = [np.random.default_rng(2).uniform(-0.5, 1.0, size) for size in LAYER_SIZES[1:-1]]
zs, outputs = activations.forward(X, weights, biases, "prelu", check_slopes)
*_, slope_grads = activations.backward(zs, outputs, weights, (outputs[-1] - y) / N_POINTS, "prelu", check_slopes)
numeric_slope_grads = []
for layer, layer_slopes in enumerate(check_slopes):
    numeric = np.zeros_like(layer_slopes)
    for unit in range(len(layer_slopes)):
        shifted = [[s.copy() for s in check_slopes] for _ in range(2)]
        shifted[0][layer][unit] += FINITE_DIFFERENCE_STEP
        shifted[1][layer][unit] -= FINITE_DIFFERENCE_STEP
        up, down = (loss(weights, biases, "prelu", s) for s in shifted)
        numeric[unit] = (up - down) / (2 * FINITE_DIFFERENCE_STEP)
    numeric_slope_grads.append(numeric)
analytic, numeric = np.concatenate(slope_grads), np.concatenate(numeric_slope_grads)
slope_gradient_error = float(np.max(np.abs(analytic - numeric)) / np.max(np.abs(numeric)))
n_checked_slopes = analytic.size
print(f"dLoss/da for {n_checked_slopes} slopes: largest difference from finite differences "
      f"{slope_gradient_error:.1e} of the largest gradient")


# %%
# Train the three functions
# -------------------------
#
# The same initial weights and mini-batches for all three; PReLU also trains its slopes
# with Adam. A unit is "stuck" when its pre-activation is negative on every training
# input: dead for ReLU, on the low-slope side for the other two.
def train(activation, learning_rate, seed):
    weights, biases = activations.init_network(LAYER_SIZES, np.random.default_rng(seed))
    slopes = initial_slopes(activation)
    params = weights + biases + (slopes or [])
    optimiser = activations.Adam(params, learning_rate)
    batches = np.random.default_rng(100 + seed)
    for _ in range(EPOCHS):
        order = batches.permutation(N_POINTS)
        for start in range(0, N_POINTS, BATCH_SIZE):
            rows = order[start : start + BATCH_SIZE]
            zs, outputs = activations.forward(X[rows], weights, biases, activation, slopes)
            output_gradient = (outputs[-1] - y[rows]) / len(rows)
            grads = activations.backward(zs, outputs, weights, output_gradient, activation, slopes)
            optimiser.step([g for group in grads for g in group])
    return weights, biases, slopes


runs = {a: [] for a in ACTIVATIONS}  # per activation, one entry per learning rate
for activation in ACTIVATIONS:
    for learning_rate in LEARNING_RATES:
        run = {"learning_rate": learning_rate, "stuck": [], "r2": [], "slopes": [], "stuck_slopes": []}
        for seed in SEEDS:
            with np.errstate(all="ignore"):
                weights, biases, slopes = train(activation, learning_rate, seed)
            zs, outputs = activations.forward(X, weights, biases, activation, slopes)
            stuck = np.concatenate([np.all(z < 0, axis=0) for z in zs[:-1]])
            run["stuck"].append(float(stuck.mean()))
            run["r2"].append(float(1 - np.mean((outputs[-1] - y) ** 2) / np.var(y)))
            if slopes is not None:
                run["slopes"].append(np.concatenate(slopes).tolist())
                run["stuck_slopes"] += np.concatenate(slopes)[stuck].tolist()
        run["stuck_mean"] = float(np.mean(run["stuck"]))
        run["r2_mean"] = float(np.mean(run["r2"]))
        runs[activation].append(run)

stuck_shares = {a: [r["stuck_mean"] for r in runs[a]] for a in ACTIVATIONS}
learned_slopes = []  # PReLU, per learning rate: what the slopes became
for run in runs["prelu"]:
    slopes = np.ravel(run["slopes"])
    stuck_slopes = np.array(run["stuck_slopes"])
    learned_slopes.append({
        "learning_rate": run["learning_rate"],
        "median": float(np.median(slopes)),
        "low": float(np.percentile(slopes, 5)),
        "high": float(np.percentile(slopes, 95)),
        "negative_share": float(np.mean(slopes < 0)),
        "n_stuck": int(stuck_slopes.size),
        # a stuck unit whose slope is no larger than Leaky ReLU's fixed one passes
        # back no more gradient than a stuck Leaky ReLU unit would
        "stuck_below_leaky": float(np.mean(np.abs(stuck_slopes) <= activations.LEAKY_SLOPE))
        if stuck_slopes.size else 0.0,
    })

prelu_table = [
    {
        "learning rate": f"{rate:g}",
        **{f"stuck: {LABELS[a]}": f"{stuck_shares[a][i]:.0%}" for a in ACTIVATIONS},
        "learned slopes: median (5–95 %)": f"{round(s['median'], 2) + 0.0:.2f} ({s['low']:.2f} to {s['high']:.2f})",
        f"stuck PReLU units with |a| ≤ {activations.LEAKY_SLOPE}": f"{s['stuck_below_leaky']:.0%} of {s['n_stuck']}",
    }
    for i, (rate, s) in enumerate(zip(LEARNING_RATES, learned_slopes))
]
for row in prelu_table:
    print(" | ".join(f"{k}: {v}" for k, v in row.items()))

# %%
# Stuck units and learned slopes
# ------------------------------
#
# Left: the share of stuck units against the learning rate. Right: where PReLU's slopes
# ended up, for every unit of the five networks at each learning rate.
fig, (ax_stuck, ax_slopes) = plt.subplots(1, 2, figsize=(10, 4))
styles = {
    "relu": ("tab:blue", "-", "o"),
    "leaky_relu": ("tab:orange", "--", "s"),
    "prelu": ("tab:purple", "-.", "D"),
}
for activation in ACTIVATIONS:
    color, style, marker = styles[activation]
    shares = [r["stuck"] for r in runs[activation]]
    ax_stuck.errorbar(
        LEARNING_RATES, np.mean(shares, axis=1), yerr=np.std(shares, axis=1),
        color=color, linestyle=style, marker=marker, capsize=3, label=LABELS[activation],
    )
ax_stuck.set_xscale("log")
ax_stuck.set_ylim(0, 1)
ax_stuck.set_xlabel("learning rate (Adam)")
ax_stuck.set_ylabel("share of hidden units negative on every input")
ax_stuck.set_title(f"Stuck units after {EPOCHS} epochs (mean ± sd)")
ax_stuck.legend()

all_slopes = [np.ravel(r["slopes"]) for r in runs["prelu"]]
ax_slopes.violinplot(
    all_slopes, positions=range(len(LEARNING_RATES)), showextrema=False, showmedians=True,
    quantiles=[[0.05, 0.95]] * len(LEARNING_RATES),
)
ax_slopes.set_ylim(np.percentile(np.concatenate(all_slopes), [0.5, 99.5]))  # a few outliers left out
ax_slopes.axhline(
    activations.PRELU_SLOPE, color="gray", linestyle=":", label=f"initial slope {activations.PRELU_SLOPE}"
)
ax_slopes.axhline(0, color="black", linewidth=0.8)
ax_slopes.set_xticks(range(len(LEARNING_RATES)), [f"{rate:g}" for rate in LEARNING_RATES])
ax_slopes.set_xlabel("learning rate (Adam)")
ax_slopes.set_ylabel("learned slope a")
ax_slopes.set_title("PReLU's learned slopes (median, 5 % and 95 %)")
ax_slopes.legend(loc="lower left")
fig.tight_layout()


def series(values, spec):
    """'a, b, c and d', as the alt text lists the plotted values."""
    text = [format(v, spec) for v in values]
    return ", ".join(text[:-1]) + " and " + text[-1]


figure_series = {
    **{a: series(stuck_shares[a], ".0%") for a in ACTIVATIONS},
    "slope_median": series([round(s["median"], 2) + 0.0 for s in learned_slopes], ".2f"),
}

# %%
# Verdict
# -------
#
# The rule of the ELU comparison on the dying-ReLU page: an alternative keeps fewer units
# stuck at a learning rate if its share is below half of ReLU's there, judged at every
# rate where ReLU has at least 20 % of its units stuck.
FEWER = 0.5
RELU_STUCK = 0.2
compared = [i for i, share in enumerate(stuck_shares["relu"]) if share >= RELU_STUCK]
fewer = [stuck_shares["prelu"][i] < FEWER * stuck_shares["relu"][i] for i in compared]
under_half_at = ", ".join(f"{LEARNING_RATES[i]:g}" for i, f in zip(compared, fewer) if f) or "no rate"
verdicts = {
    # "Parametric ReLU (PReLU) or ELU are other alternatives" (to Leaky ReLU, against dying)
    "prelu_alternative": "confirmed" if all(fewer) else "nuanced" if any(fewer) else "contradicted",
}
print(verdicts)

plt.show()
