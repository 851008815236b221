# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
# ]
# ///

"""
Gradient flow through depth: Glorot vs. He initialisation
=========================================================

Deep fully connected networks (10 and 20 hidden layers of 64 units) are
initialised with Glorot's or He's rule and run forward and backward once on random
Gaussian inputs with a squared-error loss. For each element-wise activation we
measure, layer by layer, the norm of the back-propagated gradient (the loss's
gradient with respect to each layer's pre-activations) and of the weight
gradient, and how much each shrinks or grows per layer, over five seeds.
"""

# %%
# Settings and one forward and backward pass
# ------------------------------------------
#
# One pass records the gradient's norm at every hidden layer, so that its profile
# through depth can be drawn and summarised by one number per layer.
import matplotlib.pyplot as plt
import numpy as np

import activations

N_SAMPLES = 256
N_FEATURES = 64
WIDTH = 64
DEPTHS = (10, 20)  # hidden layers
INITS = ("glorot", "he")
FUNCTIONS = tuple(activations.ELEMENTWISE)  # identity, logistic, tanh, relu, leaky_relu, prelu, elu, gelu
SEEDS = (0, 1, 2, 3, 4)
VANISHING_FACTOR = 0.8  # "vanishes": the per-layer factor is below this
EXPLODING_FACTOR = 1 / VANISHING_FACTOR  # "explodes": above this; "holds": in between
MUCH_BETTER = 100  # "better than sigmoid": a first/last ratio at least 100 times larger
PREDICTION_TOLERANCE = 0.03  # the variance argument "predicts" a factor to within this

# What "holds" still allows over a whole network: the factors compounded over the
# depth - 1 steps from the last hidden layer back to the first.
holds_total_range = {f"depth{d}": [VANISHING_FACTOR ** (d - 1), EXPLODING_FACTOR ** (d - 1)] for d in DEPTHS}


def mean_cosine(M):
    """Mean cosine similarity between the rows (samples) of M, each pair once."""
    unit = M / np.linalg.norm(M, axis=1, keepdims=True)
    return float(((unit @ unit.T).sum() - len(M)) / (len(M) * (len(M) - 1)))


def one_pass(activation, init, depth, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(N_SAMPLES, N_FEATURES))
    y = rng.normal(size=(N_SAMPLES, 1))
    weights, biases = activations.init_network([N_FEATURES] + [WIDTH] * depth + [1], rng, init=init)
    zs, outputs = activations.forward(X, weights, biases, activation)
    output_gradient = (outputs[-1] - y) / N_SAMPLES  # loss = mean squared error / 2
    weight_grads, _ = activations.backward(zs, outputs, weights, output_gradient, activation)
    _, derivative = activations.ELEMENTWISE[activation]
    delta, deltas, weighting = output_gradient, [], []  # dLoss/dz of every hidden layer, last first
    for i in reversed(range(1, len(weights))):
        arriving, slope = delta @ weights[i].T, derivative(zs[i - 1])
        delta = arriving * slope
        deltas.insert(0, delta)
        # the derivative's effective factor, weighted by the gradient arriving at each
        # unit, over the unweighted sqrt(mean f'²) the variance argument uses
        weighting.insert(0, np.linalg.norm(delta) / np.linalg.norm(arriving) / np.sqrt(np.mean(slope**2)))
    row_norms = lambda M: np.linalg.norm(M, axis=1)  # noqa: E731 - one norm per sample
    # np.linalg.norm of a matrix is its Frobenius norm: over every sample and unit
    return {
        "delta": np.array([np.linalg.norm(d) for d in deltas]),
        "weight": np.array([np.linalg.norm(g) for g in weight_grads[:-1]]),  # hidden layers only
        # the weight gradient of one sample is an outer product: its norm is a product of norms
        "per_sample_weight": np.array([np.mean(row_norms(a) * row_norms(d)) for a, d in zip(outputs, deltas)]),
        "signal": np.array([np.sqrt(np.mean(a**2)) for a in outputs[1:-1]]),  # forward, per hidden layer
        "similarity": (mean_cosine(outputs[0]), mean_cosine(outputs[depth - 1])),  # input, last layer's input
        "mean_sq_derivative": np.array([np.mean(derivative(z) ** 2) for z in zs[:-1]]),
        "n_var_w": np.array([w.shape[1] * np.var(w) for w in weights]),  # fan_out · Var(W)
        "weighting": np.array(weighting[:-1]),  # without the output layer, as the prediction
    }


