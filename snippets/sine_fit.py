"""
Fitting sin(x) with and without an activation
=============================================

Two networks with two hidden layers of 64 units learn y = sin(x) from 1000 points
on [-2π, 2π]: Model A uses ReLU, Model B uses no activation (``identity``). We
train them twice: with the article's settings (100 epochs of Adam at the default
batch size of 200 and learning rate 0.001), and with settings that let every
network converge (batches of 32, learning rate 0.01). Then we repeat both for all
four activations scikit-learn offers, over five seeds, and score each fit.
"""

# %%
# The data, the two training settings, and one function that trains a network.
import time
import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.neural_network import MLPRegressor

N_POINTS = 1000
HIDDEN_LAYERS = (64, 64)
ACTIVATIONS = ("identity", "logistic", "tanh", "relu")
SEEDS = (0, 1, 2, 3, 4)
SETTINGS = {
    "article": {"max_iter": 100, "batch_size": "auto", "learning_rate_init": 1e-3},
    "converging": {"max_iter": 2000, "batch_size": 32, "learning_rate_init": 1e-2},
}
SETTING_TITLES = {
    "article": "Article's settings: 100 epochs, batch 200, learning rate 0.001",
    "converging": "Converging settings: batch 32, learning rate 0.01",
}

x = np.linspace(-2 * np.pi, 2 * np.pi, N_POINTS)
X = x.reshape(-1, 1)
y = np.sin(x)


def fit(activation, setting, seed):
    """Train one network; return it and whether it stopped at the epoch limit."""
    model = MLPRegressor(
        hidden_layer_sizes=HIDDEN_LAYERS,
        activation=activation,
        solver="adam",
        random_state=seed,
        **SETTINGS[setting],
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        model.fit(X, y)
    hit_epoch_limit = any(issubclass(w.category, ConvergenceWarning) for w in caught)
    return model, hit_epoch_limit


# %%
# Model A (ReLU) against Model B (no activation), first seed, both settings.
fig, axes = plt.subplots(2, 1, figsize=(8, 7), sharex=True)
for ax, setting in zip(axes, SETTINGS):
    model_a, _ = fit("relu", setting, SEEDS[0])
    model_b, _ = fit("identity", setting, SEEDS[0])
    ax.plot(x, y, color="black", linewidth=3, label="true function sin(x)")
    ax.plot(x, model_a.predict(X), color="tab:blue", linewidth=1.8, label="Model A (ReLU)")
    ax.plot(x, model_b.predict(X), color="tab:red", linestyle="--", linewidth=1.8, label="Model B (no activation)")
    ax.set_title(SETTING_TITLES[setting], fontsize=10)
    ax.set_ylabel("y")
    ax.grid(True, alpha=0.3)
axes[-1].set_xlabel("x")
axes[0].legend(loc="lower left", fontsize=9)
fig.tight_layout()

# %%
# Every activation, five seeds, both settings.
scores = {}
for setting in SETTINGS:
    scores[setting] = {}
    for activation in ACTIVATIONS:
        runs = {"r2": [], "mse": [], "epochs": [], "seconds": [], "hit_epoch_limit": []}
        for seed in SEEDS:
            start = time.perf_counter()
            model, hit_limit = fit(activation, setting, seed)
            runs["seconds"].append(time.perf_counter() - start)
            prediction = model.predict(X)
            runs["r2"].append(r2_score(y, prediction))
            runs["mse"].append(mean_squared_error(y, prediction))
            runs["epochs"].append(model.n_iter_)
            runs["hit_epoch_limit"].append(hit_limit)
        scores[setting][activation] = runs

# %%
# One table per setting: mean ± standard deviation over the seeds.


def score_table(setting):
    return [
        {
            "activation": activation,
            "R²": f"{np.mean(s['r2']):.3f} ± {np.std(s['r2']):.3f}",
            "MSE": f"{np.mean(s['mse']):.4f} ± {np.std(s['mse']):.4f}",
            "epochs": f"{min(s['epochs'])}–{max(s['epochs'])}",
            "fit time (s)": f"{np.mean(s['seconds']):.2f}",
            "hit epoch limit": f"{sum(s['hit_epoch_limit'])} of {len(SEEDS)}",
        }
        for activation, s in scores[setting].items()
    ]


article_settings_table = score_table("article")
converging_settings_table = score_table("converging")
mean_r2 = {setting: {a: float(np.mean(s["r2"])) for a, s in by_activation.items()} for setting, by_activation in scores.items()}
epoch_limit_hits = {setting: {a: sum(s["hit_epoch_limit"]) for a, s in by_activation.items()} for setting, by_activation in scores.items()}
# %%
# The article's claims about this experiment (section 2.2), judged on the numbers.
QUITE_WELL_R2 = 0.85  # "learns the sine wave quite well"
verdicts = {
    "relu_learns_sine": "confirmed" if mean_r2["article"]["relu"] > QUITE_WELL_R2 else "contradicted",
    "linear_model_misses_sine": "confirmed" if max(scores["article"]["identity"]["r2"]) < 0.2 else "contradicted",
}

for setting, table in (("article", article_settings_table), ("converging", converging_settings_table)):
    print(SETTING_TITLES[setting])
    for row in table:
        print("  " + " | ".join(f"{key}: {value}" for key, value in row.items()))

plt.show()
