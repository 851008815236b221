# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
#   "scikit-learn==1.9.1",
# ]
# ///

"""
Why the logistic network stays on the straight line
===================================================

At the article's settings the ``logistic`` network of the previous example ends
where a straight line would. scikit-learn differs from Keras in two defaults that
could hold it there: it draws a logistic network's initial weights from a range
√3 times narrower than Glorot's, and it adds an L2 penalty (``alpha=1e-4``). We
start the same network from scikit-learn's own draw and from that draw scaled to
Glorot's range, with and without the penalty, and with larger steps, over six
seeds, and watch which change moves it off the line.
"""

# %%
# Define the data and the article's settings
# ------------------------------------------
#
# The same task and the same Keras-like settings as the previous example: batches of
# 32, learning rate 0.001, exactly 100 epochs.
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
SEEDS = (0, 1, 2, 3, 4, 5)
BATCH_SIZE = 32
LEARNING_RATE = 1e-3
EPOCHS = 100  # every one of them: n_iter_no_change=EPOCHS switches the stopping rule off
ARTICLE = {
    "batch_size": BATCH_SIZE, "learning_rate_init": LEARNING_RATE, "max_iter": EPOCHS, "n_iter_no_change": EPOCHS,
}
SKLEARN_LOGISTIC_FACTOR = 2.0  # scikit-learn's _init_coef: factor 2 for "logistic"
GLOROT_FACTOR = 6.0  # ... and 6 for every other activation (Glorot & Bengio, 2010), as Keras uses
NO_PENALTY = 0.0
LARGER_LEARNING_RATE = 1e-2
LINE_MARGIN = 0.01  # "on the line": R² at most this much above the least-squares line's

x = np.linspace(-2 * np.pi, 2 * np.pi, N_POINTS)
X = x.reshape(-1, 1)
y = np.sin(x)
ols = LinearRegression().fit(X, y)
ols_r2 = float(r2_score(y, ols.predict(X)))
line_loss = float(mean_squared_error(y, ols.predict(X))) / 2  # scikit-learn's loss is half the MSE

# %%
# Start a network from a chosen initial range
# -------------------------------------------
#
# MLPRegressor draws each layer's weights, then its biases, uniformly from
# ±sqrt(factor / (fan_in + fan_out)) with a generator seeded by ``random_state``. We
# draw the same numbers in the same order, so factor 2 reproduces scikit-learn's own
# start exactly and factor 6 is that start times √3; ``warm_start`` trains from it.


def start(seed, factor, **changes):
    """An untrained logistic network whose weights are scikit-learn's draw for ``seed``, at ``factor``."""
    settings = {**ARTICLE, **changes}
    model = MLPRegressor(
        hidden_layer_sizes=HIDDEN_LAYERS, activation="logistic", solver="adam", random_state=seed,
        **{**settings, "max_iter": 1},
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, y)  # one epoch, only to create the attributes warm_start continues from
    rng = np.random.RandomState(seed)
    units = [X.shape[1], *HIDDEN_LAYERS, 1]
    model.coefs_, model.intercepts_ = [], []
    for fan_in, fan_out in zip(units[:-1], units[1:]):
        bound = np.sqrt(factor / (fan_in + fan_out))
        model.coefs_.append(rng.uniform(-bound, bound, (fan_in, fan_out)))
        model.intercepts_.append(rng.uniform(-bound, bound, fan_out))
    model.loss_curve_, model.best_loss_ = [], np.inf  # forget the warm-up epoch's loss
    # The generator, past the weights, shuffles the batches as in a fresh fit.
    model.set_params(warm_start=True, random_state=rng, max_iter=settings["max_iter"])
    return model


def train(model):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(X, y)


# %%
# Change one thing at a time
# --------------------------
#
# Each row changes the article's run in one respect, or two where the pair is what
# Keras does. A run has left the line when its R² is more than LINE_MARGIN above the
# least-squares line's.
CHANGES = {
    "article": ("the article's settings, scikit-learn's start", SKLEARN_LOGISTIC_FACTOR, {}),
    "no_penalty": ("without the L2 penalty (alpha=0)", SKLEARN_LOGISTIC_FACTOR, {"alpha": NO_PENALTY}),
    "glorot": ("started in Glorot's range (factor 6)", GLOROT_FACTOR, {}),
    "glorot_no_penalty": ("Glorot's range and alpha=0", GLOROT_FACTOR, {"alpha": NO_PENALTY}),
    "larger_steps": (
        f"learning rate {LARGER_LEARNING_RATE:g}", SKLEARN_LOGISTIC_FACTOR, {"learning_rate_init": LARGER_LEARNING_RATE}
    ),
}
plateau = {}
first_seed_curves = {}
for name, (label, factor, changes) in CHANGES.items():
    r2 = []
    for seed in SEEDS:
        model = train(start(seed, factor, **changes))
        r2.append(float(r2_score(y, model.predict(X))))
        if seed == SEEDS[0]:
            first_seed_curves[name] = model.loss_curve_
    plateau[name] = {
        "r2": r2,
        "left_the_line": sum(score > ols_r2 + LINE_MARGIN for score in r2),
        "on_the_line": activations.verdict(activations.median_interval(r2), ols_r2 + LINE_MARGIN, claim="below"),
    }

