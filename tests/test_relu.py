"""Chapter 3, ReLU: the speed experiments behind "Why ReLU is popular", reason 1.

Timings belong to the machine and its load, so no test here pins a timing outcome:
each verdict is recomputed from the stored per-round samples by the rule in
activations.py, and each sentence the page quotes is checked against the numbers and
the verdict it states. The bounds asserted on the timings themselves cannot flip
between machines (positive, finite, a share between 0 and 1).
"""

import math
import re

import numpy as np
import pytest

from project_paths import ROOT

import activations  # noqa: E402 - snippets/ is on pytest's pythonpath

PER_VALUE = "activation_speed.py"
IN_TRAINING = "activation_cost_in_training.py"
OUTCOMES = ("confirmed", "contradicted", activations.UNDECIDED)
PAGE = (ROOT / "docs/relu/index.md").read_text(encoding="utf-8")


def interval(results, samples):
    return activations.median_interval(samples, results["CONFIDENCE"])


def says_the_ratio(sentence, median, low, high, name, other_name):
    """The sentence states the median and interval, and on which side of 1 they are."""
    for number in (median, low, high):
        assert f"{number:.3g}" in sentence, (number, sentence)
    phrases = {
        "confirmed": f"{name} is slower than {other_name} on this machine",
        "contradicted": f"{name} is faster than {other_name} on this machine",
        activations.UNDECIDED: f"whether {name} is faster or slower than {other_name} is undecided on this machine",
    }
    said = [outcome for outcome, phrase in phrases.items() if phrase in sentence]
    assert said == [activations.verdict((low, high), 1, claim="above")], sentence


# Per value ------------------------------------------------------------------------------


def test_every_per_value_timing_is_a_positive_finite_sample_per_round(results):
    r = results(PER_VALUE)
    for size in ("batch", "large"):
        timings = r["ns_per_value"][size]
        assert set(timings["forward"]) == set(timings["backward"]) == {"relu", "leaky_relu", "logistic", "tanh", "elu", "gelu"}
        for direction in ("forward", "backward"):
            for codes in timings[direction].values():
                for samples in codes.values():
                    assert len(samples) == r["ROUNDS"] >= 25
                    assert all(0 < ns < math.inf for ns in samples)


def per_value_ratios(r, size, direction, name):
    """Per round: the time of the function's code with the lowest median, over ReLU's."""
    codes = r["ns_per_value"][size][direction]

    def best(n):
        key = min(codes[n], key=lambda k: np.median(codes[n][k]))
        assert key == r["best_implementation"][size][direction][n]
        return np.array(codes[n][key])

    return best(name) / best("relu")


def test_the_ratios_to_relu_are_recomputed_from_the_rounds(results):
    r = results(PER_VALUE)
    for size in ("batch", "large"):
        for direction in ("forward", "backward"):
            for name in r["ns_per_value"][size][direction]:
                ratios = per_value_ratios(r, size, direction, name)
                assert np.allclose(r["ratio_samples"][size][direction][name], ratios)
                assert r["ratio_median"][size][direction][name] == pytest.approx(np.median(ratios))
                assert tuple(r["ratio_interval"][size][direction][name]) == interval(r, ratios)


def test_per_value_verdicts_follow_the_rule(results):
    r = results(PER_VALUE)
    forward = {n: per_value_ratios(r, "batch", "forward", n) for n in r["ns_per_value"]["batch"]["forward"]}
    cheapest_exponential = np.min([forward[n] for n in ("logistic", "tanh", "elu", "gelu")], axis=0)
    codes = r["ns_per_value"]["batch"]["forward"]
    where = np.divide(codes["leaky_relu"]["activations_py"], codes["leaky_relu"]["alternative"])
    power = np.divide(codes["gelu"]["activations_py"], codes["gelu"]["alternative"])
    assert r["EXPONENTIAL"] == ["logistic", "tanh", "elu", "gelu"]
    assert r["verdicts"] == {
        "relu_fast": activations.verdict(interval(r, cheapest_exponential), 1, claim="above"),
        "leaky_relu_fast": activations.verdict(interval(r, forward["leaky_relu"]), r["SLOW_RATIO"], claim="below"),
        "where_slower_than_maximum": activations.verdict(interval(r, where), 1, claim="above"),
        "power_slower_than_products": activations.verdict(interval(r, power), 1, claim="above"),
    }
    assert np.allclose(r["comparison_samples"]["cheapest_exponential_vs_relu"], cheapest_exponential)
    assert np.allclose(r["comparison_samples"]["where_vs_maximum"], where)
    assert np.allclose(r["comparison_samples"]["power_vs_products"], power)
    assert np.allclose(r["comparison_samples"]["leaky_relu_vs_relu"], forward["leaky_relu"])
    assert np.allclose(r["comparison_samples"]["leaky_relu_vs_relu_large"], per_value_ratios(r, "large", "forward", "leaky_relu"))


