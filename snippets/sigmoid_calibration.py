# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
#   "scikit-learn==1.9.1",
# ]
# ///

"""
Is a sigmoid output a probability? A calibration check
======================================================

A binary ``MLPClassifier`` ends in a logistic sigmoid, and ``predict_proba`` reports
its output as the probability of class 1. We draw data whose true class probability
is known, p(x) = σ(2.5 (sin 2x₁ + x₂)), and compare the network's numbers with it: on
held-out points, do events predicted with probability 0.8 happen 80% of the time
(calibration), and how far is each prediction from the true p(x)? One network is
trained on 1000 points with scikit-learn's defaults; another, larger and without a
weight penalty, is trained for long on only 100 points. Five seeds each.
"""

# %%
# Data with a known probability
# -----------------------------
#
# Because p(x), the probability of class 1, is known, the network's numbers can be
# compared with the truth and not only with the labels it produced.
import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score, brier_score_loss
from sklearn.neural_network import MLPClassifier

N_TRAIN = 1000
N_TEST = 4000
SEEDS = (0, 1, 2, 3, 4)
N_BINS = 10
EXTREME = 0.01  # a prediction below 1% or above 99% counts as "near certain"
FLOOR_DRAWS = 20


def true_probability(X):
    return 1 / (1 + np.exp(-2.5 * (np.sin(2 * X[:, 0]) + X[:, 1])))


def sample(n, rng):
    X = rng.uniform(-2, 2, size=(n, 2))
    p = true_probability(X)
    return X, (rng.uniform(size=n) < p).astype(int), p


def bin_of(p):
    """Index of the equal-width probability bin of each prediction."""
    return np.minimum((p * N_BINS).astype(int), N_BINS - 1)


def expected_calibration_error(p, y):
    """Share-weighted mean |mean prediction - observed frequency| over the bins."""
    bins = bin_of(p)
    error = 0.0
    for b in np.unique(bins):
        in_bin = bins == b
        error += np.mean(in_bin) * abs(p[in_bin].mean() - y[in_bin].mean())
    return error


def near_certain(p):
    return float(np.mean((p < EXTREME) | (p > 1 - EXTREME)))


# %%
# Train two networks
# ------------------
#
# Defaults on all 1000 points, and a larger one with no weight penalty, trained for
# 1000 epochs on the first 100 points: one fit that should be calibrated, and one
# that overfits.
SETTINGS = {
    "well_fitted": (N_TRAIN, dict(hidden_layer_sizes=(32,), max_iter=500)),
    "overtrained": (
        100,
        dict(hidden_layer_sizes=(64, 64), alpha=0.0, max_iter=1000, tol=0.0, n_iter_no_change=1000),
    ),
}
LABELS = {
    "well_fitted": "defaults, 1000 points",
    "overtrained": "no penalty, 100 points",
    "true_probability": "the true p(x)",
}


def run_seed(seed):
    """Train both networks on one seed's data; return every metric, and the test
    predictions and labels (for the figure)."""
    rng = np.random.default_rng(seed)
    X_train, y_train, _ = sample(N_TRAIN, rng)
    X_test, y_test, p_test = sample(N_TEST, rng)
    metrics = {
        "true_probability": {
            "brier": brier_score_loss(y_test, p_test),
            "ece": expected_calibration_error(p_test, y_test),
            "extreme": near_certain(p_test),
        }
    }
    predictions = {"true_probability": p_test, "labels": y_test}
    for name, (n_points, params) in SETTINGS.items():
        model = MLPClassifier(random_state=seed, **params)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(X_train[:n_points], y_train[:n_points])
        p = model.predict_proba(X_test)[:, 1]
        # The ECE a perfectly calibrated model with these predictions would get from a
        # finite test set by chance: labels redrawn from the predictions themselves.
        floor = [
            expected_calibration_error(p, (rng.uniform(size=N_TEST) < p).astype(int))
            for _ in range(FLOOR_DRAWS)
        ]
        metrics[name] = {
            "accuracy": accuracy_score(y_test, model.predict(X_test)),
            "brier": brier_score_loss(y_test, p),
            "ece": expected_calibration_error(p, y_test),
            "ece_floor": float(np.mean(floor)),
            "abs_error": float(np.mean(np.abs(p - p_test))),
            "extreme": near_certain(p),
        }
        predictions[name] = p
    return metrics, predictions


def run_all_seeds():
    """model -> metric -> one value per seed; and every seed's test predictions (and
    labels) pooled into one array per model, for the figure."""
    runs = [run_seed(seed) for seed in SEEDS]
    metrics, predictions = runs[0]
    calibration = {
        name: {metric: [float(m[name][metric]) for m, _ in runs] for metric in metrics[name]}
        for name in metrics
    }
    pooled = {key: np.concatenate([p[key] for _, p in runs]) for key in predictions}
    return calibration, pooled


