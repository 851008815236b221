# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "numpy==2.4.6",
#   "scikit-learn==1.9.1",
# ]
# ///

"""
The numpy network computes what scikit-learn's MLPRegressor computes
=====================================================================

Some experiments on this site use scikit-learn's ``MLPRegressor``; others need
activation functions it does not offer and use the few numpy lines in
``activations.py`` instead. To show the two are the same network, we train an
``MLPRegressor`` for each activation scikit-learn offers, copy its fitted weights
(``coefs_``) and biases (``intercepts_``) into ``activations.forward``, and compare
the outputs with ``predict()``.
"""

# %%
# A small regression problem
# --------------------------
#
# 300 points, 3 features, a non-linear target: enough for every activation to learn
# weights that are far from their initial values.
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPRegressor

import activations

N_SAMPLES = 300
N_FEATURES = 3
HIDDEN_LAYERS = (16, 16)
EPOCHS = 200
ACTIVATIONS = ("identity", "logistic", "tanh", "relu")
TOLERANCE = 1e-10  # "the same network": outputs agree to this, i.e. up to rounding

rng = np.random.default_rng(0)
X = rng.uniform(-2, 2, size=(N_SAMPLES, N_FEATURES))
y = np.sin(X[:, 0]) + X[:, 1] * X[:, 2]

# %%
# Compare the two forward passes
# ------------------------------
#
# Fit each network, then run the numpy forward pass with its fitted weights; the
# training quality does not matter, only that both compute the same numbers.
max_abs_difference = {}
max_abs_output = {}
for activation in ACTIVATIONS:
    model = MLPRegressor(
        hidden_layer_sizes=HIDDEN_LAYERS,
        activation=activation,
        solver="adam",
        max_iter=EPOCHS,
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # training quality is not the point here
        model.fit(X, y)
    _, layer_outputs = activations.forward(X, model.coefs_, model.intercepts_, activation)
    ours = layer_outputs[-1].ravel()
    theirs = model.predict(X)
    max_abs_difference[activation] = float(np.max(np.abs(ours - theirs)))
    max_abs_output[activation] = float(np.max(np.abs(theirs)))

same_network = {activation: diff < TOLERANCE for activation, diff in max_abs_difference.items()}

comparison_table = [
    {
        "activation=": f"`{activation}`",
        "largest |predict()|": f"{max_abs_output[activation]:.2f}",
        "max |numpy − predict()|": f"{max_abs_difference[activation]:.1e}",
        "same network?": "yes" if same_network[activation] else "no",
    }
    for activation in ACTIVATIONS
]
for row in comparison_table:
    print(" | ".join(row.values()))
