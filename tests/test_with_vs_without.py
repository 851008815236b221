"""Chapter 2: every sentence of docs/with-vs-without.md that states a measurement.

The runs use fixed seeds, so their verdicts are pinned; each test also recomputes the
verdict from the stored per-seed values by the rule in snippets/activations.py.
"""


import numpy as np
import pytest


import activations  # noqa: E402 - snippets/ is on pytest's pythonpath

SINE = "sine_fit.py"
LINE = "identity_is_least_squares.py"
PLATEAU = "logistic_plateau.py"
NONLINEAR = ("logistic", "tanh", "relu")


@pytest.fixture(scope="module")
def sine(results):
    return results(SINE)


@pytest.fixture(scope="module")
def plateau(results):
    return results(PLATEAU)


def interval(samples):
    return tuple(activations.median_interval(samples))


def better(first, second):
    """The rule's verdict on "first scores a higher R² than second", seed by seed."""
    return activations.verdict(interval(np.subtract(first, second)), 0.0, claim="above")


def test_the_page_says_six_seeds(results):
    for snippet in (SINE, LINE, PLATEAU):
        assert len(results(snippet)["SEEDS"]) == 6, snippet


def test_the_articles_settings_are_kerass_defaults(sine):
    article = sine["SETTINGS"]["article"]
    assert article == {"batch_size": 32, "learning_rate_init": 1e-3, "max_iter": 100, "n_iter_no_change": 100}
    assert sine["updates_in_100_epochs"] == {"article": 3200, "sklearn_defaults": 500}
    assert all(epochs == 100 for cells in sine["scores"]["article"].values() for epochs in cells["epochs"]), (
        "every epoch runs, as in Keras"
    )


def test_verdicts_on_the_articles_section_2_2(sine, results):
    """'ReLU learns the sine quite well'; 'the linear model ... totally missing the sine'."""
    article = sine["scores"]["article"]
    assert sine["verdicts"] == {"relu_learns_sine": "confirmed", "linear_model_misses_sine": "confirmed"}
    assert sine["verdicts"]["relu_learns_sine"] == activations.verdict(
        interval(article["relu"]["r2"]), sine["QUITE_WELL_R2"], claim="above"
    )
    assert sine["verdicts"]["linear_model_misses_sine"] == activations.verdict(
        interval(article["identity"]["r2"]), sine["ols_r2"] + sine["LINE_MARGIN"], claim="below"
    )
    assert results(LINE)["verdicts"] == {
        "no_activation_is_one_linear_map": "confirmed",
        "no_activation_fits_like_least_squares": "confirmed",
    }


def test_intervals_and_medians_are_the_ones_shown(sine):
    for setting, cells in sine["scores"].items():
        for activation, runs in cells.items():
            assert tuple(sine["r2_interval"][setting][activation]) == interval(runs["r2"])
            assert sine["r2_interval"][setting][activation] == [min(runs["r2"]), max(runs["r2"])], (
                "with six seeds the interval runs from the lowest seed to the highest"
            )
            assert sine["median_r2"][setting][activation] == pytest.approx(np.median(runs["r2"]), abs=0)


def test_relu_stops_short_at_sklearns_defaults(sine):
    """'every seed fits better at the article's settings'; 'All 6 runs end at the limit
    with a ConvergenceWarning'; 'tanh does the same'."""
    for activation in ("relu", "tanh"):
        short = sine["scores"]["sklearn_defaults"][activation]
        assert all(short["hit_epoch_limit"]) and sine["epoch_limit_hits"]["sklearn_defaults"][activation] == 6
        differences = np.subtract(sine["scores"]["article"][activation]["r2"], short["r2"])
        assert min(differences) > 0, f"{activation}: every seed fits better at the article's settings"
        assert sine["article_settings_fit_better"][activation] == "confirmed"
        assert better(sine["scores"]["article"][activation]["r2"], short["r2"]) == "confirmed"


def test_logistic_is_on_the_line_and_stopped_without_a_warning(sine):
    """'The logistic network is on the line too'; 'ends its training after 30–62 epochs,
    without a ConvergenceWarning'."""
    for setting in ("article", "sklearn_defaults"):
        assert sine["on_the_line"][setting]["logistic"] == "confirmed"
        assert sine["on_the_line"][setting]["logistic"] == activations.verdict(
            interval(sine["scores"][setting]["logistic"]["r2"]), sine["ols_r2"] + sine["LINE_MARGIN"], claim="below"
        )
    stopped = sine["scores"]["sklearn_defaults"]["logistic"]
    assert not any(stopped["hit_epoch_limit"]) and sine["epoch_limit_hits"]["sklearn_defaults"]["logistic"] == 0
    assert max(stopped["epochs"]) < sine["EPOCHS"], "the stopping rule ended every run"
    assert sine["epochs_run"]["sklearn_defaults"]["logistic"] == f"{min(stopped['epochs'])}–{max(stopped['epochs'])}"


