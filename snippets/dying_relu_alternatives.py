# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
# ]
# ///

"""
Dying ReLU: do Leaky ReLU and ELU avoid it?
===========================================

scikit-learn's ``MLPRegressor`` has no Leaky ReLU or ELU, so we train the small numpy
network from ``activations.py`` with Adam, written out below, on the same task and at
the same learning rates as the ReLU experiment, with ReLU, Leaky ReLU (slope 0.01) and
ELU (α = 1): same initial weights, same mini-batches, five seeds. For each we count
the units whose pre-activation is negative for every training input (for ReLU these
are dead; for the others they sit in the low-slope region), ask whether those units
still receive a gradient, and whether they come back when training continues.
"""

# %%
# The task
# --------
#
# The same as the ReLU experiment's: 500 points, y = sin(πx₁) + x₂² + x₃x₄ + noise,
# so that the numpy network's results can be set beside scikit-learn's.
import matplotlib.pyplot as plt
import numpy as np

import activations

N_POINTS = 500
N_FEATURES = 4
LAYER_SIZES = (N_FEATURES, 64, 64, 1)
EPOCHS = 50
BATCH_SIZE = 32
LEARNING_RATES = (0.001, 0.01, 0.03, 0.1, 0.3)
SEEDS = (0, 1, 2, 3, 4)
ACTIVATIONS = ("relu", "leaky_relu", "elu")
BETA1, BETA2, EPSILON = 0.9, 0.999, 1e-8  # Adam's usual constants (as in scikit-learn)

data_rng = np.random.default_rng(0)
X = data_rng.uniform(-1, 1, size=(N_POINTS, N_FEATURES))
y = np.sin(np.pi * X[:, 0]) + X[:, 1] ** 2 + X[:, 2] * X[:, 3]
y = y + 0.1 * data_rng.normal(size=N_POINTS)
y = ((y - y.mean()) / y.std()).reshape(-1, 1)


