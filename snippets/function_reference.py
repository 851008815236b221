# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
# ]
# ///

"""
Every activation function, its derivative, range and mean, measured
===================================================================

For the eight element-wise functions in ``activations.py`` (identity, logistic
sigmoid, tanh, ReLU, Leaky ReLU, PReLU, ELU, GELU) and for softmax, we plot the
function and its derivative, then measure what a reference table usually states
from memory: the output range (on a wide grid of inputs), the mean output for
standard-normal inputs (is the function zero-centred?), the largest value of the
derivative, and how far each coded derivative is from a finite difference.
"""

# %%
# The functions and their ranges on paper
# ---------------------------------------
#
# The names scikit-learn uses, and the range each formula gives, to be checked
# against the computed outputs below.
import math

import matplotlib.pyplot as plt
import numpy as np

import activations

NAMES = {
    "identity": "identity",
    "logistic": "sigmoid (logistic)",
    "tanh": "tanh",
    "relu": "ReLU",
    "leaky_relu": f"Leaky ReLU (slope {activations.LEAKY_SLOPE})",
    "prelu": f"PReLU (slope {activations.PRELU_SLOPE})",
    "elu": f"ELU (α = {activations.ELU_ALPHA:g})",
    "gelu": "GELU (tanh approx.)",
}
# MLPRegressor / MLPClassifier accept only these four as `activation=`.
SKLEARN_NAME = {"identity": "identity", "logistic": "logistic", "tanh": "tanh", "relu": "relu"}

# The range each function's formula gives: (low, high, written as), with ±inf for unbounded.
GELU_MINIMUM = -0.16997  # x·Φ(x) is smallest at x ≈ -0.7518 (solve Φ(x) + x·φ(x) = 0)
ANALYTIC_RANGE = {
    "identity": (-np.inf, np.inf, "(−∞, ∞)"),
    "logistic": (0.0, 1.0, "(0, 1)"),
    "tanh": (-1.0, 1.0, "(−1, 1)"),
    "relu": (0.0, np.inf, "[0, ∞)"),
    "leaky_relu": (-np.inf, np.inf, "(−∞, ∞)"),
    "prelu": (-np.inf, np.inf, "(−∞, ∞)"),
    "elu": (-activations.ELU_ALPHA, np.inf, f"(−{activations.ELU_ALPHA:g}, ∞)"),
    "gelu": (GELU_MINIMUM, np.inf, "[≈ −0.170, ∞)"),
}

# %%
# Each function and its derivative
# --------------------------------
#
# On [-4, 4], function solid and derivative dashed: the derivative is what
# backpropagation multiplies the gradient by.
PLOT_Z = np.linspace(-4, 4, 401)

fig, axes = plt.subplots(2, 4, figsize=(9, 4.5), sharex=True, sharey=True)
for ax, (name, (f, df)) in zip(axes.flat, activations.ELEMENTWISE.items()):
    ax.axhline(0, color="grey", linewidth=0.6)
    ax.axvline(0, color="grey", linewidth=0.6)
    ax.plot(PLOT_Z, f(PLOT_Z), color="tab:blue", linewidth=2, label="f(z)")
    ax.plot(PLOT_Z, df(PLOT_Z), color="tab:orange", linestyle="--", linewidth=2, label="f′(z)")
    ax.set_title(NAMES[name], fontsize=9)
    ax.set_ylim(-1.6, 2.6)
    ax.grid(True, alpha=0.3)
for ax in axes[1]:
    ax.set_xlabel("z")
for ax in axes[:, 0]:
    ax.set_ylabel("value")
axes[0, 0].legend(loc="upper left", fontsize=8)
fig.suptitle("Element-wise activation functions (solid) and their derivatives (dashed)")
fig.tight_layout()

# What the panels show, for the alt text: the functions whose derivative is a step
# between two values, and where the others' derivatives start and end.
step_derivative = {}
for name, (_, df) in activations.ELEMENTWISE.items():
    levels = np.unique(df(PLOT_Z))
    if levels.size == 2:
        step_derivative[name] = [float(levels[0]), float(levels[1])]
slope_at_plot_ends = {name: [float(df(PLOT_Z[0])), float(df(PLOT_Z[-1]))] for name, (_, df) in activations.ELEMENTWISE.items()}

# %%
# Output range
# ------------
#
# The smallest and largest output on a wide, fine grid of inputs. A finite bound is confirmed when the smallest (largest) output lies within
# RANGE_TOLERANCE of it, an infinite bound when the output has not levelled off at
# that end of the grid (it still changes by UNBOUNDED_SLOPE or more over the last
# unit of input).
RANGE_Z = np.linspace(-50, 50, 100_001)
RANGE_TOLERANCE = 1e-3
UNBOUNDED_SLOPE = 1e-3
_last_unit = int(round(1 / (RANGE_Z[1] - RANGE_Z[0])))  # grid points per unit of input

