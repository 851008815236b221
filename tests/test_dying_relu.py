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


def test_few_units_are_dead_at_initialisation_and_a_small_rate_barely_adds(dying):
    assert dying["dead_at_init_mean"][0] < 0.05
    assert dying["dead_at_init_mean"][1] < 0.2
    for layer in (1, 2):
        assert dying["dying"][0][f"dead_layer{layer}_mean"] - dying["dead_at_init_mean"][layer - 1] < 0.05
    assert dying["dying"][3]["dead_layer2_mean"] > 3 * dying["dead_at_init_mean"][1]


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
    for r, l in zip(relu, leaky):
        assert abs(r - l) < 0.1, "about as many units in the negative region at every rate"
    assert alternatives["gradients"]["relu"]["stuck_max"] == 0.0
    assert alternatives["gradients"]["leaky_relu"]["stuck_nonzero_share"] == 1.0
    small = alternatives["gradients"]["leaky_relu"]["stuck_median"] / alternatives["gradients"]["leaky_relu"]["live_median"]
    assert 0.005 < small < 0.2, "a small gradient, not a full one"
    assert alternatives["verdicts"]["leaky_relu_avoids_dying"] == "nuanced"
    assert alternatives["verdicts"]["relu_negative_units_get_no_gradient"] == "confirmed"


def test_few_units_get_stuck_at_the_smallest_rate_with_any_function(alternatives, dying):
    for activation in ("relu", "leaky_relu", "elu"):
        assert alternatives["stuck_shares"][activation][0] < 0.1
    assert dying["dying"][0]["dead_layer2_mean"] < 0.2


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
