"""Wrong and alternative answers for 03_gradient_descent: the update's sign, the missing mean and factor 2, the
gradient's sign (of one derivative or both), the x_i the chain rule brings to dL/dm, the two partials swapped, a
gradient nudged instead of derived, totals not reset, step counts one off, settings read from the notebook, the
sign of the input dropped, raw errors compared, a hot-and-cold knob that never stops, a loop that never ends, and
the array escapes (lists where arrays are promised, lists combined with `*`, inputs changed in place)."""
from . import Alternative, Wrong

WRONG = [
    # hot_and_cold
    Wrong("hot_and_cold", "MOVED_WITHOUT_IMPROVING", source="""
        def hot_and_cold(input, weight, goal_pred, step_amount, iterations):
            weights = np.zeros(iterations + 1)
            weights[0] = weight
            for i in range(iterations):
                error_up = (input * (weight + step_amount) - goal_pred) ** 2
                error_down = (input * (weight - step_amount) - goal_pred) ** 2
                if error_up < error_down:
                    weight = weight + step_amount
                if error_up > error_down:
                    weight = weight - step_amount
                weights[i + 1] = weight
            return weights
    """),
    Wrong("hot_and_cold", ("ERROR_NOT_SQUARED", "DIVERGED"), source="""
        def hot_and_cold(input, weight, goal_pred, step_amount, iterations):
            weights = np.zeros(iterations + 1)
            weights[0] = weight
            for i in range(iterations):
                error = goal_pred - input * weight
                error_up = goal_pred - input * (weight + step_amount)
                error_down = goal_pred - input * (weight - step_amount)
                if min(error_up, error_down) < error:
                    weight = weight + step_amount if error_up < error_down else weight - step_amount
                weights[i + 1] = weight
            return weights
    """),
    Wrong("hot_and_cold", ("ERROR_NOT_SQUARED", "DIVERGED"), source="""
        def hot_and_cold(input, weight, goal_pred, step_amount, iterations):
            weights = np.zeros(iterations + 1)
            weights[0] = weight
            for i in range(iterations):
                error = input * weight - goal_pred
                error_up = input * (weight + step_amount) - goal_pred
                error_down = input * (weight - step_amount) - goal_pred
                if min(error_up, error_down) < error:
                    weight = weight + step_amount if error_up < error_down else weight - step_amount
                weights[i + 1] = weight
            return weights
    """),
    Wrong("hot_and_cold", "DIVERGED", source="""
        def hot_and_cold(input, weight, goal_pred, step_amount, iterations):
            weights = np.zeros(iterations + 1)
            weights[0] = weight
            for i in range(iterations):
                error_up = (input * (weight + step_amount) - goal_pred) ** 2
                error_down = (input * (weight - step_amount) - goal_pred) ** 2
                if error_up > error_down:
                    weight = weight + step_amount
                else:
                    weight = weight - step_amount
                weights[i + 1] = weight
            return weights
    """),
    Wrong("hot_and_cold", "OFF_BY_ONE_STEPS", source="""
        def hot_and_cold(input, weight, goal_pred, step_amount, iterations):
            weights = np.zeros(iterations)
            for i in range(iterations):
                error = (input * weight - goal_pred) ** 2
                error_up = (input * (weight + step_amount) - goal_pred) ** 2
                error_down = (input * (weight - step_amount) - goal_pred) ** 2
                if min(error_up, error_down) < error:
                    weight = weight + step_amount if error_up < error_down else weight - step_amount
                weights[i] = weight
            return weights
    """),
    Wrong("hot_and_cold", "GLOBAL_SETTING", source="""
        def hot_and_cold(input, weight, goal_pred, step, iterations):
            weights = np.zeros(iterations + 1)
            weights[0] = weight
            for i in range(iterations):
                error = (input * weight - goal_pred) ** 2
                error_up = (input * (weight + step_amount) - goal_pred) ** 2
                error_down = (input * (weight - step_amount) - goal_pred) ** 2
                if min(error_up, error_down) < error:
                    weight = weight + step_amount if error_up < error_down else weight - step_amount
                weights[i + 1] = weight
            return weights
    """),
    Wrong("hot_and_cold", "RETURNED_LIST", source="""
        def hot_and_cold(input, weight, goal_pred, step_amount, iterations):
            weights = [weight]
            for i in range(iterations):
                error = (input * weight - goal_pred) ** 2
                error_up = (input * (weight + step_amount) - goal_pred) ** 2
                error_down = (input * (weight - step_amount) - goal_pred) ** 2
                if min(error_up, error_down) < error:
                    weight = weight + step_amount if error_up < error_down else weight - step_amount
                weights.append(weight)
            return weights
    """),
    # descend_parabola
    Wrong("descend_parabola", "UPDATE_SIGN", fails=("test_descend_parabola_notes", "test_descend_parabola_settings",
                                                    "test_descend_parabola_general"), source="""
        def descend_parabola(x0, learning_rate, steps):
            table = np.zeros((steps + 1, 2))
            x = x0
            table[0] = x, x ** 2
            for k in range(1, steps + 1):
                x = x + learning_rate * 2 * x
                table[k] = x, x ** 2
            return table
    """),
    Wrong("descend_parabola", "MISSING_FACTOR_TWO", fails=("test_descend_parabola_notes",
                                                           "test_descend_parabola_settings",
                                                           "test_descend_parabola_general"), source="""
        def descend_parabola(x0, learning_rate, steps):
            table = np.zeros((steps + 1, 2))
            x = x0
            table[0] = x, x ** 2
            for k in range(1, steps + 1):
                x = x - learning_rate * x
                table[k] = x, x ** 2
            return table
    """),
    Wrong("descend_parabola", "OFF_BY_ONE_STEPS", source="""
        def descend_parabola(x0, learning_rate, steps):
            table = np.zeros((steps, 2))
            x = x0
            for k in range(steps):
                x = x - learning_rate * 2 * x
                table[k] = x, x ** 2
            return table
    """),
    Wrong("descend_parabola", "GLOBAL_SETTING", fails=("test_descend_parabola_settings",
                                                       "test_descend_parabola_general"), source="""
        def descend_parabola(x0, rate, steps):
            table = np.zeros((steps + 1, 2))
            x = x0
            table[0] = x, x ** 2
            for k in range(1, steps + 1):
                x = x - learning_rate * 2 * x
                table[k] = x, x ** 2
            return table
    """),
    Wrong("descend_parabola", "RETURNED_LIST", source="""
        def descend_parabola(x0, learning_rate, steps):
            x = float(x0)
            rows = [[x, x ** 2]]
            for _ in range(steps):
                x = x - learning_rate * 2 * x
                rows.append([x, x ** 2])
            return rows
    """),
    # learn_weight
    Wrong("learn_weight", "UPDATE_SIGN", source="""
        def learn_weight(input, weight, goal_pred, alpha, iterations, keep_sign=True):
            errors = np.zeros(iterations)
            for k in range(iterations):
                pred = input * weight
                errors[k] = (pred - goal_pred) ** 2
                direction_and_amount = (pred - goal_pred) * (input if keep_sign else abs(input))
                weight = weight + alpha * direction_and_amount
            return errors
    """),
    Wrong("learn_weight", "SIGN_OF_INPUT_DROPPED", fails=("test_learn_weight_notes", "test_learn_weight_general"),
          source="""
        def learn_weight(input, weight, goal_pred, alpha, iterations, keep_sign=True):
            errors = np.zeros(iterations)
            for k in range(iterations):
                pred = input * weight
                errors[k] = (pred - goal_pred) ** 2
                weight -= alpha * (pred - goal_pred) * abs(input)
            return errors
    """),
    Wrong("learn_weight", "OFF_BY_ONE_STEPS", source="""
        def learn_weight(input, weight, goal_pred, alpha, iterations, keep_sign=True):
            errors = np.zeros(iterations)
            for k in range(iterations):
                pred = input * weight
                direction_and_amount = (pred - goal_pred) * (input if keep_sign else abs(input))
                weight = weight - alpha * direction_and_amount
                errors[k] = (input * weight - goal_pred) ** 2
            return errors
    """),
    Wrong("learn_weight", "ERROR_NOT_SQUARED", source="""
        def learn_weight(input, weight, goal_pred, alpha, iterations, keep_sign=True):
            errors = np.zeros(iterations)
            for k in range(iterations):
                pred = input * weight
                delta = pred - goal_pred
                errors[k] = delta
                weight = weight - alpha * delta * (input if keep_sign else abs(input))
            return errors
    """),
    Wrong("learn_weight", "GLOBAL_SETTING", source="""
        def learn_weight(input, weight, goal_pred, step_size, iterations, keep_sign=True):
            errors = np.zeros(iterations)
            for k in range(iterations):
                pred = input * weight
                errors[k] = (pred - goal_pred) ** 2
                weight_delta = (pred - goal_pred) * (input if keep_sign else abs(input))
                weight -= weight_delta * alpha
            return errors
    """),
    # mse_gradients
    Wrong("mse_gradients", "MISSING_MEAN", source="""
        def mse_gradients(x, y, m, b):
            x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
            residual = y - (m * x + b)
            return float(np.mean(residual ** 2)), float(-2 * np.sum(x * residual)), float(-2 * np.sum(residual))
    """),
    Wrong("mse_gradients", "MISSING_MEAN", source="""
        def mse_gradients(x, y, m, b):
            x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
            residual = y - (m * x + b)
            loss = np.sum(residual ** 2)
            return float(loss), float(-2 * np.mean(x * residual)), float(-2 * np.mean(residual))
    """),
    Wrong("mse_gradients", "MISSING_FACTOR_TWO", source="""
        def mse_gradients(x, y, m, b):
            x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
            residual = y - (m * x + b)
            return float(np.mean(residual ** 2)), float(-np.mean(x * residual)), float(-np.mean(residual))
    """),
    Wrong("mse_gradients", "GRADIENT_ASCENT", source="""
        def mse_gradients(x, y, m, b):
            x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
            n = len(x)
            residual = y - (m * x + b)
            return float(np.mean(residual ** 2)), 2 / n * float(np.sum(x * residual)), 2 / n * float(np.sum(residual))
    """),
    Wrong("mse_gradients", "LIST_ARITHMETIC", fails=("test_mse_gradients_by_hand", "test_mse_gradients_general"),
          source="""
        def mse_gradients(x, y, m, b):
            y_hat = m * x + b
            residual = y - y_hat
            n = len(x)
            return float(np.mean(residual ** 2)), float(-2 / n * np.sum(x * residual)), float(-2 / n * np.sum(residual))
    """),
    Wrong("mse_gradients", "MUTATED_INPUT", fails=("test_mse_gradients_by_hand", "test_mse_gradients_numerical",
                                                   "test_mse_gradients_general"), source="""
        def mse_gradients(x, y, m, b):
            x = np.asarray(x, dtype=float)
            residual = np.asarray(y, dtype=float)
            residual -= m * x + b
            n = len(x)
            return float(np.mean(residual ** 2)), float(-2 / n * np.sum(x * residual)), float(-2 / n * np.sum(residual))
    """),
    # mse_gradients, derived: the slips a derivation invites
    Wrong("mse_gradients", "CHAIN_RULE_FACTOR_MISSING", source="""
        def mse_gradients(x, y, m, b):
            x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
            residual = y - (m * x + b)
            # the chain rule's outside, 2 * residual, times the inside's -1, for both parameters
            dL_dm = -2 * np.mean(residual)
            dL_db = -2 * np.mean(residual)
            return float(np.mean(residual ** 2)), float(dL_dm), float(dL_db)
    """),
    Wrong("mse_gradients", "PARTIALS_SWAPPED", source="""
        def mse_gradients(x, y, m, b):
            x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
            residual = y - (m * x + b)
            dL_db = -2 * np.mean(x * residual)
            dL_dm = -2 * np.mean(residual)
            return float(np.mean(residual ** 2)), float(dL_dm), float(dL_db)
    """),
    Wrong("mse_gradients", "GRADIENT_ASCENT", source="""
        def mse_gradients(x, y, m, b):
            x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
            miss = (m * x + b) - y
            dL_dm = 2 * np.mean(x * miss)
            dL_db = -2 * np.mean(miss)      # the residual's minus sign, kept for b only
            return float(np.mean(miss ** 2)), float(dL_dm), float(dL_db)
    """),
    Wrong("mse_gradients", "RULED_OUT", source="""
        def mse_gradients(x, y, m, b):
            x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
            loss = lambda params: np.mean((y - (params[0] * x + params[1])) ** 2)
            dL_dm, dL_db = numerical_gradient(loss, [m, b])
            return float(loss([m, b])), float(dL_dm), float(dL_db)
    """),
    Wrong("mse_gradients", "NUDGED_NOT_DERIVED", fails=("test_mse_gradients_by_hand", "test_mse_gradients_general"),
          source="""
        def mse_gradients(x, y, m, b):
            x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
            loss = lambda m, b: np.mean((y - (m * x + b)) ** 2)
            h = 1e-6   # central differences, as notebook 02 nudges
            dL_dm = (loss(m + h, b) - loss(m - h, b)) / (2 * h)
            dL_db = (loss(m, b + h) - loss(m, b - h)) / (2 * h)
            return float(loss(m, b)), float(dL_dm), float(dL_db)
    """),
    # fit_line
    Wrong("fit_line", "UPDATE_SIGN", fails=("test_fit_line_by_hand", "test_fit_line_converges", "test_fit_line_general"),
          source="""
        def fit_line(x, y, m, b, learning_rate, epochs):
            losses = np.zeros(epochs)
            for epoch in range(epochs):
                loss, dL_dm, dL_db = mse_gradients(x, y, m, b)
                losses[epoch] = loss
                m = m + learning_rate * dL_dm
                b = b + learning_rate * dL_db
            return float(m), float(b), losses
    """),
    Wrong("fit_line", ("NOT_RESET", "DIVERGED"), fails=("test_fit_line_by_hand", "test_fit_line_converges", "test_fit_line_general"),
          source="""
        def fit_line(x, y, m, b, learning_rate, epochs):
            losses = np.zeros(epochs)
            grad_m, grad_b = 0.0, 0.0
            for epoch in range(epochs):
                y_hat = m * x + b
                losses[epoch] = np.mean((y - y_hat) ** 2)
                for i in range(len(x)):
                    grad_m += -2 / len(x) * x[i] * (y[i] - y_hat[i])
                    grad_b += -2 / len(x) * (y[i] - y_hat[i])
                m = m - learning_rate * grad_m
                b = b - learning_rate * grad_b
            return float(m), float(b), losses
    """),
    Wrong("fit_line", ("MISSING_MEAN", "DIVERGED"), fails=("test_fit_line_by_hand", "test_fit_line_general"), source="""
        def fit_line(x, y, m, b, learning_rate, epochs):
            losses = np.zeros(epochs)
            for epoch in range(epochs):
                residual = y - (m * x + b)
                losses[epoch] = np.mean(residual ** 2)
                m = m + learning_rate * 2 * np.sum(x * residual)
                b = b + learning_rate * 2 * np.sum(residual)
            return float(m), float(b), losses
    """),
    Wrong("fit_line", "OFF_BY_ONE_STEPS", fails=("test_fit_line_by_hand", "test_fit_line_general"), source="""
        def fit_line(x, y, m, b, learning_rate, epochs):
            losses = np.zeros(epochs)
            for epoch in range(epochs):
                loss, dL_dm, dL_db = mse_gradients(x, y, m, b)
                m, b = m - learning_rate * dL_dm, b - learning_rate * dL_db
                losses[epoch] = mse_gradients(x, y, m, b)[0]
            return float(m), float(b), losses
    """),
    Wrong("fit_line", "GLOBAL_SETTING", fails=("test_fit_line_by_hand", "test_fit_line_general"), source="""
        def fit_line(x, y, m, b, learning_rate, num_epochs):
            losses = np.zeros(epochs)
            for epoch in range(epochs):
                loss, dL_dm, dL_db = mse_gradients(x, y, m, b)
                losses[epoch] = loss
                m, b = m - learning_rate * dL_dm, b - learning_rate * dL_db
            return float(m), float(b), losses
    """),
    Wrong("fit_line", "NEVER_FINISHED", source="""
        def fit_line(x, y, m, b, learning_rate, epochs):
            losses = []
            epoch = 0
            while epoch < epochs:
                loss, dL_dm, dL_db = mse_gradients(x, y, m, b)
                losses.append(loss)
                m, b = m - learning_rate * dL_dm, b - learning_rate * dL_db
            return float(m), float(b), np.array(losses)
    """),
    Wrong("fit_line", "RETURNED_LIST", fails=("test_fit_line_by_hand", "test_fit_line_general"), source="""
        def fit_line(x, y, m, b, learning_rate, epochs):
            losses = []
            for epoch in range(epochs):
                loss, dL_dm, dL_db = mse_gradients(x, y, m, b)
                losses.append(loss)
                m, b = m - learning_rate * dL_dm, b - learning_rate * dL_db
            return float(m), float(b), losses
    """),
    Wrong("fit_line", "STOPPED_EARLY", fails=("test_fit_line_by_hand", "test_fit_line_general"), source="""
        def fit_line(x, y, m, b, learning_rate, epochs):
            x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
            losses = []
            for epoch in range(epochs):
                residual = y - (m * x + b)
                losses.append(np.mean(residual ** 2))
                if losses[-1] == 0:
                    break   # on the line already: nothing left to learn
                m, b = m + learning_rate * 2 * np.mean(x * residual), b + learning_rate * 2 * np.mean(residual)
            return float(m), float(b), np.array(losses)
    """),
    # Only a search of the whole domain finds these: all-int arguments, and runs that reach their goal early.
    Wrong("descend_parabola", "INTEGER_RESULT", fails=("test_descend_parabola_general",), hidden_only=True, source="""
        def descend_parabola(x0, learning_rate, steps):
            x = x0
            rows = [[x, x ** 2]]
            for _ in range(steps):
                x = x - learning_rate * 2 * x
                rows.append([x, x ** 2])
            return np.array(rows)
    """),
    Wrong("descend_parabola", "STOPPED_EARLY", fails=("test_descend_parabola_general",), hidden_only=True, source="""
        def descend_parabola(x0, learning_rate, steps):
            x = float(x0)
            rows = [[x, x ** 2]]
            for _ in range(steps):
                if x == 0:
                    break
                x = x - learning_rate * 2 * x
                rows.append([x, x ** 2])
            return np.array(rows)
    """),
    Wrong("hot_and_cold", "INTEGER_RESULT", fails=("test_hot_and_cold_general",), hidden_only=True, source="""
        def hot_and_cold(input, weight, goal_pred, step_amount, iterations):
            weights = [weight]
            for i in range(iterations):
                error = (input * weight - goal_pred) ** 2
                error_up = (input * (weight + step_amount) - goal_pred) ** 2
                error_down = (input * (weight - step_amount) - goal_pred) ** 2
                if min(error_up, error_down) < error:
                    weight = weight + step_amount if error_up < error_down else weight - step_amount
                weights.append(weight)
            return np.array(weights)
    """),
    Wrong("hot_and_cold", "STOPPED_EARLY", fails=("test_hot_and_cold_general",), hidden_only=True, source="""
        def hot_and_cold(input, weight, goal_pred, step_amount, iterations):
            weights = [float(weight)]
            for i in range(iterations):
                error = (input * weight - goal_pred) ** 2
                if error == 0:
                    break
                error_up = (input * (weight + step_amount) - goal_pred) ** 2
                error_down = (input * (weight - step_amount) - goal_pred) ** 2
                if min(error_up, error_down) < error:
                    weight = weight + step_amount if error_up < error_down else weight - step_amount
                weights.append(float(weight))
            return np.array(weights)
    """),
    Wrong("learn_weight", "INTEGER_RESULT", fails=("test_learn_weight_general",), hidden_only=True, source="""
        def learn_weight(input, weight, goal_pred, alpha, iterations, keep_sign=True):
            errors = []
            for k in range(iterations):
                pred = weight * input
                errors.append((pred - goal_pred) ** 2)
                weight = weight - alpha * (pred - goal_pred) * (input if keep_sign else abs(input))
            return np.array(errors) if errors else np.zeros(0)
    """),
    Wrong("learn_weight", "STOPPED_EARLY", fails=("test_learn_weight_general",), hidden_only=True, source="""
        def learn_weight(input, weight, goal_pred, alpha, iterations, keep_sign=True):
            errors = []
            for k in range(iterations):
                pred = weight * input
                error = (pred - goal_pred) ** 2
                errors.append(float(error))
                if error == 0:
                    break
                weight = weight - alpha * (pred - goal_pred) * (input if keep_sign else abs(input))
            return np.array(errors)
    """),
    Wrong("fit_line", "NUMBER_TYPE", fails=("test_fit_line_general",), hidden_only=True, source="""
        def fit_line(x, y, m, b, learning_rate, epochs):
            x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
            losses = np.zeros(epochs)
            for epoch in range(epochs):
                residual = y - (m * x + b)
                losses[epoch] = np.mean(residual ** 2)
                m, b = m + learning_rate * 2 * np.mean(x * residual), b + learning_rate * 2 * np.mean(residual)
            return m, b, losses
    """),
]

