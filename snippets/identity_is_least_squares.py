# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
#   "scikit-learn==1.9.1",
# ]
# ///

"""
A network without activation is a linear regression
====================================================

Model B of the previous example (two hidden layers of 64 units, no activation)
can only compute an affine function of x: each layer multiplies by a matrix and
adds a vector, and a product of such maps is one such map. For six seeds we
multiply its fitted weights into a single slope and intercept, check that they
reproduce ``predict()``, and compare the network with ordinary least squares.
"""

# %%
# Fit Model B at the article's settings, and the least-squares line
# -----------------------------------------------------------------
#
# The article's settings as in the previous example: batches of 32, learning rate
# 0.001, exactly 100 epochs. The least-squares line is the best any straight line can do.
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
BATCH_SIZE = 32
LEARNING_RATE = 1e-3
EPOCHS = 100  # every one of them: n_iter_no_change=EPOCHS switches the stopping rule off
SEEDS = (0, 1, 2, 3, 4, 5)

x = np.linspace(-2 * np.pi, 2 * np.pi, N_POINTS)
X = x.reshape(-1, 1)
y = np.sin(x)


def fit_model_b(seed):
    model = MLPRegressor(
        hidden_layer_sizes=HIDDEN_LAYERS, activation="identity", solver="adam", batch_size=BATCH_SIZE,
        learning_rate_init=LEARNING_RATE, max_iter=EPOCHS, n_iter_no_change=EPOCHS, random_state=seed,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # it warns whenever max_iter is reached
        return model.fit(X, y)


networks = [fit_model_b(seed) for seed in SEEDS]
ols = LinearRegression().fit(X, y)

# %%
# Collapse the layers into one affine map
# ---------------------------------------
#
# ``x W1 + b1``, then ``(.) W2 + b2``, then ``(.) W3 + b3`` is ``x W + b`` with
# ``W = W1 W2 W3`` and ``b = (b1 W2 + b2) W3 + b3``: one slope and one intercept here.


def collapse(network):
    W, b = np.eye(1), np.zeros(1)
    for weights, intercept in zip(network.coefs_, network.intercepts_):
        W, b = W @ weights, b @ weights + intercept
    return W, b


collapse_errors, network_slopes, network_r2_by_seed = [], [], []
for network in networks:
    W, b = collapse(network)
    collapse_errors.append(float(np.max(np.abs((X @ W + b).ravel() - network.predict(X)))))
    network_slopes.append(float(W[0, 0]))
    network_r2_by_seed.append(float(r2_score(y, network.predict(X))))
max_collapse_error = max(collapse_errors)
network_slope = float(np.median(network_slopes))
network_slope_range = (min(network_slopes), max(network_slopes))
network_r2 = float(np.median(network_r2_by_seed))
ols_slope, ols_intercept = float(ols.coef_[0]), float(ols.intercept_)
ols_r2 = float(r2_score(y, ols.predict(X)))
ols_mse = float(mean_squared_error(y, ols.predict(X)))
shortfall = np.subtract(ols_r2, network_r2_by_seed)  # how far each network stays below the best line
shortfall_interval = activations.median_interval(shortfall)

# %%
# Judge the article's claims
# --------------------------
#
# The article: "it can only form a straight or very shallow curve". One map must match
# predict() to rounding error; "fits like least squares" means never above the line's
# R² and, in the median, less than NEAR_OLS_R2 below it.
COLLAPSE_TOLERANCE = 1e-9
NEAR_OLS_R2 = 0.02
never_above_ols = bool(min(shortfall) >= 0)
verdicts = {
    "no_activation_is_one_linear_map": "confirmed" if max_collapse_error < COLLAPSE_TOLERANCE else "contradicted",
    "no_activation_fits_like_least_squares": (
        activations.verdict(shortfall_interval, NEAR_OLS_R2, claim="below") if never_above_ols else "contradicted"
    ),
}
print(f"collapsed map vs predict(): largest difference {max_collapse_error:.1e}")
print("network slopes {:+.4f} to {:+.4f}, median R² {:.4f}".format(*network_slope_range, network_r2))
print(f"least squares: y = {ols_slope:+.4f} x {ols_intercept:+.4f}, R² = {ols_r2:.4f}")
print(verdicts)

# %%
# Plot the network's line against least squares
# ---------------------------------------------
#
# A shallow negative slope, not a flat line: on [-2π, 2π] sin(x) leans down on
# average (its covariance with x is negative).
fig, ax = plt.subplots(figsize=(8, 4))
ax.plot(x, y, color="black", linewidth=3, label="true function sin(x)")
ax.plot(x, networks[0].predict(X), color="tab:red", linewidth=2, label="network without activation, first seed")
ax.plot(x, ols.predict(X), color="tab:green", linestyle=":", linewidth=3, label="ordinary least squares")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.grid(True, alpha=0.3)
ax.legend(loc="lower left", fontsize=9)

plt.show()
