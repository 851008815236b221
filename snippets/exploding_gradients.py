# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
# ]
# ///

"""
Exploding gradients: scaling up the initial weights
===================================================

The same deep networks as in the gradient-flow example (10 and 20 hidden layers
of 64 units, random Gaussian inputs, squared-error loss), but with every initial
weight multiplied by a gain from 1 to 32: ReLU and Leaky ReLU start from He's
initialisation, tanh and the sigmoid from Glorot's. We measure how much the
back-propagated gradient grows from the last hidden layer to the first, how large
the weight gradients get, and how many units saturate, over five seeds.
"""

# %%
# Settings and one forward and backward pass
# ------------------------------------------
#
# The gradient-flow example's networks, with a gain on every initial weight, so that a
# gain of 1 is each function's standard initialisation.
import matplotlib.pyplot as plt
import numpy as np

import activations

N_SAMPLES = 256
N_FEATURES = 64
WIDTH = 64
DEPTHS = (10, 20)  # hidden layers
SEEDS = (0, 1, 2, 3, 4)
BASE_INIT = {"relu": "he", "leaky_relu": "he", "tanh": "glorot", "logistic": "glorot"}
GAINS = (1, 1.5, 2, 3, 4, 8, 16, 32)  # every initial weight is multiplied by this
EXPLODING_FACTOR = 1.25  # "explodes": grows by more than this per layer, at both depths and every seed
MODERATE_GAIN = 4  # a gain of at most 4 counts as a moderately large initialisation
SATURATED = 0.1  # a unit is saturated when f'(z) is below 10 % of the function's largest slope
MAX_SLOPE = {"relu": 1.0, "leaky_relu": 1.0, "tanh": 1.0, "logistic": 0.25}
# the growth the threshold amounts to over a whole network (depth - 1 layer-to-layer steps)
exploding_total = {f"depth{d}": EXPLODING_FACTOR ** (d - 1) for d in DEPTHS}


def gain_key(gain):
    """A key for results: "gain1", "gain1_5", ... (no dot, so pages can write a path to it)."""
    return "gain" + f"{gain:g}".replace(".", "_")


def one_pass(activation, depth, gain, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(N_SAMPLES, N_FEATURES))
    y = rng.normal(size=(N_SAMPLES, 1))
    weights, biases = activations.init_network(
        [N_FEATURES] + [WIDTH] * depth + [1], rng, init=BASE_INIT[activation], gain=gain
    )
    zs, outputs = activations.forward(X, weights, biases, activation)
    output_gradient = (outputs[-1] - y) / N_SAMPLES
    weight_grads, _ = activations.backward(zs, outputs, weights, output_gradient, activation)
    _, derivative = activations.ELEMENTWISE[activation]
    delta, delta_norms = output_gradient, []
    for i in reversed(range(1, len(weights))):  # dLoss/dz of every hidden layer, last first
        delta = (delta @ weights[i].T) * derivative(zs[i - 1])
        delta_norms.append(np.linalg.norm(delta))
    delta_norms = np.array(delta_norms[::-1])
    return {
        "delta": delta_norms,
        "max_weight_grad": max(np.linalg.norm(g) for g in weight_grads),
        "saturated": np.mean([np.mean(derivative(z) < SATURATED * MAX_SLOPE[activation]) for z in zs[:-1]]),
    }


# %%
# Run every combination
# ---------------------
#
# Every function × gain × depth × seed. ``ratio`` is the back-propagated gradient's
# norm at the first hidden layer over its norm at the last; ``factor`` is the same
# change per layer, ratio ** (1 / (depth - 1)), comparable across depths.
ratio, factor, max_weight_grad, saturated = {}, {}, {}, {}
profiles = {}
for f in BASE_INIT:
    ratio[f], factor[f], max_weight_grad[f], saturated[f] = {}, {}, {}, {}
    for gain in GAINS:
        g = gain_key(gain)
        ratio[f][g], factor[f][g], max_weight_grad[f][g], saturated[f][g] = {}, {}, {}, {}
        for depth in DEPTHS:
            key = f"depth{depth}"
            passes = [one_pass(f, depth, gain, seed) for seed in SEEDS]
            ratio[f][g][key] = [float(p["delta"][0] / p["delta"][-1]) for p in passes]
            factor[f][g][key] = [r ** (1 / (depth - 1)) for r in ratio[f][g][key]]
            max_weight_grad[f][g][key] = [float(p["max_weight_grad"]) for p in passes]
            saturated[f][g][key] = float(np.mean([p["saturated"] for p in passes]))
            profiles[f, gain, depth] = np.exp(np.mean([np.log(p["delta"]) for p in passes], axis=0))


def geometric_mean(values):
    return float(np.exp(np.mean(np.log(values))))


ratio_mean = {f: {g: {k: geometric_mean(v) for k, v in d.items()} for g, d in r.items()} for f, r in ratio.items()}
factor_mean = {f: {g: {k: geometric_mean(v) for k, v in d.items()} for g, d in r.items()} for f, r in factor.items()}
max_weight_grad_mean = {
    f: {g: {k: geometric_mean(v) for k, v in d.items()} for g, d in r.items()} for f, r in max_weight_grad.items()
}

