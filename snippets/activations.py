# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "numpy==2.4.6",
# ]
# ///

"""
Activation functions and a small numpy network
==============================================

The activation functions this site measures, each with its derivative, written in
plain numpy, plus the few lines of a fully connected network (initialisation,
forward pass, backward pass, Adam) that the experiments need for the functions
scikit-learn's ``MLPRegressor`` does not offer. Other examples import this file;
run on its own, it checks every derivative against finite differences.
"""

# %%
# The functions and their derivatives
# -----------------------------------
#
# Element-wise, on numpy arrays.
from math import comb

import numpy as np

LEAKY_SLOPE = 0.01  # Maas et al. (2013)
PRELU_SLOPE = 0.25  # He et al. (2015) initialise the learned slope at 0.25
ELU_ALPHA = 1.0  # Clevert et al. (2016)
GELU_C = np.sqrt(2 / np.pi)  # tanh approximation of GELU (Hendrycks & Gimpel, 2016)


def identity(z):
    return z


def d_identity(z):
    return np.ones_like(z)


def logistic(z):
    return 0.5 * (1 + np.tanh(0.5 * z))  # = 1 / (1 + exp(-z)), without overflow


def d_logistic(z):
    s = logistic(z)
    return s * (1 - s)


def tanh(z):
    return np.tanh(z)


def d_tanh(z):
    return 1 - np.tanh(z) ** 2


def relu(z):
    return np.maximum(z, 0)


def d_relu(z):
    return (z > 0).astype(float)


def leaky_relu(z, slope=LEAKY_SLOPE):
    return np.where(z > 0, z, slope * z)


def d_leaky_relu(z, slope=LEAKY_SLOPE):
    return np.where(z > 0, 1.0, slope)


def prelu(z, slope=PRELU_SLOPE):
    return leaky_relu(z, slope)


def d_prelu(z, slope=PRELU_SLOPE):
    return d_leaky_relu(z, slope)


def d_prelu_slope(z):
    """d prelu(z, a) / d a, the same for every slope a: 0 where z > 0, z where z <= 0."""
    return np.minimum(z, 0)


def elu(z, alpha=ELU_ALPHA):
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0)))


def d_elu(z, alpha=ELU_ALPHA):
    return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0)))


def gelu(z):
    return 0.5 * z * (1 + np.tanh(GELU_C * (z + 0.044715 * z**3)))


def d_gelu(z):
    inner = GELU_C * (z + 0.044715 * z**3)
    t = np.tanh(inner)
    return 0.5 * (1 + t) + 0.5 * z * (1 - t**2) * GELU_C * (1 + 3 * 0.044715 * z**2)


def softmax(z, axis=-1):
    """Vector-valued: turns each row of logits into probabilities that sum to 1."""
    shifted = z - z.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def softmax_jacobian(z):
    """d softmax(z)_i / d z_j for one vector z: diag(p) - p p^T."""
    p = softmax(z)
    return np.diag(p) - np.outer(p, p)


# name -> (function, derivative); the element-wise functions only
ELEMENTWISE = {
    "identity": (identity, d_identity),
    "logistic": (logistic, d_logistic),
    "tanh": (tanh, d_tanh),
    "relu": (relu, d_relu),
    "leaky_relu": (leaky_relu, d_leaky_relu),
    "prelu": (prelu, d_prelu),
    "elu": (elu, d_elu),
    "gelu": (gelu, d_gelu),
}

# %%
# A fully connected network
# -------------------------
#
# Weights, forward pass, backward pass, and the Adam optimiser.


def init_network(layer_sizes, rng, init="glorot", gain=1.0):
    """Weights and zero biases for layers of the given sizes.

    ``init="glorot"`` draws uniform weights with variance 2 / (fan_in + fan_out)
    (Glorot & Bengio, 2010); ``init="he"`` draws normal weights with variance
    2 / fan_in (He et al., 2015). ``gain`` scales every weight.
    """
    weights, biases = [], []
    for fan_in, fan_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        if init == "glorot":
            limit = np.sqrt(6 / (fan_in + fan_out))
            w = rng.uniform(-limit, limit, size=(fan_in, fan_out))
        elif init == "he":
            w = rng.normal(0, np.sqrt(2 / fan_in), size=(fan_in, fan_out))
        else:
            raise ValueError(f"unknown init {init!r}")
        weights.append(gain * w)
        biases.append(np.zeros(fan_out))
    return weights, biases


def _check_slopes(activation, slopes):
    if slopes is not None and activation != "prelu":
        raise ValueError(f"learned slopes need activation='prelu', not {activation!r}")


def forward(X, weights, biases, activation, slopes=None):
    """Hidden layers use ``activation``; the output layer is linear.

    Returns the pre-activations ``zs`` and activations ``activations`` of every
    layer (``activations[0]`` is the input), as backpropagation needs them.
    ``slopes``: PReLU's learned negative slopes, one number (per layer) or one array
    (per unit) for each hidden layer; only with ``activation="prelu"``.
    """
    _check_slopes(activation, slopes)
    f, _ = ELEMENTWISE[activation]
    activations, zs = [X], []
    for i, (w, b) in enumerate(zip(weights, biases)):
        z = activations[-1] @ w + b
        zs.append(z)
        if i == len(weights) - 1:
            activations.append(z)
        else:
            activations.append(f(z) if slopes is None else prelu(z, slopes[i]))
    return zs, activations


