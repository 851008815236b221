"""The dying-ReLU caveat (docs/relu/dying-relu.md): every sentence that states a measurement."""

import numpy as np
import pytest


@pytest.fixture(scope="module")
def dying(results):
    return results("dying_relu_learning_rate.py")


@pytest.fixture(scope="module")
def alternatives(results):
    return results("dying_relu_alternatives.py")


@pytest.fixture(scope="module")
def born(results):
    return results("dying_relu_born_dead.py")


def test_dead_units_grow_with_the_learning_rate(dying):
    runs = dying["dying"]
    assert [r["learning_rate"] for r in runs] == [0.001, 0.01, 0.03, 0.1, 0.3]
    assert runs[0]["dead_layer2_mean"] < 0.2 and runs[0]["dead_layer1_mean"] < 0.05
    assert runs[3]["dead_layer2_mean"] > 0.7, "most of layer 2 dead at learning rate 0.1"
    assert runs[3]["dead_layer1_mean"] > 0.15
    layer2 = [r["dead_layer2_mean"] for r in runs]
    assert all(np.diff(layer2[:4]) > 0), "rising from 0.001 to 0.1"
    assert dying["dead_share_rise"] >= 0.3
    assert dying["verdicts"]["high_learning_rate_kills_units"] == "confirmed"


def test_most_units_start_alive_and_a_small_rate_barely_adds(dying):
    # "Most units start alive: at initialisation we measure 0.9% ... and 10% ... dead"
    assert all(share < 0.5 for share in dying["dead_at_init_mean"])
    assert dying["dead_at_init_mean"] == pytest.approx(np.mean(dying["dead_at_init"], axis=0).tolist())
    for layer in (1, 2):
        assert dying["dying"][0][f"dead_layer{layer}_mean"] - dying["dead_at_init_mean"][layer - 1] < 0.05
    assert dying["dying"][3]["dead_layer2_mean"] > 3 * dying["dead_at_init_mean"][1]


def test_learning_rate_figure_alt_text(dying):
    runs = dying["dying"]

    def series(values, spec):
        text = [format(v, spec) for v in values]
        return ", ".join(text[:-1]) + " and " + text[-1]

    assert dying["LEARNING_RATES"] == [0.001, 0.01, 0.03, 0.1, 0.3]
    assert dying["figure_series"] == {
        "dead_layer1": series([r["dead_layer1_mean"] for r in runs], ".0%"),
        "dead_layer2": series([r["dead_layer2_mean"] for r in runs], ".0%"),
        "r2": series([r["r2_mean"] for r in runs], ".2f"),
        "r2_spread": series([float(np.std(r["r2"])) for r in runs], ".3f"),
    }


def test_the_second_layer_dies_more_than_the_first(dying):
    for r in dying["dying"]:
        assert r["dead_layer2_mean"] > r["dead_layer1_mean"]


def test_the_fit_survives_many_dead_units(dying):
    runs = dying["dying"]
    assert runs[3]["r2_mean"] > 0.9 and runs[3]["dead_layer2_mean"] > 0.5, "R² stays high with most of layer 2 dead"
    assert runs[-1]["r2_mean"] < runs[0]["r2_mean"] - 0.03, "the fit starts to suffer at 0.3"


def test_dead_units_get_exactly_zero_gradient_and_stay_dead(dying):
    gradient = dying["zero_gradient"]
    assert dying["n_dead_at_probe"] == sum(gradient["n_dead"]) > 100, "there are dead units to look at"
    assert dying["dead_max_abs_gradient"] == 0.0
    assert min(gradient["live_median_gradient_norm"]) > 0 and dying["live_median_gradient_norm"] > 0
    staying = dying["staying"]
    assert staying["dead_layer1"] > 0 and staying["revived_layer1"] == 0
    assert staying["max_weight_change_dead_layer1"] == 0.0
    assert min(staying["median_weight_change_live"]) > 0, "the live units did keep learning"
    assert staying["revived_layer2"] <= 0.05 * staying["dead_layer2"]
    assert dying["verdicts"]["dead_relu_units_stop_learning"] == "confirmed"


def test_leaky_relu_is_stuck_as_often_as_relu_but_keeps_a_gradient(alternatives):
    relu, leaky = alternatives["stuck_shares"]["relu"], alternatives["stuck_shares"]["leaky_relu"]
    # "the two shares of all hidden units differ by at most 3%"
    assert alternatives["leaky_relu_stuck_gap"] == max(abs(r - l) for r, l in zip(relu, leaky))
    assert alternatives["leaky_relu_stuck_gap"] < 0.1, "about as many units in the negative region at every rate"
    assert alternatives["gradients"]["relu"]["stuck_max"] == 0.0
    assert alternatives["gradients"]["leaky_relu"]["stuck_nonzero_share"] == 1.0
    small = alternatives["gradients"]["leaky_relu"]["stuck_median"] / alternatives["gradients"]["leaky_relu"]["live_median"]
    assert 0.005 < small < 0.2, "a small gradient, not a full one"
    assert alternatives["verdicts"]["leaky_relu_avoids_dying"] == "nuanced"
    assert alternatives["verdicts"]["relu_negative_units_get_no_gradient"] == "confirmed"


