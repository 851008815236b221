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
    assert rng["tanh"]["min"] == pytest.approx(-1) and rng["tanh"]["max"] == pytest.approx(1)
    assert rng["relu"]["min"] == 0 and rng["elu"]["min"] == pytest.approx(-1)
    assert rng["gelu"]["min"] == pytest.approx(-0.170, abs=1e-3)
    # unbounded ones still grow linearly at the end of the grid
    for name in ("identity", "leaky_relu", "prelu"):
        assert r["measured_range"][name]["slope_at_low_end"] > 0.009
    for name in ("identity", "relu", "leaky_relu", "prelu", "elu", "gelu"):
        assert r["measured_range"][name]["slope_at_high_end"] > 0.99


def test_sigmoid_is_strictly_inside_its_open_range_until_float64_rounds_it(results):
    # "exactly 0 for x <= -37.98, exactly 1 for x >= 36.98, and strictly between 0 and 1
    # in between"; "1/(1 + e^-x) still gives a positive number there"
    r = results(REF)
    rounding = r["logistic_rounding"]
    assert r["measured_range"]["logistic"]["min"] == 0.0 and r["measured_range"]["logistic"]["max"] == 1.0
    assert rounding["strictly_inside_between"]
    # The tanh form is exactly 0 once tanh(x/2) returns -1: correctly rounded, when
    # 2e^x < 2**-54 (x < -55 ln 2), and exactly 1 once 1 + tanh(x/2) rounds to 2
    # (x > 54 ln 2); numpy's tanh is accurate to within an ulp, that is a factor 2 in
    # e^x, ln 2 in x.
    assert abs(rounding["zero_up_to"] + 55 * math.log(2)) < math.log(2)
    assert abs(rounding["one_from"] - 54 * math.log(2)) < math.log(2)
    assert 0 < rounding["usual_formula_min"] < 1e-20  # 1/(1 + e^50), positive


def test_tanh_and_sigmoid_slopes_fall_steadily_on_both_sides_of_zero(results):
    falls = results(REF)["slope_falls_away_from_zero"]
    assert {name for name, yes in falls.items() if yes} == {"logistic", "tanh"}


def test_derivative_figure_alt_text(results):
    r = results(REF)
    # "The derivatives of ReLU, Leaky ReLU and PReLU are steps from 0, 0.01 and 0.25 to 1"
    assert r["step_derivative"] == {"relu": [0.0, 1.0], "leaky_relu": [0.01, 1.0], "prelu": [0.25, 1.0]}
    ends = r["slope_at_plot_ends"]
    # the sigmoid's and tanh's derivatives are symmetric and have fallen at z = ±4
    for name in ("logistic", "tanh"):
        assert ends[name][0] == pytest.approx(ends[name][1]) and ends[name][1] < 0.1 * r["max_derivative"][name]
    # "ELU's rises smoothly from 0.018 at z = -4 to 1"
    assert ends["elu"] == [pytest.approx(math.exp(-4)), 1.0] and "elu" not in r["step_derivative"]
    # "GELU's rises above 1 ... and is back at 1.000 at z = 4"
    assert r["gelu_max_slope"]["tanh_approximation"]["value"] > 1 and f"{ends['gelu'][1]:.3f}" == "1.000"


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
    # ELU: "closer to zero than ReLU's ... but not within our tolerance"
    assert tol < abs(r["mean_output"]["elu"]) < abs(r["mean_output"]["relu"])
    # the means agree with their closed forms
    assert r["mean_output"]["relu"] == pytest.approx(1 / math.sqrt(2 * math.pi), abs=0.005)
    assert r["mean_output"]["logistic"] == pytest.approx(0.5, abs=0.005)
    assert r["mean_output"]["gelu"] == pytest.approx(1 / (2 * math.sqrt(math.pi)), abs=0.005)


def test_maximum_derivatives(results):
    d = results(REF)["max_derivative"]
    assert d["logistic"] == pytest.approx(0.25, abs=1e-6)
    for name in ("identity", "tanh", "relu", "leaky_relu", "prelu", "elu"):
        assert d[name] == pytest.approx(1, abs=1e-6)
    assert 1 < d["gelu"] < 1.15  # "a little above 1"


def test_gelu_slope_peaks_at_root_two(results):
    # exact GELU' = Phi + x phi has derivative phi (2 - x^2): largest at sqrt(2), on a grid of step 1e-4
    peak = results(REF)["gelu_max_slope"]
    assert peak["exact"]["at"] == pytest.approx(math.sqrt(2), abs=1e-4)
    phi = math.exp(-1) / math.sqrt(2 * math.pi)
    assert peak["exact"]["value"] == pytest.approx(0.5 * (1 + math.erf(1)) + math.sqrt(2) * phi, abs=1e-9)
    # the tanh approximation peaks slightly further out, at a slightly higher slope
    assert math.sqrt(2) < peak["tanh_approximation"]["at"] < math.sqrt(2) + 0.01
    assert peak["tanh_approximation"]["value"] == pytest.approx(results(REF)["max_derivative"]["gelu"], abs=1e-6)


def test_every_derivative_is_within_the_finite_differences_rounding(results):
    # "Every difference is below the rounding error the finite difference itself makes"
    r = results(REF)
    assert set(r["derivative_error"]) == set(ELEMENTWISE)
    for name in ELEMENTWISE:
        assert r["derivative_error"][name] < r["finite_difference_rounding"][name], name
    assert r["softmax_measured"]["jacobian_error"] < 2.220446049250313e-16 / r["FD_STEP"]


def test_softmax(results):
    r = results(REF)
    assert r["softmax_sum_error"] < 1e-12
    assert r["softmax_equals_sigmoid_error"] < 1e-12
    s = r["softmax_measured"]
    assert s["mean_output"] == pytest.approx(1 / 3, abs=1e-9)
    assert s["max_jacobian_entry"] == pytest.approx(0.25, abs=1e-9)


def test_softmax_outputs_are_strictly_inside_until_the_logit_gap_is_huge(results):
    # "Each output lies in the open interval (0, 1)": for standard-normal logits, strictly
    s = results(REF)["softmax_measured"]
    assert 0 < s["min"] and s["max"] < 1
    # "... exactly 1.0 from z = 36.74 and ... exactly 0.0 from z = 745.14, where e^-z underflows":
    # 1 + e^-z rounds to 1 once e^-z < 2**-53; e^-z underflows below half the smallest subnormal
    rounding = results(REF)["softmax_rounding"]
    assert rounding["one_from"] == pytest.approx(53 * math.log(2), abs=0.01)
    assert rounding["zero_from"] == pytest.approx(1075 * math.log(2), abs=0.01)


def test_softmax_figure_alt_text(results):
    trend = results(REF)["three_logits_trend"]
    assert trend["first_rises"] and trend["others_fall"]
    assert trend["first_from"] < 0.01 and trend["first_to"] > 0.99


def test_gelu_tanh_approximation_is_close_to_exact(results):
    r = results(REF)
    assert r["gelu_approximation_error"] < 1e-3
    assert r["gelu_exact_minimum"] == pytest.approx(-0.16997, abs=1e-4)
    assert r["gelu_exact_minimum_at"] == pytest.approx(-0.7518, abs=0.006)  # the grid's step


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
    assert all(d < r["TOLERANCE"] for d in diff.values())
    assert 0 < diff["logistic"], "the sigmoid network differs, by rounding"
    assert all(r["same_network"].values())
    assert min(r["max_abs_output"].values()) > 0.5  # the networks predict something non-trivial