@pytest.mark.parametrize(
    ("key", "name", "other_name"),
    [
        ("relu_fast", "it", "ReLU"),
        ("leaky_relu_vs_relu", "Leaky ReLU", "ReLU"),
        ("leaky_relu_vs_relu_large", "Leaky ReLU", "ReLU"),
        ("where_vs_maximum", "`np.where`", "`np.maximum`"),
        ("power_vs_products", "`z**3`", "`z * z * z`"),
    ],
)
def test_each_per_value_sentence_says_what_its_rounds_say(results, key, name, other_name):
    r = results(PER_VALUE)
    samples = r["comparison_samples"]["cheapest_exponential_vs_relu" if key == "relu_fast" else key]
    low, high = interval(r, samples)
    says_the_ratio(r["sentences"][key], np.median(samples), low, high, name, other_name)


def test_the_relu_fast_sentence_agrees_with_its_verdict(results):
    r = results(PER_VALUE)
    expected = {"confirmed": "slower than ReLU", "contradicted": "faster than ReLU", activations.UNDECIDED: "undecided"}
    assert expected[r["verdicts"]["relu_fast"]] in r["sentences"]["relu_fast"]


def test_the_speed_table_and_chart_alt_show_the_medians(results):
    r = results(PER_VALUE)
    names = list(r["ns_per_value"]["batch"]["forward"])
    for row, name in zip(r["speed_table"], names):
        low, high = r["ratio_interval"]["batch"]["forward"][name]
        assert row["fwd × ReLU"] == f"{r['ratio_median']['batch']['forward'][name]:.2f} ({low:.2f}–{high:.2f})"
    cheapest_first = sorted(names, key=r["ratio_median"]["batch"]["forward"].get)
    labels = ", ".join(r["LABELS"][n] for n in cheapest_first)
    assert r["ratio_chart_alt"].endswith(f"From the cheapest forward step to the dearest: {labels}.")


# In a training run -------------------------------------------------------------------


def test_every_fit_was_profiled_in_every_round(results):
    r = results(IN_TRAINING)
    for a in ("relu", "tanh", "logistic"):
        fits, forward, backward = r["fit_seconds"][a], r["forward_seconds"][a], r["backward_seconds"][a]
        assert len(fits) == len(forward) == len(backward) == r["ROUNDS"]
        for total, f, b in zip(fits, forward, backward):
            assert 0 < f and 0 < b and f + b < total < math.inf
        assert all(0 < share < 1 for share in r["share_samples"][a])


def in_training_ratios(r):
    act = {a: np.add(r["forward_seconds"][a], r["backward_seconds"][a]) for a in ("relu", "tanh", "logistic")}
    return {
        "relu_vs_tanh": act["relu"] / act["tanh"],
        "relu_vs_logistic": act["relu"] / act["logistic"],
        "relu_vs_cheaper_other": act["relu"] / np.minimum(act["tanh"], act["logistic"]),
        "tanh_forward_vs_relu": np.divide(r["forward_seconds"]["tanh"], r["forward_seconds"]["relu"]),
        "logistic_forward_vs_relu": np.divide(r["forward_seconds"]["logistic"], r["forward_seconds"]["relu"]),
        "relu_backward_vs_tanh": np.divide(r["backward_seconds"]["relu"], r["backward_seconds"]["tanh"]),
    }


