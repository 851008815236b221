# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
#   "scikit-learn==1.9.1",
# ]
# ///

"""
Softmax and sigmoid outputs as probabilities, and the gradients behind them
===========================================================================

The sigmoid squeezes one number into (0, 1); softmax turns a vector of scores
(logits) into positive numbers that sum to 1. We check both on many random inputs,
measure how the softmax's derivative (its Jacobian) shrinks as the logits grow and
what that does to the gradient with and without the cross-entropy loss, check that
the Jacobian's entries stay bounded, and follow that bound down a deep ReLU network.
Last, we look at which output function scikit-learn's ``MLPClassifier`` picks.
"""

# %%
# Softmax sums to one
# -------------------
#
# Softmax of 10 000 random logit vectors of 2 to 20 classes, with scales from 0.01
# to 1000: the sum is 1 by construction, so any deviation is rounding.
import matplotlib.pyplot as plt
import numpy as np

import activations

N_VECTORS = 10_000
rng = np.random.default_rng(0)
sum_deviation, smallest_p = 0.0, 1.0
for _ in range(N_VECTORS):
    n_classes = rng.integers(2, 21)
    logits = rng.normal(size=n_classes) * 10 ** rng.uniform(-2, 3)
    p = activations.softmax(logits)
    sum_deviation = max(sum_deviation, abs(p.sum() - 1))
    smallest_p = min(smallest_p, p.min())
softmax_max_sum_deviation = float(sum_deviation)
print(f"largest |sum(p) - 1| over {N_VECTORS} vectors: {softmax_max_sum_deviation:.1e}")
print(f"smallest probability seen: {smallest_p:.1e} (large logit gaps round small p to 0)")

# %%
# The sigmoid's range in floating point
# -------------------------------------
#
# On a fine grid of z in [-50, 50], with the usual formula 1 / (1 + exp(-z)), in
# 64-bit floating point. Exactly, σ(z) lies in the open interval (0, 1); in float64,
# 1 + exp(-z) is exactly 1 once exp(-z) < 2**-53, that is from z = 53 ln 2 on.
z = np.linspace(-50, 50, 100_001)
sigmoid = 1 / (1 + np.exp(-z))
sigmoid_min, sigmoid_max = float(sigmoid.min()), float(sigmoid.max())
sigmoid_rounds_to_one_from = float(z[np.argmax(sigmoid == 1.0)])
sigmoid_one_predicted_from = 53 * np.log(2)
# below that point the computed value must stay strictly inside (0, 1)
sigmoid_strictly_inside_below = bool(np.all((sigmoid[z < sigmoid_rounds_to_one_from] > 0) & (sigmoid[z < sigmoid_rounds_to_one_from] < 1)))
print(f"sigmoid on [-50, 50]: min {sigmoid_min:.2e}, max {sigmoid_max!r}")
print(f"in float64 it rounds to exactly 1.0 from z = {sigmoid_rounds_to_one_from:.2f} on "
      f"(53 ln 2 = {sigmoid_one_predicted_from:.2f})")

# %%
# Saturation
# ----------
#
# Scale random logits (10 classes) by 0.1 ... 100 and measure, per scale, the
# softmax Jacobian's spectral norm (its largest singular value: the most it can
# stretch a gradient passing through it) and the gradient reaching the logits in two
# set-ups: cross-entropy on softmax, whose gradient is p - y, and squared error on
# the probabilities, J^T (p - y). "Wrong" labels are the class the network finds
# least likely; "right" ones its top class.
N_CLASSES = 10
N_LOGIT_VECTORS = 500
SCALES = np.logspace(-1, 2, 31)
base_logits = rng.normal(size=(N_LOGIT_VECTORS, N_CLASSES))
wrong = np.eye(N_CLASSES)[np.argmin(base_logits, axis=1)]
right = np.eye(N_CLASSES)[np.argmax(base_logits, axis=1)]


def batch_jacobians(p):
    """diag(p) - p p^T for every row of p."""
    return np.einsum("ij,jk->ijk", p, np.eye(p.shape[1])) - np.einsum("ij,ik->ijk", p, p)


def median_norm(vectors):
    return float(np.median(np.linalg.norm(vectors, axis=-1)))


saturation = {"jacobian_norm": [], "ce_wrong": [], "ce_right": [], "squared_error_wrong": []}
for scale in SCALES:
    p = activations.softmax(scale * base_logits)
    jacobians = batch_jacobians(p)
    spectral_norms = np.linalg.norm(jacobians, ord=2, axis=(1, 2))
    saturation["jacobian_norm"].append(float(np.median(spectral_norms)))
    saturation["ce_wrong"].append(median_norm(p - wrong))
    saturation["ce_right"].append(median_norm(p - right))
    squared_error_gradient = np.einsum("ijk,ik->ij", jacobians, p - wrong)  # J^T (p - y)
    saturation["squared_error_wrong"].append(median_norm(squared_error_gradient))