def test_few_units_get_stuck_at_the_smallest_rate_with_any_function(alternatives, dying):
    # "At 0.001, at most 2.5% of the hidden units end up on the negative side"
    shares = [alternatives["stuck_shares"][a][0] for a in ("relu", "leaky_relu", "elu")]
    assert alternatives["stuck_at_smallest_rate"] == max(shares) < 0.1
    assert alternatives["LEARNING_RATES"][0] == 0.001
    assert dying["dying"][0]["dead_layer2_mean"] < 0.2


def test_alternatives_figure_alt_text(alternatives):
    for a in ("relu", "leaky_relu", "elu"):
        shares = [f"{r['layer2_mean']:.0%}" for r in alternatives["negative"][a]]
        assert alternatives["figure_series"][a] == ", ".join(shares[:-1]) + " and " + shares[-1], a


def test_few_leaky_units_come_back_and_no_relu_unit(alternatives):
    revival = alternatives["revival"]
    assert revival["relu"]["revived"] == 0
    assert 0 < revival["leaky_relu"]["revived_share"] < 0.2
    assert revival["elu"]["revived_share"] > revival["leaky_relu"]["revived_share"]


def test_elu_keeps_units_out_of_the_negative_region_up_to_a_point(alternatives):
    relu, elu = alternatives["stuck_shares"]["relu"], alternatives["stuck_shares"]["elu"]
    for i in range(4):  # learning rates 0.001 ... 0.1
        assert elu[i] < 0.5 * relu[i] or relu[i] < 0.05
    assert elu[-1] > 0.7 * relu[-1], "at 0.3 ELU is about as stuck as ReLU"
    assert alternatives["verdicts"]["elu_alternative"] == "nuanced"


def test_elu_fits_worse_at_the_small_learning_rate(alternatives):
    r2 = {a: [r["r2_mean"] for r in alternatives["negative"][a]] for a in ("relu", "leaky_relu", "elu")}
    assert r2["elu"][0] < min(r2["relu"][0], r2["leaky_relu"][0]) - 0.1, "ELU fits worst at 0.001"


def test_deep_narrow_relu_networks_are_born_dead(born):
    relu = born["born_dead"]["relu"]
    assert born["DEPTHS"][-1] == 40 and relu[-1] >= 0.95
    assert relu[0] == 0 and all(np.diff(relu) >= 0)
    assert max(born["born_dead"]["leaky_relu"] + born["born_dead"]["elu"]) == 0
    assert born["verdicts"] == {"deep_narrow_relu_born_dead": "confirmed", "alternatives_never_born_dead": "confirmed"}
    assert born["DEPTHS"] == [1, 2, 5, 10, 20, 40]  # the depths the alt text names
    for a, shares in born["born_dead"].items():
        text = [f"{v:.0%}" for v in shares]
        assert born["figure_series"][a] == ", ".join(text[:-1]) + " and " + text[-1], a


def test_wider_layers_are_born_dead_far_more_rarely(born):
    # "with 64 units per layer, 0 of 100 forty-layer ReLU networks are born dead"
    assert born["WIDE_WIDTH"] == 64 and born["N_WIDE_NETWORKS"] == 100
    assert born["wide_born_dead"] / born["N_WIDE_NETWORKS"] < born["born_dead"]["relu"][-1]


# --- PReLU: a learned slope ------------------------------------------------------------


@pytest.fixture(scope="module")
def prelu(results):
    return results("prelu_learned_slope.py")


def _activations():
    import activations  # snippets/ is on pytest's pythonpath

    return activations


def test_the_slope_gradient_matches_finite_differences(prelu):
    # "for 128 slopes drawn on both sides of 0, the largest difference was 5e-09 of the
    # largest gradient"
    assert prelu["n_checked_slopes"] == 128
    assert min(min(s) for s in prelu["check_slopes"]) < 0 < max(max(s) for s in prelu["check_slopes"])
    assert prelu["slope_gradient_error"] < 1e-6