# %%
# The gradient layer by layer
# ---------------------------
#
# The back-propagated gradient through 20 hidden layers for a few gains: a curve
# rising towards layer 1 is an exploding gradient.
PLOT_DEPTH = 20
PLOT_GAINS = (1, 2, 3, 8, 32)
GAIN_STYLE = {1: ("black", "-"), 2: ("tab:blue", "--"), 3: ("tab:green", "-."), 8: ("tab:orange", ":"),
              32: ("tab:red", (0, (5, 1, 1, 1)))}
TITLES = {"relu": "ReLU (He × gain)", "tanh": "tanh (Glorot × gain)", "logistic": "sigmoid (Glorot × gain)"}
fig, axes = plt.subplots(1, 3, figsize=(9, 4))
layers = np.arange(1, PLOT_DEPTH + 1)
for ax, f in zip(axes, TITLES):
    for gain in PLOT_GAINS:
        color, linestyle = GAIN_STYLE[gain]
        profile = profiles[f, gain, PLOT_DEPTH]
        ax.plot(layers, profile / profile[-1], color=color, linestyle=linestyle, linewidth=1.8, label=f"gain {gain:g}")
    ax.set_yscale("log")
    ax.minorticks_off()
    ax.set_title(TITLES[f], fontsize="medium")
    ax.set_xlabel("hidden layer")
    ax.set_xticks([1, 5, 10, 15, 20])
    ax.grid(True, which="major", alpha=0.3)
axes[0].set_ylabel("‖∂L/∂z‖ / its value at layer 20")
axes[0].legend(loc="upper right", fontsize="small")
fig.suptitle("Back-propagated gradient with scaled-up initial weights, 20 hidden layers")
fig.tight_layout()

# In words, for the alt text: each panel's per-layer factor at the plotted gains.
figure_factors = {
    f: ", ".join(f"{factor_mean[f][gain_key(g)]['depth20']:.2f}" for g in PLOT_GAINS[:-1])
    + f" and {factor_mean[f][gain_key(PLOT_GAINS[-1])]['depth20']:.2f}"
    for f in TITLES
}

# %%
# Tables
# ------
#
# The 20-layer networks, geometric means over the seeds: how much the gradient grows,
# how large the weight gradients get, and how many units saturate.
NAMES = {"relu": "ReLU", "leaky_relu": "Leaky ReLU", "tanh": "tanh", "logistic": "sigmoid"}
growth_table = [
    {"gain": f"{gain:g}", **{NAMES[f]: f"{ratio_mean[f][gain_key(gain)]['depth20']:.0e}" for f in BASE_INIT}}
    for gain in GAINS
]
size_table = [
    {
        "gain": f"{gain:g}",
        "ReLU: largest ‖∂L/∂W‖": f"{max_weight_grad_mean['relu'][gain_key(gain)]['depth20']:.0e}",
        "tanh: largest ‖∂L/∂W‖": f"{max_weight_grad_mean['tanh'][gain_key(gain)]['depth20']:.0e}",
        "tanh: saturated": f"{saturated['tanh'][gain_key(gain)]['depth20']:.0%}",
        "sigmoid: largest ‖∂L/∂W‖": f"{max_weight_grad_mean['logistic'][gain_key(gain)]['depth20']:.0e}",
        "sigmoid: saturated": f"{saturated['logistic'][gain_key(gain)]['depth20']:.0%}",
    }
    for gain in GAINS
]
for table in (growth_table, size_table):
    for row in table:
        print(" | ".join(f"{k}: {v}" for k, v in row.items()))
    print()

# %%
# Verdicts
# --------
#
# The smallest gain at which the gradient explodes (grows by more than
# EXPLODING_FACTOR per layer at both depths, every seed), for each function.


def explodes(f, gain):
    return all(v > EXPLODING_FACTOR for key in factor[f][gain_key(gain)] for v in factor[f][gain_key(gain)][key])


first_exploding_gain = {f: next((gain for gain in GAINS if explodes(f, gain)), None) for f in BASE_INIT}


def prevents_exploding(f):
    """The rule for "f prevents exploding gradients"."""
    gain = first_exploding_gain[f]
    if gain is None:
        return "confirmed"
    return "nuanced" if gain > MODERATE_GAIN else "contradicted"


def can_explode(f):
    """The rule for "f can explode with large weights" (and not at its standard initialisation)."""
    return "confirmed" if first_exploding_gain[f] not in (None, 1) else "contradicted"


verdicts = {
    # 1.1 and 1.3: ReLU "❌ No (can explode with large weights)"
    "relu_can_explode": can_explode("relu"),
    # 1.3: Leaky ReLU "❌ No" (does not prevent exploding)
    "leaky_relu_can_explode": can_explode("leaky_relu"),
    # 1.3: Sigmoid "✅ Yes (bounded output)"
    "sigmoid_prevents_exploding": prevents_exploding("logistic"),
    # 1.3: Tanh "✅ Yes"
    "tanh_prevents_exploding": prevents_exploding("tanh"),
}
print("first exploding gain:", first_exploding_gain)
print(verdicts)

plt.show()
