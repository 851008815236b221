# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
#   "scikit-learn==1.9.1",
# ]
# ///

"""
Fitting sin(x) with and without an activation
=============================================

Two networks with two hidden layers of 64 units learn y = sin(x) from 1000 points
on [-2π, 2π]: Model A uses ReLU, Model B uses no activation (``identity``). We
train them as the article does (Keras's defaults: batches of 32, Adam's learning
rate 0.001, exactly 100 epochs), at scikit-learn's own defaults (batches of 200),
and with a ten times larger learning rate; we repeat all three for the four
activations scikit-learn offers, over six seeds, and compare the fits seed by seed.
"""

# %%
# Define the data and the training settings
# -----------------------------------------
#
# Keras trains on batches of 32 and runs every epoch it is asked for; scikit-learn
# defaults to batches of 200 and stops once the loss stalls. Six seeds are the fewest
# from which ``activations.median_interval`` gives a 95 % interval for a median.
import math
import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.neural_network import MLPRegressor

import activations

N_POINTS = 1000
HIDDEN_LAYERS = (64, 64)
ACTIVATIONS = ("identity", "logistic", "tanh", "relu")
SEEDS = (0, 1, 2, 3, 4, 5)
EPOCHS = 100  # the article's model.fit(..., epochs=100)
KERAS_BATCH_SIZE = 32
SKLEARN_DEFAULT_BATCH = 200  # batch_size="auto" is min(200, n_samples)
KERAS_LEARNING_RATE = 1e-3
LARGER_LEARNING_RATE = 1e-2
LONG_RUN_EPOCHS = 2000  # an upper bound: scikit-learn's stopping rule ends these runs
SETTINGS = {
    # Keras's defaults; n_iter_no_change=EPOCHS switches scikit-learn's stopping rule off.
    "article": {
        "batch_size": KERAS_BATCH_SIZE, "learning_rate_init": KERAS_LEARNING_RATE,
        "max_iter": EPOCHS, "n_iter_no_change": EPOCHS,
    },
    "sklearn_defaults": {"batch_size": "auto", "learning_rate_init": KERAS_LEARNING_RATE, "max_iter": EPOCHS},
    "converging": {
        "batch_size": KERAS_BATCH_SIZE, "learning_rate_init": LARGER_LEARNING_RATE, "max_iter": LONG_RUN_EPOCHS,
    },
}
SETTING_TITLES = {
    "article": "The article's settings (Keras's defaults): "
    f"batch {KERAS_BATCH_SIZE}, learning rate {KERAS_LEARNING_RATE:g}, {EPOCHS} epochs",
    "sklearn_defaults": "scikit-learn's defaults: "
    f"batch {SKLEARN_DEFAULT_BATCH}, learning rate {KERAS_LEARNING_RATE:g}, at most {EPOCHS} epochs",
    "converging": "Larger steps: "
    f"batch {KERAS_BATCH_SIZE}, learning rate {LARGER_LEARNING_RATE:g}, until the loss stops improving",
}
# One parameter update per batch: the same epochs make more updates in smaller batches.
updates_in_100_epochs = {
    "article": EPOCHS * math.ceil(N_POINTS / KERAS_BATCH_SIZE),
    "sklearn_defaults": EPOCHS * math.ceil(N_POINTS / SKLEARN_DEFAULT_BATCH),
}
ACTIVATION_NAMES = {"identity": "no activation", "logistic": "logistic", "tanh": "tanh", "relu": "ReLU"}

x = np.linspace(-2 * np.pi, 2 * np.pi, N_POINTS)
X = x.reshape(-1, 1)
y = np.sin(x)


