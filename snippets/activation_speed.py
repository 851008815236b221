"""
How fast is ReLU? Per value, and in a whole training run
========================================================

ReLU is "just a comparison with zero", while sigmoid and tanh need an exponential.
We time each activation function and its backward step on the array one hidden
layer holds during training (a 200-sample mini-batch, scikit-learn's default, times
64 units) and on a million values, both as written in ``activations.py`` and as a
short numpy expression, and report the cost per value relative to ReLU. Then we
time whole ``MLPRegressor`` training runs of a fixed number of epochs, and measure
what share of a run the activation function takes.
"""

# %%
# Inputs: standard-normal pre-activations z, and an incoming gradient δ for the
# backward step. Every timing is the best (minimum) of many repeats, taken in turn
# across all functions: the machine is shared, and the fastest repeat is the one
# least disturbed. We compare ratios to ReLU rather than absolute times.
import time
import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPRegressor

import activations

BATCH_SHAPE = (200, 64)  # scikit-learn's default batch_size=200, a 64-unit layer
LARGE_SIZE = 1_000_000
REPEATS = {"batch": 25, "large": 5}
CALLS_PER_TIMING = {"batch": 20, "large": 1}  # several calls per timing for the short ones

rng = np.random.default_rng(0)
inputs = {"batch": rng.standard_normal(BATCH_SHAPE), "large": rng.standard_normal(LARGE_SIZE)}
gradients = {size: rng.standard_normal(z.shape) for size, z in inputs.items()}


def best_ns_per_value(jobs, size):
    """Time each job (a function of no arguments); nanoseconds per value, best of REPEATS."""
    best = dict.fromkeys(jobs, np.inf)
    for _ in range(REPEATS[size]):
        for key, call in jobs.items():
            start = time.perf_counter()
            for _ in range(CALLS_PER_TIMING[size]):
                call()
            best[key] = min(best[key], (time.perf_counter() - start) / CALLS_PER_TIMING[size])
    return {key: seconds / inputs[size].size * 1e9 for key, seconds in best.items()}


# %%
# What we time. Forward: f(z). Backward: one layer's step of backpropagation, the
# incoming gradient times the derivative, δ · f′(z). Each function as activations.py
# writes it and, where a different one exists, as a short numpy expression.
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
LABELS = {"relu": "ReLU", "leaky_relu": "Leaky ReLU", "logistic": "sigmoid", "tanh": "tanh", "elu": "ELU", "gelu": "GELU"}

# %%
# Time every implementation at both sizes; then, per function, keep the fastest and
# divide by ReLU's fastest.
ns_per_value = {}
for size in inputs:
    z, delta = inputs[size], gradients[size]
    jobs = {}
    for name, versions in FORWARD.items():
        jobs |= {("forward", name, key): (lambda f=f: f(z)) for key, (_, f) in versions.items()}
    for name, versions in BACKWARD.items():
        jobs |= {("backward", name, key): (lambda f=f: f(delta, z)) for key, (_, f) in versions.items()}
    ns_per_value[size] = {"forward": {}, "backward": {}}
    for (direction, name, key), ns in best_ns_per_value(jobs, size).items():
        ns_per_value[size][direction].setdefault(name, {})[key] = ns
del jobs, z, delta

fastest = {
    size: {direction: {name: min(codes.values()) for name, codes in by_name.items()} for direction, by_name in t.items()}
    for size, t in ns_per_value.items()
}
ratio_to_relu = {
    size: {direction: {name: ns / by_name["relu"] for name, ns in by_name.items()} for direction, by_name in f.items()}
    for size, f in fastest.items()
}

speed_table = [
    {
        "function": LABELS[name],
        "fwd, ns/value": f"{fastest['batch']['forward'][name]:.2f}",
        "fwd × ReLU": f"{ratio_to_relu['batch']['forward'][name]:.1f}",
        "bwd, ns/value": f"{fastest['batch']['backward'][name]:.2f}",
        "bwd × ReLU": f"{ratio_to_relu['batch']['backward'][name]:.1f}",
        "fwd × ReLU, 10⁶ values": f"{ratio_to_relu['large']['forward'][name]:.1f}",
    }
    for name in FORWARD
]
implementation_table = [
    {
        "function": LABELS[name],
        "step": direction,
        "code": code,
        "ns/value, 200 × 64": f"{ns_per_value['batch'][direction][name][key]:.2f}",
        "ns/value, 10⁶": f"{ns_per_value['large'][direction][name][key]:.2f}",
    }
    for direction, implementations in (("forward", FORWARD), ("backward", BACKWARD))
    for name, versions in implementations.items()
    for key, (code, _) in versions.items()
]
for row in speed_table:
    print(" | ".join(row.values()))