def geometric_mean(values):
    return float(np.exp(np.mean(np.log(values))))


# %%
# Run every combination
# ---------------------
#
# Every function × initialisation × depth × seed, then the summaries the page quotes:
# first/last ratios, per-layer factors and the variance argument's prediction.
passes = {
    (f, init, depth): [one_pass(f, init, depth, seed) for seed in SEEDS]
    for f in FUNCTIONS
    for init in INITS
    for depth in DEPTHS
}


def per_run(compute):
    """{function: {init: {"depth10": [one value per seed], "depth20": [...]}}}"""
    return {
        f: {init: {f"depth{d}": [compute(p, d) for p in passes[f, init, d]] for d in DEPTHS} for init in INITS}
        for f in FUNCTIONS
    }


def seed_mean(values):
    """The same nesting with the geometric mean over seeds."""
    return {f: {i: {k: geometric_mean(v) for k, v in d.items()} for i, d in by.items()} for f, by in values.items()}


# ``ratio``: norm at the first hidden layer / norm at the last. Below 1 the gradient
# shrank on its way back. ``factor``: the same change per layer, comparable across
# depths. ``predicted_factor``: the variance argument's prediction per layer,
# sqrt(n · Var(W) · mean f'(z)²), from the weights and derivatives of each run.
ratio = {
    metric: per_run(lambda p, d, m=metric: float(p[m][0] / p[m][-1]))
    for metric in ("delta", "weight", "per_sample_weight")
}
factor = per_run(lambda p, d: float(p["delta"][0] / p["delta"][-1]) ** (1 / (d - 1)))
predicted_factor = per_run(
    lambda p, d: geometric_mean(np.sqrt(p["n_var_w"][1:-1] * p["mean_sq_derivative"][:-1]))
)
mean_sq_derivative = {
    f: {i: {k: float(np.mean(v)) for k, v in d.items()} for i, d in by.items()}
    for f, by in per_run(lambda p, d: float(np.mean(p["mean_sq_derivative"]))).items()
}
delta_ratio_mean = seed_mean(ratio["delta"])
weight_ratio_mean = seed_mean(ratio["weight"])
per_sample_weight_ratio_mean = seed_mean(ratio["per_sample_weight"])
factor_mean = seed_mean(factor)
signal_ratio_mean = seed_mean(per_run(lambda p, d: float(p["signal"][-1] / p["signal"][0])))  # last / first
signal_factor_mean = seed_mean(per_run(lambda p, d: float(p["signal"][-1] / p["signal"][0]) ** (1 / (d - 1))))
predicted_factor_mean = seed_mean(predicted_factor)
derivative_weighting_mean = seed_mean(per_run(lambda p, d: geometric_mean(p["weighting"])))
factor_range = {  # smallest and largest per-layer factor over every seed and both depths
    f: {init: [min(v for runs in by.values() for v in runs), max(v for runs in by.values() for v in runs)]
        for init, by in factor[f].items()}
    for f in FUNCTIONS
}

# %%
# Back-propagated gradient, layer by layer
# ----------------------------------------
#
# The 20-layer networks, each curve relative to the last hidden layer, so that a
# curve ending below 1 at layer 1 shrank on its way back.
LABELS = {
    "identity": "identity", "logistic": "sigmoid", "tanh": "tanh", "relu": "ReLU",
    "leaky_relu": "Leaky ReLU", "prelu": "PReLU (a=0.25)", "elu": "ELU", "gelu": "GELU",
}
STYLE = {
    "identity": ("tab:gray", "-", ""), "logistic": ("tab:red", "-", "o"), "tanh": ("tab:orange", "--", "s"),
    "relu": ("tab:blue", "-", "^"), "leaky_relu": ("tab:cyan", ":", "v"), "prelu": ("tab:green", "-.", "D"),
    "elu": ("tab:purple", "--", "x"), "gelu": ("tab:brown", ":", "+"),
}
PLOT_DEPTH = 20


def profile(metric, f, init):
    """Geometric mean over seeds of each hidden layer's norm, relative to the last layer."""
    values = np.exp(np.mean([np.log(p[metric]) for p in passes[f, init, PLOT_DEPTH]], axis=0))
    return values / values[-1]


