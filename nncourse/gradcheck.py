"""Numerical gradients: the independent reference that every analytic gradient in the course is checked against.

Central differences in float64 (error O(eps**2)), as CS231n's gradient checks do, and the relative error they
report: below about 1e-7 the analytic gradient is right; above 1e-3 it almost certainly is not.
"""
import numpy as np

__all__ = ["numerical_gradient", "relative_error"]


def numerical_gradient(f, x, eps=1e-6):
    """Gradient of the scalar function ``f`` at ``x`` by central differences.

    f: callable taking an array of x's shape and returning a number.
    x: array of any shape (converted to float64; the caller's array is not changed).
    Returns an array of x's shape.
    """
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + eps
        above = float(f(x.copy()))
        x[index] = original - eps
        below = float(f(x.copy()))
        x[index] = original
        grad[index] = (above - below) / (2 * eps)
    return grad


def relative_error(a, b):
    """Largest element-wise relative error between two arrays of the same shape: |a-b| / max(|a|+|b|, 1e-8)."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))
