"""The introduction (linear collapse) and section 1.1, gradient magnitude.

Each test pins a sentence of docs/index.md or docs/flow/gradient-magnitude.md to the
measurement it quotes. Every measurement is taken over five seeds inside the snippet;
the tests assert on every seed where the page's claim is about every seed.
"""

import math

COLLAPSE = "linear_collapse.py"
FLOW = "gradient_flow.py"
EXPLODING = "exploding_gradients.py"

FUNCTIONS = ("identity", "logistic", "tanh", "relu", "leaky_relu", "prelu", "elu", "gelu")
INITS = ("glorot", "he")
DEPTHS = ("depth10", "depth20")


# --- introduction: linear collapse ----------------------------------------------------


def test_linear_collapse_verdicts(results):
    assert results(COLLAPSE)["verdicts"] == {
        "linear_layers_collapse": "confirmed",
        "no_activation_only_linear": "confirmed",
        "relu_breaks_linearity": "confirmed",
    }


def test_every_linear_network_is_one_affine_map(results):
    r = results(COLLAPSE)
    for depth, errors in r["collapse_error"].items():
        assert len(errors) == len(r["SEEDS"]) * 2, depth  # Adam and L-BFGS, every seed
        assert max(errors) < 1e-9, depth


def test_no_linear_network_beats_least_squares_at_any_depth(results):
    r = results(COLLAPSE)
    for name in ("identity_adam", "identity_lbfgs"):
        for depth, scores in r["r2"][name].items():
            assert max(scores) <= r["ols_r2"] + 1e-9, (name, depth)


def test_adam_trained_linear_networks_stop_just_below_least_squares(results):
    r = results(COLLAPSE)
    assert r["ols_r2"] - 0.05 < r["best_adam_linear_r2"] <= r["ols_r2"] + 1e-9


def test_lbfgs_trained_linear_networks_land_on_least_squares(results):
    r = results(COLLAPSE)
    for depth, scores in r["r2"]["identity_lbfgs"].items():
        assert all(abs(s - r["ols_r2"]) < 0.01 for s in scores), depth
    for depth, slopes in r["slopes"].items():
        assert all(abs(s - r["ols_slope"]) < 0.01 for s in slopes), depth


def test_least_squares_explains_little_of_the_sine(results):
    assert 0.1 < results(COLLAPSE)["ols_r2"] < 0.2


def test_relu_networks_of_the_same_shapes_fit_the_sine(results):
    r = results(COLLAPSE)
    for depth, scores in r["r2"]["relu_adam"].items():
        assert min(scores) > 0.99, depth
    assert r["worst_relu_r2"] > 0.99


def test_the_page_names_the_training_settings(results):
    r = results(COLLAPSE)
    assert (r["BATCH_SIZE"], r["LEARNING_RATE"], r["MAX_ITER"]) == (32, 3e-3, 2000)
    assert tuple(r["DEPTHS"]) == (1, 2, 5) and r["N_POINTS"] == 1000


# --- 1.1: gradient flow through depth -------------------------------------------------


def test_gradient_flow_verdicts(results):
    assert results(FLOW)["verdicts"] == {
        "sigmoid_vanishes": "confirmed",
        "tanh_vanishes_better_than_sigmoid": "nuanced",
        "relu_prevents_vanishing": "nuanced",
        "leaky_relu_prevents_vanishing": "nuanced",
        "prelu_prevents_vanishing": "nuanced",
        "elu_prevents_vanishing": "confirmed",
        "gelu_prevents_vanishing": "nuanced",
    }


def test_behaviour_of_every_function_and_initialisation(results):
    assert results(FLOW)["behaviours"] == {
        "identity": {"glorot": "holds", "he": "explodes"},
        "logistic": {"glorot": "vanishes", "he": "vanishes"},
        "tanh": {"glorot": "holds", "he": "holds"},
        "relu": {"glorot": "vanishes", "he": "holds"},
        "leaky_relu": {"glorot": "vanishes", "he": "holds"},
        "prelu": {"glorot": "vanishes", "he": "holds"},
        "elu": {"glorot": "holds", "he": "holds"},
        "gelu": {"glorot": "vanishes", "he": "holds"},
    }