# %%
# The cost per value relative to ReLU, fastest implementation of each function.
names = list(FORWARD)
positions = np.arange(len(names))
fig, ax = plt.subplots(figsize=(8, 4))
ax.barh(positions - 0.2, [ratio_to_relu["batch"]["forward"][n] for n in names], height=0.4, color="tab:blue", label="forward f(z)")
ax.barh(
    positions + 0.2,
    [ratio_to_relu["batch"]["backward"][n] for n in names],
    height=0.4,
    color="tab:orange",
    hatch="//",
    label="backward δ·f′(z)",
)
ax.axvline(1, color="black", linestyle="--", linewidth=1, label="ReLU = 1")
ax.set_yticks(positions, [LABELS[n] for n in names])
ax.invert_yaxis()
ax.set_xlabel("time per value, relative to ReLU's same step")
ax.set_title(f"Cost per value on a {BATCH_SHAPE[0]} × {BATCH_SHAPE[1]} array (fastest numpy code of each)")
ax.legend(loc="upper right")
ax.grid(True, axis="x", alpha=0.3)
fig.tight_layout()

# %%
# Whole training runs: MLPRegressor with each activation scikit-learn offers, the
# same data and the same number of epochs (tol=0 and a patience longer than the run,
# so that no run stops early). To see what share of a run the activation function
# takes, we time every call the fit makes to it: scikit-learn looks its in-place
# activation functions and derivatives up by name in two dicts (in a private module),
# so for the length of one fit we put timed wrappers of the same functions there.
import contextlib

from sklearn.neural_network._base import ACTIVATIONS as SKLEARN_FORWARD
from sklearn.neural_network._base import DERIVATIVES as SKLEARN_BACKWARD

N_TRAIN = 2000
N_FEATURES = 10
HIDDEN_LAYERS = (64, 64)
EPOCHS = 20
BATCH_SIZE = BATCH_SHAPE[0]
FIT_REPEATS = 5
FIT_ACTIVATIONS = ("identity", "relu", "tanh", "logistic")

X = rng.standard_normal((N_TRAIN, N_FEATURES))
y = np.sin(X[:, 0]) + X[:, 1] * X[:, 2]


@contextlib.contextmanager
def timing_activation(activation):
    """Within the block, time scikit-learn's forward and backward calls of one activation."""
    spent = {"forward": 0.0, "backward": 0.0}
    forward, backward = SKLEARN_FORWARD[activation], SKLEARN_BACKWARD[activation]

    def timed_forward(Z):
        start = time.perf_counter()
        forward(Z)
        spent["forward"] += time.perf_counter() - start

    def timed_backward(Z, delta):
        start = time.perf_counter()
        backward(Z, delta)
        spent["backward"] += time.perf_counter() - start

    SKLEARN_FORWARD[activation], SKLEARN_BACKWARD[activation] = timed_forward, timed_backward
    try:
        yield spent
    finally:
        SKLEARN_FORWARD[activation], SKLEARN_BACKWARD[activation] = forward, backward


def timed_fit(activation):
    """(seconds for the whole fit, seconds in the activation forward, and backward)."""
    model = MLPRegressor(
        hidden_layer_sizes=HIDDEN_LAYERS,
        activation=activation,
        solver="adam",
        batch_size=BATCH_SIZE,
        max_iter=EPOCHS,
        tol=0.0,
        n_iter_no_change=EPOCHS + 1,
        random_state=0,
    )
    with warnings.catch_warnings(), timing_activation(activation) as spent:
        warnings.simplefilter("ignore", ConvergenceWarning)  # it stops at EPOCHS on purpose
        start = time.perf_counter()
        model.fit(X, y)
        total = time.perf_counter() - start
    assert model.n_iter_ == EPOCHS
    return total, spent["forward"], spent["backward"]


# Fits taken in turn; for each activation we keep its fastest run.
best_run = dict.fromkeys(FIT_ACTIVATIONS, (np.inf, 0.0, 0.0))
for _ in range(FIT_REPEATS):
    for activation in FIT_ACTIVATIONS:
        best_run[activation] = min(best_run[activation], timed_fit(activation))

