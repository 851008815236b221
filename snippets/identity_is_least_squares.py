"""
A network without activation is a linear regression
====================================================

Model B of the previous example (two hidden layers of 64 units, no activation)
can only compute an affine function of x: each layer multiplies by a matrix and
adds a vector, and a product of such maps is one such map. We multiply its
fitted weights into a single slope and intercept, check that they reproduce
``predict()``, and compare the network with ordinary least squares.
"""

# %%
# Fit Model B exactly as in the article (100 epochs, default batch) and fit OLS.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.metrics import r2_score
from sklearn.neural_network import MLPRegressor

N_POINTS = 1000
HIDDEN_LAYERS = (64, 64)
EPOCHS = 100
SEED = 0

x = np.linspace(-2 * np.pi, 2 * np.pi, N_POINTS)
X = x.reshape(-1, 1)
y = np.sin(x)

network = MLPRegressor(
    hidden_layer_sizes=HIDDEN_LAYERS, activation="identity", solver="adam", max_iter=EPOCHS, random_state=SEED
).fit(X, y)
ols = LinearRegression().fit(X, y)

# %%
# Collapse the layers: x W1 + b1, then (.) W2 + b2, then (.) W3 + b3 is x W + b.
W = np.eye(1)
b = np.zeros(1)
for weights, intercept in zip(network.coefs_, network.intercepts_):
    W = W @ weights
    b = b @ weights + intercept

collapsed_prediction = (X @ W + b).ravel()
max_collapse_error = float(np.max(np.abs(collapsed_prediction - network.predict(X))))
network_slope, network_intercept = float(W[0, 0]), float(b[0])
ols_slope, ols_intercept = float(ols.coef_[0]), float(ols.intercept_)
network_r2 = r2_score(y, network.predict(X))
ols_r2 = r2_score(y, ols.predict(X))
ols_mse = float(np.mean((y - ols.predict(X)) ** 2))
COLLAPSE_TOLERANCE = 1e-9
OLS_TOLERANCE = 0.01
# The article: "it can only form a straight or very shallow curve".
verdicts = {
    "no_activation_is_one_linear_map": "confirmed" if max_collapse_error < COLLAPSE_TOLERANCE else "contradicted",
    "no_activation_fits_like_least_squares": "confirmed" if abs(network_r2 - ols_r2) < OLS_TOLERANCE else "nuanced",
}
print(f"collapsed map vs predict(): max difference {max_collapse_error:.1e}")
print(f"network: y = {network_slope:+.4f} x {network_intercept:+.4f}, R² = {network_r2:.4f}")
print(f"OLS:     y = {ols_slope:+.4f} x {ols_intercept:+.4f}, R² = {ols_r2:.4f}")

# %%
# The fitted line: a shallow negative slope, because on [-2π, 2π] sin(x) leans
# down on average (its covariance with x is negative), not a flat line.
fig, ax = plt.subplots(figsize=(8, 4))
ax.plot(x, y, color="black", linewidth=3, label="true function sin(x)")
ax.plot(x, network.predict(X), color="tab:red", linewidth=2, label="network without activation")
ax.plot(x, ols.predict(X), color="tab:green", linestyle=":", linewidth=3, label="ordinary least squares")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.grid(True, alpha=0.3)
ax.legend(loc="lower left", fontsize=9)

plt.show()
