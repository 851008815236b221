"""Chapter 3, ReLU: the speed experiment behind "Why ReLU is popular", reason 1.

Timings come from a shared machine, so these tests assert orderings and ratios with
margins (every timing is a best-of-N), never exact values.
"""

SPEED = "activation_speed.py"


def test_speed_verdicts(results):
    assert results(SPEED)["verdicts"] == {
        "relu_fast": "confirmed",
        "sigmoid_slow": "nuanced",
        "tanh_slow": "nuanced",
        "leaky_relu_fast": "confirmed",
        "relu_cheapest_in_sklearn_training": "contradicted",
    }


def test_relu_is_the_cheapest_function_per_value_at_both_sizes(results):
    r = results(SPEED)
    assert r["relu_is_cheapest"] == {"batch": True, "large": True}
    for size in ("batch", "large"):
        forward = r["fastest"][size]["forward"]
        assert all(forward["relu"] < ns for name, ns in forward.items() if name != "relu")


def test_sigmoid_and_tanh_cost_several_times_relu_per_value(results):
    ratio = results(SPEED)["ratio_to_relu"]["batch"]
    for name in ("logistic", "tanh"):
        assert ratio["forward"][name] > 2.5
        assert ratio["backward"][name] > 1.5
    assert ratio["forward"]["leaky_relu"] < 2.5
    assert ratio["forward"]["leaky_relu"] < min(ratio["forward"]["logistic"], ratio["forward"]["tanh"])


def test_every_function_was_timed_in_every_implementation(results):
    r = results(SPEED)
    for size in ("batch", "large"):
        timings = r["ns_per_value"][size]
        assert set(timings["forward"]) == {"relu", "leaky_relu", "logistic", "tanh", "elu", "gelu"}
        for direction in ("forward", "backward"):
            for codes in timings[direction].values():
                assert all(0 < ns < 1000 for ns in codes.values())


def test_the_activation_is_a_minority_share_of_a_training_run(results):
    r = results(SPEED)
    share = r["activation_share"]
    assert share["identity"] < 0.05  # identity does nothing: only the timer's overhead
    for name in ("relu", "tanh", "logistic"):
        assert 0.02 < share[name] < 0.5


def test_in_scikit_learn_relu_spends_more_time_in_its_activation_than_tanh(results):
    r = results(SPEED)
    seconds = r["activation_seconds"]
    assert seconds["relu"] > 1.1 * seconds["tanh"]
    # the reason: the backward step, a masked assignment delta[Z == 0] = 0
    in_fit = r["in_fit_ns_per_value"]
    assert in_fit["relu"]["backward"] > in_fit["tanh"]["backward"]
    assert in_fit["relu"]["forward"] < in_fit["tanh"]["forward"]


def test_relu_backward_is_the_cheapest_on_a_mini_batch(results):
    assert results(SPEED)["relu_backward_is_cheapest"]["batch"] is True


def test_how_a_function_is_written_matters(results):
    r = results(SPEED)
    forward = r["ns_per_value"]["batch"]["forward"]
    # Leaky ReLU with np.where (activations.py) is slower than the fastest sigmoid ...
    assert forward["leaky_relu"]["activations_py"] > r["fastest"]["batch"]["forward"]["logistic"]
    # ... and than np.maximum(z, 0.01 * z)
    assert forward["leaky_relu"]["activations_py"] > 2 * forward["leaky_relu"]["alternative"]
    # GELU with z**3 is many times slower than with z * z * z
    assert forward["gelu"]["activations_py"] > 3 * forward["gelu"]["alternative"]
