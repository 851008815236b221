# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
# ]
# ///

"""
How fast is each activation function, per value?
================================================

ReLU is "just a comparison with zero", while the sigmoid, tanh, ELU and GELU need an
exponential. We time each activation function (forward) and its step of
backpropagation (backward) on the array one hidden layer holds during training (a
200-sample mini-batch, scikit-learn's default, times 64 units) and on a million values,
both as written in ``activations.py`` and as a short numpy expression. Every function
is timed once per round, in many rounds, and each is compared with ReLU timed in the
same round.
"""

# %%
# Inputs and timing rounds
# ------------------------
#
# Standard-normal pre-activations z and an incoming gradient δ. A shared machine slows
# some timings at random, so each round times every job once, starting from a different
# job each time, and a job is compared with another through their ratio in the same round.
import time

import matplotlib.pyplot as plt
import numpy as np

import activations

BATCH_SHAPE = (200, 64)  # scikit-learn's default batch_size=200, a 64-unit layer
LARGE_SIZE = 1_000_000
ROUNDS = 25
CALLS_PER_TIMING = {"batch": 20, "large": 1}  # several calls per timing for the short ones
CONFIDENCE = 0.95  # of the interval for a median

rng = np.random.default_rng(0)
inputs = {"batch": rng.standard_normal(BATCH_SHAPE), "large": rng.standard_normal(LARGE_SIZE)}
gradients = {size: rng.standard_normal(z.shape) for size, z in inputs.items()}


def timed_rounds(jobs, size):
    """Nanoseconds per value of each job (a function of no arguments), one sample per round."""
    samples = {key: [] for key in jobs}
    keys = list(jobs)
    for round_number in range(ROUNDS):
        first = round_number % len(keys)
        for key in keys[first:] + keys[:first]:
            start = time.perf_counter()
            for _ in range(CALLS_PER_TIMING[size]):
                jobs[key]()
            seconds = (time.perf_counter() - start) / CALLS_PER_TIMING[size]
            samples[key].append(seconds / inputs[size].size * 1e9)
    return samples


# %%
# What we time
# ------------
#
# Forward: f(z). Backward: one layer's step of backpropagation, the incoming gradient
# times the derivative, δ · f′(z). Each function as ``activations.py`` writes it and,
# where a different one exists, as a short numpy expression.
LEAK = activations.LEAKY_SLOPE
C = activations.GELU_C


def gelu_cubed(z):
    """The same tanh approximation of GELU, with z * z * z instead of z**3."""
    return 0.5 * z * (1 + np.tanh(C * (z + 0.044715 * (z * z * z))))


def gelu_backward_cubed(delta, z):
    t = np.tanh(C * (z + 0.044715 * (z * z * z)))
    return delta * (0.5 * (1 + t) + 0.5 * z * (1 - t * t) * C * (1 + 3 * 0.044715 * (z * z)))


# function -> {"activations_py" or "alternative": (the code, as shown, and the function)}
FORWARD = {
    "relu": {
        "activations_py": ("`activations.relu(z)`", activations.relu),
        "alternative": ("`z * (z > 0)`", lambda z: z * (z > 0)),
    },
    "leaky_relu": {
        "activations_py": ("`activations.leaky_relu(z)`", activations.leaky_relu),
        "alternative": ("`np.maximum(z, 0.01 * z)`", lambda z: np.maximum(z, LEAK * z)),
    },
    "logistic": {
        "activations_py": ("`activations.logistic(z)`", activations.logistic),
        "alternative": ("`1 / (1 + np.exp(-z))`", lambda z: 1 / (1 + np.exp(-z))),
    },
    "tanh": {
        "activations_py": ("`activations.tanh(z)`", activations.tanh),
    },
    "elu": {
        "activations_py": ("`activations.elu(z)`", activations.elu),
    },
    "gelu": {
        "activations_py": ("`activations.gelu(z)`", activations.gelu),
        "alternative": ("same, `z * z * z` for `z**3`", gelu_cubed),
    },
}
BACKWARD = {
    "relu": {
        "activations_py": ("`δ * activations.d_relu(z)`", lambda delta, z: delta * activations.d_relu(z)),
        "alternative": ("`δ * (z > 0)`", lambda delta, z: delta * (z > 0)),
    },
    "leaky_relu": {
        "activations_py": ("`δ * activations.d_leaky_relu(z)`", lambda delta, z: delta * activations.d_leaky_relu(z)),
        "alternative": ("`δ * (0.01 + 0.99 * (z > 0))`", lambda delta, z: delta * (LEAK + (1 - LEAK) * (z > 0))),
    },
    "logistic": {
        "activations_py": ("`δ * activations.d_logistic(z)`", lambda delta, z: delta * activations.d_logistic(z)),
    },
    "tanh": {
        "activations_py": ("`δ * activations.d_tanh(z)`", lambda delta, z: delta * activations.d_tanh(z)),
    },
    "elu": {
        "activations_py": ("`δ * activations.d_elu(z)`", lambda delta, z: delta * activations.d_elu(z)),
    },
    "gelu": {
        "activations_py": ("`δ * activations.d_gelu(z)`", lambda delta, z: delta * activations.d_gelu(z)),
        "alternative": ("same, `z * z * z` for `z**3`", gelu_backward_cubed),
    },
}
LABELS = {
    "relu": "ReLU",
    "leaky_relu": "Leaky ReLU",
    "logistic": "sigmoid",
    "tanh": "tanh",
    "elu": "ELU",
    "gelu": "GELU",
}