measured_range = {}
range_matches = {}
for name, (f, _) in activations.ELEMENTWISE.items():
    out = f(RANGE_Z)
    low, high, _ = ANALYTIC_RANGE[name]
    lo, hi = float(out.min()), float(out.max())
    slope_at_low_end = float(out[_last_unit] - out[0])  # > 0: still falling towards −50
    slope_at_high_end = float(out[-1] - out[-1 - _last_unit])  # > 0: still rising towards +50
    if np.isinf(low):
        low_ok = slope_at_low_end >= UNBOUNDED_SLOPE
    else:
        low_ok = abs(lo - low) <= RANGE_TOLERANCE
    if np.isinf(high):
        high_ok = slope_at_high_end >= UNBOUNDED_SLOPE
    else:
        high_ok = abs(hi - high) <= RANGE_TOLERANCE
    measured_range[name] = {"min": lo, "max": hi, "slope_at_low_end": slope_at_low_end, "slope_at_high_end": slope_at_high_end}
    range_matches[name] = bool(low_ok and high_ok)

# The sigmoid's range (0, 1) is open, but float64 reaches both ends: where does the
# computed value become exactly 0 and 1, and is it strictly inside in between? The
# usual formula 1 / (1 + exp(-z)) for comparison, on the same grid.
_sigmoid = activations.logistic(RANGE_Z)
_inside = (RANGE_Z > RANGE_Z[_sigmoid == 0].max()) & (RANGE_Z < RANGE_Z[_sigmoid == 1].min())
logistic_rounding = {
    "zero_up_to": float(RANGE_Z[_sigmoid == 0].max()),
    "one_from": float(RANGE_Z[_sigmoid == 1].min()),
    "strictly_inside_between": bool(np.all((_sigmoid[_inside] > 0) & (_sigmoid[_inside] < 1))),
    "usual_formula_min": float((1 / (1 + np.exp(-RANGE_Z))).min()),
}

# %%
# Zero-centred?
# -------------
#
# The mean output for standard-normal inputs, for five seeds of 200,000 samples
# each. A function counts as zero-centred when the mean is within
# ZERO_CENTRED_TOLERANCE of 0 for every seed.
SEEDS = (0, 1, 2, 3, 4)
N_SAMPLES = 200_000
ZERO_CENTRED_TOLERANCE = 0.05

mean_output_by_seed = {name: [] for name in activations.ELEMENTWISE}
for seed in SEEDS:
    _normal_inputs = np.random.default_rng(seed).standard_normal(N_SAMPLES)
    for name, (f, _) in activations.ELEMENTWISE.items():
        mean_output_by_seed[name].append(float(f(_normal_inputs).mean()))
mean_output = {name: float(np.mean(means)) for name, means in mean_output_by_seed.items()}
zero_centred = {
    name: all(abs(mean) < ZERO_CENTRED_TOLERANCE for mean in means) for name, means in mean_output_by_seed.items()
}

# %%
# Largest slope, and the derivatives checked
# ------------------------------------------
#
# The largest value each derivative takes; whether it falls steadily on both sides
# of zero (the functions that flatten out); and each coded derivative against a
# central finite difference, away from the kink at 0 that ReLU-like functions have.
FD_STEP = 1e-6
FD_Z = np.linspace(-4, 4, 801)
FD_Z = FD_Z[np.abs(FD_Z) > 1e-3]

SLOPE_Z = np.linspace(0, 10, 10_001)

max_derivative = {name: float(df(RANGE_Z).max()) for name, (_, df) in activations.ELEMENTWISE.items()}
slope_falls_away_from_zero = {
    name: bool(np.all(np.diff(df(SLOPE_Z)) < 0) and np.all(np.diff(df(-SLOPE_Z)) < 0))
    for name, (_, df) in activations.ELEMENTWISE.items()
}
derivative_error = {}
finite_difference_rounding = {}  # the rounding error of the difference itself: eps · max|f| / h
for name, (f, df) in activations.ELEMENTWISE.items():
    numeric = (f(FD_Z + FD_STEP) - f(FD_Z - FD_STEP)) / (2 * FD_STEP)
    derivative_error[name] = float(np.max(np.abs(numeric - df(FD_Z))))
    finite_difference_rounding[name] = float(np.finfo(float).eps * np.max(np.abs(f(FD_Z))) / FD_STEP)

