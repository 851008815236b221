"""Section 1.2 (docs/flow/information-gate.md, sparsity.md, output-functions.md): every
sentence that states a measurement."""

import math

import numpy as np
import pytest


import activations  # noqa: E402 - snippets/ is on pytest's pythonpath


@pytest.fixture(scope="module")
def sparsity(results):
    return results("relu_sparsity.py")


@pytest.fixture(scope="module")
def varying(results):
    return results("varying_sparsity.py")


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


def test_the_sparsity_figure_alt_text(sparsity):
    # "ReLU has a spike at exactly zero holding X% of its values" (layer 2, first seed)
    assert sparsity["sparsity"]["relu"][1]["exact_zero"][0] > 0.3
    # "of which a hatched part ... comes from units that are zero for every input"
    for layer in sparsity["sparsity"]["relu"]:
        assert 0 < layer["dead_units_mean"] < layer["exact_zero_mean"]


def test_the_timing_verdict_follows_the_rule_and_the_sentence_says_it(sparsity):
    # A timing: the verdict is recomputed from the stored rounds, never pinned.
    ratios = sparsity["timing_ratios"]
    assert len(ratios) == sparsity["TIMING_ROUNDS"] >= 25
    assert 0.45 < sparsity["timing_zero_share"] < 0.55, "about half the inputs are zero"
    assert sparsity["timing_ratio"] == pytest.approx(np.median(ratios))
    interval = activations.median_interval(ratios)
    assert sparsity["timing_interval"] == pytest.approx(list(interval))
    verdict = activations.verdict(interval, sparsity["SAVING_RATIO"], claim="below")
    assert sparsity["verdicts"]["sparsity_saves_compute"] == verdict
    sentence = sparsity["timing_sentence"]
    assert f"took {sparsity['timing_ratio']:.2f} times" in sentence
    assert f"{interval[0]:.2f} to {interval[1]:.2f}" in sentence
    saving = f"{1 - sparsity['SAVING_RATIO']:.0%}"
    expected = {
        "confirmed": f"saved more than {saving}",
        "contradicted": f"saved less than {saving}",
        activations.UNDECIDED: "varied too much",
    }[verdict]
    assert expected in sentence


# --- varying the sparsity: overfitting and training steps ------------------------------------


def test_the_knobs_change_the_zeros(varying):
    # "On 50 training points, X of ReLU's hidden activations are exactly zero, and Y with
    # the threshold at 0.5; Leaky ReLU has none. The moved threshold also switches off more
    # whole units"
    for n in ("50", "200"):
        means, runs = varying["means"][n], varying["runs"][n]
        assert max(runs["leaky_relu"]["zeros"] + runs["leaky_relu_shifted"]["zeros"]) == 0
        assert means["relu_shifted"]["zeros"] > means["relu"]["zeros"] > 0.5, "most activations"
        assert means["relu_shifted"]["stuck_units"] > means["relu"]["stuck_units"]
    # each comparison: from no exact zeros to most activations, at the same threshold
    for c in varying["comparisons"]:
        assert c["zeros"][1] == 0 and c["zeros"][0] > 0.5
        assert varying["VERSIONS"][c["versions"][0]][1] == varying["VERSIONS"][c["versions"][1]][1]


def test_every_network_overfits(varying):
    # "Every network fits its training points closely, with training R² of at least X, and
    # predicts fresh points far worse"
    runs = [r for n in ("50", "200") for r in varying["runs"][n].values()]
    assert varying["min_train_r2"] == min(min(r["train_r2"]) for r in runs) > 0.98
    assert min(min(r["gap"]) for r in runs) > 0.1
    # "steps to fit" is never cut off by the end of training
    assert max(max(r["steps_to_fit"]) for r in runs) < varying["STEPS"]


def _combined(words):
    if all(w == "confirmed" for w in words):
        return "confirmed"
    if "confirmed" in words:
        return "nuanced"
    if all(w == "contradicted" for w in words):
        return "contradicted"
    return "not supported in this setting"