def test_every_function_init_depth_and_seed_was_measured(results):
    r = results(FLOW)
    for f in FUNCTIONS:
        for init in INITS:
            for depth in DEPTHS:
                for metric in ("delta", "weight", "per_sample_weight"):
                    values = r["ratio"][metric][f][init][depth]
                    assert len(values) == 5 and all(math.isfinite(v) and v > 0 for v in values)


def test_sigmoid_gradient_vanishes_by_orders_of_magnitude_on_every_seed(results):
    ratio = results(FLOW)["ratio"]["delta"]["logistic"]
    for init in INITS:
        assert max(ratio[init]["depth10"]) < 1e-3, init
        assert max(ratio[init]["depth20"]) < 1e-7, init


def test_sigmoid_per_layer_factor_is_near_its_one_quarter_bound_at_glorot(results):
    r = results(FLOW)
    assert all(0.2 < v < 0.26 for v in r["factor"]["logistic"]["glorot"]["depth20"])
    assert r["factor_mean"]["logistic"]["he"]["depth20"] < 0.4
    # the sigmoid's inputs stay near zero: mean sigma'(z)^2 close to its ceiling 1/16
    assert 0.045 < r["mean_sq_derivative"]["logistic"]["glorot"]["depth20"] <= 0.0625


def test_tanh_shrinks_slowly_at_glorot_and_not_at_he_and_beats_sigmoid(results):
    r = results(FLOW)
    assert all(0.8 < v < 1 for v in r["factor"]["tanh"]["glorot"]["depth20"])
    assert all(0.95 < v < 1.1 for v in r["factor"]["tanh"]["he"]["depth20"])
    for init in INITS:
        for depth in DEPTHS:
            tanh_worst = min(r["ratio"]["delta"]["tanh"][init][depth])
            sigmoid_best = max(r["ratio"]["delta"]["logistic"][init][depth])
            assert tanh_worst > 1e3 * sigmoid_best, (init, depth)


def test_relu_vanishes_at_glorot_and_holds_at_he_on_every_seed(results):
    r = results(FLOW)
    for f in ("relu", "leaky_relu"):
        for depth in DEPTHS:
            assert all(0.6 < v < 0.78 for v in r["factor"][f]["glorot"][depth]), (f, depth)  # about sqrt(1/2)
            assert all(0.9 < v < 1.1 for v in r["factor"][f]["he"][depth]), (f, depth)
        assert max(r["ratio"]["delta"][f]["glorot"]["depth20"]) < 1e-2
        assert min(r["ratio"]["delta"][f]["he"]["depth20"]) > 0.1


def test_about_half_the_relu_units_are_active(results):
    for init, fraction in results(FLOW)["relu_active_fraction"].items():
        assert 0.45 < fraction < 0.55, init


def test_leaky_relu_matches_relu_to_two_decimals(results):
    factor = results(FLOW)["factor_mean"]
    for init in INITS:
        for depth in DEPTHS:
            assert abs(factor["leaky_relu"][init][depth] - factor["relu"][init][depth]) < 0.01


def test_elu_holds_gelu_vanishes_fastest_of_the_relu_family_at_glorot(results):
    r = results(FLOW)
    assert r["behaviours"]["elu"] == {"glorot": "holds", "he": "holds"}
    gelu = r["factor_mean"]["gelu"]["glorot"]["depth20"]
    assert gelu < 0.6
    assert all(gelu < r["factor_mean"][f]["glorot"]["depth20"] for f in ("relu", "leaky_relu", "prelu", "elu"))


def test_identity_holds_at_glorot_and_grows_at_he(results):
    factor = results(FLOW)["factor"]["identity"]
    assert all(0.9 < v < 1.1 for depth in DEPTHS for v in factor["glorot"][depth])
    assert all(1.3 < v < 1.5 for depth in DEPTHS for v in factor["he"][depth])  # about sqrt(2)


def test_variance_argument_predicts_the_per_layer_factor(results):
    r = results(FLOW)
    for f in FUNCTIONS:
        for init in INITS:
            measured = r["factor_mean"][f][init]["depth20"]
            predicted = math.exp(sum(math.log(v) for v in r["predicted_factor"][f][init]["depth20"]) / 5)
            tolerance = 0.15 if (f, init) == ("gelu", "he") else 0.03
            assert abs(measured - predicted) < tolerance, (f, init, measured, predicted)


