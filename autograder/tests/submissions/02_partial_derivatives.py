"""Wrong and alternative answers for 02_partial_derivatives: derivatives by hand (swapped partials, the other
variable not held constant, the power rule), numerical derivatives (forward for central, the wrong divisor, a step
of its own, float32, a flipped sign, integer nudges, the caller's array changed, the course's own helper called),
the chain rule (local derivatives alone, added instead of multiplied), a node used twice (a path overwriting
another, paths multiplied), the local backward rules (a product's factors swapped, a sum's gradient shared out or
given a product's rule, tanh's derivative from the wrong quantity or the sigmoid's), and the Value class (`=` for
`+=`, the wrong order of the backward pass, the output's gradient never set to 1)."""
from . import Alternative, Wrong


# The solved Value class: the catalogue's wrong answers below each change a few of its lines.
VALUE = '''
class Value:
    """A number that remembers how it was computed (micrograd's Value); data: a number, shape ()."""

    def __init__(self, data, _children=()):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other))

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def tanh(self):
        t = math.tanh(self.data)
        out = Value(t, (self,))

        def _backward():
            self.grad += (1 - t ** 2) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        order, visited = [], set()

        def visit(node):
            if node not in visited:
                visited.add(node)
                for child in node._prev:
                    visit(child)
                order.append(node)
        visit(self)
        self.grad = 1.0
        for node in reversed(order):
            node._backward()

    __radd__ = __add__
    __rmul__ = __mul__
'''
BACKWARD = VALUE[VALUE.index("    def backward(self):"):VALUE.index("    __radd__")]  # the whole method
DEPTH_FIRST_FROM_THE_OUTPUT = '''    def backward(self):
        self.grad = 1.0

        def go(node):  # from the output down, each node then its children
            node._backward()
            for child in node._prev:
                go(child)
        go(self)
'''


def value_with(*changes):
    """VALUE with each (old, new) change made; each old text must be in it, so a change cannot silently miss."""
    source = VALUE
    for old, new in changes:
        assert old in source, old
        source = source.replace(old, new)
    return source