def test_backward_gives_the_slope_gradient_for_one_slope_per_layer():
    # the page's formula, dL/da = sum of delta * min(0, z), with one slope shared by a layer
    activations = _activations()
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 3)), rng.normal(size=(30, 1))
    weights, biases = activations.init_network((3, 8, 8, 1), rng, init="he")
    slopes = [0.3, -0.2]

    def loss(s):
        _, outputs = activations.forward(X, weights, biases, "prelu", s)
        return 0.5 * np.mean((outputs[-1] - y) ** 2)

    zs, outputs = activations.forward(X, weights, biases, "prelu", slopes)
    *_, slope_grads = activations.backward(zs, outputs, weights, (outputs[-1] - y) / len(y), "prelu", slopes)
    step = 1e-6
    for layer in range(2):
        up, down = list(slopes), list(slopes)
        up[layer] += step
        down[layer] -= step
        numeric = (loss(up) - loss(down)) / (2 * step)
        assert slope_grads[layer] == pytest.approx(numeric, rel=1e-6, abs=1e-10)
    assert np.all(activations.d_prelu_slope(np.array([-2.0, -0.5, 0.5, 2.0])) == [-2.0, -0.5, 0.0, 0.0])
    with pytest.raises(ValueError, match="prelu"):
        activations.forward(X, weights, biases, "relu", slopes)


def test_prelu_keeps_fewer_units_stuck_than_relu_but_under_half_only_at_the_largest_rate(prelu):
    # "PReLU has fewer units on the negative side than ReLU at every learning rate ... it
    # passes only at 0.3. There it also fits best"
    assert prelu["LEARNING_RATES"] == [0.001, 0.01, 0.03, 0.1, 0.3]
    shares = prelu["stuck_shares"]
    assert all(p < r for p, r in zip(shares["prelu"], shares["relu"]))
    compared = [i for i, r in enumerate(shares["relu"]) if r >= prelu["RELU_STUCK"]]
    under_half = [i for i in compared if shares["prelu"][i] < prelu["FEWER"] * shares["relu"][i]]
    assert under_half == [4] and prelu["under_half_at"] == "0.3"
    r2 = {a: prelu["runs"][a][4]["r2_mean"] for a in ("relu", "leaky_relu", "prelu")}
    assert r2["prelu"] > max(r2["relu"], r2["leaky_relu"])
    assert prelu["verdicts"] == {"prelu_alternative": "nuanced"}
    # "PReLU keeps units off the negative side better than a fixed leak in these runs, and
    # by far at the largest learning rate"
    assert all(p < leaky for p, leaky in zip(shares["prelu"], shares["leaky_relu"]))
    assert shares["prelu"][4] < 0.5 * shares["leaky_relu"][4]


def test_stuck_prelu_units_learn_a_slope_near_zero(prelu):
    # "At learning rates 0.03 and 0.1, X and Y of the stuck PReLU units ended with a slope
    # no larger than Leaky ReLU's 0.01 in size ... At 0.3 that share is Z" (and on 1.2's
    # page: "most of the PReLU units that do end up there")
    slopes = prelu["learned_slopes"]
    assert [s["learning_rate"] for s in slopes] == prelu["LEARNING_RATES"]
    for s, run in zip(slopes, prelu["runs"]["prelu"]):
        stuck = np.array(run["stuck_slopes"])
        assert s["n_stuck"] == stuck.size
        if stuck.size:
            assert s["stuck_below_leaky"] == np.mean(np.abs(stuck) <= 0.01)
    assert slopes[2]["stuck_below_leaky"] > 0.5 and slopes[3]["stuck_below_leaky"] > 0.5
    assert slopes[4]["stuck_below_leaky"] < 0.5
    # "Slopes can turn negative ... At 0.3, X of the slopes ended below zero"
    assert slopes[4]["negative_share"] > 0


def test_prelu_figure_alt_text(prelu):
    def series(values, spec):
        text = [format(v, spec) for v in values]
        return ", ".join(text[:-1]) + " and " + text[-1]

    activations = _activations()
    assert activations.PRELU_SLOPE == 0.25  # the dotted line the alt text names
    for a in ("relu", "leaky_relu", "prelu"):
        assert prelu["figure_series"][a] == series(prelu["stuck_shares"][a], ".0%")
    medians = [round(s["median"], 2) + 0.0 for s in prelu["learned_slopes"]]
    assert prelu["figure_series"]["slope_median"] == series(medians, ".2f")


def test_prelu_runs_repeat_the_alternatives_experiment(prelu, alternatives):
    # "beside ReLU and Leaky ReLU on the task above: the same data, initial weights,
    # mini-batches and learning rates" (activations.Adam, too, reproduces the Adam
    # written out in dying_relu_alternatives.py to the last bit)
    assert prelu["LEARNING_RATES"] == alternatives["LEARNING_RATES"]
    for a in ("relu", "leaky_relu"):
        assert prelu["stuck_shares"][a] == alternatives["stuck_shares"][a]
        assert [r["r2_mean"] for r in prelu["runs"][a]] == [r["r2_mean"] for r in alternatives["negative"][a]]