def test_the_slow_rule_for_every_outcome(results):
    """Slow per value and a large share: confirmed; slow per value, small share: nuanced;
    not slow per value: contradicted; anything else undecided."""
    table = results(IN_TRAINING)["slow_rule_table"]
    rule = {(row["slow per value"], row["large share of training"]): row["verdict on slow"] for row in table}
    assert len(table) == len(rule) == 9
    for per_value in OUTCOMES:
        for share in OUTCOMES:
            if per_value == "contradicted":
                expected = "contradicted"
            elif per_value == "confirmed" and share == "confirmed":
                expected = "confirmed"
            elif per_value == "confirmed" and share == "contradicted":
                expected = "nuanced"
            else:
                expected = activations.UNDECIDED
            assert rule[(per_value, share)] == expected, (per_value, share)


def test_in_training_verdicts_follow_the_rule(results):
    r = results(IN_TRAINING)
    ratios = in_training_ratios(r)
    for key, samples in ratios.items():
        assert np.allclose(r["ratio_samples"][key], samples)
        assert tuple(r["ratio_interval"][key]) == interval(r, samples)
    rule = {(row["slow per value"], row["large share of training"]): row["verdict on slow"] for row in r["slow_rule_table"]}
    slow = {}
    for a in ("tanh", "logistic"):
        shares = np.add(r["forward_seconds"][a], r["backward_seconds"][a]) / r["fit_seconds"][a]
        parts = (
            activations.verdict(interval(r, ratios[f"{a}_forward_vs_relu"]), r["SLOW_RATIO"], claim="above"),
            activations.verdict(interval(r, shares), r["LARGE_SHARE"], claim="above"),
        )
        assert (r["part_verdicts"][a]["slow_per_value"], r["part_verdicts"][a]["large_share"]) == parts
        slow[a] = rule[parts]
    assert r["verdicts"] == {
        "relu_cheapest_in_sklearn_training": activations.verdict(interval(r, ratios["relu_vs_cheaper_other"]), 1, claim="below"),
        "sigmoid_slow": slow["logistic"],
        "tanh_slow": slow["tanh"],
    }


@pytest.mark.parametrize(
    ("key", "name", "other_name"),
    [("relu_vs_tanh", "ReLU's", "tanh's"), ("relu_vs_logistic", "ReLU's", "the sigmoid's"), ("relu_backward_vs_tanh", "ReLU's", "tanh's")],
)
def test_each_in_training_sentence_says_what_its_rounds_say(results, key, name, other_name):
    r = results(IN_TRAINING)
    samples = in_training_ratios(r)[key]
    low, high = interval(r, samples)
    says_the_ratio(r["sentences"][key], np.median(samples), low, high, name, other_name)


@pytest.mark.parametrize(("key", "activation"), [("sigmoid_slow", "logistic"), ("tanh_slow", "tanh")])
def test_each_slow_sentence_says_what_its_parts_say(results, key, activation):
    r = results(IN_TRAINING)
    sentence, parts = r["sentences"][key], r["part_verdicts"][activation]
    low, high = r["ratio_interval"][f"{activation}_forward_vs_relu"]
    for number in (r["ratio_median"][f"{activation}_forward_vs_relu"], low, high):
        assert f"{number:.3g}" in sentence
    share_low, share_high = r["share_interval"][activation]
    for share in (r["share_median"][activation], share_low, share_high):
        assert f"{share:.0%}" in sentence
    per_value = {"confirmed": ": slow per value", "contradicted": ": not slow per value", activations.UNDECIDED: "undecided against"}
    share = {"confirmed": "a large share", "contradicted": "a small share", activations.UNDECIDED: "undecided against half"}
    assert per_value[parts["slow_per_value"]] in sentence
    assert share[parts["large_share"]] in sentence
    assert sum(phrase in sentence for phrase in share.values()) == 1


def test_the_share_chart_alt_orders_the_bars_it_draws(results):
    r = results(IN_TRAINING)
    drawn = {a: np.median(np.add(r["forward_seconds"][a], r["backward_seconds"][a])) for a in ("relu", "tanh", "logistic")}
    first, second, third = sorted(drawn, key=drawn.get, reverse=True)
    assert r["share_chart_alt"].endswith(f"The red part is largest for {first}, then {second}, then {third}.")


# The page ------------------------------------------------------------------------------


@pytest.mark.parametrize("snippet", [PER_VALUE, IN_TRAINING])
def test_the_page_quotes_every_generated_sentence(results, snippet):
    for key in results(snippet)["sentences"]:
        assert f'{{% value "{snippet}" sentences.{key} %}}' in PAGE