def fit(activation, setting, seed):
    """Train one network; return it and whether scikit-learn warned that it stopped at max_iter."""
    model = MLPRegressor(
        hidden_layer_sizes=HIDDEN_LAYERS,
        activation=activation,
        solver="adam",
        random_state=seed,
        **SETTINGS[setting],
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        model.fit(X, y)
    hit_epoch_limit = any(issubclass(w.category, ConvergenceWarning) for w in caught)
    return model, hit_epoch_limit


# %%
# Train every activation at every setting
# ---------------------------------------
#
# Each network is scored on the 1000 points it learned from: the question is whether
# it can take the shape of the sine at all, not how it generalises.
scores = {}
first_seed_models = {}
for setting in SETTINGS:
    scores[setting] = {}
    for activation in ACTIVATIONS:
        runs = {"r2": [], "mse": [], "epochs": [], "hit_epoch_limit": []}
        for seed in SEEDS:
            model, hit_limit = fit(activation, setting, seed)
            prediction = model.predict(X)
            runs["r2"].append(float(r2_score(y, prediction)))
            runs["mse"].append(float(mean_squared_error(y, prediction)))
            runs["epochs"].append(model.n_iter_)
            runs["hit_epoch_limit"].append(hit_limit)
            if seed == SEEDS[0]:
                first_seed_models[setting, activation] = model
        scores[setting][activation] = runs

ols_r2 = float(r2_score(y, LinearRegression().fit(X, y).predict(X)))  # the best straight line

# %%
# Plot Model A against Model B
# ----------------------------
#
# The first seed at the article's settings, as in the article's figure, and at
# scikit-learn's defaults, where the same 100 epochs make far fewer updates.
FIGURE_SETTINGS = ("article", "sklearn_defaults")
fig, axes = plt.subplots(len(FIGURE_SETTINGS), 1, figsize=(8, 7), sharex=True)
for ax, setting in zip(axes, FIGURE_SETTINGS):
    ax.plot(x, y, color="black", linewidth=3, label="true function sin(x)")
    ax.plot(x, first_seed_models[setting, "relu"].predict(X), color="tab:blue", linewidth=1.8, label="Model A (ReLU)")
    ax.plot(
        x, first_seed_models[setting, "identity"].predict(X), color="tab:red", linestyle="--", linewidth=1.8,
        label="Model B (no activation)",
    )
    ax.set_title(SETTING_TITLES[setting], fontsize=10)
    ax.set_ylabel("y")
    ax.grid(True, alpha=0.3)
axes[-1].set_xlabel("x")
axes[0].legend(loc="lower left", fontsize=9)
fig.tight_layout()

# %%
# Summarise each setting in a table
# ---------------------------------
#
# With six seeds the 95 % interval for the median runs from the lowest to the highest
# seed, so the table shows the median and that range.


def per_setting(statistic):
    """{setting: {activation: statistic(runs)}} over every trained cell."""
    return {setting: {a: statistic(runs) for a, runs in cells.items()} for setting, cells in scores.items()}


r2_interval = per_setting(lambda runs: activations.median_interval(runs["r2"]))
median_r2 = per_setting(lambda runs: float(np.median(runs["r2"])))
mean_r2 = per_setting(lambda runs: float(np.mean(runs["r2"])))
epoch_limit_hits = per_setting(lambda runs: sum(runs["hit_epoch_limit"]))


def span(values):
    return f"{min(values)}–{max(values)}" if min(values) < max(values) else f"{min(values)}"


def score_table(setting):
    return [
        {
            "activation": ACTIVATION_NAMES[activation],
            "R², median": f"{median_r2[setting][activation]:.4f}",
            "R², 95 % interval": "{:.4f} to {:.4f}".format(*r2_interval[setting][activation]),
            "MSE, median": f"{np.median(runs['mse']):.4f}",
            "epochs": span(runs["epochs"]),
        }
        for activation, runs in scores[setting].items()
    ]


article_settings_table = score_table("article")
sklearn_defaults_table = score_table("sklearn_defaults")
converging_settings_table = score_table("converging")
epochs_run = per_setting(lambda runs: span(runs["epochs"]))

# %%
# Compare activations seed by seed
# --------------------------------
#
# Two activations trained from the same seed share their data order, so the
# per-seed difference in R² is the fair comparison. An ordering is stated only where
# the interval of the median difference excludes zero.


def better(first, second):
    """The verdict on "first scores a higher R² than second", from their per-seed differences."""
    return activations.verdict(activations.median_interval(np.subtract(first, second)), 0.0, claim="above")


def compare(setting, first, second):
    return better(scores[setting][first]["r2"], scores[setting][second]["r2"])


def ranking(setting):
    """The activations from best to worst median R², '>' where the seeds decide a pair, '≈' where not."""
    order = sorted(ACTIVATIONS, key=lambda a: -median_r2[setting][a])
    decided = [compare(setting, better, worse) == "confirmed" for better, worse in zip(order, order[1:])]
    text = ACTIVATION_NAMES[order[0]]
    for worse, is_decided in zip(order[1:], decided):
        text += (" > " if is_decided else " ≈ ") + ACTIVATION_NAMES[worse]
    # A pair further apart reads as ordered when a '>' stands between them: say where the seeds differ.
    notes = []
    for i, j in ((i, j) for i in range(len(order)) for j in range(i + 2, len(order))):
        reads_ordered = any(decided[i:j])
        if reads_ordered != (compare(setting, order[i], order[j]) == "confirmed"):
            words = ("but", "≈") if reads_ordered else ("and", ">")
            notes.append(f"{words[0]} {ACTIVATION_NAMES[order[i]]} {words[1]} {ACTIVATION_NAMES[order[j]]}")
    return text + (f" ({', '.join(notes)})" if notes else "")


rankings = {setting: ranking(setting) for setting in SETTINGS}
NONLINEAR = ("logistic", "tanh", "relu")
converged_nonlinear_r2 = [r for a in NONLINEAR for r in scores["converging"][a]["r2"]]
lowest_converged_nonlinear_r2 = min(converged_nonlinear_r2)
highest_converged_nonlinear_r2 = max(converged_nonlinear_r2)
# Each activation at the article's settings against the same seed at scikit-learn's defaults.
article_settings_fit_better = {
    a: better(scores["article"][a]["r2"], scores["sklearn_defaults"][a]["r2"]) for a in ACTIVATIONS
}
for setting in SETTINGS:
    print(f"{SETTING_TITLES[setting]}: {rankings[setting]}")

# %%
# Judge the article's claims
# --------------------------
#
# Section 2.2 of the article, at the article's settings. "On the line" means an R² no
# more than LINE_MARGIN above the least-squares line's: nothing of the sine's curve.
QUITE_WELL_R2 = 0.85  # "learns the sine wave quite well"
LINE_MARGIN = 0.01
on_the_line = {
    setting: {a: activations.verdict(r2_interval[setting][a], ols_r2 + LINE_MARGIN, claim="below") for a in ACTIVATIONS}
    for setting in SETTINGS
}
verdicts = {
    "relu_learns_sine": activations.verdict(r2_interval["article"]["relu"], QUITE_WELL_R2, claim="above"),
    "linear_model_misses_sine": on_the_line["article"]["identity"],
}
print(f"least-squares line: R² = {ols_r2:.4f}")
print(verdicts)

plt.show()
