import numpy as np

from nncourse.gradcheck import numerical_gradient, relative_error


def test_matches_an_analytic_gradient_on_a_non_square_matrix():
    rng = np.random.default_rng(0)
    A, W = rng.normal(size=(4, 3)), rng.normal(size=(3, 2))
    loss = lambda W: float(np.sum((A @ W) ** 2))
    analytic = 2 * A.T @ (A @ W)
    assert relative_error(numerical_gradient(loss, W), analytic) < 1e-7


def test_integer_input_is_differentiated_in_float64_and_left_unchanged():
    x = np.array([1, 2, 3])
    grad = numerical_gradient(lambda v: float(np.sum(v ** 3)), x)
    assert grad.dtype == np.float64
    assert np.allclose(grad, 3 * x ** 2, rtol=1e-6)
    assert x.tolist() == [1, 2, 3]


def test_relative_error_is_small_for_equal_arrays_and_large_for_different_ones():
    assert relative_error(np.ones(3), np.ones(3)) == 0.0
    assert relative_error([1.0, 2.0], [1.0, -2.0]) == 1.0
    assert relative_error(np.zeros(2), np.zeros(2)) == 0.0