def test_sparsity_verdicts_follow_from_the_seeds(varying):
    comparisons = varying["comparisons"]
    assert varying["n_comparisons"] == len(comparisons) == 4
    assert len(varying["SEEDS"]) == 12 and varying["CONFIDENCE"] == 0.95
    for c in comparisons + varying["shift_effects"]:
        gap = activations.median_interval(c["gap_differences"], varying["CONFIDENCE"])
        steps = activations.median_interval(c["step_ratios"], varying["CONFIDENCE"])
        assert c["gap_interval"] == list(gap) and c["step_interval"] == list(steps)
        assert c["less_overfitting"] == activations.verdict(gap, 0.0, claim="below")
        assert c["fewer_steps"] == activations.verdict(steps, 1.0, claim="below")
    verdicts = varying["verdicts"]
    assert verdicts["sparsity_less_overfitting"] == _combined([c["less_overfitting"] for c in comparisons])
    assert verdicts["sparsity_speeds_learning"] == _combined([c["fewer_steps"] for c in comparisons])
    # fixed seeds, no timing: the outcome itself is pinned
    assert verdicts == {
        "sparsity_less_overfitting": "not supported in this setting",
        "sparsity_speeds_learning": "not supported in this setting",
    }


def test_exact_zeros_made_no_resolved_difference(varying):
    # "networks with and without exact zeros overfitted alike, within what the seeds can
    # resolve"; "needed the same number of training steps within what the seeds could resolve"
    for c in varying["comparisons"]:
        assert c["less_overfitting"] == c["fewer_steps"] == activations.UNDECIDED
    n = varying["n_comparisons"]
    assert varying["resolved"] == {
        "overfitting": {"helped": 0, "hurt": 0, "unresolved": n},
        "learning": {"helped": 0, "hurt": 0, "unresolved": n},
    }
    findings = varying["findings"]
    assert findings["overfitting"] == (
        f"Of the {n} comparisons, the version with exact zeros overfitted less in none, "
        f"overfitted more in none, and the seeds could not tell the two apart in {n}."
    )
    assert findings["learning"] == (
        f"Of the {n} comparisons, the version with exact zeros needed fewer steps in none, "
        f"needed more steps in none, and the seeds could not tell the two apart in {n}."
    )


def test_more_data_shrank_every_gap(varying):
    # "What did shrink the gap was more data ... every version's gap is smaller with 200"
    for version in varying["VERSIONS"]:
        assert varying["means"]["200"][version]["gap"] < varying["means"]["50"][version]["gap"]


def test_the_moved_threshold_not_the_zeros_sped_learning(varying):
    # "That speed-up came with and without exact zeros, so it belongs to the biases' lower
    # starting point, not to the zeros."
    by_size = {c["n_train"]: [] for c in varying["shift_effects"]}
    for c in varying["shift_effects"]:
        by_size[c["n_train"]].append(c["fewer_steps"])
    assert by_size[200] == ["confirmed", "confirmed"], "with and without exact zeros"
    assert "contradicted" not in by_size[50]
    assert all(c["fewer_steps"] == activations.UNDECIDED for c in varying["comparisons"])
    sentence = varying["findings"]["shift_learning"]
    assert "needed fewer steps in 2 (" in sentence and "needed more steps in none" in sentence


def test_the_varying_sparsity_figure_alt_text(varying):
    order = ["leaky_relu", "relu", "leaky_relu_shifted", "relu_shifted"]  # as the alt text names them
    assert varying["figure_order"] == order
    for n in ("50", "200"):
        for key, spec in (("gap", ".2f"), ("steps_to_fit", ".0f")):
            medians = [format(np.median(varying["runs"][n][v][key]), spec) for v in order]
            assert varying["figure_series"][f"{key}_{n}"] == ", ".join(medians)


