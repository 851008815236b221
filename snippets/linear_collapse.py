# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
#   "scikit-learn==1.9.1",
# ]
# ///

"""
Linear collapse: without an activation, depth adds nothing
==========================================================

Networks with 1, 2 and 5 hidden layers of 64 units and no activation
(``activation="identity"``) learn y = sin(x) on [-2π, 2π]. We multiply each
trained network's weight matrices and bias vectors into a single slope and
intercept, check that this one affine map reproduces ``predict()``, and compare
every network with ordinary least squares, the best straight line. The same
shapes with ReLU, trained the same way, fit the sine.
"""

# %%
# Data and settings
# -----------------
#
# Two periods of a sine, on [-2π, 2π]: a curve no straight line can follow, so a
# network that is secretly linear shows at once.
import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LinearRegression
from sklearn.metrics import r2_score
from sklearn.neural_network import MLPRegressor

N_POINTS = 1000
WIDTH = 64
DEPTHS = (1, 2, 5)  # hidden layers
SEEDS = (0, 1, 2, 3, 4)
BATCH_SIZE = 32
LEARNING_RATE = 3e-3
MAX_ITER = 2000  # an upper bound; training stops earlier once the loss stops improving
COLLAPSE_TOL = 1e-9  # largest allowed |one affine map - predict()|
R2_MATCH = 0.01  # "equal to least squares" means within this much R²
R2_FITS = 0.99  # "fits the sine" means an R² above this

x = np.linspace(-2 * np.pi, 2 * np.pi, N_POINTS)
X = x.reshape(-1, 1)
y = np.sin(x)