WRONG = [
    # partial_derivatives
    Wrong("partial_derivatives", "PARTIALS_SWAPPED", source="""
        def partial_derivatives(x, y):
            df_dy = 4 * x + 3 * y
            df_dx = 3 * x + 3 * y ** 2
            return df_dx, df_dy
    """),
    Wrong("partial_derivatives", "OTHER_VARIABLE_NOT_CONSTANT", source="""
        def partial_derivatives(x, y):
            # differentiate every term: 2x² -> 4x, 3xy -> 3y (or 3x), y³ -> 3y²
            df_dx = 4 * x + 3 * y + 3 * y ** 2
            df_dy = 4 * x + 3 * x + 3 * y ** 2
            return df_dx, df_dy
    """),
    Wrong("partial_derivatives", "POWER_RULE", source="""
        def partial_derivatives(x, y):
            return 4 * x + 3 * y, 3 * x + y ** 2
    """),
    Wrong("partial_derivatives", "NUDGED_NOT_DERIVED", fails=("test_partial_derivatives_arrays",
                                                              "test_partial_derivatives_general"),
          source="""
        def partial_derivatives(x, y):
            # each partial estimated by a central difference: nudge x, then y
            f = lambda x, y: 2 * x ** 2 + 3 * x * y + y ** 3
            h = 1e-6
            return ((f(x + h, y) - f(x - h, y)) / (2 * h),
                    (f(x, y + h) - f(x, y - h)) / (2 * h))
    """),
    Wrong("partial_derivatives", "SCALAR_ONLY", fails=("test_partial_derivatives_arrays",
                                                       "test_partial_derivatives_general"), source="""
        import math

        def partial_derivatives(x, y):
            return 4 * x + 3 * y, 3 * x + 3 * math.pow(y, 2)
    """),
    # nudge_slopes
    Wrong("nudge_slopes", "FORWARD_DIFFERENCE", source="""
        def nudge_slopes(f, x, h):
            slope = (f(x + h) - f(x)) / h
            return slope, slope
    """),
    Wrong("nudge_slopes", "SLOPE_SIGN", source="""
        def nudge_slopes(f, x, h):
            forward = (f(x) - f(x + h)) / h
            central = (f(x - h) - f(x + h)) / (2 * h)
            return forward, central
    """),
    Wrong("nudge_slopes", "WRONG_DIVISOR", source="""
        def nudge_slopes(f, x, h):
            forward = (f(x + h) - f(x)) / h
            central = (f(x + h) - f(x - h)) / h
            return forward, central
    """),
    Wrong("nudge_slopes", "STEP_TOO_LARGE", fails=("test_nudge_slopes_table", "test_nudge_slopes_steps",
                                                   "test_nudge_slopes_general"), source="""
        def nudge_slopes(f, x, h):
            h = 0.001  # the step of Ng's table
            forward = (f(x + h) - f(x)) / h
            central = (f(x + h) - f(x - h)) / (2 * h)
            return forward, central
    """),
    Wrong("nudge_slopes", "FLOAT32", source="""
        def nudge_slopes(f, x, h):
            x, h = np.float32(x), np.float32(h)
            forward = (f(x + h) - f(x)) / h
            central = (f(x + h) - f(x - h)) / (2 * h)
            return forward, central
    """),
    Wrong("nudge_slopes", "SCALAR_ONLY", fails=("test_nudge_slopes_arrays", "test_nudge_slopes_steps",
                                                "test_nudge_slopes_general"), source="""
        def nudge_slopes(f, x, h):
            # float(...) so that an integer w gives a float slope
            forward = float(f(x + h) - f(x)) / h
            central = float(f(x + h) - f(x - h)) / (2 * h)
            return forward, central
    """),
    # numerical_gradient
    Wrong("numerical_gradient", "RULED_OUT", source="""
        from nncourse.gradcheck import numerical_gradient as reference

        def numerical_gradient(f, x, h=1e-5):
            return reference(f, x, eps=h)
    """),
    Wrong("numerical_gradient", "INTEGER_NUDGE", fails=("test_numerical_gradient_f_xy",
                                                        "test_numerical_gradient_general"), source="""
        def numerical_gradient(f, x, h=1e-5):
            x = np.asarray(x)
            grad = np.zeros(x.shape)
            for index in np.ndindex(x.shape):
                above, below = x.copy(), x.copy()
                above[index] += h
                below[index] -= h
                grad[index] = (f(above) - f(below)) / (2 * h)
            return grad
    """),
    Wrong("numerical_gradient", "MUTATED_INPUT", source="""
        def numerical_gradient(f, x, h=1e-5):
            x = np.asarray(x, dtype=float)
            grad = np.zeros(x.shape)
            for index in np.ndindex(x.shape):
                x[index] += h
                above = f(x)
                x[index] -= 2 * h
                below = f(x)
                grad[index] = (above - below) / (2 * h)
            return grad
    """),
    Wrong("numerical_gradient", "FORWARD_DIFFERENCE", source="""
        def numerical_gradient(f, x, h=1e-5):
            x = np.array(x, dtype=float)
            start = f(x)
            grad = np.zeros(x.shape)
            for index in np.ndindex(x.shape):
                nudged = x.copy()
                nudged[index] += h
                grad[index] = (f(nudged) - start) / h
            return grad
    """),
    Wrong("numerical_gradient", "SIGN_FLIPPED", source="""
        def numerical_gradient(f, x, h=1e-5):
            x = np.array(x, dtype=float)
            grad = np.zeros(x.shape)
            for index in np.ndindex(x.shape):
                above, below = x.copy(), x.copy()
                above[index] += h
                below[index] -= h
                grad[index] = (f(below) - f(above)) / (2 * h)
            return grad
    """),
    # chain_rates
    Wrong("chain_rates", "CHAIN_RULE_FACTOR_MISSING", source="""
        def chain_rates(local_rates):
            return np.concatenate(([1.0], np.asarray(local_rates, dtype=float)))
    """),
    Wrong("chain_rates", "CHAIN_RULE_ADDED", source="""
        def chain_rates(local_rates):
            grads = [1.0]
            total = 0.0
            for rate in local_rates:
                total += rate
                grads.append(total)
            return np.array(grads)
    """),
    Wrong("chain_rates", "EMPTY_INPUT", source="""
        def chain_rates(local_rates):
            grads = [1.0, float(local_rates[0])]
            for rate in local_rates[1:]:
                grads.append(grads[-1] * rate)
            return np.array(grads)
    """),
    Wrong("chain_rates", "INTEGER_RESULT", source="""
        def chain_rates(local_rates):
            return np.cumprod(np.concatenate(([1], local_rates)))
    """),
    # gradient_from_paths
    Wrong("gradient_from_paths", "GRADIENT_OVERWRITTEN", source="""
        def gradient_from_paths(paths):
            total = 0.0
            for path in paths:
                product = 1.0
                for rate in path:
                    product *= rate
                total = product
            return float(total)
    """),
    Wrong("gradient_from_paths", "PATHS_MULTIPLIED", source="""
        def gradient_from_paths(paths):
            total = 1.0
            for path in paths:
                for rate in path:
                    total *= rate
            return float(total)
    """),
    Wrong("gradient_from_paths", "CHAIN_RULE_ADDED", source="""
        def gradient_from_paths(paths):
            total = 0.0
            for path in paths:
                total += sum(path)
            return float(total)
    """),
    Wrong("gradient_from_paths", "EMPTY_INPUT", source="""
        def gradient_from_paths(paths):
            total = float(np.prod(paths[0]))
            for path in paths[1:]:
                total += float(np.prod(path))
            return total
    """),
    Wrong("gradient_from_paths", "NUMBER_TYPE", source="""
        def gradient_from_paths(paths):
            total = 0
            for path in paths:
                product = 1
                for rate in path:
                    product = product * rate
                total += product
            return total
    """),
    # mul_backward
    Wrong("mul_backward", "PRODUCT_GRADIENT_SWAPPED", source="""
        def mul_backward(x, y, grad_out):
            return grad_out * x, grad_out * y
    """),
    Wrong("mul_backward", "CHAIN_RULE_FACTOR_MISSING", source="""
        def mul_backward(x, y, grad_out):
            return y, x
    """),
    Wrong("mul_backward", "CHAIN_RULE_ADDED", source="""
        def mul_backward(x, y, grad_out):
            return grad_out + y, grad_out + x
    """),
    # add_backward
    Wrong("add_backward", "GRADIENT_SPLIT", source="""
        def add_backward(x, y, grad_out):
            half = grad_out / 2     # shared between the two inputs
            return half, half
    """),
    Wrong("add_backward", "SUM_AS_PRODUCT", source="""
        def add_backward(x, y, grad_out):
            return grad_out * y, grad_out * x
    """),
    Wrong("add_backward", "CHAIN_RULE_FACTOR_MISSING", source="""
        def add_backward(x, y, grad_out):
            return 1.0, 1.0
    """),
    # tanh_backward
    Wrong("tanh_backward", "TANH_PRIME_WRONG_INPUT", source="""
        def tanh_backward(o, grad_out):
            return grad_out * (1 - np.tanh(o) ** 2)
    """),
    Wrong("tanh_backward", "SIGMOID_PRIME_FOR_TANH", source="""
        def tanh_backward(o, grad_out):
            return grad_out * o * (1 - o)
    """),
    Wrong("tanh_backward", "CHAIN_RULE_FACTOR_MISSING", source="""
        def tanh_backward(o, grad_out):
            return 1 - o ** 2
    """),
    # Value: each wrong answer is VALUE with one mistake made
    Wrong("Value", "GRADIENT_OVERWRITTEN", fails=('test_value_used_twice', 'test_value_general'),
          source=value_with(("self.grad += out.grad", "self.grad = out.grad"),
                            ("other.grad += out.grad", "other.grad = out.grad"),
                            ("self.grad += other.data * out.grad", "self.grad = other.data * out.grad"),
                            ("other.grad += self.data * out.grad", "other.grad = self.data * out.grad"),
                            ("self.grad += (1 - t ** 2)", "self.grad = (1 - t ** 2)"))),
    Wrong("Value", "PRODUCT_GRADIENT_SWAPPED",
          source=value_with(("self.grad += other.data * out.grad", "self.grad += self.data * out.grad"),
                            ("other.grad += self.data * out.grad", "other.grad += other.data * out.grad"))),
    Wrong("Value", "TANH_PRIME_WRONG_INPUT", fails=('test_value_graphs', 'test_value_general'),
          source=value_with(("(1 - t ** 2)", "(1 - self.data ** 2)"))),
    Wrong("Value", "BACKWARD_ORDER", source=value_with(("for node in reversed(order):", "for node in order:"))),
    Wrong("Value", "BACKWARD_ORDER", fails=('test_value_used_twice', 'test_value_general'),
          source=value_with((BACKWARD, DEPTH_FIRST_FROM_THE_OUTPUT))),
    Wrong("Value", "OUTPUT_GRAD_NOT_SEEDED", source=value_with(("        self.grad = 1.0\n", ""))),
]

