# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
# ]
# ///

"""
Born dead: deep, narrow ReLU networks at initialisation
=======================================================

Units can also be dead before any training. If every unit of one hidden layer is
negative for every input, a ReLU network outputs the same number whatever the input,
and no gradient reaches the layers below. We draw many deep, narrow networks (3 units
per layer, one input) with He-normal weights and zero biases, and count how many
compute an exactly constant function, against depth, for ReLU, Leaky ReLU and ELU.
"""

# %%
# Count the networks born dead
# ----------------------------
#
# A network is born dead when its output is identical for every input on
# [-√3, √3] (an input of unit variance): some layer is off for all of them.
import matplotlib.pyplot as plt
import numpy as np

import activations

WIDTH = 3
DEPTHS = (1, 2, 5, 10, 20, 40)
N_NETWORKS = 400
ACTIVATIONS = ("relu", "leaky_relu", "elu")

x_line = np.linspace(-np.sqrt(3), np.sqrt(3), 101).reshape(-1, 1)  # unit variance
born_dead = {a: [] for a in ACTIVATIONS}
for activation in ACTIVATIONS:
    rng = np.random.default_rng(0)  # the same networks for every activation
    for depth in DEPTHS:
        constant = 0
        for _ in range(N_NETWORKS):
            sizes = (1,) + (WIDTH,) * depth + (1,)
            weights, biases = activations.init_network(sizes, rng, init="he")
            _, outputs = activations.forward(x_line, weights, biases, activation)
            constant += np.ptp(outputs[-1]) == 0  # exactly the same output for every input
        born_dead[activation].append(constant / N_NETWORKS)

born_dead_table = [
    {"hidden layers": str(depth), **{a: f"{born_dead[a][i]:.0%}" for a in ACTIVATIONS}}
    for i, depth in enumerate(DEPTHS)
]
print(f"share of width-{WIDTH} networks computing a constant at initialisation ({N_NETWORKS} each)")
for row in born_dead_table:
    print(" | ".join(f"{k}: {v}" for k, v in row.items()))

# Wider layers, at the largest depth: every unit of a layer must be off together.
WIDE_WIDTH = 64
N_WIDE_NETWORKS = 100  # fewer: each has about 450 times as many weights to draw
wide_rng = np.random.default_rng(1)
wide_born_dead = 0
for _ in range(N_WIDE_NETWORKS):
    weights, biases = activations.init_network((1,) + (WIDE_WIDTH,) * DEPTHS[-1] + (1,), wide_rng, init="he")
    _, outputs = activations.forward(x_line, weights, biases, "relu")
    wide_born_dead += int(np.ptp(outputs[-1]) == 0)
print(f"width {WIDE_WIDTH}, {DEPTHS[-1]} layers: {wide_born_dead} of {N_WIDE_NETWORKS} ReLU networks born dead")

# %%
# The same numbers as a figure
# ----------------------------
#
# The share against depth, one line per function.
fig, ax = plt.subplots(figsize=(8, 4))
styles = {
    "relu": ("tab:blue", "-", "o"),
    "leaky_relu": ("tab:orange", "--", "s"),
    "elu": ("tab:green", ":", "^"),
}
for activation in ACTIVATIONS:
    color, style, marker = styles[activation]
    ax.plot(
        DEPTHS, born_dead[activation], color=color, linestyle=style, marker=marker, label=activation
    )
ax.set_ylim(-0.02, 1.02)
ax.set_xlabel(f"number of hidden layers ({WIDTH} units each)")
ax.set_ylabel("share of networks computing a constant")
ax.set_title(f"Born dead: {N_NETWORKS} random networks per depth")
ax.legend()

figure_series = {  # for the alt text: one share per depth
    a: ", ".join(f"{v:.0%}" for v in born_dead[a][:-1]) + f" and {born_dead[a][-1]:.0%}" for a in ACTIVATIONS
}

# %%
# Verdicts
# --------
#
# Deep, narrow ReLU networks are born dead more often the deeper they are,
# approaching all of them (Lu et al.); Leaky ReLU and ELU networks never are.
MOSTLY_DEAD = 0.9
verdicts = {
    "deep_narrow_relu_born_dead": (
        "confirmed"
        if born_dead["relu"][-1] >= MOSTLY_DEAD and all(np.diff(born_dead["relu"]) >= 0)
        else "contradicted"
    ),
    "alternatives_never_born_dead": (
        "confirmed" if max(born_dead["leaky_relu"] + born_dead["elu"]) == 0 else "contradicted"
    ),
}
print(verdicts)

plt.show()