# %%
# GELU, exact and approximated
# ----------------------------
#
# activations.py uses the tanh approximation; compare it with the exact x·Φ(x),
# where Φ is the standard normal CDF (math.erf, element by element), and find where
# each one's slope peaks. The exact slope Φ(x) + x·φ(x) has derivative φ(x)(2 − x²).
GELU_Z = np.linspace(-6, 6, 2001)
gelu_exact = np.array([x * 0.5 * (1 + math.erf(x / math.sqrt(2))) for x in GELU_Z])
gelu_approximation_error = float(np.max(np.abs(activations.gelu(GELU_Z) - gelu_exact)))
gelu_exact_minimum = float(gelu_exact.min())
gelu_exact_minimum_at = float(GELU_Z[np.argmax(gelu_exact == gelu_exact.min())])

GELU_SLOPE_Z = np.linspace(0, 3, 30_001)
_exact_slope = np.array(
    [0.5 * (1 + math.erf(x / math.sqrt(2))) + x * math.exp(-x * x / 2) / math.sqrt(2 * math.pi) for x in GELU_SLOPE_Z]
)
_approximate_slope = activations.d_gelu(GELU_SLOPE_Z)
gelu_max_slope = {
    "exact": {"at": float(GELU_SLOPE_Z[_exact_slope.argmax()]), "value": float(_exact_slope.max())},
    "tanh_approximation": {"at": float(GELU_SLOPE_Z[_approximate_slope.argmax()]), "value": float(_approximate_slope.max())},
}

# %%
# Softmax, drawn
# --------------
#
# Softmax is vector-valued. Left: softmax of the two logits [z, 0] is the sigmoid
# of z. Right: three logits [z, 1, −1] as z varies; the probabilities always sum
# to 1.
SOFTMAX_Z = np.linspace(-6, 6, 241)
two_logits = np.stack([SOFTMAX_Z, np.zeros_like(SOFTMAX_Z)], axis=1)
p_two = activations.softmax(two_logits)[:, 0]
softmax_equals_sigmoid_error = float(np.max(np.abs(p_two - activations.logistic(SOFTMAX_Z))))

OTHER_LOGITS = (1.0, -1.0)
three_logits = np.column_stack([SOFTMAX_Z, np.full_like(SOFTMAX_Z, OTHER_LOGITS[0]), np.full_like(SOFTMAX_Z, OTHER_LOGITS[1])])
p_three = activations.softmax(three_logits)
softmax_sum_error = float(np.max(np.abs(p_three.sum(axis=1) - 1)))
three_logits_trend = {  # what the right panel shows, for its alt text
    "first_from": float(p_three[0, 0]),
    "first_to": float(p_three[-1, 0]),
    "first_rises": bool(np.all(np.diff(p_three[:, 0]) > 0)),
    "others_fall": bool(np.all(np.diff(p_three[:, 1:], axis=0) < 0)),
}

fig, (left, right) = plt.subplots(1, 2, figsize=(9, 4))
left.plot(SOFTMAX_Z, p_two, color="tab:blue", linewidth=3, label="softmax([z, 0])₁")
left.plot(SOFTMAX_Z, activations.logistic(SOFTMAX_Z), color="tab:orange", linestyle="--", linewidth=2, label="σ(z)")
left.set_xlabel("z")
left.set_ylabel("probability")
left.set_title("Two logits: softmax is the sigmoid")
left.legend(loc="upper left")
left.grid(True, alpha=0.3)
styles = [("tab:blue", "-"), ("tab:orange", "--"), ("tab:green", ":")]
labels = ["p₁ (logit z)", f"p₂ (logit {OTHER_LOGITS[0]:g})", f"p₃ (logit {OTHER_LOGITS[1]:g})"]
for k, ((color, style), label) in enumerate(zip(styles, labels)):
    right.plot(SOFTMAX_Z, p_three[:, k], color=color, linestyle=style, linewidth=2, label=label)
right.plot(SOFTMAX_Z, p_three.sum(axis=1), color="black", linestyle="-.", linewidth=1, label="p₁ + p₂ + p₃")
right.set_xlabel("z (the first logit)")
right.set_title("Three logits: probabilities sum to 1")
right.legend(loc="center left", fontsize=8)
right.grid(True, alpha=0.3)
fig.tight_layout()

# %%
# Softmax, measured
# -----------------
#
# Measured like the others: range, mean output for three standard-normal logits,
# its Jacobian against finite differences, and the Jacobian's largest entry. Its
# outputs lie in (0, 1) in exact arithmetic; for the two logits [z, 0], find where
# float64 makes them exactly 1 and exactly 0.
SOFTMAX_CLASSES = 3
rng = np.random.default_rng(0)
_logit_samples = rng.standard_normal((N_SAMPLES, SOFTMAX_CLASSES))
_p = activations.softmax(_logit_samples)
softmax_measured = {
    "min": float(_p.min()),
    "max": float(_p.max()),
    "mean_output": float(_p.mean()),
}

