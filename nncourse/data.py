"""Small data sets that ship offline: the examples of the study notes and scikit-learn's bundled sets.

Nothing here downloads. Every split is seeded, so a notebook gives the same numbers on every machine.
scikit-learn is imported only when one of its data sets is asked for (``LAZY_IMPORTS``).
"""
import numpy as np

__all__ = ["trask_games", "load_digits", "load_diabetes"]

LAZY_IMPORTS = {name: ["sklearn.datasets", "sklearn.model_selection"] for name in ("load_digits", "load_diabetes")}


def trask_games():
    """The first four games of Trask's little-league team (*Grokking Deep Learning*, chapter 3).

    Returns a dict of float64 arrays of shape (4,): 'toes' (average number of toes per player), 'wlrec'
    (the fraction of games won so far) and 'nfans' (fans, in millions).
    """
    return {
        "toes": np.array([8.5, 9.5, 9.9, 9.0]),
        "wlrec": np.array([0.65, 0.8, 0.8, 0.9]),
        "nfans": np.array([1.2, 1.3, 0.5, 1.0]),
    }


def load_digits(classes=None, test_fraction=0.3, seed=0):
    """scikit-learn's 8x8 handwritten digits, pixels scaled to [0, 1], split into train and test.

    classes: the digits to keep (for example (0, 1)); all ten by default.
    Returns X_train (N, 64), X_test (M, 64), y_train (N,), y_test (M,); labels are ints, stratified.
    """
    from sklearn.datasets import load_digits as sklearn_digits

    X, y = sklearn_digits(return_X_y=True)
    if classes is not None:
        keep = np.isin(y, classes)
        X, y = X[keep], y[keep]
    return _split(X / 16.0, y, test_fraction, seed, stratify=y)


def load_diabetes(test_fraction=0.3, seed=0):
    """scikit-learn's diabetes regression set (442 patients, 10 features in their units), split in train and test.

    The features, in this order: age (years), sex (coded 1 or 2), bmi (body-mass index), bp (average blood
    pressure, mm Hg) and six blood serum measurements s1 to s6, as the study recorded them: scikit-learn's
    ``load_diabetes(scaled=False)``. They are not standardised here: a notebook standardises them with its
    training set's means and standard deviations, and can then compare coefficients in real units with
    coefficients on standardised features. (scikit-learn's default, ``scaled=True``, centres every column and
    divides it by its standard deviation times the square root of 442, which leaves no unit to read.)
    Returns X_train (N, 10), X_test (M, 10), y_train (N, 1), y_test (M, 1): targets as columns, as the
    linear-regression notebook's weights expect.
    """
    from sklearn.datasets import load_diabetes as sklearn_diabetes

    X, y = sklearn_diabetes(return_X_y=True, scaled=False)
    return _split(X, y.reshape(-1, 1), test_fraction, seed, stratify=None)


def _split(X, y, test_fraction, seed, stratify):
    from sklearn.model_selection import train_test_split

    X_train, X_test, y_train, y_test = train_test_split(
        X.astype(np.float64), y, test_size=test_fraction, random_state=seed, stratify=stratify)
    return X_train, X_test, y_train, y_test