def train(activation, depth, seed, solver="adam"):
    """One network of ``depth`` hidden layers of WIDTH units."""
    if solver == "adam":
        settings = dict(solver="adam", batch_size=BATCH_SIZE, learning_rate_init=LEARNING_RATE, max_iter=MAX_ITER)
    else:
        settings = dict(solver="lbfgs", max_iter=MAX_ITER)
    model = MLPRegressor(
        hidden_layer_sizes=(WIDTH,) * depth, activation=activation, random_state=seed, **settings
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(X, y)


# %%
# The best straight line
# ----------------------
#
# Ordinary least squares: the score no linear model can beat.
ols = LinearRegression().fit(X, y)
ols_r2 = r2_score(y, ols.predict(X))
ols_slope, ols_intercept = float(ols.coef_[0]), float(ols.intercept_)
print(f"least squares: y = {ols_slope:.4f} x + {ols_intercept:.4f}, R² = {ols_r2:.4f}")

# %%
# Multiply the layers into one
# ----------------------------
#
# Layer k computes ``h @ W_k + b_k``. Two layers in a row give
# ``(h @ W_1 + b_1) @ W_2 + b_2 = h @ (W_1 @ W_2) + (b_1 @ W_2 + b_2)``, so any
# number of them is one matrix ``W`` and one vector ``b``. With one input and one
# output here, ``W`` is a 1 × 1 matrix (a slope) and ``b`` one number (an intercept).


def collapse(model):
    W = np.eye(model.coefs_[0].shape[0])
    b = np.zeros(model.coefs_[0].shape[0])
    for W_k, b_k in zip(model.coefs_, model.intercepts_):
        W, b = W @ W_k, b @ W_k + b_k
    return W, b


# %%
# Train every shape
# -----------------
#
# Without an activation (Adam, and L-BFGS run to its optimum) and with ReLU (Adam,
# same settings); collapse the linear ones and check the one map against predict().
r2 = {"identity_adam": {}, "identity_lbfgs": {}, "relu_adam": {}}
collapse_error = {}  # largest |collapsed map - predict()| over the 1000 points
slopes = {}  # the collapsed slope of each L-BFGS network
models = {}
for depth in DEPTHS:
    key = f"depth{depth}"
    for name in r2:
        r2[name][key] = []
    collapse_error[key], slopes[key] = [], []
    for seed in SEEDS:
        for name, activation, solver in [
            ("identity_adam", "identity", "adam"),
            ("identity_lbfgs", "identity", "lbfgs"),
            ("relu_adam", "relu", "adam"),
        ]:
            model = train(activation, depth, seed, solver)
            prediction = model.predict(X)
            r2[name][key].append(r2_score(y, prediction))
            models[name, depth, seed] = model
            if activation == "identity":
                W, b = collapse(model)
                collapse_error[key].append(float(np.max(np.abs(X @ W + b - prediction.reshape(-1, 1)))))
                if solver == "lbfgs":
                    slopes[key].append(float(W[0, 0]))

max_collapse_error = max(max(errors) for errors in collapse_error.values())
best_linear_r2 = max(max(r2[name][key]) for name in ("identity_adam", "identity_lbfgs") for key in r2[name])
best_adam_linear_r2 = max(max(runs) for runs in r2["identity_adam"].values())
largest_gap_to_ols_lbfgs = max(abs(v - ols_r2) for runs in r2["identity_lbfgs"].values() for v in runs)
worst_relu_r2 = min(min(runs) for runs in r2["relu_adam"].values())
print(f"largest |one affine map - predict()| over all linear networks: {max_collapse_error:.1e}")
print(f"best R² of any network without activation: {best_linear_r2:.4f} (least squares: {ols_r2:.4f})")
print(f"worst R² with ReLU: {worst_relu_r2:.4f}")

# %%
# The fits, drawn
# ---------------
#
# The first seed's networks: every depth without activation is one straight line.
fig, (ax_linear, ax_relu) = plt.subplots(1, 2, figsize=(9, 4), sharey=True)
styles = {1: "--", 2: ":", 5: "-."}
colors = {1: "tab:red", 2: "tab:orange", 5: "tab:purple"}
for ax in (ax_linear, ax_relu):
    ax.plot(x, y, color="black", linewidth=2.5, label="sin(x)")
    ax.set_xlabel("x")
    ax.grid(True, alpha=0.3)
ax_linear.plot(x, ols.predict(X), color="tab:gray", linewidth=6, alpha=0.5, label="least squares")
for depth in DEPTHS:
    ax_linear.plot(
        x, models["identity_adam", depth, SEEDS[0]].predict(X), color=colors[depth], linestyle=styles[depth],
        linewidth=2, label=f"{depth} hidden layer{'s' * (depth > 1)}",
    )
    ax_relu.plot(
        x, models["relu_adam", depth, SEEDS[0]].predict(X), color=colors[depth], linestyle=styles[depth],
        linewidth=2, label=f"{depth} hidden layer{'s' * (depth > 1)}",
    )
ax_linear.set_ylabel("y")
ax_linear.set_title("No activation")
ax_relu.set_title("ReLU")
ax_linear.set_ylim(-2.0, 1.2)  # room for the legends below the curves
ax_linear.legend(loc="lower center", fontsize="small", ncol=2)
ax_relu.legend(loc="lower center", fontsize="small", ncol=2)
fig.tight_layout()

# %%
# R² by depth
# -----------
#
# Mean ± sd over the seeds, beside least squares, so depth's lack of effect shows.
collapse_table = [
    {
        "hidden layers": str(depth),
        "no activation, Adam": f"{np.mean(r2['identity_adam'][key]):.4f} ± {np.std(r2['identity_adam'][key]):.4f}",
        "no activation, L-BFGS": f"{np.mean(r2['identity_lbfgs'][key]):.4f} ± {np.std(r2['identity_lbfgs'][key]):.4f}",
        "ReLU, Adam": f"{np.mean(r2['relu_adam'][key]):.4f} ± {np.std(r2['relu_adam'][key]):.4f}",
        "max |collapsed − predict()|": f"{max(collapse_error[key]):.0e}",
    }
    for depth in DEPTHS
    for key in [f"depth{depth}"]
]
for row in collapse_table:
    print(" | ".join(f"{k}: {v}" for k, v in row.items()))

# %%
# Verdicts
# --------
#
# On the article's claims, from the numbers above.
verdicts = {
    # "several weight matrices multiplication is still a weight matrix"
    "linear_layers_collapse": "confirmed" if max_collapse_error < COLLAPSE_TOL else "contradicted",
    # "regardless of how many layers it has, would essentially behave like a linear model"
    "no_activation_only_linear": (
        "confirmed"
        if best_linear_r2 <= ols_r2 + COLLAPSE_TOL and largest_gap_to_ols_lbfgs < R2_MATCH
        else "contradicted"
    ),
    # "introduces non-linearity, which allows the network to learn complex patterns"
    "relu_breaks_linearity": "confirmed" if worst_relu_r2 > R2_FITS else "contradicted",
}
print(verdicts)

plt.show()
