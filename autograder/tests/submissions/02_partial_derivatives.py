"""Wrong and alternative answers for 02_partial_derivatives: derivatives by hand (swapped partials, the other
variable not held constant, the power rule), numerical derivatives (forward for central, the wrong divisor, a step
of its own, float32, a flipped sign, integer nudges, the caller's array changed, the course's own helper called),
and the chain rule (local derivatives alone, added instead of multiplied, a product's factors swapped, tanh's
derivative from the wrong quantity)."""
from . import Alternative, Wrong

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
    # karpathy_backward
    Wrong("karpathy_backward", "CHAIN_RULE_FACTOR_MISSING", source="""
        def karpathy_backward(a, b, c, f):
            e = a * b
            d = e + c
            L = d * f
            grads = {"L": 1.0, "d": f, "f": d, "e": 1.0, "c": 1.0, "a": b, "b": a}
            return {"e": e, "d": d, "L": L}, grads
    """),
    Wrong("karpathy_backward", "PRODUCT_GRADIENT_SWAPPED", source="""
        def karpathy_backward(a, b, c, f):
            e = a * b
            d = e + c
            L = d * f
            grad_d, grad_f = d, f
            grad_e = grad_c = grad_d
            grad_a, grad_b = grad_e * a, grad_e * b
            grads = {"a": grad_a, "b": grad_b, "c": grad_c, "d": grad_d, "e": grad_e, "f": grad_f, "L": 1.0}
            return {"e": e, "d": d, "L": L}, grads
    """),
    Wrong("karpathy_backward", "CHAIN_RULE_ADDED", source="""
        def karpathy_backward(a, b, c, f):
            e = a * b
            d = e + c
            L = d * f
            grad_d, grad_f = f, d
            grad_e = grad_d + 1
            grad_c = grad_d + 1
            grad_a, grad_b = grad_e + b, grad_e + a
            grads = {"a": grad_a, "b": grad_b, "c": grad_c, "d": grad_d, "e": grad_e, "f": grad_f, "L": 1.0}
            return {"e": e, "d": d, "L": L}, grads
    """),
    # tanh_neuron_backward
    Wrong("tanh_neuron_backward", "TANH_PRIME_WRONG_INPUT", source="""
        def tanh_neuron_backward(x1, x2, w1, w2, b):
            n = x1 * w1 + x2 * w2 + b
            o = np.tanh(n)
            grad_n = 1 - n ** 2
            return float(o), {"n": grad_n, "b": grad_n, "w1": grad_n * x1, "x1": grad_n * w1,
                              "w2": grad_n * x2, "x2": grad_n * w2}
    """),
    Wrong("tanh_neuron_backward", "CHAIN_RULE_FACTOR_MISSING", source="""
        def tanh_neuron_backward(x1, x2, w1, w2, b):
            n = x1 * w1 + x2 * w2 + b
            o = float(np.tanh(n))
            return o, {"n": 1.0, "b": 1.0, "w1": x1, "x1": w1, "w2": x2, "x2": w2}
    """),
    Wrong("tanh_neuron_backward", "PRODUCT_GRADIENT_SWAPPED", source="""
        def tanh_neuron_backward(x1, x2, w1, w2, b):
            n = x1 * w1 + x2 * w2 + b
            o = float(np.tanh(n))
            grad_n = 1 - o ** 2
            return o, {"n": grad_n, "b": grad_n, "w1": grad_n * w1, "x1": grad_n * x1,
                       "w2": grad_n * w2, "x2": grad_n * x2}
    """),
    # The rules of the text, and gradients by hand: only the hidden tests hold them.
    Wrong("tanh_neuron_backward", "RULED_OUT", fails=("test_tanh_neuron_backward_general",), hidden_only=True,
          source="""
        import math

        def tanh_neuron_backward(x1, x2, w1, w2, b):
            n = x1 * w1 + x2 * w2 + b
            e2n = math.exp(2 * n)
            o = (e2n - 1) / (e2n + 1)
            grads = {"n": 1 - o * o}
            grads["b"] = grads["n"]
            for x, w, i in ((x1, w1, "1"), (x2, w2, "2")):
                grads["x" + i], grads["w" + i] = grads["n"] * w, grads["n"] * x
            return o, grads
    """),
    Wrong("karpathy_backward", "RULED_OUT", fails=("test_karpathy_backward_numerical",), hidden_only=True, source="""
        def karpathy_backward(a, b, c, f):
            e = a * b
            d = e + c
            point = np.array([a, b, c, f], dtype=float)
            grad = gradcheck.numerical_gradient(lambda p: (p[0] * p[1] + p[2]) * p[3], point)
            grads = {"a": grad[0], "b": grad[1], "c": grad[2], "d": f, "e": f, "f": grad[3], "L": 1.0}
            return {"e": e, "d": d, "L": d * f}, grads
    """),
    Wrong("karpathy_backward", "NUDGED_NOT_DERIVED", fails=("test_karpathy_backward_numerical",), hidden_only=True,
          source="""
        def karpathy_backward(a, b, c, f):
            def forward(a, b, c, f):
                return (a * b + c) * f
            h = 1e-6
            grads = {"a": (forward(a + h, b, c, f) - forward(a - h, b, c, f)) / (2 * h),
                     "b": (forward(a, b + h, c, f) - forward(a, b - h, c, f)) / (2 * h),
                     "c": (forward(a, b, c + h, f) - forward(a, b, c - h, f)) / (2 * h),
                     "f": (forward(a, b, c, f + h) - forward(a, b, c, f - h)) / (2 * h),
                     "L": 1.0}
            grads["d"] = grads["e"] = grads["c"]
            return {"e": a * b, "d": a * b + c, "L": (a * b + c) * f}, grads
    """),
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
    Alternative("karpathy_backward", """
        def karpathy_backward(a, b, c, f):
            def mul_backward(x, y, out_grad):   # the local derivative of each factor is the other factor
                return out_grad * y, out_grad * x

            e = a * b
            d = e + c
            L = d * f
            grads = {"L": 1.0}
            grads["d"], grads["f"] = mul_backward(d, f, grads["L"])
            grads["e"] = grads["c"] = grads["d"]
            grads["a"], grads["b"] = mul_backward(a, b, grads["e"])
            return {"e": e, "d": d, "L": L}, grads
    """),
]