def plot_profiles(metric, title):
    fig, axes = plt.subplots(1, 2, figsize=(9, 4.5), sharey=True)
    layers = np.arange(1, PLOT_DEPTH + 1)
    for ax, init in zip(axes, INITS):
        for f in FUNCTIONS:
            color, linestyle, marker = STYLE[f]
            ax.plot(layers, profile(metric, f, init), color=color, linestyle=linestyle, marker=marker,
                    markersize=4, markevery=3, label=LABELS[f])
        ax.set_yscale("log")
        ax.minorticks_off()
        ax.set_xlabel("hidden layer (1 = nearest the input)")
        ax.set_title(f"{init.capitalize()} initialisation")
        ax.grid(True, alpha=0.3)
        ax.set_xticks([1, 5, 10, 15, 20])
    axes[0].set_ylabel("norm / norm at last hidden layer")
    axes[1].legend(loc="lower right", fontsize="small", ncol=2)
    fig.suptitle(title)
    fig.tight_layout()


plot_profiles("delta", "Back-propagated gradient ∂L/∂z per layer, 20 hidden layers")

# What the figure shows, in words for its alt text: each panel's functions from the
# smallest per-layer factor to the largest.
delta_figure_summary = {
    init: ", ".join(
        f"{LABELS[f]} {factor_mean[f][init]['depth20']:.2f}"
        for f in sorted(FUNCTIONS, key=lambda f: factor_mean[f][init]["depth20"])
    )
    for init in INITS
}

# %%
# Weight gradient, layer by layer
# -------------------------------
#
# The update a layer's weights actually receive: the back-propagated gradient
# times the layer's input.
plot_profiles("weight", "Weight gradient ∂L/∂W per layer, 20 hidden layers")

# In words, for the alt text: where the sigmoid's curve ends, and the band every
# other function's curve stays in over all 20 layers.
weight_profile_band = {
    init: [
        float(min(profile("weight", f, init).min() for f in FUNCTIONS if f != "logistic")),
        float(max(profile("weight", f, init).max() for f in FUNCTIONS if f != "logistic")),
    ]
    for init in INITS
}
weight_figure_summary = {
    init: (
        f"the sigmoid's curve falls to {weight_ratio_mean['logistic'][init]['depth20']:.0e} at layer 1; "
        f"every other function's curve stays between {weight_profile_band[init][0]:.2f} "
        f"and {weight_profile_band[init][1]:.2f} at every layer"
    )
    for init in INITS
}

# %%
# Tables
# ------
#
# First/last ratios, then the per-layer factor against its prediction, geometric
# means over the seeds; and which pairs the prediction misses by more than
# PREDICTION_TOLERANCE.
INIT_NAMES = {"glorot": "Glorot", "he": "He"}


def ratio_row(means, f):
    return {"function": LABELS[f]} | {
        f"{INIT_NAMES[init]}, {d} layers": f"{means[f][init][f'depth{d}']:.1e}" for init in INITS for d in DEPTHS
    }


delta_ratio_table = [ratio_row(delta_ratio_mean, f) for f in FUNCTIONS]
weight_ratio_table = [ratio_row(weight_ratio_mean, f) for f in FUNCTIONS]
factor_table = [
    {"function": LABELS[f]}
    | {
        column: value
        for init in INITS
        for column, value in [
            (f"{INIT_NAMES[init]}: mean f'(z)²", f"{mean_sq_derivative[f][init]['depth20']:.3f}"),
            (
                f"{INIT_NAMES[init]}: per layer, measured / predicted",
                f"{factor_mean[f][init]['depth20']:.2f} / {predicted_factor_mean[f][init]['depth20']:.2f}",
            ),
        ]
    }
    for f in FUNCTIONS
]
for table in (delta_ratio_table, weight_ratio_table, factor_table):
    for row in table:
        print(" | ".join(f"{k}: {v}" for k, v in row.items()))
    print()