def test_all_three_activations_fit_with_larger_steps(sine):
    """'The logistic, tanh and ReLU networks reach R² between a and b on every seed.'"""
    scores = [r for a in NONLINEAR for r in sine["scores"]["converging"][a]["r2"]]
    assert sine["lowest_converged_nonlinear_r2"] == min(scores)
    assert sine["highest_converged_nonlinear_r2"] == max(scores)
    assert min(scores) > sine["QUITE_WELL_R2"], "'fit the sine' as the article's 'quite well'"


def ranking_claims(text, names):
    """Every pair a ranking string orders or ties, as {(better, worse): '>' or '≈'}."""
    chain, _, notes = text.partition(" (")
    parts = chain.split(" ")
    # Names have no ' > ' or ' ≈ ' in them: split on the symbols.
    order, links, current = [], [], []
    for token in parts:
        if token in (">", "≈"):
            order.append(" ".join(current))
            links.append(token)
            current = []
        else:
            current.append(token)
    order.append(" ".join(current))
    assert sorted(order) == sorted(names)
    claims = {}
    for i in range(len(order)):
        for j in range(i + 1, len(order)):
            claims[order[i], order[j]] = ">" if ">" in links[i:j] else "≈"
    for note in notes.rstrip(")").split(", ") if notes else []:
        word, rest = note.split(" ", 1)
        for symbol in (">", "≈"):
            if f" {symbol} " in rest:
                first, second = rest.split(f" {symbol} ")
                claims[first, second] = symbol
    return order, claims


def test_rankings_say_what_the_seeds_decide(sine):
    """The warning box: '>' where the per-seed differences decide a pair, '≈' where not."""
    names = {v: k for k, v in sine["ACTIVATION_NAMES"].items()}
    for setting, text in sine["rankings"].items():
        order, claims = ranking_claims(text, list(names))
        medians = [sine["median_r2"][setting][names[n]] for n in order]
        assert medians == sorted(medians, reverse=True), "ordered by median R²"
        for (first, second), symbol in claims.items():
            decided = better(sine["scores"][setting][names[first]]["r2"], sine["scores"][setting][names[second]]["r2"])
            assert (symbol == ">") == (decided == "confirmed"), (setting, first, symbol, second, decided)
    assert sine["rankings"] == {
        "article": "ReLU > tanh > no activation ≈ logistic",
        "sklearn_defaults": "ReLU > tanh > no activation ≈ logistic",
        "converging": "logistic ≈ ReLU ≈ tanh > no activation (and logistic > tanh)",
    }
    assert sine["rankings"]["article"] != sine["rankings"]["converging"], "'The order changes with the settings'"


def test_model_b_is_one_line_and_never_beats_least_squares(results):
    """'On every seed the single map reproduces the predictions to within 1e-15';
    'No seed beats it, and the 95 % interval of the median shortfall stays below 0.02'."""
    r = results(LINE)
    assert max(r["collapse_errors"]) == r["max_collapse_error"] < r["COLLAPSE_TOLERANCE"]
    shortfall = np.subtract(r["ols_r2"], r["network_r2_by_seed"])
    assert min(shortfall) > 0, "no seed beats least squares"
    assert tuple(r["shortfall_interval"]) == interval(shortfall)
    assert r["shortfall_interval"][1] < r["NEAR_OLS_R2"]
    assert r["verdicts"]["no_activation_fits_like_least_squares"] == activations.verdict(
        interval(shortfall), r["NEAR_OLS_R2"], claim="below"
    )
    assert r["network_r2"] == np.median(r["network_r2_by_seed"])
    assert list(r["network_slope_range"]) == [min(r["network_slopes"]), max(r["network_slopes"])]


def test_model_b_is_the_same_run_as_in_the_sine_fit(results):
    """The two examples train Model B at the same settings from the same seeds."""
    assert results(LINE)["network_r2_by_seed"] == results(SINE)["scores"]["article"]["identity"]["r2"]