saturation_table = [
    {
        "logit scale": f"{SCALES[i]:g}",
        "‖J‖₂ (spectral norm)": f"{saturation['jacobian_norm'][i]:.2g}",
        "‖p − y‖, wrong label": f"{saturation['ce_wrong'][i]:.2g}",
        "‖p − y‖, right label": f"{saturation['ce_right'][i]:.2g}",
        "‖Jᵀ(p − y)‖, wrong label": f"{saturation['squared_error_wrong'][i]:.2g}",
    }
    for i in (0, 10, 20, 30)
]
for row in saturation_table:
    print(" | ".join(f"{k}: {v}" for k, v in row.items()))

# %%
# A bounded derivative
# --------------------
#
# The largest Jacobian entry and spectral norm over every vector and scale above,
# plus two classes with equal logits, where p = (1/2, 1/2) reaches both bounds.
all_jacobians = [batch_jacobians(activations.softmax(s * base_logits)) for s in SCALES]
all_jacobians.append(batch_jacobians(activations.softmax(np.array([[3.0, 3.0]]))))
softmax_jacobian_max_entry = max(float(np.abs(j).max()) for j in all_jacobians)
softmax_jacobian_max_norm = max(
    float(np.linalg.norm(j, ord=2, axis=(1, 2)).max()) for j in all_jacobians
)
JACOBIAN_ENTRY_BOUND = 0.25  # p_i (1 - p_i) and p_i p_j are at most 1/4
JACOBIAN_NORM_BOUND = 0.5  # each eigenvalue is at most 2 p_i (1 - p_i) (Gershgorin)
print(f"largest |Jacobian entry| {softmax_jacobian_max_entry:.4f} (bound 1/4), "
      f"largest norm {softmax_jacobian_max_norm:.4f} (bound 1/2)")

# %%
# A deep network below the softmax
# --------------------------------
#
# Does a bounded output stop gradients from exploding below it? A deep ReLU network
# (8 hidden layers of 64 units) with softmax and cross-entropy on top, initialised
# with He's scale times a gain: the gradient reaching the logits stays bounded, the
# one reaching the first layer's weights does not.
DEPTH, WIDTH, N_INPUTS, N_SAMPLES = 8, 64, 20, 200
GAINS = (0.5, 0.75, 1.0, 1.5, 2.0)
X_deep = rng.normal(size=(N_SAMPLES, N_INPUTS))
y_deep = np.eye(N_CLASSES)[rng.integers(0, N_CLASSES, N_SAMPLES)]
layer_sizes = (N_INPUTS,) + (WIDTH,) * DEPTH + (N_CLASSES,)
deep = {"gains": list(GAINS), "logit_gradient": [], "first_layer_gradient": []}
for gain in GAINS:
    rng_init = np.random.default_rng(1)  # the same weights, up to the gain
    weights, biases = activations.init_network(layer_sizes, rng_init, init="he", gain=gain)
    zs, outputs = activations.forward(X_deep, weights, biases, "relu")
    p_minus_y = activations.softmax(outputs[-1]) - y_deep  # cross-entropy's gradient
    weight_grads, _ = activations.backward(zs, outputs, weights, p_minus_y / N_SAMPLES, "relu")
    per_sample = np.linalg.norm(p_minus_y, axis=1)
    deep["logit_gradient"].append(float(np.sqrt(np.mean(per_sample**2))))  # RMS over samples
    deep["first_layer_gradient"].append(float(np.linalg.norm(weight_grads[0])))
logit_gradient_range = [min(deep["logit_gradient"]), max(deep["logit_gradient"])]
gradient_at = dict(zip(GAINS, deep["first_layer_gradient"]))
first_layer_growth = gradient_at[2.0] / gradient_at[1.0]
for gain, out, first in zip(GAINS, deep["logit_gradient"], deep["first_layer_gradient"]):
    print(f"gain {gain}: gradient at the logits {out:.2f}, at the first layer {first:.3g}")

# %%
# Both measurements in one figure
# -------------------------------
#
# Left, saturation against the logits' scale; right, the deep network against the
# gain. Log scales, because the norms span many orders of magnitude.
fig, (ax_sat, ax_deep) = plt.subplots(1, 2, figsize=(9, 4))
curves = [
    ("jacobian_norm", "‖softmax Jacobian‖₂", "black", "-"),
    ("ce_wrong", "cross-entropy, wrong label", "tab:blue", "--"),
    ("ce_right", "cross-entropy, right label", "tab:green", "-."),
    ("squared_error_wrong", "squared error, wrong label", "tab:red", ":"),
]
for key, label, color, style in curves:
    ax_sat.loglog(SCALES, saturation[key], color=color, linestyle=style, linewidth=1.8, label=label)
