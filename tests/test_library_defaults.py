"""Practice, read and cited (snippets/library_defaults.py): the *Common use* column of the
article's "ReLU vs. others" table and its "Default choice" label.

The readings come from the installed scikit-learn and fail if a new version changes a
default; the cited rows are data from sources, so their verdicts are pinned as fixed.
"""

import pytest

PRACTICE = "library_defaults.py"


@pytest.fixture(scope="module")
def practice(results):
    return results(PRACTICE)


def test_relu_is_the_hidden_default_of_both_perceptrons(practice):
    assert practice["hidden_activation_default"] == {"MLPRegressor": "relu", "MLPClassifier": "relu"}
    assert practice["verdicts"]["relu_default_choice"] == "confirmed"


def test_the_output_function_follows_the_task(practice):
    assert practice["output_activation"] == {
        "regression": "identity",
        "binary": "logistic",
        "multiclass": "softmax",
        "multilabel": "logistic",
    }
    assert practice["verdicts"]["sigmoid_output_binary"] == "confirmed"


def test_scikit_learn_offers_exactly_four_hidden_activations(practice):
    assert practice["offered_activations"] == ["identity", "logistic", "tanh", "relu"]
    assert not practice["offered"]["leaky_relu"], "the page says scikit-learn has no Leaky ReLU"


def test_every_cited_row_names_its_source_and_a_known_role(practice):
    for row in practice["CITED_PRACTICE"]:
        assert row["source"].strip() and row["role"] in {"hidden", "gate"}
    assert len(practice["practice_table"]) == len(practice["CITED_PRACTICE"])


def test_relu_is_in_hidden_layers_but_not_in_every_architecture(practice):
    hidden = practice["hidden_choice"]
    assert "relu" in hidden.values()
    assert {"gelu", "tanh"} <= set(hidden.values()), "transformer language models and recurrent cells"
    assert practice["verdicts"]["relu_hidden_layers"] == "confirmed"
    assert practice["verdicts"]["relu_default_in_most_architectures"] == "nuanced"


def test_tanh_is_the_hidden_activation_of_recurrent_cells(practice):
    tanh = practice["cited_uses"]["tanh"]
    assert any(name.startswith("LSTM") for name in tanh) and any(name.startswith("GRU") for name in tanh)
    assert practice["verdicts"]["tanh_rarely_used"] == "contradicted"


def test_leaky_relu_is_used_in_hidden_layers(practice):
    leaky = [row for row in practice["CITED_PRACTICE"] if row["activation"] == "leaky_relu"]
    assert leaky and all(row["role"] == "hidden" for row in leaky)
    assert practice["verdicts"]["leaky_relu_hidden_alternative"] == "confirmed"