ALTERNATIVE = [
    Alternative("hot_and_cold", """
        def hot_and_cold(input, weight, goal_pred, step_amount, iterations):
            history = [float(weight)]
            for _ in range(iterations):
                candidates = [weight, weight + step_amount, weight - step_amount]
                errors = [(input * w - goal_pred) ** 2 for w in candidates]
                weight = candidates[int(np.argmin(errors))]   # the first of equals: the current weight
                history.append(float(weight))
            return np.array(history)
    """),
    Alternative("descend_parabola", """
        def descend_parabola(x0, learning_rate, steps):
            # every step multiplies x by (1 - 2 * learning_rate)
            x = x0 * (1 - 2 * learning_rate) ** np.arange(steps + 1, dtype=float)
            return np.column_stack([x, x ** 2])
    """),
    Alternative("learn_weight", """
        def learn_weight(input, weight, goal_pred, alpha, iterations, keep_sign=True):
            errors = []
            for _ in range(iterations):
                pred = input * weight
                delta = pred - goal_pred
                errors.append(delta ** 2)
                weight_delta = delta * (input if keep_sign else abs(input))
                weight -= weight_delta * alpha
            return np.array(errors, dtype=float)
    """),
    Alternative("mse_gradients", """
        def mse_gradients(x, y, m, b):
            n = len(x)
            loss = dL_dm = dL_db = 0.0
            for xi, yi in zip(x, y):
                error = (m * xi + b) - yi
                loss += error ** 2 / n
                dL_dm += 2 * error * xi / n
                dL_db += 2 * error / n
            return float(loss), float(dL_dm), float(dL_db)
    """),
    Alternative("fit_line", """
        def fit_line(x, y, m, b, learning_rate, epochs):
            x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
            losses = np.empty(epochs)
            for epoch in range(epochs):
                y_hat = m * x + b
                error = y_hat - y
                losses[epoch] = error @ error / len(x)
                grad_m = 2 * (error @ x) / len(x)
                grad_b = 2 * error.sum() / len(x)
                m -= learning_rate * grad_m
                b -= learning_rate * grad_b
            return float(m), float(b), losses
    """),
]
