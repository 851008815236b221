# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
#   "scikit-learn==1.9.1",
# ]
# ///

"""
Dying ReLU: dead units against the learning rate
================================================

A ReLU unit is dead when its pre-activation is negative (or zero) for every training
input: it then outputs 0 everywhere and, because ReLU's slope is 0 there, receives
no gradient at all. We train ``MLPRegressor`` networks (ReLU, two hidden layers of 64
units, Adam) on the same small regression task at learning rates from 0.001 to 0.3,
five seeds each, and count the dead units per layer. Then we check, on the trained
networks, that the dead units' gradients are exactly zero, and keep training to see
whether any of them comes back.
"""

# %%
# The task and the network
# ------------------------
#
# 500 points in four dimensions, y = sin(πx₁) + x₂² + x₃x₄ plus noise,
# standardised: small enough to train many networks, non-linear enough to need them.
import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPRegressor

import activations

N_POINTS = 500
N_FEATURES = 4
HIDDEN_LAYERS = (64, 64)
EPOCHS = 50
BATCH_SIZE = 32
LEARNING_RATES = (0.001, 0.01, 0.03, 0.1, 0.3)
SEEDS = (0, 1, 2, 3, 4)

data_rng = np.random.default_rng(0)
X = data_rng.uniform(-1, 1, size=(N_POINTS, N_FEATURES))
y = np.sin(np.pi * X[:, 0]) + X[:, 1] ** 2 + X[:, 2] * X[:, 3]
y = y + 0.1 * data_rng.normal(size=N_POINTS)
y = (y - y.mean()) / y.std()