ax_sat.set_ylim(1e-12, 10)
ax_sat.set_xlabel("scale of the logits")
ax_sat.set_ylabel("norm (median of 500 vectors)")
ax_sat.set_title("Saturation as the logits grow")
ax_sat.legend(fontsize=8, loc="lower left")

ax_deep.semilogy(
    GAINS, deep["first_layer_gradient"], marker="o", color="tab:red", label="first-layer weights"
)
ax_deep.semilogy(
    GAINS, deep["logit_gradient"], marker="s", linestyle="--", color="tab:blue",
    label="logits (p − y, per sample)",
)
ax_deep.set_xlabel("gain on He initialisation")
ax_deep.set_ylabel("gradient norm")
ax_deep.set_title(f"{DEPTH}-layer ReLU net, softmax on top")
ax_deep.legend(fontsize=8)
fig.tight_layout()

# %%
# scikit-learn's output function
# ------------------------------
#
# Which output function does MLPClassifier use? A binary problem, generated
# locally, and the three-class iris data.
from sklearn.datasets import load_iris, make_classification
from sklearn.neural_network import MLPClassifier

problems = {
    "binary": make_classification(n_samples=300, n_features=5, random_state=0),
    "multiclass": load_iris(return_X_y=True),
}
classifiers = {}
for name, (X_c, y_c) in problems.items():
    classifier = MLPClassifier(hidden_layer_sizes=(16,), max_iter=2000, random_state=0)
    probabilities = classifier.fit(X_c, y_c).predict_proba(X_c)
    classifiers[name] = {
        "out_activation": classifier.out_activation_,
        "proba_columns": probabilities.shape[1],
        "max_row_sum_deviation": float(np.abs(probabilities.sum(axis=1) - 1).max()),
    }
output_function_table = [
    {
        "problem": {"binary": "binary (2 classes)", "multiclass": "iris (3 classes)"}[name],
        "out_activation_": c["out_activation"],
        "predict_proba columns": str(c["proba_columns"]),
        "max |row sum − 1|": f"{c['max_row_sum_deviation']:.0e}",
    }
    for name, c in classifiers.items()
]
for row in output_function_table:
    print(" | ".join(f"{k}: {v}" for k, v in row.items()))

# %%
# Verdicts
# --------
#
# From the measurements above, each rule in one line.
SUM_TOLERANCE = 1e-12
SATURATED = 0.01  # Jacobian norm at the largest scale below 1% of its value at the smallest
GRADIENT_KEPT = 1.0  # ‖p − y‖ for a wrong label stays above 1 (its limit is √2)
EXPLODED = 100.0  # first-layer gradient grows more than 100× from gain 1 to gain 2
ROUNDING = 1e-12

jacobian_saturates = saturation["jacobian_norm"][-1] < SATURATED * saturation["jacobian_norm"][0]
cross_entropy_keeps_gradient = saturation["ce_wrong"][-1] > GRADIENT_KEPT
jacobian_bounded = (
    softmax_jacobian_max_entry <= JACOBIAN_ENTRY_BOUND + ROUNDING
    and softmax_jacobian_max_norm <= JACOBIAN_NORM_BOUND + ROUNDING
)
if not jacobian_saturates:
    prevents_vanishing = "confirmed"
else:
    prevents_vanishing = "nuanced" if cross_entropy_keeps_gradient else "contradicted"
if not jacobian_bounded:
    prevents_exploding = "contradicted"
else:
    prevents_exploding = "nuanced" if first_layer_growth > EXPLODED else "confirmed"
verdicts = {
    # "Softmax: ensures output neurons sum to 1"
    "softmax_sums_to_one": (
        "confirmed" if softmax_max_sum_deviation < SUM_TOLERANCE else "contradicted"
    ),
    # "Sigmoid: outputs values between 0 and 1": strictly inside wherever float64 can
    # tell σ(z) from 1
    "sigmoid_range": "confirmed" if sigmoid_strictly_inside_below else "contradicted",
    # 1.3 table: "Softmax | Prevents vanishing gradient? Yes (for classification tasks)"
    "softmax_prevents_vanishing": prevents_vanishing,
    # 1.3 table: "Softmax | Prevents exploding gradient? Yes"
    "softmax_prevents_exploding": prevents_exploding,
    # 1.2: "Activation functions regulate the gradient flow, ensuring the model learns
    # effectively without instability": they shape the gradient (bounded, saturating
    # Jacobian), but the deep network above still explodes with large initial weights
    "regulate_gradient_flow": (
        "nuanced" if jacobian_bounded and jacobian_saturates and first_layer_growth > EXPLODED
        else "confirmed" if jacobian_bounded and first_layer_growth <= EXPLODED
        else "contradicted"
    ),
}
print(verdicts)

plt.show()