# --- sigmoid and softmax as probabilities -----------------------------------------------


def test_softmax_sums_to_one(softmax):
    assert softmax["softmax_max_sum_deviation"] < 1e-12
    assert softmax["verdicts"]["softmax_sums_to_one"] == "confirmed"


def test_sigmoid_stays_in_the_unit_interval_but_rounds_to_one(softmax):
    # "exactly 1.0 from z = 53 ln 2 ≈ 36.74 on (measured ...: from 36.737). Below that
    # point every computed value lies strictly between 0 and 1; at z = -50 it is 1.9e-22"
    assert softmax["sigmoid_strictly_inside_below"]
    assert softmax["sigmoid_one_predicted_from"] == pytest.approx(53 * math.log(2))
    step = 0.001  # the grid's
    assert 0 <= softmax["sigmoid_rounds_to_one_from"] - softmax["sigmoid_one_predicted_from"] < step
    assert softmax["sigmoid_max"] == 1.0
    assert softmax["sigmoid_min"] == pytest.approx(1 / (1 + math.exp(50)))
    assert softmax["verdicts"]["sigmoid_range"] == "confirmed"


def test_scikit_learn_uses_logistic_for_two_classes_and_softmax_for_more(softmax):
    assert softmax["classifiers"]["binary"]["out_activation"] == "logistic"
    assert softmax["classifiers"]["multiclass"]["out_activation"] == "softmax"
    for classifier in softmax["classifiers"].values():
        assert classifier["max_row_sum_deviation"] < 1e-12


def test_softmax_jacobian_is_bounded_and_reaches_its_bounds(softmax):
    assert 0.2499 < softmax["softmax_jacobian_max_entry"] <= 0.25 + 1e-12
    assert 0.4999 < softmax["softmax_jacobian_max_norm"] <= 0.5 + 1e-12


def test_the_page_quotes_the_scales_it_names(softmax):
    # "fell from ... at scale 1 to ... at scale 100"; alt text: "from 0.1 to 100"
    scales = softmax["SCALES"]
    assert (scales[0], scales[10], scales[-1]) == (pytest.approx(0.1), pytest.approx(1), pytest.approx(100))
    assert softmax["deep"]["gains"] == [0.5, 0.75, 1.0, 1.5, 2.0]  # "at gain 1", "at gain 2", "from gain 0.5"


def test_softmax_figure_alt_text(softmax):
    saturation = softmax["saturation"]
    # the Jacobian's norm and the squared-error gradient fall by many orders of magnitude
    assert saturation["jacobian_norm"][-1] < 1e-10 * saturation["jacobian_norm"][0]
    assert saturation["squared_error_wrong"][-1] < 1e-10 * saturation["squared_error_wrong"][0]
    # "the gradient at the logits stays between ... and ... for all gains"
    assert softmax["logit_gradient_range"] == [min(softmax["deep"]["logit_gradient"]), max(softmax["deep"]["logit_gradient"])]


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


def test_calibration_figure_alt_text(calibration):
    numbers = calibration["figure_numbers"]
    # the well-fitted network stays close to the diagonal, the overfitted one does not
    assert numbers["well_fitted"]["largest_gap"] < calibration["ECE_OK"] < numbers["overtrained"]["largest_gap"]
    # "overconfident": its lowest bin comes true more often than predicted, its highest less often
    low, high = numbers["overtrained"]["lowest_bin"], numbers["overtrained"]["highest_bin"]
    assert low["observed"] > low["predicted"] and high["observed"] < high["predicted"]
    # histograms: the well-fitted network's is the closer to the true probabilities'
    assert numbers["well_fitted"]["histogram_distance"] < numbers["overtrained"]["histogram_distance"]
    # outer bins: the overfitted network puts more of its predictions there than the truth has
    assert numbers["overtrained"]["outer_share"] > numbers["true_probability"]["outer_share"]