def backward(zs, activations, weights, output_gradient, activation, slopes=None):
    """Gradients of the loss with respect to every weight matrix and bias vector.

    ``output_gradient`` is dLoss/d(output). Returns ``(weight_grads, bias_grads)``,
    first layer first; with PReLU's learned ``slopes`` (as in ``forward``),
    ``(weight_grads, bias_grads, slope_grads)``.
    """
    _check_slopes(activation, slopes)
    _, df = ELEMENTWISE[activation]
    delta = output_gradient
    weight_grads, bias_grads, slope_grads = [], [], []
    for i in reversed(range(len(weights))):
        weight_grads.append(activations[i].T @ delta)
        bias_grads.append(delta.sum(axis=0))
        if i > 0:
            upstream = delta @ weights[i].T  # dLoss/dh for hidden layer i
            if slopes is None:
                delta = upstream * df(zs[i - 1])
            else:  # dLoss/da: dLoss/dh * dh/da, summed over the inputs (and units sharing a)
                per_value = upstream * d_prelu_slope(zs[i - 1])
                slope_grads.append(per_value.sum(axis=0) if np.ndim(slopes[i - 1]) else per_value.sum())
                delta = upstream * d_prelu(zs[i - 1], slopes[i - 1])
    if slopes is None:
        return weight_grads[::-1], bias_grads[::-1]
    return weight_grads[::-1], bias_grads[::-1], slope_grads[::-1]


class Adam:
    """Adam (Kingma & Ba, 2015) with scikit-learn's constants, updating ``params`` in place.

    ``step(grads)`` takes one gradient per parameter array, in the same order. The
    moments live in one flat vector, so a step costs a few array operations however
    many layers there are.
    """

    def __init__(self, params, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
        self.params, self.learning_rate = params, learning_rate
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon
        self.ends = np.cumsum([p.size for p in params])[:-1]
        self.first = np.zeros(sum(p.size for p in params))  # running mean of the gradient
        self.second = np.zeros_like(self.first)  # ... and of its square
        self.steps = 0

    def step(self, grads):
        g = np.concatenate([np.ravel(grad) for grad in grads])
        self.steps += 1
        self.first *= self.beta1
        self.first += (1 - self.beta1) * g
        self.second *= self.beta2
        self.second += (1 - self.beta2) * g * g
        m_hat = self.first / (1 - self.beta1**self.steps)
        v_hat = self.second / (1 - self.beta2**self.steps)
        update = self.learning_rate * m_hat / (np.sqrt(v_hat) + self.epsilon)
        for p, u in zip(self.params, np.split(update, self.ends)):
            p -= u.reshape(p.shape)


# %%
# Deciding a claim from measurements that vary
# --------------------------------------------
#
# A timing differs between repeats, loads and machines; a training result differs
# between seeds. So a claim is judged on an interval for the median, never on one
# number, and the data may leave it undecided.
UNDECIDED = "undecided on this machine"


def median_interval(samples, confidence=0.95):
    """A confidence interval for the median of ``samples``, assuming nothing of their distribution.

    The k-th smallest and k-th largest samples bound the median with probability at
    least ``confidence`` (binomial order statistics): from 25 samples, the 8th and 18th.
    """
    x = np.sort(np.asarray(samples, dtype=float).ravel())
    n = len(x)
    k, below = 0, 0.0  # below = P(Binomial(n, 1/2) < k)
    while below + comb(n, k) / 2**n <= (1 - confidence) / 2:
        below += comb(n, k) / 2**n
        k += 1
    if k == 0:
        raise ValueError(f"{n} samples are too few for a {confidence:.0%} interval")
    return float(x[k - 1]), float(x[n - k])


def verdict(interval, threshold, claim="above"):
    """Judge "the quantity is above (or below) ``threshold``" from its interval.

    confirmed when the whole interval is on the claim's side, contradicted when it is
    wholly on the other side, otherwise UNDECIDED.
    """
    low, high = interval
    if claim not in ("above", "below"):
        raise ValueError(f"claim must be 'above' or 'below', not {claim!r}")
    holds, fails = (low > threshold, high < threshold) if claim == "above" else (high < threshold, low > threshold)
    return "confirmed" if holds else "contradicted" if fails else UNDECIDED


def ratio_sentence(median, interval, subject, other, name, other_name, rounds, confidence=0.95):
    """'<subject> took m times as long as <other> (...)', and what the rule decides of it.

    For a timing ratio whose order differs between machines: the sentence says what
    this run measured, so a page can quote it instead of typing a verdict.
    """
    low, high = interval
    conclusion = {
        "confirmed": f"{name} is slower than {other_name} on this machine",
        "contradicted": f"{name} is faster than {other_name} on this machine",
        UNDECIDED: f"whether {name} is faster or slower than {other_name} is undecided on this machine",
    }[verdict((low, high), 1, claim="above")]
    return (
        f"{subject} took {median:.3g} times as long as {other} (median of {rounds} rounds, "
        f"{confidence:.0%} interval {low:.3g} to {high:.3g}), so {conclusion}."
    )


# %%
# Check every derivative
# ----------------------
#
# Run on its own, this file compares each derivative with a central finite difference.
if __name__ == "__main__":
    STEP = 1e-6
    z = np.linspace(-4, 4, 801)
    z = z[np.abs(z) > 1e-3]  # ReLU-like functions have a kink at 0
    derivative_errors = {}
    for name, (f, df) in ELEMENTWISE.items():
        numeric = (f(z + STEP) - f(z - STEP)) / (2 * STEP)
        derivative_errors[name] = float(np.max(np.abs(numeric - df(z))))
    # PReLU's derivative with respect to its learned slope a, at three slopes
    derivative_errors["dprelu/da"] = max(
        float(np.max(np.abs((prelu(z, a + STEP) - prelu(z, a - STEP)) / (2 * STEP) - d_prelu_slope(z))))
        for a in (-0.5, 0.25, 1.5)
    )
    for name, error in derivative_errors.items():
        print(f"{name:>10}: max |analytic - finite difference| = {error:.1e}")
