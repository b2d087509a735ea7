import numpy as np

from nncourse.data import load_diabetes, load_digits, trask_games


def test_trask_games_are_the_books_numbers():
    games = trask_games()
    assert games["toes"].tolist() == [8.5, 9.5, 9.9, 9.0]
    assert games["wlrec"].tolist() == [0.65, 0.8, 0.8, 0.9]
    assert games["nfans"].tolist() == [1.2, 1.3, 0.5, 1.0]


def test_digits_split_is_seeded_scaled_and_stratified():
    X_train, X_test, y_train, y_test = load_digits(classes=(0, 1), seed=3)
    again = load_digits(classes=(0, 1), seed=3)
    assert np.array_equal(X_train, again[0]) and np.array_equal(y_test, again[3])
    assert X_train.shape[1] == 64 and 0.0 <= X_train.min() and X_train.max() <= 1.0
    assert set(np.unique(y_train)) == {0, 1}
    assert len(X_test) == round(0.3 * (len(X_train) + len(X_test)))
    assert abs(np.mean(y_train) - np.mean(y_test)) < 0.02


def test_all_ten_digits_by_default():
    _, _, y_train, y_test = load_digits()
    assert set(np.unique(y_train)) == set(range(10)) and len(y_train) + len(y_test) == 1797


def test_diabetes_targets_are_columns():
    X_train, X_test, y_train, y_test = load_diabetes()
    assert X_train.shape[1] == 10 and y_train.shape == (len(X_train), 1)
    assert len(X_train) + len(X_test) == 442