def test_the_best_line_leans_down(results):
    """'The slope is not zero ... the best line leans gently down'; alt text: both lines slope down."""
    r = results(LINE)
    assert r["ols_slope"] < 0 and max(r["network_slopes"]) < 0
    x = np.linspace(-2 * np.pi, 2 * np.pi, 1000)
    assert r["ols_slope"] == pytest.approx(np.cov(x, np.sin(x))[0, 1] / np.var(x, ddof=1), rel=1e-9)


def test_the_plateau_is_the_least_squares_line(plateau):
    """'From epoch 10 on, its loss stays between a and b, just above the c of the
    least-squares line.'"""
    curve = plateau["first_seed_curves"]["article"][plateau["PLATEAU_FROM"] - 1:]
    assert (plateau["plateau_low"], plateau["plateau_high"]) == (min(curve), max(curve))
    assert plateau["line_loss"] < plateau["plateau_low"], "above the line"
    assert plateau["plateau_high"] - plateau["line_loss"] < 0.01, "just above: within 0.01"


def test_the_article_row_is_scikit_learns_own_run(plateau, results):
    """start() at factor 2 reproduces MLPRegressor's own initial draw exactly."""
    assert plateau["plateau"]["article"]["r2"] == results(SINE)["scores"]["article"]["logistic"]["r2"]


def test_the_starting_range_decides(plateau):
    """'From Glorot's range the same network leaves the line on 6 of six seeds; seed by
    seed the wider start raises R² by a to b.'"""
    rows = plateau["plateau"]
    line = plateau["ols_r2"] + plateau["LINE_MARGIN"]
    for name in ("article", "no_penalty"):
        assert rows[name]["left_the_line"] == 0 and rows[name]["on_the_line"] == "confirmed"
    for name in ("glorot", "glorot_no_penalty", "larger_steps"):
        assert rows[name]["left_the_line"] == 6 and min(rows[name]["r2"]) > line
        assert rows[name]["on_the_line"] == "contradicted"
    for name, row in rows.items():
        assert row["on_the_line"] == activations.verdict(interval(row["r2"]), line, claim="below"), name
    effect = np.subtract(rows["glorot"]["r2"], rows["article"]["r2"])
    assert tuple(plateau["start_effect_interval"]) == interval(effect)
    assert plateau["start_effect_verdict"] == "confirmed" == activations.verdict(interval(effect), 0.0, claim="above")


def test_scikit_learns_start_is_nearly_a_line(plateau):
    """'a straight line to all but 4e-04 of its output's variance; from Glorot's range
    5.7 to 10.1 times as curved, seed by seed'."""
    start = plateau["nonlinearity_at_start"]
    assert plateau["nonlinearity_median"]["sklearn"] == np.median(start["sklearn"])
    ratio = np.divide(start["glorot"], start["sklearn"])
    assert tuple(plateau["nonlinearity_ratio_interval"]) == interval(ratio)
    assert plateau["nonlinearity_ratio_interval"][0] > 1, "more curved on every seed"


def test_the_penalty_does_not_matter(plateau):
    """'Without it (alpha=0), R² changes by at most 4e-04 on any seed, from either start.'"""
    rows = plateau["plateau"]
    differences = np.concatenate([
        np.subtract(rows["no_penalty"]["r2"], rows["article"]["r2"]),
        np.subtract(rows["glorot_no_penalty"]["r2"], rows["glorot"]["r2"]),
    ])
    assert plateau["largest_penalty_effect"] == max(abs(differences))
    assert plateau["largest_penalty_effect"] < 1e-3, "printed with one significant digit, it is below 0.001"


def test_the_loss_leaves_the_plateau_where_the_alt_text_says(plateau):
    """Alt text and the 'starting range' bullet: the first epoch below half the plateau."""
    half = plateau["plateau_loss"] / 2
    for name, curve in plateau["loss_curves"].items():
        epoch = plateau["epoch_off_plateau"][name]
        assert curve[epoch - 1] < half and all(loss >= half for loss in curve[: epoch - 1]), name
    assert plateau["epoch_off_plateau"]["article_long_run"] > plateau["EPOCHS"], "past the article's 100 epochs"
    assert plateau["epoch_off_plateau"]["glorot"] <= plateau["EPOCHS"], "within the 100 epochs"
    assert plateau["long_run_r2"] > plateau["ols_r2"] + plateau["LINE_MARGIN"]


def test_the_home_page_says_five_seeds(results):
    """docs/index.md: 'each with five seeds'; the table's 'mean ± sd over five seeds'."""
    assert len(results("linear_collapse.py")["SEEDS"]) == 5