# %%
# Time every implementation
# -------------------------
#
# All jobs of one array size in the same rounds: each function's forward and backward
# step, in every way it is written.
ns_per_value = {}  # size -> direction -> function -> implementation -> one time per round
for size in inputs:
    z, delta = inputs[size], gradients[size]
    jobs = {}
    for name, versions in FORWARD.items():
        jobs |= {("forward", name, key): (lambda f=f: f(z)) for key, (_, f) in versions.items()}
    for name, versions in BACKWARD.items():
        jobs |= {("backward", name, key): (lambda f=f: f(delta, z)) for key, (_, f) in versions.items()}
    ns_per_value[size] = {"forward": {}, "backward": {}}
    for (direction, name, key), samples in timed_rounds(jobs, size).items():
        ns_per_value[size][direction].setdefault(name, {})[key] = samples
del jobs, z, delta

# %%
# Ratios to ReLU
# --------------
#
# Each function is represented by its implementation with the lowest median time, and
# each round's time is divided by ReLU's in the same round. A ratio is summarised by its
# median and an interval for that median.
DIRECTIONS = ("forward", "backward")


def per_function(f, tree):
    """Apply f to every function's entry of a size -> direction -> function tree."""
    return {size: {d: {n: f(v) for n, v in by_name.items()} for d, by_name in t.items()} for size, t in tree.items()}


best_implementation = {size: {} for size in inputs}  # size -> direction -> function -> code
ratio_samples = {size: {} for size in inputs}  # size -> direction -> function -> one ratio per round
for size in inputs:
    for direction in DIRECTIONS:
        codes = ns_per_value[size][direction]
        best = {name: min(versions, key=lambda k: np.median(versions[k])) for name, versions in codes.items()}
        best_implementation[size][direction] = best
        relu = np.array(codes["relu"][best["relu"]])
        ratio_samples[size][direction] = {n: list(np.divide(codes[n][best[n]], relu)) for n in codes}
del codes, best, relu
median_ns = per_function(lambda codes: min(float(np.median(samples)) for samples in codes.values()), ns_per_value)
ratio_median = per_function(lambda r: float(np.median(r)), ratio_samples)
ratio_interval = per_function(lambda r: activations.median_interval(r, CONFIDENCE), ratio_samples)


def cell(size, direction, name):
    low, high = ratio_interval[size][direction][name]
    return f"{ratio_median[size][direction][name]:.2f} ({low:.2f}–{high:.2f})"


speed_table = [
    {
        "function": LABELS[name],
        "fwd, ns/value": f"{median_ns['batch']['forward'][name]:.2f}",
        "fwd × ReLU": cell("batch", "forward", name),
        "bwd, ns/value": f"{median_ns['batch']['backward'][name]:.2f}",
        "bwd × ReLU": cell("batch", "backward", name),
        "fwd × ReLU, 10⁶ values": cell("large", "forward", name),
    }
    for name in FORWARD
]
implementation_table = [
    {
        "function": LABELS[name],
        "step": direction,
        "code": code,
        "ns/value, 200 × 64": f"{np.median(ns_per_value['batch'][direction][name][key]):.2f}",
        "ns/value, 10⁶": f"{np.median(ns_per_value['large'][direction][name][key]):.2f}",
    }
    for direction, implementations in (("forward", FORWARD), ("backward", BACKWARD))
    for name, versions in implementations.items()
    for key, (code, _) in versions.items()
]
for row in speed_table:
    print(" | ".join(row.values()))

# %%
# The cost per value relative to ReLU
# -----------------------------------
#
# The median ratio of each function's fastest code to ReLU's, with its interval, on the
# array a training step works on.
names = list(FORWARD)
positions = np.arange(len(names))
fig, ax = plt.subplots(figsize=(8, 4))
for offset, direction, color, hatch, label in (
    (-0.2, "forward", "tab:blue", None, "forward f(z)"),
    (0.2, "backward", "tab:orange", "//", "backward δ·f′(z)"),
):
    medians = np.array([ratio_median["batch"][direction][n] for n in names])
    intervals = np.array([ratio_interval["batch"][direction][n] for n in names])
    ax.barh(
        positions + offset,
        medians,
        height=0.4,
        color=color,
        hatch=hatch,
        label=label,
        xerr=[medians - intervals[:, 0], intervals[:, 1] - medians],
        error_kw={"elinewidth": 1, "capsize": 2},
    )