def fit(learning_rate, seed):
    model = MLPRegressor(
        hidden_layer_sizes=HIDDEN_LAYERS,
        activation="relu",
        solver="adam",
        learning_rate_init=learning_rate,
        alpha=0.0,  # no weight penalty, so a dead unit's gradient is exactly zero
        batch_size=BATCH_SIZE,
        max_iter=EPOCHS,
        random_state=seed,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(X, y)


def dead_units(weights, biases):
    """Per hidden layer, a boolean mask of units with z <= 0 for every training input."""
    zs, _ = activations.forward(X, list(weights), list(biases), "relu")
    return [np.all(z <= 0, axis=0) for z in zs[:-1]]


# %%
# Dead units at initialisation
# ----------------------------
#
# For reference: scikit-learn draws weights and biases uniformly from
# ±sqrt(6 / (fan_in + fan_out)); we draw from the same distribution.
def initial_network(seed):
    rng = np.random.default_rng(seed)
    sizes = (N_FEATURES,) + HIDDEN_LAYERS + (1,)
    weights, biases = [], []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        bound = np.sqrt(6 / (fan_in + fan_out))
        weights.append(rng.uniform(-bound, bound, size=(fan_in, fan_out)))
        biases.append(rng.uniform(-bound, bound, size=fan_out))
    return weights, biases


dead_at_init = [[float(m.mean()) for m in dead_units(*initial_network(s))] for s in SEEDS]
dead_at_init_mean = np.mean(dead_at_init, axis=0).tolist()
print("dead at initialisation, per layer:", [f"{d:.1%}" for d in dead_at_init_mean])

# %%
# Train at every learning rate
# ----------------------------
#
# Five seeds per rate; after training, count the dead units in each layer.
models = {}
dying = []  # one entry per learning rate, in the order of LEARNING_RATES
for learning_rate in LEARNING_RATES:
    runs = {"learning_rate": learning_rate, "dead_layer1": [], "dead_layer2": [], "r2": []}
    for seed in SEEDS:
        model = fit(learning_rate, seed)
        models[learning_rate, seed] = model
        masks = dead_units(model.coefs_, model.intercepts_)
        runs["dead_layer1"].append(float(masks[0].mean()))
        runs["dead_layer2"].append(float(masks[1].mean()))
        runs["r2"].append(model.score(X, y))
    for key in ("dead_layer1", "dead_layer2", "r2"):
        runs[key + "_mean"] = float(np.mean(runs[key]))
    dying.append(runs)

dying_table = [
    {
        "learning rate": f"{r['learning_rate']:g}",
        "dead, layer 1": f"{r['dead_layer1_mean']:.0%} ± {np.std(r['dead_layer1']):.0%}",
        "dead, layer 2": f"{r['dead_layer2_mean']:.0%} ± {np.std(r['dead_layer2']):.0%}",
        "training R²": f"{r['r2_mean']:.2f} ± {np.std(r['r2']):.2f}",
    }
    for r in dying
]
for row in dying_table:
    print(" | ".join(f"{k}: {v}" for k, v in row.items()))

# %%
# Dead units and fit against the learning rate
# --------------------------------------------
#
# Both in one figure, to show that many dead units need not spoil the fit.
fig, (ax_dead, ax_r2) = plt.subplots(1, 2, figsize=(9, 4))
layer_styles = {1: ("tab:blue", "-", "o"), 2: ("tab:red", "--", "s")}
for layer, (color, style, marker) in layer_styles.items():
    values = [r[f"dead_layer{layer}"] for r in dying]
    ax_dead.errorbar(
        LEARNING_RATES, np.mean(values, axis=1), yerr=np.std(values, axis=1),
        color=color, linestyle=style, marker=marker, capsize=3, label=f"layer {layer}",
    )
    ax_dead.axhline(dead_at_init_mean[layer - 1], color=color, linestyle=":", linewidth=1)
ax_dead.set_xscale("log")
ax_dead.set_ylim(0, 1)
ax_dead.set_xlabel("learning rate (Adam)")
ax_dead.set_ylabel("share of dead units")
ax_dead.set_title(f"Dead units after {EPOCHS} epochs (dotted: at init)")
ax_dead.legend()

r2_values = [r["r2"] for r in dying]
ax_r2.errorbar(
    LEARNING_RATES, np.mean(r2_values, axis=1), yerr=np.std(r2_values, axis=1),
    color="black", marker="o", capsize=3,
)
ax_r2.set_xscale("log")
ax_r2.set_ylim(-0.1, 1.05)
ax_r2.set_xlabel("learning rate (Adam)")
ax_r2.set_ylabel("R² on the training data")
ax_r2.set_title("Fit quality")
fig.tight_layout()


def series(values, spec):
    """'a, b, c, d and e': one value per learning rate, for the figure's alt text."""
    text = [format(v, spec) for v in values]
    return ", ".join(text[:-1]) + " and " + text[-1]


figure_series = {
    "dead_layer1": series([r["dead_layer1_mean"] for r in dying], ".0%"),
    "dead_layer2": series([r["dead_layer2_mean"] for r in dying], ".0%"),
    "r2": series([r["r2_mean"] for r in dying], ".2f"),
    "r2_spread": series([float(np.std(r["r2"])) for r in dying], ".3f"),
}

# %%
# A dead unit gets exactly zero gradient
# --------------------------------------
#
# For each network trained at learning rate 0.1, compute the gradient of the
# squared-error loss over the whole training set with the numpy backward pass, and
# compare dead with live units' incoming weights.
PROBE_RATE = 0.1
zero_gradient = {"dead_max_abs_gradient": [], "live_median_gradient_norm": [], "n_dead": []}
for seed in SEEDS:
    model = models[PROBE_RATE, seed]
    weights, biases = list(model.coefs_), list(model.intercepts_)
    zs, outputs = activations.forward(X, weights, biases, "relu")
    output_gradient = (outputs[-1] - y.reshape(-1, 1)) / N_POINTS
    weight_grads, bias_grads = activations.backward(zs, outputs, weights, output_gradient, "relu")
    largest_dead, live_norms, n_dead = 0.0, [], 0
    for layer, mask in enumerate(dead_units(weights, biases)):
        incoming = np.vstack([weight_grads[layer], bias_grads[layer]])  # one column per unit
        n_dead += int(mask.sum())
        if mask.any():
            largest_dead = max(largest_dead, float(np.abs(incoming[:, mask]).max()))
        live_norms += np.linalg.norm(incoming[:, ~mask], axis=0).tolist()
    zero_gradient["dead_max_abs_gradient"].append(largest_dead)
    zero_gradient["live_median_gradient_norm"].append(float(np.median(live_norms)))
    zero_gradient["n_dead"].append(n_dead)
n_dead_at_probe = sum(zero_gradient["n_dead"])
dead_max_abs_gradient = max(zero_gradient["dead_max_abs_gradient"])
live_median_gradient_norm = float(np.median(zero_gradient["live_median_gradient_norm"]))
print(f"learning rate {PROBE_RATE}: {n_dead_at_probe} dead units over {len(SEEDS)} seeds")
print(f"largest |gradient| on a dead unit's weights or bias: {dead_max_abs_gradient}")
print(f"median gradient norm of the live units: {live_median_gradient_norm:.2g}")

# %%
# Do they stay dead?
# ------------------
#
# Continue training the same networks for 50 more epochs with plain SGD (no
# momentum, no weight penalty, learning rate 0.01). A first-layer unit sees only the
# fixed inputs, so with zero gradient it cannot change; a second-layer unit's inputs
# change as layer 1 keeps learning, so it could come back.
CONTINUE_EPOCHS = 50
CONTINUE_RATE = 0.01
staying = {
    "dead_layer1": 0, "revived_layer1": 0, "max_weight_change_dead_layer1": 0.0,
    "dead_layer2": 0, "revived_layer2": 0, "median_weight_change_live": [],
}
for seed in SEEDS:
    model = models[PROBE_RATE, seed]
    before = dead_units(model.coefs_, model.intercepts_)
    first_layer_before = np.vstack([model.coefs_[0], model.intercepts_[0]])
    model.set_params(
        warm_start=True, solver="sgd", momentum=0.0,
        learning_rate_init=CONTINUE_RATE, max_iter=CONTINUE_EPOCHS,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, y)
    after = dead_units(model.coefs_, model.intercepts_)
    first_layer_after = np.vstack([model.coefs_[0], model.intercepts_[0]])
    change = np.abs(first_layer_after - first_layer_before).max(axis=0)  # per unit
    staying["dead_layer1"] += int(before[0].sum())
    staying["revived_layer1"] += int((before[0] & ~after[0]).sum())
    staying["dead_layer2"] += int(before[1].sum())
    staying["revived_layer2"] += int((before[1] & ~after[1]).sum())
    if before[0].any():
        largest = float(change[before[0]].max())
        staying["max_weight_change_dead_layer1"] = max(staying["max_weight_change_dead_layer1"], largest)
    staying["median_weight_change_live"].append(float(np.median(change[~before[0]])))
print(f"after {CONTINUE_EPOCHS} more epochs:")
print(f"  layer 1: {staying['revived_layer1']} of {staying['dead_layer1']} dead units revived, "
      f"largest weight change {staying['max_weight_change_dead_layer1']}")
print(f"  layer 2: {staying['revived_layer2']} of {staying['dead_layer2']} dead units revived")

# %%
# Verdicts
# --------
#
# From the measurements above: dead units get no gradient and stay dead, and the
# dead share rises with the learning rate.
DYING_RISE = 0.3  # the dead share must rise by 30 points or more above its value at 0.001
dead_share_rise = max(
    max(r[f"dead_layer{layer}_mean"] for r in dying) - dying[0][f"dead_layer{layer}_mean"]
    for layer in (1, 2)
)
stop_learning = (
    dead_max_abs_gradient == 0.0
    and staying["revived_layer1"] == 0
    and staying["max_weight_change_dead_layer1"] == 0.0
)
verdicts = {
    # "If too many neurons output zero (never activate), they might stop learning"
    "dead_relu_units_stop_learning": "confirmed" if stop_learning else "contradicted",
    # large learning rates kill units (the usual account of how units die)
    "high_learning_rate_kills_units": "confirmed" if dead_share_rise >= DYING_RISE else "contradicted",
}
print(verdicts)

plt.show()
