"""
Does ReLU's sparsity make a network less prone to overfitting?
==============================================================

Overfitting shows as a gap between how well a network fits the data it was trained on
and how well it predicts new data. We give a large network (two hidden layers of 64
units, no weight penalty, trained far past convergence) only 40 noisy samples of a
smooth function, and compare ReLU with tanh and the logistic sigmoid: R² on the 40
training points, R² on 1000 fresh noisy points, and the gap between the two, over
eight seeds (a new sample of the data and new initial weights for each).
"""

# %%
# Small noisy training sets, large fresh test sets.
import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import r2_score
from sklearn.neural_network import MLPRegressor

N_TRAIN = 40
N_TEST = 1000
NOISE_SD = 0.3
X_RANGE = (-3, 3)
HIDDEN_LAYERS = (64, 64)
EPOCHS = 500  # every run goes to this limit: stopping on a plateau is switched off
LEARNING_RATE = 0.01
ACTIVATIONS = ("relu", "tanh", "logistic")
SEEDS = (0, 1, 2, 3, 4, 5, 6, 7)


def true_function(x):
    return np.sin(x) + 0.3 * x


def sample(n, rng):
    x = rng.uniform(*X_RANGE, size=n)
    return x.reshape(-1, 1), true_function(x) + NOISE_SD * rng.normal(size=n)


def fit(activation, X, y, seed):
    model = MLPRegressor(
        hidden_layer_sizes=HIDDEN_LAYERS,
        activation=activation,
        solver="adam",
        alpha=0.0,
        learning_rate_init=LEARNING_RATE,
        max_iter=EPOCHS,
        tol=0.0,
        n_iter_no_change=EPOCHS,
        random_state=seed,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(X, y)


# %%
# Train every activation on every seed's data; score on the training and test sets.
# The best test R² any model could reach is that of the true function itself (the
# rest is noise).
scores = {a: {"train_r2": [], "test_r2": [], "gap": []} for a in ACTIVATIONS}
relu_zero_share = []  # share of exact zeros in the ReLU networks' first hidden layer
best_possible_test_r2 = []
first_seed_models = {}
for seed in SEEDS:
    rng = np.random.default_rng(seed)
    X_train, y_train = sample(N_TRAIN, rng)
    X_test, y_test = sample(N_TEST, rng)
    best_possible_test_r2.append(r2_score(y_test, true_function(X_test[:, 0])))
    for activation in ACTIVATIONS:
        model = fit(activation, X_train, y_train, seed)
        train_r2, test_r2 = model.score(X_train, y_train), model.score(X_test, y_test)
        scores[activation]["train_r2"].append(train_r2)
        scores[activation]["test_r2"].append(test_r2)
        scores[activation]["gap"].append(train_r2 - test_r2)
        if activation == "relu":  # how sparse are these ReLU networks? (first hidden layer)
            hidden = np.maximum(X_test @ model.coefs_[0] + model.intercepts_[0], 0)
            relu_zero_share.append(float(np.mean(hidden == 0)))
        if seed == SEEDS[0]:
            first_seed_models[activation] = model
    if seed == SEEDS[0]:
        first_seed_data = (X_train, y_train)

overfitting_table = [
    {
        "activation": activation,
        "train R²": f"{np.mean(s['train_r2']):.3f} ± {np.std(s['train_r2']):.3f}",
        "test R²": f"{np.mean(s['test_r2']):.3f} ± {np.std(s['test_r2']):.3f}",
        "gap (train − test)": f"{np.mean(s['gap']):.3f} ± {np.std(s['gap']):.3f}",
    }
    for activation, s in scores.items()
]
mean_scores = {a: {k: float(np.mean(v)) for k, v in s.items()} for a, s in scores.items()}
best_possible_test_r2_mean = float(np.mean(best_possible_test_r2))
for row in overfitting_table:
    print(" | ".join(f"{k}: {v}" for k, v in row.items()))
print(f"best possible test R² (the true function): {best_possible_test_r2_mean:.3f}")
relu_zero_share_mean = float(np.mean(relu_zero_share))
print(f"ReLU networks: {relu_zero_share_mean:.0%} of first-layer activations are exactly 0")

# %%
# First seed: what the three networks learned from the same 40 points, and every
# seed's train/test gap.
fig, (ax_fit, ax_gap) = plt.subplots(1, 2, figsize=(9, 4), gridspec_kw={"width_ratios": [3, 2]})
grid = np.linspace(*X_RANGE, 400)
styles = {"relu": ("tab:blue", "-"), "tanh": ("tab:orange", "--"), "logistic": ("tab:green", ":")}
X_train, y_train = first_seed_data
ax_fit.plot(
    grid, true_function(grid), color="black", linewidth=2.5, alpha=0.4, label="true function"
)
ax_fit.scatter(
    X_train[:, 0], y_train, color="black", s=12, zorder=3, label=f"{N_TRAIN} noisy samples"
)
for activation, model in first_seed_models.items():
    color, style = styles[activation]
    prediction = model.predict(grid.reshape(-1, 1))
    ax_fit.plot(grid, prediction, color=color, linestyle=style, label=activation)
ax_fit.set_xlabel("x")
ax_fit.set_ylabel("y")
ax_fit.set_title(f"Seed {SEEDS[0]}: fits after {EPOCHS} epochs")
ax_fit.legend(fontsize=8, loc="upper left")

for i, activation in enumerate(ACTIVATIONS):
    color, _ = styles[activation]
    gaps = scores[activation]["gap"]
    jitter = np.linspace(-0.15, 0.15, len(gaps))  # spread the dots sideways
    ax_gap.scatter(i + jitter, gaps, color=color, s=18)
    ax_gap.hlines(np.mean(gaps), i - 0.3, i + 0.3, color="black", linewidth=2)
ax_gap.set_xticks(range(len(ACTIVATIONS)), ACTIVATIONS)
ax_gap.set_ylim(bottom=0)
ax_gap.set_ylabel("train R² − test R²")
ax_gap.set_title(f"Gap, {len(SEEDS)} seeds (bar: mean)")
fig.tight_layout()

# %%
# Verdict: is ReLU's gap smaller than both others', by more than twice the standard
# error of the per-seed (paired) difference? Larger by as much means the opposite.
paired = {}
for other in ("tanh", "logistic"):
    difference = np.subtract(scores["relu"]["gap"], scores[other]["gap"])
    paired[other] = {
        "mean_gap_difference": float(difference.mean()),
        "standard_error": float(difference.std(ddof=1) / np.sqrt(len(difference))),
        "relu_gap_larger_in": int(np.sum(difference > 0)),
    }
    print(
        f"relu gap − {other} gap: {difference.mean():+.3f} "
        f"± {paired[other]['standard_error']:.3f} (se); relu's gap larger in "
        f"{paired[other]['relu_gap_larger_in']} of {len(SEEDS)} seeds"
    )
smaller = all(p["mean_gap_difference"] < -2 * p["standard_error"] for p in paired.values())
larger = all(p["mean_gap_difference"] > 2 * p["standard_error"] for p in paired.values())
verdicts = {
    # "This sparsity makes the network ... less prone to overfitting."
    "sparsity_less_overfitting": (
        "confirmed" if smaller else "contradicted" if larger else "nuanced"
    ),
}
print(verdicts)

plt.show()
