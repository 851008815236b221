# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "matplotlib==3.11.2",
#   "numpy==2.4.6",
#   "scikit-learn==1.9.1",
# ]
# ///

"""
How much of a training run is the activation function?
======================================================

A training run does much more than apply the activation function: matrix products in
both directions, the loss, the optimizer's update. We train scikit-learn's
``MLPRegressor`` with each of its non-linear activations for a fixed number of epochs,
in interleaved rounds, under Python's profiler, and read from each profile the time
spent in scikit-learn's activation function and its derivative: as a share of the fit,
per value, and against the other activations in the same round.
"""

# %%
# The data and the model
# ----------------------
#
# Every fit runs exactly ``EPOCHS`` epochs (``tol=0`` and a patience longer than the
# run), so that each activation does the same work: the same matrix products, the same
# number of calls to its function and derivative.
import cProfile
import pstats
import time
import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPRegressor

import activations

N_TRAIN = 2000
N_FEATURES = 10
HIDDEN_LAYERS = (64, 64)
EPOCHS = 10
BATCH_SIZE = 200  # scikit-learn's default
FIT_ACTIVATIONS = ("relu", "tanh", "logistic")
ROUNDS = 21
CONFIDENCE = 0.95  # of the interval for a median

rng = np.random.default_rng(0)
X = rng.standard_normal((N_TRAIN, N_FEATURES))
y = np.sin(X[:, 0]) + X[:, 1] * X[:, 2]


def new_model(activation):
    return MLPRegressor(
        hidden_layer_sizes=HIDDEN_LAYERS,
        activation=activation,
        solver="adam",
        batch_size=BATCH_SIZE,
        max_iter=EPOCHS,
        tol=0.0,
        n_iter_no_change=EPOCHS + 1,
        random_state=0,
    )


