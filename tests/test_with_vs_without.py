"""Chapter 2: every sentence of docs/with-vs-without.md that states a measurement."""

import numpy as np
import pytest

NONLINEAR = ("logistic", "tanh", "relu")


@pytest.fixture(scope="module")
def sine(results):
    return results("sine_fit.py")


def test_relu_stops_short_with_a_convergence_warning_at_the_articles_settings(sine):
    relu = sine["scores"]["article"]["relu"]
    assert all(relu["hit_epoch_limit"]), "every run ends at the epoch limit with a ConvergenceWarning"
    assert sine["epoch_limit_hits"]["article"]["relu"] == 5
    assert 0.85 < np.mean(relu["r2"]) < 0.98, "good, but short of the converged fit"


def test_relu_fits_the_sine_at_converging_settings(sine):
    relu = sine["scores"]["converging"]["relu"]
    assert np.mean(relu["r2"]) > 0.99
    assert min(relu["r2"]) > 0.98
    assert not any(relu["hit_epoch_limit"])


def test_tanh_behaves_like_relu(sine):
    assert 0.8 < sine["mean_r2"]["article"]["tanh"] < 0.98
    assert sine["mean_r2"]["converging"]["tanh"] > 0.98


def test_logistic_sits_on_the_straight_line_at_the_articles_settings(sine, results):
    logistic = sine["scores"]["article"]["logistic"]
    ols_r2 = results("identity_is_least_squares.py")["ols_r2"]
    assert max(logistic["r2"]) < 0.2
    assert abs(np.mean(logistic["r2"]) - ols_r2) < 0.02
    assert not any(logistic["hit_epoch_limit"]), "it is stopped by the tol rule, without a warning"


def test_logistic_fits_best_when_it_converges(sine):
    converged = sine["mean_r2"]["converging"]
    assert converged["logistic"] > 0.99
    assert converged["logistic"] >= max(converged["tanh"], converged["relu"]) - 0.002


def test_nonlinear_activations_are_close_once_converged(sine):
    converged = [sine["mean_r2"]["converging"][a] for a in NONLINEAR]
    assert max(converged) - min(converged) < 0.02, "'within a fraction of a percent'"


def test_article_order_is_relu_tanh_logistic_identity(sine):
    article = sine["mean_r2"]["article"]
    assert article["relu"] > article["tanh"] > article["logistic"]
    assert abs(article["logistic"] - article["identity"]) < 0.02


def test_no_activation_never_gets_past_a_line(sine):
    for setting in ("article", "converging"):
        assert max(sine["scores"][setting]["identity"]["r2"]) < 0.16


def test_identity_network_is_ordinary_least_squares(results):
    r = results("identity_is_least_squares.py")
    assert abs(r["network_r2"] - r["ols_r2"]) < 0.01
    assert abs(r["ols_r2"] - 0.151) < 0.001
    assert r["max_collapse_error"] < 1e-9, "the multiplied layers are the network"
    assert -0.1 < r["ols_slope"] < -0.05, "a shallow negative slope, not a flat line"
    assert r["network_slope"] < 0 and abs(r["network_slope"] - r["ols_slope"]) < 0.1 * abs(r["ols_slope"])


def test_plateau_is_the_least_squares_line(results):
    plateau_loss = results("logistic_plateau.py")["plateau_loss"]
    ols_mse = results("identity_is_least_squares.py")["ols_mse"]
    assert abs(plateau_loss - ols_mse / 2) < 0.01, "scikit-learn's loss is half the MSE"


def test_plateau_is_a_learning_rate_and_batch_effect(results):
    r = results("logistic_plateau.py")
    escaped = {name: p["escaped"] for name, p in r["plateau"].items()}
    assert escaped["batch 200, lr 0.001 (article)"] == 0
    assert escaped["batch 200, lr 0.001, 300 epochs, no early stop"] == 0, "training longer alone does not help"
    assert escaped["batch 200, lr 0.01"] == 0, "a larger learning rate alone does not help"
    assert escaped["batch 32, lr 0.01"] == 5, "small batches and larger steps free every seed"
    assert min(r["plateau"]["batch 32, lr 0.01"]["r2"]) > 0.99
    assert max(r["plateau"]["batch 32, lr 0.01"]["epochs"]) < 100, "within a hundred epochs"


def test_small_batches_escape_slowly_at_the_default_learning_rate(results):
    r = results("logistic_plateau.py")
    curve = r["loss_curves"]["batch 32, lr 0.001, no early stop"]
    assert r["epochs_on_plateau"] > 100, "far past where the stopping rule ends training"
    assert curve[-1] < r["plateau_loss"] / 10, "but it does leave the plateau"
    assert r["plateau"]["batch 32, lr 0.001"]["escaped"] == 0, "with the default stopping rule it never gets there"


def test_verdicts_on_the_articles_section_2_2(results):
    assert results("sine_fit.py")["verdicts"] == {
        "relu_learns_sine": "confirmed",
        "linear_model_misses_sine": "confirmed",
    }
    assert results("identity_is_least_squares.py")["verdicts"] == {
        "no_activation_is_one_linear_map": "confirmed",
        "no_activation_fits_like_least_squares": "confirmed",
    }
