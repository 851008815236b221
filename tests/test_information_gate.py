"""Section 1.2 (docs/flow/information-gate.md): every sentence that states a measurement."""

import math

import numpy as np
import pytest


@pytest.fixture(scope="module")
def sparsity(results):
    return results("relu_sparsity.py")


@pytest.fixture(scope="module")
def overfitting(results):
    return results("relu_overfitting.py")


@pytest.fixture(scope="module")
def softmax(results):
    return results("softmax_probabilities.py")


@pytest.fixture(scope="module")
def calibration(results):
    return results("sigmoid_calibration.py")


# --- ReLU as a gate: sparsity -------------------------------------------------------


def test_relu_switches_off_about_half_of_its_activations(sparsity):
    for layer in sparsity["sparsity"]["relu"]:
        assert min(layer["exact_zero"]) > 0.35, "every layer and seed: over a third exactly zero"
        assert 0.4 < layer["exact_zero_mean"] < 0.65, "'about half'"
    assert sparsity["verdicts"]["relu_creates_sparsity"] == "confirmed"


def test_logistic_networks_have_not_fitted_the_sine_yet(sparsity):
    assert np.mean(sparsity["r2"]["logistic"]) < 0.5
    assert np.mean(sparsity["r2"]["relu"]) > 0.95


def test_tanh_and_logistic_have_no_exact_zeros(sparsity):
    for activation in ("tanh", "logistic"):
        for layer in sparsity["sparsity"][activation]:
            assert max(layer["exact_zero"]) == 0
            assert layer["near_zero_mean"] < 0.05, "and hardly any near-zero values either"


def test_some_relu_zeros_are_dead_units_most_are_gating(sparsity):
    first, second = sparsity["sparsity"]["relu"]
    assert first["dead_units_mean"] < 0.15
    assert 0.1 < second["dead_units_mean"] < 0.4, "a noticeable share of layer 2 is dead"
    assert first["gated_zero_mean"] > 0.3 and second["gated_zero_mean"] > 0.2, "input-dependent zeros remain"


def test_zeros_do_not_speed_up_a_dense_product(sparsity):
    assert 0.45 < sparsity["timing_zero_share"] < 0.55
    assert sparsity["timing_ratio"] > 0.7
    assert sparsity["verdicts"]["sparsity_saves_compute"] == "contradicted"


# --- "less prone to overfitting" --------------------------------------------------------


def test_relu_overfits_more_than_tanh_and_logistic(overfitting):
    means = overfitting["mean_scores"]
    assert means["relu"]["gap"] > means["tanh"]["gap"] > 0
    assert means["relu"]["gap"] > means["logistic"]["gap"] > 0
    for other in ("tanh", "logistic"):
        paired = overfitting["paired"][other]
        assert paired["mean_gap_difference"] > 2 * paired["standard_error"]
        assert paired["relu_gap_larger_in"] >= 6, "in most seeds, not on average only"
    assert overfitting["verdicts"]["sparsity_less_overfitting"] == "contradicted"


def test_relu_fits_training_data_best_and_test_data_worst(overfitting):
    means = overfitting["mean_scores"]
    assert means["relu"]["train_r2"] > max(means["tanh"]["train_r2"], means["logistic"]["train_r2"])
    assert means["relu"]["test_r2"] < min(means["tanh"]["test_r2"], means["logistic"]["test_r2"])
    assert all(means[a]["test_r2"] < overfitting["best_possible_test_r2_mean"] for a in means)


def test_the_overfitting_relu_networks_are_sparse(overfitting):
    assert overfitting["relu_zero_share_mean"] > 0.3


# --- sigmoid and softmax as probabilities -----------------------------------------------


def test_softmax_sums_to_one(softmax):
    assert softmax["softmax_max_sum_deviation"] < 1e-12
    assert softmax["verdicts"]["softmax_sums_to_one"] == "confirmed"


def test_sigmoid_stays_in_the_unit_interval_but_rounds_to_one(softmax):
    assert 0 < softmax["sigmoid_min"] and softmax["sigmoid_max"] == 1.0
    assert 36 < softmax["sigmoid_rounds_to_one_from"] < 38
    assert softmax["verdicts"]["sigmoid_range"] == "confirmed"


def test_scikit_learn_uses_logistic_for_two_classes_and_softmax_for_more(softmax):
    assert softmax["classifiers"]["binary"]["out_activation"] == "logistic"
    assert softmax["classifiers"]["multiclass"]["out_activation"] == "softmax"
    for classifier in softmax["classifiers"].values():
        assert classifier["max_row_sum_deviation"] < 1e-12


def test_softmax_jacobian_is_bounded_and_reaches_its_bounds(softmax):
    assert 0.2499 < softmax["softmax_jacobian_max_entry"] <= 0.25 + 1e-12
    assert 0.4999 < softmax["softmax_jacobian_max_norm"] <= 0.5 + 1e-12


def test_softmax_saturates_but_cross_entropy_keeps_the_gradient(softmax):
    saturation = softmax["saturation"]
    assert saturation["jacobian_norm"][-1] < 1e-10 < saturation["jacobian_norm"][0]
    assert saturation["squared_error_wrong"][-1] < 1e-10, "squared error on probabilities: gradient gone"
    assert saturation["ce_wrong"][-1] > 1.4 and saturation["ce_wrong"][-1] <= math.sqrt(2), "p - y -> sqrt(2)"
    assert saturation["ce_right"][-1] < 1e-10, "and vanishes only when the answer is right"
    assert softmax["verdicts"]["softmax_prevents_vanishing"] == "nuanced"


def test_softmax_on_top_does_not_stop_explosion_below(softmax):
    deep = softmax["deep"]
    assert max(deep["logit_gradient"]) <= math.sqrt(2), "the gradient at the logits is bounded"
    assert softmax["first_layer_growth"] > 100
    assert np.all(np.diff(deep["first_layer_gradient"]) > 0)
    assert softmax["verdicts"]["softmax_prevents_exploding"] == "nuanced"
    assert deep["logit_gradient"][-1] == max(deep["logit_gradient"]), "the page quotes the last as the largest"
    assert softmax["verdicts"]["regulate_gradient_flow"] == "nuanced"


def test_sigmoid_probability_is_calibrated_only_when_the_fit_is_good(calibration):
    well, over = calibration["calibration"]["well_fitted"], calibration["calibration"]["overtrained"]
    assert max(well["ece"]) < 0.05
    means = calibration["calibration_means"]
    assert means["well_fitted"]["ece"] < 3 * means["well_fitted"]["ece_floor"], "close to the chance floor"
    assert min(over["ece"]) > 0.08
    assert calibration["calibration_means"]["well_fitted"]["abs_error"] < 0.06
    assert calibration["calibration_means"]["overtrained"]["abs_error"] > 0.1
    truth_extreme = calibration["calibration_means"]["true_probability"]["extreme"]
    assert calibration["calibration_means"]["overtrained"]["extreme"] > 2.5 * truth_extreme, "overconfident"
    assert abs(calibration["calibration_means"]["well_fitted"]["extreme"] - truth_extreme) < 0.1
    assert calibration["verdicts"]["sigmoid_probability"] == "nuanced"