# %%
# Profile the fits, in rounds
# ---------------------------
#
# scikit-learn applies a hidden layer's activation with a function named
# ``inplace_<activation>`` and its derivative with ``inplace_<activation>_derivative``,
# so the profile finds both by name. The profiler adds a cost to every Python call, which
# inflates both the activation's time and the fit's: we compare profiled times only with
# profiled times. Each round fits every activation once, a different one first each time.
def profiled_fit(activation):
    """Seconds of the whole fit, in the activation function, and in its derivative."""
    # The timer counts nanoseconds: pstats rounds its figures to 3 decimals.
    profile = cProfile.Profile(time.perf_counter_ns, 1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # it stops at EPOCHS on purpose
        model = profile.runcall(new_model(activation).fit, X, y)
    assert model.n_iter_ == EPOCHS
    stats = pstats.Stats(profile).get_stats_profile()
    forward = stats.func_profiles[f"inplace_{activation}"].cumtime
    backward = stats.func_profiles[f"inplace_{activation}_derivative"].cumtime
    return stats.total_tt * 1e-9, forward * 1e-9, backward * 1e-9


fit_seconds = {a: [] for a in FIT_ACTIVATIONS}  # one sample per round
forward_seconds = {a: [] for a in FIT_ACTIVATIONS}
backward_seconds = {a: [] for a in FIT_ACTIVATIONS}
for round_number in range(ROUNDS):
    first = round_number % len(FIT_ACTIVATIONS)
    for activation in FIT_ACTIVATIONS[first:] + FIT_ACTIVATIONS[:first]:
        fit, forward, backward = profiled_fit(activation)
        fit_seconds[activation].append(fit)
        forward_seconds[activation].append(forward)
        backward_seconds[activation].append(backward)

# %%
# Shares, costs per value and ratios
# ----------------------------------
#
# Per round: the activation's share of its own fit, and ratios between activations
# fitted in the same round. Each is summarised by its median and an interval for it.
activation_seconds = {a: list(np.add(forward_seconds[a], backward_seconds[a])) for a in FIT_ACTIVATIONS}
share_samples = {a: list(np.divide(activation_seconds[a], fit_seconds[a])) for a in FIT_ACTIVATIONS}
values_per_fit = N_TRAIN * EPOCHS * sum(HIDDEN_LAYERS)  # activations computed, and differentiated


def median_ns_per_value(seconds):
    return float(np.median(seconds)) * 1e9 / values_per_fit


ns_per_value = {
    a: {"forward": median_ns_per_value(forward_seconds[a]), "backward": median_ns_per_value(backward_seconds[a])}
    for a in FIT_ACTIVATIONS
}
relu_seconds = np.array(activation_seconds["relu"])
cheaper_other_seconds = np.minimum(activation_seconds["tanh"], activation_seconds["logistic"])
ratio_samples = {
    # ReLU's activation time over each other's, and over the cheaper of the two
    "relu_vs_tanh": list(relu_seconds / activation_seconds["tanh"]),
    "relu_vs_logistic": list(relu_seconds / activation_seconds["logistic"]),
    "relu_vs_cheaper_other": list(relu_seconds / cheaper_other_seconds),
    # the forward step alone, per value: each function over ReLU's
    "tanh_forward_vs_relu": list(np.divide(forward_seconds["tanh"], forward_seconds["relu"])),
    "logistic_forward_vs_relu": list(np.divide(forward_seconds["logistic"], forward_seconds["relu"])),
    # the backward step alone: ReLU's masked assignment over tanh's product
    "relu_backward_vs_tanh": list(np.divide(backward_seconds["relu"], backward_seconds["tanh"])),
}
ratio_median = {key: float(np.median(samples)) for key, samples in ratio_samples.items()}
ratio_interval = {key: activations.median_interval(samples, CONFIDENCE) for key, samples in ratio_samples.items()}
share_median = {a: float(np.median(share_samples[a])) for a in FIT_ACTIVATIONS}
share_interval = {a: activations.median_interval(share_samples[a], CONFIDENCE) for a in FIT_ACTIVATIONS}

training_table = [
    {
        "activation=": f"`{a}`",
        "fit (s)": f"{np.median(fit_seconds[a]):.3f}",
        "in the activation (s)": f"{np.median(activation_seconds[a]):.4f}",
        "share of the fit": f"{share_median[a]:.0%} ({share_interval[a][0]:.0%}–{share_interval[a][1]:.0%})",
        "fwd + bwd, ns/value": f"{ns_per_value[a]['forward']:.2f} + {ns_per_value[a]['backward']:.2f}",
    }
    for a in FIT_ACTIVATIONS
]
for row in training_table:
    print(" | ".join(row.values()))

# %%
# Where a training run's time goes
# --------------------------------
#
# The median profiled fit of each activation, split into the activation function with
# its derivative and everything else.
fit_median = {a: float(np.median(fit_seconds[a])) for a in FIT_ACTIVATIONS}
activation_median = {a: float(np.median(activation_seconds[a])) for a in FIT_ACTIVATIONS}
fig, ax = plt.subplots(figsize=(8, 3.5))
rows = np.arange(len(FIT_ACTIVATIONS))
rest = [fit_median[a] - activation_median[a] for a in FIT_ACTIVATIONS]
ax.barh(rows, rest, color="lightgrey", edgecolor="black", label="everything else (matrix products, optimizer, …)")
ax.barh(
    rows,
    [activation_median[a] for a in FIT_ACTIVATIONS],
    left=rest,
    color="tab:red",
    hatch="xx",
    edgecolor="black",
    label="the activation function and its derivative",
)
ax.set_yticks(rows, [f"'{a}'" for a in FIT_ACTIVATIONS])
ax.invert_yaxis()
ax.set_xlabel(f"seconds for the whole fit, profiled (median of {ROUNDS} rounds)")
ax.set_title(f"MLPRegressor, hidden layers {HIDDEN_LAYERS}, {N_TRAIN} samples, {EPOCHS} epochs")
ax.set_xlim(0, 1.05 * max(fit_median.values()))
ax.grid(True, axis="x", alpha=0.3)
fig.legend(loc="lower center", ncol=2, fontsize=8, frameon=False)
fig.tight_layout(rect=(0, 0.1, 1, 1))
largest_first = sorted(FIT_ACTIVATIONS, key=activation_median.get, reverse=True)
share_chart_alt = (
    "Horizontal stacked bars of the median profiled time of a whole MLPRegressor fit "
    f"for {', '.join(FIT_ACTIVATIONS)}: "
    "grey for everything else, red hatched for the activation function and its derivative. "
    f"The red part is largest for {largest_first[0]}, then {largest_first[1]}, then {largest_first[2]}."
)

# %%
# Verdicts
# --------
#
# The article's speed claims, judged inside training. "Slow" is two questions: is the
# function slow per value, and is it a large share of training? Slow per value but a
# small share of training makes the verdict "nuanced".
SLOW_RATIO = 2.5  # "slow" per value: at least 2.5 × ReLU's forward time
LARGE_SHARE = 0.5  # a large share of training: half of a fit or more
LABELS = {"relu": "ReLU", "tanh": "tanh", "logistic": "the sigmoid"}


def slow_verdict(per_value, share):
    """Slow per value and a large share of training: confirmed; slow per value but a small
    share: nuanced; not slow per value: contradicted; anything else: undecided."""
    if per_value == "contradicted":
        return "contradicted"  # not even slow per value
    if per_value == "confirmed" and share != activations.UNDECIDED:
        return "confirmed" if share == "confirmed" else "nuanced"
    return activations.UNDECIDED


OUTCOMES = ("confirmed", "contradicted", activations.UNDECIDED)
slow_rule_table = [
    {"slow per value": p, "large share of training": s, "verdict on slow": slow_verdict(p, s)}
    for p in OUTCOMES
    for s in OUTCOMES
]
part_verdicts = {
    a: {
        "slow_per_value": activations.verdict(ratio_interval[f"{a}_forward_vs_relu"], SLOW_RATIO, claim="above"),
        "large_share": activations.verdict(share_interval[a], LARGE_SHARE, claim="above"),
    }
    for a in ("tanh", "logistic")
}
verdicts = {
    "relu_cheapest_in_sklearn_training": activations.verdict(ratio_interval["relu_vs_cheaper_other"], 1, claim="below"),
    "sigmoid_slow": slow_verdict(part_verdicts["logistic"]["slow_per_value"], part_verdicts["logistic"]["large_share"]),
    "tanh_slow": slow_verdict(part_verdicts["tanh"]["slow_per_value"], part_verdicts["tanh"]["large_share"]),
}
print(verdicts)

# %%
# The results in words
# --------------------
#
# Which activation costs more inside a fit differs between machines, so the sentences
# that say it are written from this run's numbers and verdicts.


def ratio_sentence(key, subject, other, name, other_name):
    return activations.ratio_sentence(
        ratio_median[key], ratio_interval[key], subject, other, name, other_name, ROUNDS, CONFIDENCE
    )


def slow_sentence(a):
    low, high = ratio_interval[f"{a}_forward_vs_relu"]
    per_value = {
        "confirmed": f"at least {SLOW_RATIO} times ReLU's: slow per value",
        "contradicted": f"less than {SLOW_RATIO} times ReLU's: not slow per value",
        activations.UNDECIDED: f"undecided against {SLOW_RATIO} times ReLU's",
    }[part_verdicts[a]["slow_per_value"]]
    share = {
        "confirmed": "a large share of training",
        "contradicted": "a small share of training",
        activations.UNDECIDED: "undecided against half of training",
    }[part_verdicts[a]["large_share"]]
    return (
        f"Inside the fit, {LABELS[a]}'s forward step took {ratio_median[f'{a}_forward_vs_relu']:.3g} times as long as "
        f"ReLU's ({CONFIDENCE:.0%} interval {low:.3g} to {high:.3g}; {per_value}), and its function and derivative "
        f"took {share_median[a]:.0%} of the fit ({share_interval[a][0]:.0%} to {share_interval[a][1]:.0%}; {share})."
    )


sentences = {
    "relu_vs_tanh": ratio_sentence(
        "relu_vs_tanh", "ReLU's activation function and derivative", "tanh's", "ReLU's", "tanh's"
    ),
    "relu_vs_logistic": ratio_sentence(
        "relu_vs_logistic", "ReLU's activation function and derivative", "the sigmoid's", "ReLU's", "the sigmoid's"
    ),
    "relu_backward_vs_tanh": ratio_sentence(
        "relu_backward_vs_tanh",
        "ReLU's backward step (`delta[Z == 0] = 0`)",
        "tanh's (`delta *= 1 - Z**2`)",
        "ReLU's",
        "tanh's",
    ),
    "sigmoid_slow": slow_sentence("logistic"),
    "tanh_slow": slow_sentence("tanh"),
}
for sentence in sentences.values():
    print(sentence)

plt.show()