calibration, pooled = run_all_seeds()

calibration_means = {
    name: {metric: float(np.mean(values)) for metric, values in s.items()}
    for name, s in calibration.items()
}
calibration_table = []
for name in [*SETTINGS, "true_probability"]:
    m, is_model = calibration_means[name], name in SETTINGS
    ece = f"{m['ece']:.3f} ({m['ece_floor']:.3f})" if is_model else f"{m['ece']:.3f}"
    calibration_table.append(
        {
            "model": LABELS[name],
            "test accuracy": f"{m['accuracy']:.3f}" if is_model else "—",
            "Brier score": f"{m['brier']:.3f}",
            "ECE (floor)": ece,
            "mean |p̂ − p|": f"{m['abs_error']:.3f}" if is_model else "0 (it is p)",
            "near certain": f"{m['extreme']:.0%}",
        }
    )
for row in calibration_table:
    print(" | ".join(f"{k}: {v}" for k, v in row.items()))

# %%
# Reliability diagram
# -------------------
#
# All seeds pooled: observed frequency of class 1 against the predicted probability,
# per bin; the diagonal is perfect calibration. Next to it, how the predicted and
# the true probabilities are distributed.
fig, (ax_rel, ax_hist) = plt.subplots(1, 2, figsize=(9, 4))
styles = {"well_fitted": ("tab:blue", "-", "o"), "overtrained": ("tab:red", "--", "s")}
edges = np.linspace(0, 1, N_BINS + 1)
ax_rel.plot([0, 1], [0, 1], color="gray", linewidth=1, label="perfect calibration")
y = pooled["labels"]
for name in SETTINGS:
    p = pooled[name]
    bins = bin_of(p)
    filled = np.unique(bins)
    color, style, marker = styles[name]
    ax_rel.plot(
        [p[bins == b].mean() for b in filled], [y[bins == b].mean() for b in filled],
        color=color, linestyle=style, marker=marker, label=LABELS[name],
    )
    ax_hist.hist(
        p, bins=edges, histtype="step", density=True,
        color=color, linestyle=style, linewidth=1.5, label=LABELS[name],
    )
ax_hist.hist(
    pooled["true_probability"], bins=edges, histtype="step", density=True,
    color="black", linewidth=1, label=LABELS["true_probability"],
)
ax_rel.set_xlabel("predicted probability (bin mean)")
ax_rel.set_ylabel("observed frequency of class 1")
ax_rel.set_title("Reliability on held-out points")
ax_rel.legend(fontsize=8, loc="upper left")
ax_hist.set_xlabel("probability")
ax_hist.set_ylabel("density")
ax_hist.set_title("How confident the predictions are")
ax_hist.legend(fontsize=8, loc="upper center")
fig.tight_layout()

# What the figure shows, in numbers for its alt text: each model's largest distance
# from the diagonal, its outermost bins, the share of predictions in the two outer
# bins, and how far each histogram is from the true probabilities' (total variation).


def reliability(p):
    bins = bin_of(p)
    filled = np.unique(bins)
    means = np.array([p[bins == b].mean() for b in filled])
    observed = np.array([y[bins == b].mean() for b in filled])
    return means, observed


def histogram(p):
    return np.bincount(bin_of(p), minlength=N_BINS) / len(p)


OUTER = 1 / N_BINS  # the outermost bins: below 0.1 and above 0.9
figure_numbers = {}
for name in [*SETTINGS, "true_probability"]:
    p = pooled[name]
    means, observed = reliability(p)
    figure_numbers[name] = {
        "largest_gap": float(np.max(np.abs(means - observed))),
        "lowest_bin": {"predicted": float(means[0]), "observed": float(observed[0])},
        "highest_bin": {"predicted": float(means[-1]), "observed": float(observed[-1])},
        "outer_share": float(np.mean((p < OUTER) | (p >= 1 - OUTER))),
        "histogram_distance": float(0.5 * np.abs(histogram(p) - histogram(pooled["true_probability"])).sum()),
    }
print(figure_numbers)

# %%
# Verdict
# -------
#
# "Often interpreted as a probability". The output is always in (0, 1); is it
# calibrated (ECE below 0.05 in every seed) for both ways of training?
ECE_OK = 0.05
well_fitted_calibrated = all(e <= ECE_OK for e in calibration["well_fitted"]["ece"])
overtrained_calibrated = all(e <= ECE_OK for e in calibration["overtrained"]["ece"])
if well_fitted_calibrated:
    sigmoid_probability = "confirmed" if overtrained_calibrated else "nuanced"
else:
    sigmoid_probability = "contradicted"
verdicts = {"sigmoid_probability": sigmoid_probability}
print(verdicts)

plt.show()