def test_relu_weight_gradients_stay_level_at_glorot_while_deltas_vanish(results):
    r = results(FLOW)
    # "Weight gradients can stay level while back-propagated gradients vanish"
    for depth in DEPTHS:
        assert 0.3 < r["weight_ratio_mean"]["relu"]["glorot"][depth] < 3
    assert r["delta_ratio_mean"]["relu"]["glorot"]["depth20"] < 1e-2
    # ... because the forward signal shrinks by as much
    assert r["signal_ratio_mean"]["relu"]["glorot"]["depth20"] < 1e-2


def test_relu_weight_gradient_is_smaller_at_the_first_layer_with_he_because_samples_align(results):
    r = results(FLOW)
    assert r["weight_ratio_mean"]["relu"]["he"]["depth20"] < 0.5
    assert abs(r["relu_similarity"]["he"]["first"]) < 0.05
    assert r["relu_similarity"]["he"]["last"] > 0.8
    assert 0.6 < r["per_sample_weight_ratio_mean"]["relu"]["he"]["depth20"] < 1.5


def test_only_the_sigmoid_weight_gradients_vanish(results):
    ratio = results(FLOW)["ratio"]["weight"]
    for init in INITS:
        assert max(ratio["logistic"][init]["depth20"]) < 1e-8
        for f in FUNCTIONS:
            if f != "logistic":
                assert all(0.03 < v < 10 for depth in DEPTHS for v in ratio[f][init][depth]), (f, init)


# --- 1.1: exploding gradients ---------------------------------------------------------


def test_exploding_verdicts(results):
    r = results(EXPLODING)
    assert r["verdicts"] == {
        "relu_can_explode": "confirmed",
        "leaky_relu_can_explode": "confirmed",
        "sigmoid_prevents_exploding": "nuanced",
        "tanh_prevents_exploding": "contradicted",
    }
    assert r["first_exploding_gain"] == {"relu": 1.5, "leaky_relu": 1.5, "tanh": 3, "logistic": 32}


def test_relu_per_layer_factor_equals_the_gain(results):
    factor = results(EXPLODING)["factor"]["relu"]
    for gain_key, gain in (("gain1", 1), ("gain1_5", 1.5), ("gain2", 2), ("gain3", 3), ("gain8", 8)):
        for depth in DEPTHS:
            assert all(abs(v / gain - 1) < 0.1 for v in factor[gain_key][depth]), (gain_key, depth)


def test_relu_weight_gradients_blow_up_with_the_gain(results):
    size = results(EXPLODING)["max_weight_grad_mean"]["relu"]
    assert size["gain1"]["depth20"] < 10
    assert size["gain1_5"]["depth20"] > 1e5 * size["gain1"]["depth20"]


def test_tanh_explodes_at_gain_3_but_not_at_gain_2(results):
    r = results(EXPLODING)
    tanh = r["factor"]["tanh"]
    assert all(v > 1.25 for depth in DEPTHS for v in tanh["gain3"][depth])
    assert all(1.05 < v < 1.25 for depth in DEPTHS for v in tanh["gain2"][depth])  # grows, under the threshold
    assert all(v > 1 for v in tanh["gain1_5"]["depth20"])  # grows already at gain 1.5
    assert r["ratio_mean"]["tanh"]["gain3"]["depth20"] > 100
    size = r["max_weight_grad_mean"]["tanh"]
    assert size["gain3"]["depth20"] > 1e3 * size["gain1"]["depth20"]
    # it explodes while many units are saturated: bounded outputs do not stop it
    assert 0.3 < r["saturated"]["tanh"]["gain3"]["depth20"] < 0.7


def test_sigmoid_needs_huge_weights_to_explode(results):
    r = results(EXPLODING)
    sigmoid = r["factor"]["logistic"]
    assert all(v < 1 for depth in DEPTHS for gain in ("gain1", "gain4", "gain8") for v in sigmoid[gain][depth])
    assert all(v > 1.25 for depth in DEPTHS for v in sigmoid["gain32"][depth])
    assert r["saturated"]["logistic"]["gain1"]["depth20"] < 0.01
