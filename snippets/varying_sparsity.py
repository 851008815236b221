# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
# ]
# ///

"""
Vary the sparsity, hold the rest
================================

Does ReLU's sparsity make a network less prone to overfitting, or make it learn in
fewer steps? To ask that, the number of exact zeros has to change while everything
else stays. Leaky ReLU is ReLU without the exact zeros, so we train one network as
ReLU and as Leaky ReLU, each with its threshold at ``z = 0`` and moved to ``z = 0.5``
(more zeros for ReLU). All four versions share the architecture, the initial weights,
the optimiser and the data, on twelve seeds and two training-set sizes. We measure the
zeros each version reaches, the gap between training and test R², and the number of
Adam steps until the training error falls to the noise level.
"""

# %%
# The data and the four versions
# -------------------------------
#
# A 4-input regression task with noise, few training points and a large network, so
# that the networks overfit and sparsity has room to help. Moving the threshold,
# max(0, z − θ) with z = w·x + b, is max(0, w·x + (b − θ)): the same function with
# biases that start θ lower, and that is how we train it.
import matplotlib.pyplot as plt
import numpy as np

import activations

N_FEATURES = 4
LAYER_SIZES = (N_FEATURES, 64, 64, 1)
TRAIN_SIZES = (50, 200)
N_TEST = 2000
NOISE_SD = 0.3
STEPS = 500  # full-batch Adam steps; every run ends with training R² near 1
LEARNING_RATE = 0.01
SEEDS = tuple(range(12))
CONFIDENCE = 0.95  # of the interval for the median over the seeds
THRESHOLD = 0.5
VERSIONS = {  # name -> (activation, threshold: how far the hidden biases start below 0)
    "leaky_relu": ("leaky_relu", 0.0),
    "relu": ("relu", 0.0),
    "leaky_relu_shifted": ("leaky_relu", THRESHOLD),
    "relu_shifted": ("relu", THRESHOLD),
}
LABELS = {
    "leaky_relu": "Leaky ReLU",
    "relu": "ReLU",
    "leaky_relu_shifted": f"Leaky ReLU, at {THRESHOLD}",
    "relu_shifted": f"ReLU, at {THRESHOLD}",
}
# (with exact zeros, without): the same threshold, so only the zeros differ
COMPARISONS = (("relu", "leaky_relu"), ("relu_shifted", "leaky_relu_shifted"))
SHIFTS = (("leaky_relu_shifted", "leaky_relu"), ("relu_shifted", "relu"))  # (moved, at 0)
# how a comparison's verdict is shown in the table
SHOWN = {"confirmed": "yes", "contradicted": "no, the opposite", activations.UNDECIDED: "no difference resolved"}


def true_function(X):
    return np.sin(np.pi * X[:, 0]) + X[:, 1] ** 2 + X[:, 2] * X[:, 3]


def sample(n, rng):
    X = rng.uniform(-1, 1, size=(n, N_FEATURES))
    return X, (true_function(X) + NOISE_SD * rng.normal(size=n)).reshape(-1, 1)


def r2(X, y, weights, biases, activation):
    _, outputs = activations.forward(X, weights, biases, activation)
    return float(1 - np.mean((outputs[-1] - y) ** 2) / np.var(y))


# %%
# Train every version on every seed
# ---------------------------------
#
# Each seed draws a new training set, test set and initial weights, shared by the four
# versions. "Steps to fit" counts the Adam steps until the training mean squared error
# first falls to NOISE_SD², the error of the true function itself.
def train(X, y, activation, shift, seed):
    weights, biases = activations.init_network(LAYER_SIZES, np.random.default_rng(100 + seed), init="he")
    for b in biases[:-1]:
        b -= shift
    optimiser = activations.Adam(weights + biases, LEARNING_RATE)
    losses = []
    for _ in range(STEPS):
        zs, outputs = activations.forward(X, weights, biases, activation)
        losses.append(float(np.mean((outputs[-1] - y) ** 2)))
        weight_grads, bias_grads = activations.backward(zs, outputs, weights, (outputs[-1] - y) / len(y), activation)
        optimiser.step(weight_grads + bias_grads)
    return weights, biases, losses


runs = {n: {v: {"zeros": [], "stuck_units": [], "train_r2": [], "test_r2": [], "gap": [], "steps_to_fit": []}
            for v in VERSIONS} for n in TRAIN_SIZES}
