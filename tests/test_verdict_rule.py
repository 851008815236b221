"""The rule that turns a varying measurement into a verdict (snippets/activations.py).

Fed every outcome: an interval wholly above, wholly below, or across the threshold.
"""

import activations  # snippets/ is on pytest's pythonpath
import numpy as np
import pytest


def test_the_median_interval_uses_binomial_order_statistics():
    samples = np.arange(1, 26)[::-1]  # 25 samples, any order
    assert activations.median_interval(samples) == (8.0, 18.0)
    assert activations.median_interval(np.arange(1, 7)) == (1.0, 6.0)  # 6 samples: the extremes


def test_too_few_samples_for_an_interval_raise():
    with pytest.raises(ValueError, match="too few"):
        activations.median_interval([1.0, 2.0, 3.0, 4.0, 5.0])


@pytest.mark.parametrize(
    ("interval", "claim", "expected"),
    [
        ((2.6, 3.1), "above", "confirmed"),
        ((1.1, 2.4), "above", "contradicted"),
        ((2.3, 2.7), "above", activations.UNDECIDED),
        ((0.5, 0.9), "below", "confirmed"),
        ((1.1, 1.4), "below", "contradicted"),
        ((0.9, 1.1), "below", activations.UNDECIDED),
    ],
)
def test_the_verdict_follows_the_interval(interval, claim, expected):
    threshold = 2.5 if claim == "above" else 1.0
    assert activations.verdict(interval, threshold, claim) == expected