plateau_median_r2 = {name: float(np.median(p["r2"])) for name, p in plateau.items()}
plateau_table = [
    {
        "logistic network": label,
        "R², median": f"{plateau_median_r2[name]:.4f}",
        "R², 95 % interval": "{:.4f} to {:.4f}".format(*activations.median_interval(plateau[name]["r2"])),
        "left the line": f"{plateau[name]['left_the_line']} of {len(SEEDS)}",
    }
    for name, (label, _, _) in CHANGES.items()
]
for row in plateau_table:
    print(" | ".join(row.values()))

# %%
# Measure each default's effect seed by seed
# ------------------------------------------
#
# Runs from the same seed share their draw and their batch order, so the per-seed
# difference in R² isolates the change.


def effect(changed, baseline="article"):
    return np.subtract(plateau[changed]["r2"], plateau[baseline]["r2"])


penalty_effect = {"sklearn": effect("no_penalty"), "glorot": effect("glorot_no_penalty", baseline="glorot")}
largest_penalty_effect = float(max(np.max(np.abs(d)) for d in penalty_effect.values()))
start_effect = effect("glorot")
start_effect_interval = activations.median_interval(start_effect)
start_effect_verdict = activations.verdict(start_effect_interval, 0.0, claim="above")


def initial_nonlinearity(factor, seed):
    """The share of the untrained network's output variance that a straight line cannot explain."""
    output = start(seed, factor).predict(X)
    return float(1 - r2_score(output, LinearRegression().fit(X, output).predict(X)))


nonlinearity_at_start = {
    "sklearn": [initial_nonlinearity(SKLEARN_LOGISTIC_FACTOR, seed) for seed in SEEDS],
    "glorot": [initial_nonlinearity(GLOROT_FACTOR, seed) for seed in SEEDS],
}
nonlinearity_median = {start_name: float(np.median(v)) for start_name, v in nonlinearity_at_start.items()}
nonlinearity_ratio_interval = activations.median_interval(
    np.divide(nonlinearity_at_start["glorot"], nonlinearity_at_start["sklearn"])
)
print(f"alpha=0 changes R² by at most {largest_penalty_effect:.1e}")
print("Glorot's range raises R² by {:.3f} to {:.3f} ({})".format(*start_effect_interval, start_effect_verdict))

# %%
# Follow the loss of the first seed
# ---------------------------------
#
# The flat stretch is the least-squares line: scikit-learn's loss is half the mean
# squared error. A longer run at the article's settings shows when the network
# would have left it; a run has left once its loss is below half the plateau's.
PLATEAU_FROM = 10  # the article's run is on the plateau from this epoch on
LONG_RUN_EPOCHS = 400
on_plateau = first_seed_curves["article"][PLATEAU_FROM - 1:]
plateau_loss, plateau_low, plateau_high = float(np.median(on_plateau)), float(min(on_plateau)), float(max(on_plateau))
long_run = train(
    start(SEEDS[0], SKLEARN_LOGISTIC_FACTOR, max_iter=LONG_RUN_EPOCHS, n_iter_no_change=LONG_RUN_EPOCHS)
)
long_run_r2 = float(r2_score(y, long_run.predict(X)))
loss_curves = {
    "article_long_run": long_run.loss_curve_,
    "glorot": first_seed_curves["glorot"],
    "larger_steps": first_seed_curves["larger_steps"],
}
CURVE_LABELS = {
    "article_long_run": f"the article's settings, {LONG_RUN_EPOCHS} epochs",
    "glorot": CHANGES["glorot"][0],
    "larger_steps": CHANGES["larger_steps"][0],
}


def first_epoch_below(curve, level):
    below = [epoch for epoch, loss in enumerate(curve, start=1) if loss < level]
    return below[0] if below else None


epoch_off_plateau = {name: first_epoch_below(curve, plateau_loss / 2) for name, curve in loss_curves.items()}

STYLES = ("-", "--", ":")
fig, ax = plt.subplots(figsize=(8, 4))
ax.axhline(line_loss, color="tab:gray", linewidth=1, label="least-squares line (half its MSE)")
for (name, curve), style in zip(loss_curves.items(), STYLES):
    ax.plot(np.arange(1, len(curve) + 1), curve, linestyle=style, linewidth=2, label=CURVE_LABELS[name])
ax.axvline(EPOCHS, color="black", linewidth=0.8, linestyle="-.", label=f"the article's {EPOCHS} epochs")
ax.set_yscale("log")
ax.set_xlabel("epoch")
ax.set_ylabel("training loss (half the MSE)")
ax.set_title("Logistic network on sin(x), first seed")
ax.grid(True, which="both", alpha=0.3)
ax.legend(fontsize=8)

plt.show()