ALTERNATIVE = [
    Alternative("partial_derivatives", """
        def partial_derivatives(x, y):
            x, y = np.asarray(x), np.asarray(y)
            df_dx = 2 * 2 * x + 3 * y          # term by term: 2x², 3xy, y³
            df_dy = 3 * x + 3 * y * y
            if df_dx.ndim == 0:
                return df_dx.item(), df_dy.item()
            return df_dx, df_dy
    """),
    Alternative("nudge_slopes", """
        def nudge_slopes(f, x, h):
            x = np.asarray(x, dtype=float)
            h = np.asarray(h, dtype=float)
            here, above, below = f(x), f(x + h), f(x - h)
            forward = (above - here) / h
            central = (above - below) / (h + h)
            if np.ndim(forward) == 0:
                return float(forward), float(central)
            return forward, central
    """),
    Alternative("numerical_gradient", """
        def numerical_gradient(f, x, h=1e-5):
            x = np.asarray(x, dtype=float)
            flat = x.ravel()
            grad = np.empty(flat.size)
            for i in range(flat.size):
                step = np.zeros(flat.size)
                step[i] = h
                grad[i] = (f((flat + step).reshape(x.shape)) - f((flat - step).reshape(x.shape))) / (2 * h)
            return grad.reshape(x.shape)
    """),
    Alternative("chain_rates", """
        def chain_rates(local_rates):
            return np.cumprod(np.concatenate(([1.0], np.asarray(local_rates, dtype=float))))
    """),
    Alternative("gradient_from_paths", """
        def gradient_from_paths(paths):
            return float(sum(np.prod(np.asarray(path, dtype=float)) for path in paths))
    """),
    Alternative("mul_backward", """
        def mul_backward(x, y, grad_out):
            grad_x = y * grad_out
            grad_y = x * grad_out
            return grad_x, grad_y
    """),
    Alternative("add_backward", """
        def add_backward(x, y, grad_out):
            return grad_out, grad_out
    """),
    Alternative("tanh_backward", """
        def tanh_backward(o, grad_out):
            local = 1.0 - o * o
            return local * grad_out
    """),
    Alternative("Value", """
        import numpy as np


        class Value:
            '''A number with a gradient; data: a number, shape ().'''

            def __init__(self, data, _children=()):
                self.data = data
                self.grad = 0.0
                self._backward = lambda: None
                self._prev = set(_children)

            def __repr__(self):
                return f"Value({self.data})"

            def _wrap(self, other):
                return other if isinstance(other, Value) else Value(other)

            def __add__(self, other):
                other = self._wrap(other)
                out = Value(self.data + other.data, (self, other))

                def _backward():
                    for child in (self, other):
                        child.grad += out.grad
                out._backward = _backward
                return out

            def __radd__(self, other):
                return self + other

            def __mul__(self, other):
                other = self._wrap(other)
                out = Value(self.data * other.data, (self, other))

                def _backward():
                    self.grad += out.grad * other.data
                    other.grad += out.grad * self.data
                out._backward = _backward
                return out

            def __rmul__(self, other):
                return self * other

            def tanh(self):
                out = Value(float(np.tanh(self.data)), (self,))

                def _backward():
                    self.grad += out.grad * (1.0 - out.data * out.data)
                out._backward = _backward
                return out

            def backward(self):
                # iterative depth-first walk: a node is appended once all its children are
                order, seen, stack = [], set(), [(self, False)]
                while stack:
                    node, children_done = stack.pop()
                    if children_done:
                        order.append(node)
                    elif node not in seen:
                        seen.add(node)
                        stack.append((node, True))
                        stack.extend((child, False) for child in node._prev)
                self.grad = 1.0
                for node in reversed(order):
                    node._backward()
    """),
]