jacobian_errors, jacobian_max = [], []
for z in rng.normal(0, 2, size=(200, SOFTMAX_CLASSES)):
    numeric = np.column_stack(
        [
            (activations.softmax(z + FD_STEP * e) - activations.softmax(z - FD_STEP * e)) / (2 * FD_STEP)
            for e in np.eye(SOFTMAX_CLASSES)
        ]
    )
    jacobian = activations.softmax_jacobian(z)
    jacobian_errors.append(np.max(np.abs(numeric - jacobian)))
    jacobian_max.append(jacobian.max())
# the largest entry, p(1 − p) = 1/4, needs one logit's probability at 1/2:
jacobian_max.append(activations.softmax_jacobian(np.array([0.0, -np.log(2), -np.log(2)])).max())
softmax_measured["jacobian_error"] = float(max(jacobian_errors))
softmax_measured["max_jacobian_entry"] = float(max(jacobian_max))

GAP_Z = np.linspace(0, 800, 80_001)
_p_gap = activations.softmax(np.column_stack([GAP_Z, np.zeros_like(GAP_Z)]))
softmax_rounding = {
    "one_from": float(GAP_Z[np.argmax(_p_gap[:, 0] == 1)]),  # the larger logit's probability is 1.0
    "zero_from": float(GAP_Z[np.argmax(_p_gap[:, 1] == 0)]),  # the smaller one's is 0.0
}

# %%
# The reference table
# -------------------
#
# Everything above in one row per function, formatted for the page.
reference_table = [
    {
        "function": NAMES[name],
        "sklearn `activation=`": f"`{SKLEARN_NAME[name]}`" if name in SKLEARN_NAME else "—",
        "output range": ANALYTIC_RANGE[name][2] + ("" if range_matches[name] else " (mismatch!)"),
        "mean on N(0, 1)": f"{mean_output[name]:+.3f}",
        "zero-centred?": "yes" if zero_centred[name] else "no",
        "max slope": f"{max_derivative[name]:.3f}",
    }
    for name in activations.ELEMENTWISE
]
reference_table.append(
    {
        "function": "softmax (3 logits)",
        "sklearn `activation=`": "— (output layer)",
        "output range": "(0, 1), sums to 1",
        "mean on N(0, 1)": f"{softmax_measured['mean_output']:+.3f}",
        "zero-centred?": "no",
        "max slope": f"{softmax_measured['max_jacobian_entry']:.3f}",
    }
)
derivative_check_table = [
    {
        "function": NAMES[name],
        "max |coded f′ − finite difference|": f"{error:.1e}",
        "rounding, ε·max|f|/h": f"{finite_difference_rounding[name]:.1e}",
    }
    for name, error in derivative_error.items()
]
derivative_check_table.append(
    {
        "function": "softmax (Jacobian, 3 logits)",
        "max |coded f′ − finite difference|": f"{softmax_measured['jacobian_error']:.1e}",
        "rounding, ε·max|f|/h": f"{np.finfo(float).eps / FD_STEP:.1e}",  # probabilities are at most 1
    }
)

# %%
# Verdicts on the article's table
# -------------------------------
#
# The article's "ReLU vs. Others" table states an output range for four functions,
# and (as we read its damaged marks) that ReLU and Leaky ReLU have a non-zero mean
# and sigmoid and tanh do not. Check both columns against the measurements.
TABLE_FUNCTIONS = {"relu": "relu", "sigmoid": "logistic", "tanh": "tanh", "leaky_relu": "leaky_relu"}
ARTICLE_NONZERO_MEAN = {"relu": True, "sigmoid": False, "tanh": False, "leaky_relu": True}
verdicts = {}
for short, name in TABLE_FUNCTIONS.items():
    verdicts[f"{short}_range"] = "confirmed" if range_matches[name] else "contradicted"
    verdicts[f"{short}_nonzero_mean"] = "confirmed" if (not zero_centred[name]) == ARTICLE_NONZERO_MEAN[short] else "contradicted"

for row in reference_table:
    print(" | ".join(row.values()))
print()
for row in derivative_check_table:
    print(" | ".join(row.values()))
print(f"\nGELU: max |tanh approximation − x·Φ(x)| = {gelu_approximation_error:.1e} on [−6, 6]")
print(f"softmax([z, 0]) vs sigmoid(z): max difference {softmax_equals_sigmoid_error:.1e}")
print("verdicts:", verdicts)

plt.show()