ax.axvline(1, color="black", linestyle="--", linewidth=1, label="ReLU = 1")
ax.set_yticks(positions, [LABELS[n] for n in names])
ax.invert_yaxis()
ax.set_xlabel(f"time per value, relative to ReLU's same step (median of {ROUNDS} rounds, {CONFIDENCE:.0%} interval)")
ax.set_title(f"Cost per value on a {BATCH_SHAPE[0]} × {BATCH_SHAPE[1]} array (fastest numpy code of each)")
ax.legend(loc="upper right")  # the short ReLU bars leave that corner free
ax.grid(True, axis="x", alpha=0.3)
fig.tight_layout()
cheapest_first = sorted(names, key=ratio_median["batch"]["forward"].get)
ratio_chart_alt = (
    "Horizontal bar chart of the time per value relative to ReLU, forward (solid blue) and backward "
    f"(hatched orange), with intervals, for {', '.join(LABELS[n] for n in names)}. "
    f"From the cheapest forward step to the dearest: {', '.join(LABELS[n] for n in cheapest_first)}."
)

# %%
# Verdicts
# --------
#
# On the article's speed claims, per value, on the 200 × 64 array. "Very fast to
# compute": in each round, the cheapest of the functions that need an exponential takes
# longer than ReLU. "Fast" and "slow": under or over ``SLOW_RATIO`` times ReLU's time.
EXPONENTIAL = ("logistic", "tanh", "elu", "gelu")  # the functions that need an exponential
SLOW_RATIO = 2.5  # "slow": at least 2.5 × ReLU's time per value; "fast": less

forward = ratio_samples["batch"]["forward"]
codes = ns_per_value["batch"]["forward"]
comparison_samples = {
    "cheapest_exponential_vs_relu": list(np.min([forward[n] for n in EXPONENTIAL], axis=0)),
    "leaky_relu_vs_relu": forward["leaky_relu"],
    "leaky_relu_vs_relu_large": ratio_samples["large"]["forward"]["leaky_relu"],
    "where_vs_maximum": list(np.divide(codes["leaky_relu"]["activations_py"], codes["leaky_relu"]["alternative"])),
    "power_vs_products": list(np.divide(codes["gelu"]["activations_py"], codes["gelu"]["alternative"])),
}
comparison_median = {key: float(np.median(r)) for key, r in comparison_samples.items()}
comparison_interval = {key: activations.median_interval(r, CONFIDENCE) for key, r in comparison_samples.items()}
verdicts = {
    "relu_fast": activations.verdict(comparison_interval["cheapest_exponential_vs_relu"], 1, claim="above"),
    "leaky_relu_fast": activations.verdict(ratio_interval["batch"]["forward"]["leaky_relu"], SLOW_RATIO, claim="below"),
    "where_slower_than_maximum": activations.verdict(comparison_interval["where_vs_maximum"], 1, claim="above"),
    "power_slower_than_products": activations.verdict(comparison_interval["power_vs_products"], 1, claim="above"),
}
print(verdicts)

# %%
# The results in words
# --------------------
#
# Which of two functions is cheaper differs between machines, so the sentences that
# say it are written from this run's numbers and verdicts.


def ratio_sentence(key, subject, other, name, other_name):
    return activations.ratio_sentence(
        comparison_median[key], comparison_interval[key], subject, other, name, other_name, ROUNDS, CONFIDENCE
    )


sentences = {
    "relu_fast": ratio_sentence(
        "cheapest_exponential_vs_relu",
        "In each round, the cheapest function that needs an exponential",
        "ReLU",
        "it",
        "ReLU",
    ),
    "leaky_relu_vs_relu": ratio_sentence(
        "leaky_relu_vs_relu", "Leaky ReLU's fastest code", "ReLU's", "Leaky ReLU", "ReLU"
    ),
    "leaky_relu_vs_relu_large": ratio_sentence(
        "leaky_relu_vs_relu_large", "On a million values, Leaky ReLU's fastest code", "ReLU's", "Leaky ReLU", "ReLU"
    ),
    "where_vs_maximum": ratio_sentence(
        "where_vs_maximum",
        "Leaky ReLU written with `np.where`",
        "with `np.maximum(z, 0.01 * z)`",
        "`np.where`",
        "`np.maximum`",
    ),
    "power_vs_products": ratio_sentence(
        "power_vs_products", "GELU written with `z**3`", "with `z * z * z`", "`z**3`", "`z * z * z`"
    ),
}
for sentence in sentences.values():
    print(sentence)

plt.show()
