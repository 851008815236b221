"""The function reference page: ranges, means, derivatives, and the numpy network."""

import math

import pytest

REF = "function_reference.py"
NET = "numpy_network_matches_sklearn.py"
ELEMENTWISE = ("identity", "logistic", "tanh", "relu", "leaky_relu", "prelu", "elu", "gelu")


def test_every_function_is_in_the_reference_table(results):
    r = results(REF)
    assert len(r["reference_table"]) == len(ELEMENTWISE) + 1  # and softmax
    sklearn_names = [row["sklearn `activation=`"] for row in r["reference_table"][:4]]
    assert sklearn_names == ["`identity`", "`logistic`", "`tanh`", "`relu`"]
    assert all(row["sklearn `activation=`"].startswith("—") for row in r["reference_table"][4:])


def test_measured_ranges_match_the_formulas(results):
    r = results(REF)
    assert all(r["range_matches"][name] for name in ELEMENTWISE)
    rng = r["measured_range"]
    # bounded ones: the outputs reach the bound (float64 rounds sigma(+-50) to 0 and 1)
    assert rng["logistic"]["min"] == pytest.approx(0, abs=1e-9) and rng["logistic"]["max"] == pytest.approx(1, abs=1e-9)
    assert rng["tanh"]["min"] == pytest.approx(-1) and rng["tanh"]["max"] == pytest.approx(1)
    assert rng["relu"]["min"] == 0 and rng["elu"]["min"] == pytest.approx(-1)
    assert rng["gelu"]["min"] == pytest.approx(-0.170, abs=1e-3)
    # unbounded ones still grow linearly at the end of the grid
    for name in ("identity", "leaky_relu", "prelu"):
        assert r["measured_range"][name]["slope_at_low_end"] > 0.009
    for name in ("identity", "relu", "leaky_relu", "prelu", "elu", "gelu"):
        assert r["measured_range"][name]["slope_at_high_end"] > 0.99


def test_only_identity_and_tanh_are_zero_centred(results):
    r = results(REF)
    assert len(r["mean_output_by_seed"]["relu"]) >= 5
    centred = {name for name, yes in r["zero_centred"].items() if yes}
    assert centred == {"identity", "tanh"}
    tol = r["ZERO_CENTRED_TOLERANCE"]
    for name in ELEMENTWISE:
        for mean in r["mean_output_by_seed"][name]:
            if name in centred:
                assert abs(mean) < tol / 5  # far inside the tolerance on every seed
            else:
                assert abs(mean) > 2 * tol  # far outside it on every seed
    # the means agree with their closed forms
    assert r["mean_output"]["relu"] == pytest.approx(1 / math.sqrt(2 * math.pi), abs=0.005)
    assert r["mean_output"]["logistic"] == pytest.approx(0.5, abs=0.005)
    assert r["mean_output"]["gelu"] == pytest.approx(1 / (2 * math.sqrt(math.pi)), abs=0.005)


def test_maximum_derivatives(results):
    d = results(REF)["max_derivative"]
    assert d["logistic"] == pytest.approx(0.25, abs=1e-6)
    for name in ("identity", "tanh", "relu", "leaky_relu", "prelu", "elu"):
        assert d[name] == pytest.approx(1, abs=1e-6)
    assert 1.1 < d["gelu"] < 1.15  # GELU overshoots 1 near z = 1.5


def test_every_derivative_matches_finite_differences(results):
    r = results(REF)
    assert set(r["derivative_error"]) == set(ELEMENTWISE)
    assert max(r["derivative_error"].values()) < 1e-6
    assert r["softmax_measured"]["jacobian_error"] < 1e-6


def test_softmax(results):
    r = results(REF)
    assert r["softmax_sum_error"] < 1e-12
    assert r["softmax_equals_sigmoid_error"] < 1e-12
    s = r["softmax_measured"]
    assert 0 <= s["min"] and s["max"] <= 1
    assert s["mean_output"] == pytest.approx(1 / 3, abs=1e-9)
    assert s["max_jacobian_entry"] == pytest.approx(0.25, abs=1e-9)


def test_gelu_tanh_approximation_is_close_to_exact(results):
    r = results(REF)
    assert r["gelu_approximation_error"] < 1e-3
    assert r["gelu_exact_minimum"] == pytest.approx(-0.16997, abs=1e-4)


def test_article_table_range_and_mean_columns(results):
    v = results(REF)["verdicts"]
    assert v == {
        "relu_range": "confirmed",
        "relu_nonzero_mean": "confirmed",
        "sigmoid_range": "confirmed",
        "sigmoid_nonzero_mean": "contradicted",  # sigmoid's mean output is 0.5, not 0
        "tanh_range": "confirmed",
        "tanh_nonzero_mean": "confirmed",
        "leaky_relu_range": "confirmed",
        "leaky_relu_nonzero_mean": "confirmed",
    }


def test_numpy_network_equals_sklearn_predict(results):
    r = results(NET)
    diff = r["max_abs_difference"]
    assert diff["relu"] < 1e-10 and diff["tanh"] < 1e-10
    assert all(d < 1e-10 for d in diff.values())
    assert all(r["same_network"].values())
    assert min(r["max_abs_output"].values()) > 0.5  # the networks predict something non-trivial