for n in TRAIN_SIZES:
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        X_train, y_train = sample(n, rng)
        X_test, y_test = sample(N_TEST, rng)
        for version, (activation, shift) in VERSIONS.items():
            weights, biases, losses = train(X_train, y_train, activation, shift, seed)
            zs, outputs = activations.forward(X_test, weights, biases, activation)
            run = runs[n][version]
            run["zeros"].append(float(np.mean([np.mean(h == 0) for h in outputs[1:-1]])))
            run["stuck_units"].append(float(np.mean([np.mean(np.all(z <= 0, axis=0)) for z in zs[:-1]])))
            run["train_r2"].append(r2(X_train, y_train, weights, biases, activation))
            run["test_r2"].append(r2(X_test, y_test, weights, biases, activation))
            run["gap"].append(run["train_r2"][-1] - run["test_r2"][-1])
            fitted = np.flatnonzero(np.array(losses) <= NOISE_SD**2)
            run["steps_to_fit"].append(int(fitted[0]) if fitted.size else STEPS)

means = {n: {v: {k: float(np.mean(x)) for k, x in r.items()} for v, r in runs[n].items()} for n in TRAIN_SIZES}
min_train_r2 = min(min(r["train_r2"]) for n in TRAIN_SIZES for r in runs[n].values())
runs_table = [
    {
        "points": str(n),
        "version": LABELS[v],
        "exact zeros": f"{m['zeros']:.0%}",
        "never above 0": f"{m['stuck_units']:.0%}",
        "R² train / test (gap)": f"{m['train_r2']:.3f} / {m['test_r2']:.3f} ({m['gap']:.3f})",
        "steps": f"{np.median(runs[n][v]['steps_to_fit']):.0f}",
    }
    for n in TRAIN_SIZES
    for v, m in means[n].items()
]
for row in runs_table:
    print(" | ".join(f"{k}: {v}" for k, v in row.items()))

# %%
# Paired comparisons, decided by the seeds
# ----------------------------------------
#
# For each seed, the version with exact zeros against the one without at the same
# threshold: the difference of their gaps and the ratio of their steps to fit. The 95 %
# interval for the median over the twelve seeds decides: wholly below 0 (below 1 for
# the ratio) says the zeros helped, wholly above says they hurt, and an interval
# around 0 (around 1) cannot tell the two apart.
def paired(first, second, n):
    """first against second on n training points, seed by seed."""
    gap_differences = np.subtract(runs[n][first]["gap"], runs[n][second]["gap"])
    step_ratios = np.divide(runs[n][first]["steps_to_fit"], runs[n][second]["steps_to_fit"])
    gap_interval = activations.median_interval(gap_differences, CONFIDENCE)
    step_interval = activations.median_interval(step_ratios, CONFIDENCE)
    return {
        "n_train": n,
        "versions": [first, second],
        "zeros": [means[n][first]["zeros"], means[n][second]["zeros"]],
        "gap_differences": gap_differences.tolist(),
        "gap_median": float(np.median(gap_differences)),
        "gap_interval": list(gap_interval),
        "less_overfitting": activations.verdict(gap_interval, 0.0, claim="below"),
        "step_ratios": step_ratios.tolist(),
        "step_median": float(np.median(step_ratios)),
        "step_interval": list(step_interval),
        "fewer_steps": activations.verdict(step_interval, 1.0, claim="below"),
    }


comparisons = [paired(with_zeros, without, n) for with_zeros, without in COMPARISONS for n in TRAIN_SIZES]
shift_effects = [paired(moved, at_zero, n) for moved, at_zero in SHIFTS for n in TRAIN_SIZES]


def comparison_rows(cells):
    return [
        {
            "points": str(c["n_train"]),
            "compared": " vs ".join(LABELS[v] for v in c["versions"]),
            "gap difference [95 %]": (
                f"{c['gap_median']:+.3f} [{c['gap_interval'][0]:+.3f}, {c['gap_interval'][1]:+.3f}]"
            ),
            "smaller gap?": SHOWN[c["less_overfitting"]],
            "steps ratio [95 %]": (
                f"{c['step_median']:.2f} [{c['step_interval'][0]:.2f}, {c['step_interval'][1]:.2f}]"
            ),
            "fewer steps?": SHOWN[c["fewer_steps"]],
        }
        for c in cells
    ]


