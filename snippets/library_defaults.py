# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "numpy==2.4.6",
#   "scikit-learn==1.9.1",
# ]
# ///

"""
What practice uses: scikit-learn's defaults and standard architectures
======================================================================

The article's *Common use* column and its "default choice" label describe practice,
not the functions themselves. This example reads what the installed scikit-learn
chooses when it is not told: the hidden-layer activation of its multi-layer
perceptrons, the output function each task gets, and which activations it offers at
all. It sets those readings beside the activations that standard architectures use,
as their papers and library documentation state them. Verdicts on practice rest on
both; the second half is cited, not measured.
"""

# %%
# Read the hidden-layer default
# -----------------------------
#
# A default is what a library recommends to a user who does not choose. Both of
# scikit-learn's multi-layer perceptrons name theirs in the constructor.
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier, MLPRegressor

hidden_activation_default = {
    "MLPRegressor": MLPRegressor().activation,
    "MLPClassifier": MLPClassifier().activation,
}
print("hidden-layer default:", hidden_activation_default)

# %%
# Read the output function of each task
# -------------------------------------
#
# scikit-learn picks the output layer's function from the targets when it fits, so a
# tiny fit per task is enough to read it: the number of epochs does not matter here.
N_SAMPLES = 60
N_FEATURES = 3
TINY_HIDDEN = (4,)
TINY_EPOCHS = 5
SEED = 0

rng = np.random.default_rng(SEED)
X = rng.normal(size=(N_SAMPLES, N_FEATURES))
targets = {
    "regression": X[:, 0],
    "binary": (X[:, 0] > 0).astype(int),
    "multiclass": np.digitize(X[:, 0], [-0.5, 0.5]),  # three classes
    "multilabel": np.column_stack([X[:, 0] > 0, X[:, 1] > 0]).astype(int),
}
output_activation = {}
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)  # a few epochs only, on purpose
    for task, y in targets.items():
        estimator_class = MLPRegressor if task == "regression" else MLPClassifier
        estimator = estimator_class(hidden_layer_sizes=TINY_HIDDEN, max_iter=TINY_EPOCHS, random_state=SEED)
        output_activation[task] = estimator.fit(X, y).out_activation_
print("output function:", output_activation)

# %%
# Which hidden activations scikit-learn offers
# --------------------------------------------
#
# A name the library does not know is refused when the model is fitted, with a
# ValueError, so fitting once per name tells which ones it offers.
CANDIDATES = ["identity", "logistic", "tanh", "relu", "leaky_relu", "elu", "gelu"]

offered = {}
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)
    for name in CANDIDATES:
        try:
            MLPRegressor(
                hidden_layer_sizes=TINY_HIDDEN, activation=name, max_iter=1, random_state=SEED
            ).fit(X, targets["regression"])
            offered[name] = True
        except ValueError:
            offered[name] = False
offered_activations = [name for name in CANDIDATES if offered[name]]
print("scikit-learn offers:", offered_activations)

# %%
# What standard architectures use, as cited
# -----------------------------------------
#
# Outside scikit-learn nothing can be read here, so these rows come from the papers
# and library documentation each row names (full references on the Claims page).
# "hidden" is the unit's own computation; "gate" a multiplier between 0 and 1.
CITED_PRACTICE = [
    {"architecture": "AlexNet (convolutional)", "role": "hidden", "activation": "relu",
     "source": "Krizhevsky, Sutskever & Hinton 2012"},
    {"architecture": "ResNet (convolutional)", "role": "hidden", "activation": "relu",
     "source": "He, Zhang, Ren & Sun 2016"},
    {"architecture": "Transformer, feed-forward layer", "role": "hidden", "activation": "relu",
     "source": "Vaswani et al. 2017; PyTorch TransformerEncoderLayer default"},
    {"architecture": "BERT, GPT, feed-forward layer", "role": "hidden", "activation": "gelu",
     "source": "Devlin et al. 2019; Radford et al. 2018"},
    {"architecture": "LSTM, cell input and output", "role": "hidden", "activation": "tanh",
     "source": "Greff et al. 2017; Keras LSTM default"},
    {"architecture": "GRU, candidate state", "role": "hidden", "activation": "tanh",
     "source": "Chung et al. 2014; Keras GRU default"},
    {"architecture": "Elman RNN, hidden state", "role": "hidden", "activation": "tanh",
     "source": "PyTorch RNN default; Keras SimpleRNN default"},
    {"architecture": "LSTM and GRU, gates", "role": "gate", "activation": "logistic",
     "source": "Greff et al. 2017; Chung et al. 2014"},
    {"architecture": "DCGAN discriminator", "role": "hidden", "activation": "leaky_relu",
     "source": "Radford, Metz & Chintala 2016"},
    {"architecture": "YOLO detector", "role": "hidden", "activation": "leaky_relu",
     "source": "Redmon, Divvala, Girshick & Farhadi 2016"},
]

hidden_choice = {row["architecture"]: row["activation"] for row in CITED_PRACTICE if row["role"] == "hidden"}
cited_uses = {
    name: [row["architecture"] for row in CITED_PRACTICE if row["activation"] == name]
    for name in ("relu", "gelu", "tanh", "logistic", "leaky_relu")
}
practice_table = [
    {
        "architecture": row["architecture"],
        "role": row["role"],
        "activation": row["activation"],
        "in scikit-learn": "yes" if offered.get(row["activation"]) else "no",
        "source (cited)": row["source"],
    }
    for row in CITED_PRACTICE
]
for row in practice_table:
    print(" | ".join(row.values()))

# %%
# Verdicts on practice
# --------------------
#
# Each rule names its evidence: a reading of the installed library, a cited row, or
# both. A hand-picked list of architectures is no census: it can show exceptions to
# "most", never a share, so a mixed list makes that claim nuanced.
relu_is_scikit_learns_default = all(name == "relu" for name in hidden_activation_default.values())
relu_hidden_everywhere = all(name == "relu" for name in hidden_choice.values())
relu_hidden_nowhere = not cited_uses["relu"]


def judge(holds, fails):
    """confirmed if the evidence bears the claim out, contradicted if it refutes it."""
    return "confirmed" if holds else "contradicted" if fails else "nuanced"


verdicts = {
    # "ReLU (✅ Default choice)": scikit-learn's default for every hidden layer.
    "relu_default_choice": judge(relu_is_scikit_learns_default, not relu_is_scikit_learns_default),
    # "has become the default choice in most deep learning architectures"
    "relu_default_in_most_architectures": judge(relu_hidden_everywhere, relu_hidden_nowhere),
    # Common use "Hidden layers": the default, and what the convolutional families use.
    "relu_hidden_layers": judge(relu_is_scikit_learns_default and bool(cited_uses["relu"]), not cited_uses["relu"]),
    # "(useful for classification)", Common use "Output (binary)".
    "sigmoid_output_binary": judge(output_activation["binary"] == "logistic", output_activation["binary"] != "logistic"),
    # Common use "Rarely used": contradicted if a standard architecture relies on tanh.
    "tanh_rarely_used": judge(not cited_uses["tanh"], bool(cited_uses["tanh"])),
    # Common use "Hidden layers (alternative)".
    "leaky_relu_hidden_alternative": judge(bool(cited_uses["leaky_relu"]), not cited_uses["leaky_relu"]),
}
for key, word in verdicts.items():
    print(f"{key}: {word}")