prediction_gap = {
    f: {init: abs(factor_mean[f][init]["depth20"] - predicted_factor_mean[f][init]["depth20"]) for init in INITS}
    for f in FUNCTIONS
}
prediction_misses = [(f, init) for f in FUNCTIONS for init in INITS if prediction_gap[f][init] > PREDICTION_TOLERANCE]
prediction_summary = {
    "pairs": len(FUNCTIONS) * len(INITS),
    "within": len(FUNCTIONS) * len(INITS) - len(prediction_misses),
    "misses": "; ".join(
        f"{LABELS[f]} with {INIT_NAMES[init]} initialisation (measured "
        f"{factor_mean[f][init]['depth20']:.2f}, predicted {predicted_factor_mean[f][init]['depth20']:.2f})"
        for f, init in prediction_misses
    ) or "none",
}
# The argument takes a unit's derivative as independent of the gradient arriving at
# it. Where it misses, how much does weighting the derivative by that gradient explain?
_others = [derivative_weighting_mean[f][i]["depth20"] for f in FUNCTIONS for i in INITS if (f, i) not in prediction_misses]
derivative_weighting_others = [min(_others), max(_others)]
weighted_prediction_mean = {
    f: {i: predicted_factor_mean[f][i]["depth20"] * derivative_weighting_mean[f][i]["depth20"] for i in INITS}
    for f in FUNCTIONS
}
print("prediction:", prediction_summary, "derivative weighting elsewhere:", derivative_weighting_others)

# %%
# Verdicts
# --------
#
# Each function and initialisation is classified from its per-layer factor at both
# depths and every seed: "vanishes" if every one is below VANISHING_FACTOR,
# "explodes" if every one is above EXPLODING_FACTOR, "holds" if every one is in
# between, "mixed" otherwise.


def behaviour(f, init):
    values = [v for runs in factor[f][init].values() for v in runs]
    if all(v < VANISHING_FACTOR for v in values):
        return "vanishes"
    if all(v > EXPLODING_FACTOR for v in values):
        return "explodes"
    if all(VANISHING_FACTOR <= v <= EXPLODING_FACTOR for v in values):
        return "holds"
    return "mixed"


behaviours = {f: {init: behaviour(f, init) for init in INITS} for f in FUNCTIONS}


def prevents_vanishing(f):
    """The rule for "f prevents vanishing gradients"."""
    held = [behaviours[f][init] == "holds" for init in INITS]
    return "confirmed" if all(held) else "nuanced" if any(held) else "contradicted"  # nuanced: depends on init


tanh_better = all(
    min(ratio["delta"]["tanh"][init][key]) > MUCH_BETTER * max(ratio["delta"]["logistic"][init][key])
    for init in INITS
    for key in ratio["delta"]["tanh"][init]
)
tanh_vanishes = all(behaviours["tanh"][init] == "vanishes" for init in INITS)
# how much better, at worst: tanh's smallest first/last ratio over the sigmoid's largest
tanh_over_sigmoid = min(
    min(ratio["delta"]["tanh"][init][key]) / max(ratio["delta"]["logistic"][init][key])
    for init in INITS
    for key in ratio["delta"]["tanh"][init]
)
verdicts = {
    # 1.1 / 1.3: sigmoid "❌ No (vanishing gradient for extreme values)"
    "sigmoid_vanishes": "confirmed" if all(behaviours["logistic"][i] == "vanishes" for i in INITS) else "contradicted",
    # 1.3: tanh "❌ No (still vanishes, but better than sigmoid)"
    "tanh_vanishes_better_than_sigmoid": "contradicted" if not tanh_better else "confirmed" if tanh_vanishes else "nuanced",
    # 1.1 📌, 1.3, 3.3: "ReLU mitigates vanishing gradients by keeping gradients at 1 for positive values"
    "relu_prevents_vanishing": prevents_vanishing("relu"),
    # 1.3: Leaky ReLU "✅ Yes (keeps small gradient for negatives)"
    "leaky_relu_prevents_vanishing": prevents_vanishing("leaky_relu"),
    "prelu_prevents_vanishing": prevents_vanishing("prelu"),
    "elu_prevents_vanishing": prevents_vanishing("elu"),
    "gelu_prevents_vanishing": prevents_vanishing("gelu"),
}
print(behaviours)
print(verdicts)

# %%
# Two facts about ReLU
# --------------------
#
# The share of active units (for ReLU, f'(z)² is 1 on active units and 0 elsewhere),
# and how alike different samples are at the input and at the last hidden layer
# (mean cosine similarity, to 2 decimals): both explain the weight gradients.
relu_active_fraction = {init: mean_sq_derivative["relu"][init]["depth20"] for init in INITS}
relu_similarity = {
    init: {
        position: round(float(np.mean([p["similarity"][k] for p in passes["relu", init, PLOT_DEPTH]])), 2) + 0.0
        for k, position in enumerate(("first", "last"))
    }
    for init in INITS
}
print("active ReLU units:", relu_active_fraction, "similarity:", relu_similarity)

plt.show()