comparison_table = comparison_rows(comparisons)
shift_table = comparison_rows(shift_effects)
for row in comparison_table + shift_table:
    print(" | ".join(f"{k}: {v}" for k, v in row.items()))

# %%
# Verdicts, and the sentences that state them
# -------------------------------------------
#
# A claim holds if it holds in all four comparisons; "nuanced" if in some; "contradicted"
# if the opposite holds in all four; otherwise the experiment, which did vary the
# sparsity, found nothing for it: "not supported in this setting".
def combined(words):
    if all(w == "confirmed" for w in words):
        return "confirmed"
    if any(w == "confirmed" for w in words):
        return "nuanced"
    if all(w == "contradicted" for w in words):
        return "contradicted"
    return "not supported in this setting"


def finding(cells, key, subject, better, worse):
    """One sentence: in how many comparisons the first version did better, worse or neither."""
    def where(word):
        places = [f"{' vs '.join(LABELS[v] for v in c['versions'])} on {c['n_train']} points"
                  for c in cells if c[key] == word]
        return f"{len(places)} ({'; '.join(places)})" if places else "none"

    return (f"Of the {len(cells)} comparisons, {subject} {better} in {where('confirmed')}, "
            f"{worse} in {where('contradicted')}, and the seeds could not tell the two apart in "
            f"{sum(c[key] == activations.UNDECIDED for c in cells)}.")


verdicts = {
    # 3.4: "This sparsity makes the network ... less prone to overfitting."
    "sparsity_less_overfitting": combined([c["less_overfitting"] for c in comparisons]),
    # 1.2: "This creates sparse activations, making learning more efficient." (updates)
    "sparsity_speeds_learning": combined([c["fewer_steps"] for c in comparisons]),
}
n_comparisons = len(comparisons)
resolved = {  # in how many comparisons the zeros helped, hurt, or made no resolved difference
    claim: {
        "helped": sum(c[key] == "confirmed" for c in comparisons),
        "hurt": sum(c[key] == "contradicted" for c in comparisons),
        "unresolved": sum(c[key] == activations.UNDECIDED for c in comparisons),
    }
    for claim, key in (("overfitting", "less_overfitting"), ("learning", "fewer_steps"))
}
findings = {
    "overfitting": finding(comparisons, "less_overfitting", "the version with exact zeros",
                           "overfitted less", "overfitted more"),
    "learning": finding(comparisons, "fewer_steps", "the version with exact zeros",
                        "needed fewer steps", "needed more steps"),
    "shift_learning": finding(shift_effects, "fewer_steps", "the moved threshold",
                              "needed fewer steps", "needed more steps"),
}
for sentence in findings.values():
    print(sentence)
print(verdicts)

# %%
# The seeds, paired
# -----------------
#
# Each grey segment joins one seed's version without exact zeros to the one with them,
# at the same threshold; black: the median over the seeds.
figure_order = [v for with_zeros, without in COMPARISONS for v in (without, with_zeros)]
panels = (("gap", "train R² − test R²", ".2f"), ("steps_to_fit", "Adam steps to fit", ".0f"))
fig, axes = plt.subplots(len(panels), len(TRAIN_SIZES), figsize=(10, 7))
for column, n in enumerate(TRAIN_SIZES):
    for row, (key, label, _) in enumerate(panels):
        ax = axes[row, column]
        for position, (with_zeros, without) in zip((0, 2), COMPARISONS):
            values = np.array([runs[n][without][key], runs[n][with_zeros][key]])
            x = [position, position + 1]
            ax.plot(x, values, color="gray", alpha=0.5, linewidth=1)
            ax.plot(x, np.median(values, axis=1), color="black", marker="o", linewidth=2.5,
                    label="median of the seeds" if position == 0 else None)
        ax.set_xticks(range(len(figure_order)), [f"{LABELS[v]}\n{means[n][v]['zeros']:.0%} zeros"
                                                 for v in figure_order], fontsize=7)
        ax.set_ylabel(label)
        ax.set_title(f"{n} training points", fontsize=9)
axes[0, 0].legend(fontsize=8)
fig.tight_layout()

figure_series = {  # the medians the black lines join, in the order of the x axis
    f"{key}_{n}": ", ".join(format(np.median(runs[n][v][key]), spec) for v in figure_order)
    for n in TRAIN_SIZES
    for key, _, spec in panels
}

plt.show()