# %%
# Training, written out
# ---------------------
#
# Mini-batch Adam on half the mean squared error, the algorithm of scikit-learn's
# MLPRegressor, which offers neither Leaky ReLU nor ELU.
def train(weights, biases, activation, learning_rate, epochs, rng):
    """Train in place; return False if the weights stopped being finite."""
    params = weights + biases
    first = [np.zeros_like(p) for p in params]  # Adam's running mean of the gradient
    second = [np.zeros_like(p) for p in params]  # ... and of its square
    step = 0
    for _ in range(epochs):
        order = rng.permutation(N_POINTS)
        for start in range(0, N_POINTS, BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            zs, outputs = activations.forward(X[batch], weights, biases, activation)
            output_gradient = (outputs[-1] - y[batch]) / len(batch)
            grads = activations.backward(zs, outputs, weights, output_gradient, activation)
            step += 1
            for p, g, m, v in zip(params, grads[0] + grads[1], first, second):
                m *= BETA1
                m += (1 - BETA1) * g
                v *= BETA2
                v += (1 - BETA2) * g * g
                m_hat, v_hat = m / (1 - BETA1**step), v / (1 - BETA2**step)
                p -= learning_rate * m_hat / (np.sqrt(v_hat) + EPSILON)
    return all(np.isfinite(p).all() for p in params)


def negative_units(weights, biases, activation):
    """Per hidden layer, a mask of units whose pre-activation is < 0 for every input."""
    zs, _ = activations.forward(X, weights, biases, activation)
    return [np.all(z < 0, axis=0) for z in zs[:-1]]


def r2(weights, biases, activation):
    _, outputs = activations.forward(X, weights, biases, activation)
    return float(1 - np.mean((outputs[-1] - y) ** 2) / np.var(y))


# %%
# Train every combination
# -----------------------
#
# Every activation, learning rate and seed, from the same initial weights and with
# the same mini-batches. A run whose weights overflow counts as entirely stuck.
networks = {}
negative = {a: [] for a in ACTIVATIONS}  # per activation, one entry per learning rate
for activation in ACTIVATIONS:
    for learning_rate in LEARNING_RATES:
        runs = {"learning_rate": learning_rate, "layer1": [], "layer2": [], "r2": [], "diverged": 0}
        for seed in SEEDS:
            weights, biases = activations.init_network(LAYER_SIZES, np.random.default_rng(seed))
            batches = np.random.default_rng(100 + seed)
            with np.errstate(all="ignore"):
                finite = train(weights, biases, activation, learning_rate, EPOCHS, batches)
            if finite:
                masks = negative_units(weights, biases, activation)
                runs["r2"].append(r2(weights, biases, activation))
            else:
                masks = [np.ones(size, bool) for size in LAYER_SIZES[1:-1]]
                runs["r2"].append(0.0)
                runs["diverged"] += 1
            runs["layer1"].append(float(masks[0].mean()))
            runs["layer2"].append(float(masks[1].mean()))
            networks[activation, learning_rate, seed] = (weights, biases)
        for key in ("layer1", "layer2", "r2"):
            runs[key + "_mean"] = float(np.mean(runs[key]))
        negative[activation].append(runs)

alternatives_table = [
    {
        "learning rate": f"{learning_rate:g}",
        **{
            a: f"{negative[a][i]['layer1_mean']:.0%} / {negative[a][i]['layer2_mean']:.0%}"
            for a in ACTIVATIONS
        },
    }
    for i, learning_rate in enumerate(LEARNING_RATES)
]
print("share of units negative on every input, layer 1 / layer 2 (mean of 5 seeds)")
for row in alternatives_table:
    print(" | ".join(f"{k}: {v}" for k, v in row.items()))
for a in ACTIVATIONS:
    print(f"training R² ({a}):", [f"{r['r2_mean']:.2f}" for r in negative[a]])

# %%
# Stuck units against the learning rate
# -------------------------------------
#
# The share of units on the negative side, per activation, in the second layer,
# where it is largest.
fig, ax = plt.subplots(figsize=(8, 4))
styles = {
    "relu": ("tab:blue", "-", "o"),
    "leaky_relu": ("tab:orange", "--", "s"),
    "elu": ("tab:green", ":", "^"),
}
for activation in ACTIVATIONS:
    values = [r["layer2"] for r in negative[activation]]
    color, style, marker = styles[activation]
    ax.errorbar(
        LEARNING_RATES, np.mean(values, axis=1), yerr=np.std(values, axis=1),
        color=color, linestyle=style, marker=marker, capsize=3, label=activation,
    )
ax.set_xscale("log")
ax.set_ylim(0, 1)
ax.set_xlabel("learning rate (Adam)")
ax.set_ylabel("share of layer-2 units negative on every input")
ax.set_title(f"Units stuck on the negative side after {EPOCHS} epochs (mean ± sd)")
ax.legend()

figure_series = {  # for the alt text: one share per learning rate
    a: ", ".join(f"{r['layer2_mean']:.0%}" for r in negative[a][:-1]) + f" and {negative[a][-1]['layer2_mean']:.0%}"
    for a in ACTIVATIONS
}

# %%
# Do stuck units still get a gradient?
# ------------------------------------
#
# For the networks trained at learning rate 0.1, the full-batch gradient norm of
# each unit's incoming weights and bias, for units in the negative region and for
# the others.
PROBE_RATE = 0.1
gradients = {}
for activation in ACTIVATIONS:
    stuck_norms, live_norms = [], []
    for seed in SEEDS:
        weights, biases = networks[activation, PROBE_RATE, seed]
        zs, outputs = activations.forward(X, weights, biases, activation)
        output_gradient = (outputs[-1] - y) / N_POINTS
        weight_grads, bias_grads = activations.backward(zs, outputs, weights, output_gradient, activation)
        for layer, mask in enumerate(negative_units(weights, biases, activation)):
            incoming = np.vstack([weight_grads[layer], bias_grads[layer]])  # one column per unit
            norms = np.linalg.norm(incoming, axis=0)
            stuck_norms += norms[mask].tolist()
            live_norms += norms[~mask].tolist()
    stuck_norms = np.array(stuck_norms)
    gradients[activation] = {
        "n_stuck": len(stuck_norms),
        "stuck_median": float(np.median(stuck_norms)),
        "stuck_max": float(np.max(stuck_norms)),
        "stuck_nonzero_share": float(np.mean(stuck_norms > 0)),
        "live_median": float(np.median(live_norms)),
    }
    g = gradients[activation]
    print(f"{activation}: {g['n_stuck']} units on the negative side; their gradient norm: "
          f"median {g['stuck_median']:.2g}, non-zero for {g['stuck_nonzero_share']:.0%}; "
          f"other units' median {g['live_median']:.2g}")

# %%
# Do they come back?
# ------------------
#
# Continue training the learning-rate-0.1 networks for 50 epochs at learning rate
# 0.001 (a fresh Adam state) and count the units that left the negative region,
# i.e. became positive for at least one input.
CONTINUE_EPOCHS = 50
CONTINUE_RATE = 0.001
revival = {}
for activation in ACTIVATIONS:
    stuck, revived = 0, 0
    for seed in SEEDS:
        trained_weights, trained_biases = networks[activation, PROBE_RATE, seed]
        weights = [w.copy() for w in trained_weights]
        biases = [b.copy() for b in trained_biases]
        before = negative_units(weights, biases, activation)
        batches = np.random.default_rng(200 + seed)
        train(weights, biases, activation, CONTINUE_RATE, CONTINUE_EPOCHS, batches)
        after = negative_units(weights, biases, activation)
        stuck += sum(int(b.sum()) for b in before)
        revived += sum(int((b & ~a).sum()) for b, a in zip(before, after))
    revival[activation] = {"stuck": stuck, "revived": revived, "revived_share": revived / stuck}
    print(f"{activation}: {revived} of {stuck} negative-side units came back")

revival_table = [
    {
        "activation": a,
        "negative on every input": str(revival[a]["stuck"]),
        "their median gradient norm": f"{gradients[a]['stuck_median']:.1e}",
        "came back in 50 epochs": f"{revival[a]['revived']} ({revival[a]['revived_share']:.0%})",
    }
    for a in ACTIVATIONS
]

# %%
# Verdicts
# --------
#
# A unit "dies" when it stops receiving gradient; an alternative "keeps fewer units
# stuck" at a learning rate if its share of negative-side units is below half of
# ReLU's there. We compare at every rate where ReLU has at least 20% of its units
# stuck.
FEWER = 0.5
RELU_STUCK = 0.2

stuck_shares = {
    a: [float(np.mean(r["layer1"] + r["layer2"])) for r in negative[a]] for a in ACTIVATIONS
}
compared = [i for i, share in enumerate(stuck_shares["relu"]) if share >= RELU_STUCK]
# how close Leaky ReLU stays to ReLU, and the most any function has stuck at the smallest rate
leaky_relu_stuck_gap = max(abs(l - r) for l, r in zip(stuck_shares["leaky_relu"], stuck_shares["relu"]))
stuck_at_smallest_rate = max(stuck_shares[a][0] for a in ACTIVATIONS)


def fewer_stuck(activation):
    """'all', 'some' or 'none' of the compared learning rates."""
    fewer = [stuck_shares[activation][i] < FEWER * stuck_shares["relu"][i] for i in compared]
    return "all" if all(fewer) else "some" if any(fewer) else "none"


leaky_keeps_gradient = gradients["leaky_relu"]["stuck_nonzero_share"] == 1.0
relu_gets_no_gradient = gradients["relu"]["stuck_max"] == 0.0
if not leaky_keeps_gradient:
    leaky_verdict = "contradicted"
else:  # never without gradient; "confirmed" only if also less often stuck
    leaky_verdict = "confirmed" if fewer_stuck("leaky_relu") == "all" else "nuanced"
verdicts = {
    # "Leaky ReLU / PReLU: allow a small gradient for negative inputs to avoid dying neurons"
    "leaky_relu_avoids_dying": leaky_verdict,
    # "Parametric ReLU (PReLU) or ELU are other alternatives" (ELU measured here;
    # PReLU, a Leaky ReLU with a learned slope, is not)
    "elu_alternative": {"all": "confirmed", "some": "nuanced", "none": "contradicted"}[
        fewer_stuck("elu")
    ],
    # ReLU units in the negative region get exactly zero gradient
    "relu_negative_units_get_no_gradient": "confirmed" if relu_gets_no_gradient else "contradicted",
}
print(verdicts)

plt.show()
