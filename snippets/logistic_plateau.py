"""
Why the logistic network stalls on sin(x): a plateau, not a law of sigmoid
==========================================================================

At the article's settings the ``logistic`` network ends where a straight line
would (R² ≈ 0.15). Its training loss sits on a plateau, and scikit-learn's
stopping rule (stop once the loss improved by less than ``tol`` for
``n_iter_no_change`` epochs) ends training there. We change one thing at a time,
batch size, learning rate and the stopping rule, and watch whether the same
network leaves the plateau.
"""

# %%
# The data and the training settings to compare (everything else as in the article).
import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import r2_score
from sklearn.neural_network import MLPRegressor

N_POINTS = 1000
HIDDEN_LAYERS = (64, 64)
SEEDS = (0, 1, 2, 3, 4)
NEVER_STOP = {"tol": 0.0, "n_iter_no_change": 10_000}  # train for exactly max_iter epochs
SETTINGS = {
    "batch 200, lr 0.001 (article)": {"batch_size": "auto", "learning_rate_init": 1e-3, "max_iter": 100},
    "batch 200, lr 0.001, 300 epochs, no early stop": {
        "batch_size": "auto", "learning_rate_init": 1e-3, "max_iter": 300, **NEVER_STOP
    },
    "batch 200, lr 0.01": {"batch_size": "auto", "learning_rate_init": 1e-2, "max_iter": 2000},
    "batch 32, lr 0.001": {"batch_size": 32, "learning_rate_init": 1e-3, "max_iter": 2000},
    "batch 32, lr 0.01": {"batch_size": 32, "learning_rate_init": 1e-2, "max_iter": 2000},
}
ESCAPED_R2 = 0.9  # a fit this good has left the plateau

x = np.linspace(-2 * np.pi, 2 * np.pi, N_POINTS)
X = x.reshape(-1, 1)
y = np.sin(x)


def fit_logistic(seed, **settings):
    model = MLPRegressor(
        hidden_layer_sizes=HIDDEN_LAYERS, activation="logistic", solver="adam", random_state=seed, **settings
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(X, y)


# %%
# Five seeds per setting: how good is the fit, and how many epochs ran?
plateau = {}
for name, settings in SETTINGS.items():
    models = [fit_logistic(seed, **settings) for seed in SEEDS]
    r2 = [r2_score(y, model.predict(X)) for model in models]
    plateau[name] = {
        "r2": r2,
        "epochs": [model.n_iter_ for model in models],
        "escaped": sum(score > ESCAPED_R2 for score in r2),
    }

plateau_table = [
    {
        "logistic network trained with": name,
        "R² (mean ± sd)": f"{np.mean(p['r2']):.3f} ± {np.std(p['r2']):.3f}",
        "epochs": f"{min(p['epochs'])}–{max(p['epochs'])}",
        "left the plateau": f"{p['escaped']} of {len(SEEDS)}",
    }
    for name, p in plateau.items()
]
for row in plateau_table:
    print(" | ".join(row.values()))

# %%
# Loss curves of the first seed: the plateau at loss ≈ 0.21 (what a straight line
# leaves: half the MSE of OLS), and the drop once enough parameter updates were made.
CURVES = {
    "batch 200, lr 0.001 (article)": SETTINGS["batch 200, lr 0.001 (article)"],
    "batch 32, lr 0.001, no early stop": {"batch_size": 32, "learning_rate_init": 1e-3, "max_iter": 400, **NEVER_STOP},
    "batch 32, lr 0.01": SETTINGS["batch 32, lr 0.01"],
}
STYLES = ("-", "--", ":")
loss_curves = {name: fit_logistic(SEEDS[0], **settings).loss_curve_ for name, settings in CURVES.items()}

fig, ax = plt.subplots(figsize=(8, 4))
for (name, curve), style in zip(loss_curves.items(), STYLES):
    ax.plot(np.arange(1, len(curve) + 1), curve, linestyle=style, linewidth=2, label=name)
ax.set_yscale("log")
ax.set_xlabel("epoch")
ax.set_ylabel("training loss (half the MSE)")
ax.set_title("Logistic network on sin(x), seed 0")
ax.grid(True, which="both", alpha=0.3)
ax.legend(fontsize=9)
plateau_loss = float(np.median(loss_curves["batch 200, lr 0.001 (article)"][10:]))
slow_escape = loss_curves["batch 32, lr 0.001, no early stop"]
epochs_on_plateau = int(np.argmax(np.array(slow_escape) < plateau_loss / 2)) + 1  # first epoch below half the plateau

plt.show()