values_per_fit = N_TRAIN * EPOCHS * sum(HIDDEN_LAYERS)  # activations computed, and differentiated
fit_time = {a: run[0] for a, run in best_run.items()}
activation_seconds = {a: run[1] + run[2] for a, run in best_run.items()}
activation_share = {a: activation_seconds[a] / fit_time[a] for a in FIT_ACTIVATIONS}
fit_ratio_to_relu = {a: fit_time[a] / fit_time["relu"] for a in FIT_ACTIVATIONS}
in_fit_ns_per_value = {
    a: {"forward": run[1] / values_per_fit * 1e9, "backward": run[2] / values_per_fit * 1e9} for a, run in best_run.items()
}

training_table = [
    {
        "activation=": f"`{a}`",
        "fit (s)": f"{fit_time[a]:.3f}",
        "in the activation (s)": f"{activation_seconds[a]:.3f}",
        "share of the fit": f"{activation_share[a]:.0%}",
        "fwd + bwd, ns/value": f"{in_fit_ns_per_value[a]['forward']:.1f} + {in_fit_ns_per_value[a]['backward']:.1f}",
    }
    for a in FIT_ACTIVATIONS
]
for row in training_table:
    print(" | ".join(row.values()))

# %%
# Where a training run's time goes: the activation function and everything else.
fig, ax = plt.subplots(figsize=(8, 4))
rows = np.arange(len(FIT_ACTIVATIONS))
rest = [fit_time[a] - activation_seconds[a] for a in FIT_ACTIVATIONS]
ax.barh(rows, rest, color="lightgrey", edgecolor="black", label="everything else (matrix products, optimizer, …)")
ax.barh(
    rows,
    [activation_seconds[a] for a in FIT_ACTIVATIONS],
    left=rest,
    color="tab:red",
    hatch="xx",
    edgecolor="black",
    label="the activation function (forward + backward)",
)
ax.set_yticks(rows, [f"'{a}'" for a in FIT_ACTIVATIONS])
ax.invert_yaxis()
ax.set_xlabel(f"seconds for the whole fit (fastest of {FIT_REPEATS} runs)")
ax.set_title(f"MLPRegressor, hidden layers {HIDDEN_LAYERS}, {N_TRAIN} samples, {EPOCHS} epochs")
ax.set_xlim(0, 1.05 * max(fit_time.values()))
ax.grid(True, axis="x", alpha=0.3)
fig.legend(loc="lower center", ncol=2, fontsize=8, frameon=False)
fig.tight_layout(rect=(0, 0.08, 1, 1))

# %%
# Verdicts on the article's speed claims (section 3.1 and the Speed column of its
# "ReLU vs. Others" table). The per-value rules use the 200 × 64 array, the size a
# training step works on; the share rule uses the training runs.
SLOW_RATIO = 2.5  # "slow": the forward step costs at least 2.5 × ReLU's
FAST_RATIO = 2.5  # "fast": below 2.5 × ReLU's, and cheaper than sigmoid and tanh
LARGE_SHARE = 0.5  # slow where it matters: half of a training run or more

per_value = ratio_to_relu["batch"]["forward"]
relu_is_cheapest = {
    size: all(fastest[size]["forward"]["relu"] < ns for name, ns in fastest[size]["forward"].items() if name != "relu")
    for size in inputs
}
relu_backward_is_cheapest = {
    size: all(fastest[size]["backward"]["relu"] < ns for name, ns in fastest[size]["backward"].items() if name != "relu")
    for size in inputs
}


def slow_verdict(name):
    if per_value[name] < SLOW_RATIO:
        return "contradicted"  # not even slow per value
    return "confirmed" if activation_share[name] >= LARGE_SHARE else "nuanced"


def is_fast(name, size):
    r = ratio_to_relu[size]["forward"]
    return bool(r[name] < FAST_RATIO and r[name] < min(r["logistic"], r["tanh"]))


leaky_is_fast = {size: is_fast("leaky_relu", size) for size in inputs}
in_fit = activation_seconds
verdicts = {
    "relu_fast": "confirmed" if relu_is_cheapest["batch"] else "contradicted",
    "sigmoid_slow": slow_verdict("logistic"),
    "tanh_slow": slow_verdict("tanh"),
    "leaky_relu_fast": "confirmed" if leaky_is_fast["batch"] else "contradicted",
    "relu_cheapest_in_sklearn_training": "confirmed" if in_fit["relu"] < min(in_fit["tanh"], in_fit["logistic"]) else "contradicted",
}
print(verdicts)

plt.show()
