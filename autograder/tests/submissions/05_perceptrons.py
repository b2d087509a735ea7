"""Wrong and alternative answers for 05_perceptrons: `>=` where the rule says `>`, labels -1 for 0, a bias used as
a threshold, products never added, truth tables that ignore the input, XOR computed without the gates it is
given, and the learning rule's mistakes (updates counted on correct examples, labels mixed, a loop that never
stops on XOR, the caller's weights changed, the learning rate ignored)."""
from . import Alternative, Wrong

WRONG = [
    # perceptron
    Wrong("perceptron", "THRESHOLD_TIE", source="""
        def perceptron(x, w, threshold):
            return 1 if np.dot(w, x) >= threshold else 0
    """),
    Wrong("perceptron", "LABELS_MIXED", source="""
        def perceptron(x, w, threshold):
            return 1 if np.dot(w, x) > threshold else -1
    """),
    Wrong("perceptron", "ELEMENTWISE_PRODUCT", source="""
        def perceptron(x, w, threshold):
            return (np.asarray(x) * np.asarray(w) > threshold).astype(int)
    """),
    Wrong("perceptron", "LIST_ARITHMETIC", source="""
        def perceptron(x, w, threshold):
            total = 0
            for product in x * w:
                total += product
            return 1 if total > threshold else 0
    """),
    Wrong("perceptron", "NOTEBOOK_GLOBAL", source="""
        def perceptron(x, w, threshold):
            return 1 if np.dot(sweets_w, x) > threshold else 0
    """),
    Wrong("perceptron", ("HARD_CODED_SIZE", "INDEX_PAST_END"), source="""
        def perceptron(x, w, threshold):
            total = x[0] * w[0] + x[1] * w[1] + x[2] * w[2]
            return 1 if total > threshold else 0
    """),
    # perceptron_batch
    Wrong("perceptron_batch", "THRESHOLD_TIE", fails=("test_perceptron_batch_sweets", "test_perceptron_batch_general"),
          source="""
        def perceptron_batch(X, w, threshold):
            return (X @ w >= threshold).astype(int)
    """),
    Wrong("perceptron_batch", "ELEMENTWISE_PRODUCT",
          fails=("test_perceptron_batch_sweets", "test_perceptron_batch_general"), source="""
        def perceptron_batch(X, w, threshold):
            return (X * w > threshold).astype(int)
    """),
    Wrong("perceptron_batch", "LABELS_MIXED", fails=("test_perceptron_batch_sweets", "test_perceptron_batch_general"),
          source="""
        def perceptron_batch(X, w, threshold):
            return np.sign(X @ w - threshold)
    """),
    Wrong("perceptron_batch", "SHAPES_DO_NOT_FIT",
          fails=("test_perceptron_batch_sweets", "test_perceptron_batch_general"), source="""
        def perceptron_batch(X, w, threshold):
            return (w @ X > threshold).astype(int)
    """),
    Wrong("perceptron_batch", "LOOP_NOT_ALLOWED", fails=("test_perceptron_batch_rules",), source="""
        def perceptron_batch(X, w, threshold):
            return np.array([1 if np.dot(x, w) > threshold else 0 for x in X])
    """),
    Wrong("perceptron_batch", "HARD_CODED_SIZE", fails=("test_perceptron_batch_sweets", "test_perceptron_batch_general"),
          source="""
        def perceptron_batch(X, w, threshold):
            outputs = np.zeros(8, dtype=int)
            outputs[:len(X)] = X @ w > threshold
            return outputs
    """),
    # perceptron_bias
    Wrong("perceptron_bias", "BIAS_AS_THRESHOLD", source="""
        def perceptron_bias(X, w, b):
            return (X @ w > b).astype(int)
    """),
    Wrong("perceptron_bias", "BIAS_AS_THRESHOLD", source="""
        def perceptron_bias(X, w, b):
            return (X @ w - b > 0).astype(int)
    """),
    Wrong("perceptron_bias", "THRESHOLD_TIE", source="""
        def perceptron_bias(X, w, b):
            return (X @ w + b >= 0).astype(int)
    """),
    Wrong("perceptron_bias", "LABELS_MIXED", source="""
        def perceptron_bias(X, w, b):
            return np.where(X @ w + b > 0, 1, -1)
    """),
    # logic_gate
    Wrong("logic_gate", "THRESHOLD_TIE", source="""
        def logic_gate(gate, X):
            weights_and_bias = {"AND": ([1, 1], -1), "OR": ([1, 1], -0.5), "NAND": ([-2, -2], 3)}
            w, b = weights_and_bias[gate]
            return (X @ np.array(w) + b >= 0).astype(int)
    """),
    Wrong("logic_gate", "HARD_CODED_SIZE", source="""
        def logic_gate(gate, X):
            tables = {"AND": [0, 0, 0, 1], "OR": [0, 1, 1, 1], "NAND": [1, 1, 1, 0]}
            return np.array(tables[gate])
    """),
    Wrong("logic_gate", "LABELS_MIXED", source="""
        def logic_gate(gate, X):
            weights_and_bias = {"AND": ([1, 1], -1.5), "OR": ([1, 1], -0.5), "NAND": ([-2, -2], 3)}
            w, b = weights_and_bias[gate]
            return np.where(X @ np.array(w) + b > 0, 1, -1)
    """),
    # xor_from_nands
    Wrong("xor_from_nands", "RULED_OUT", fails=("test_xor_from_nands_only_nands", "test_xor_from_nands_general"),
          source="""
        def xor_from_nands(X, nand):
            return (X[:, 0] != X[:, 1]).astype(int)
    """),
    Wrong("xor_from_nands", ("HARD_CODED_SIZE", "RULED_OUT"), source="""
        def xor_from_nands(X, nand):
            return np.array([0, 1, 1, 0])
    """),
    Wrong("xor_from_nands", "SHAPES_DO_NOT_FIT", source="""
        def xor_from_nands(X, nand):
            x1, x2 = X[:, 0], X[:, 1]
            n = nand(np.array([x1, x2]))
            a = nand(np.array([x1, n]))
            c = nand(np.array([x2, n]))
            return nand(np.array([a, c]))
    """),
    # train_perceptron
    Wrong("train_perceptron", "UPDATED_WHEN_CORRECT", source="""
        def train_perceptron(X, y, w, b, lr, max_epochs):
            w = np.array(w, dtype=float)
            updates = 0
            for epoch in range(max_epochs):
                errors = 0
                for x_i, y_i in zip(X, y):
                    error = y_i - (1 if np.dot(w, x_i) + b > 0 else 0)
                    w = w + lr * error * x_i
                    b = b + lr * error
                    updates += 1
                    errors += abs(error)
                if errors == 0:
                    return w, b, updates, True
            return w, b, updates, False
    """),
    Wrong("train_perceptron", "THRESHOLD_TIE", source="""
        def train_perceptron(X, y, w, b, lr, max_epochs):
            w = np.array(w, dtype=float)
            updates = 0
            for epoch in range(max_epochs):
                changed = False
                for x_i, y_i in zip(X, y):
                    y_hat = 1 if np.dot(w, x_i) + b >= 0 else 0
                    if y_hat != y_i:
                        w = w + lr * (y_i - y_hat) * x_i
                        b = b + lr * (y_i - y_hat)
                        updates += 1
                        changed = True
                if not changed:
                    return w, b, updates, True
            return w, b, updates, False
    """),
    Wrong("train_perceptron", "LABELS_MIXED", source="""
        def train_perceptron(X, y, w, b, lr, max_epochs):
            w = np.array(w, dtype=float)
            labels = np.where(np.asarray(y) == 1, 1, -1)      # the book's labels, -1 and 1
            updates = 0
            for epoch in range(max_epochs):
                changed = False
                for x_i, label in zip(X, labels):
                    y_hat = 1 if np.dot(w, x_i) + b > 0 else -1
                    if y_hat != label:
                        w = w + lr * (label - y_hat) * x_i
                        b = b + lr * (label - y_hat)
                        updates += 1
                        changed = True
                if not changed:
                    return w, b, updates, True
            return w, b, updates, False
    """),
    Wrong("train_perceptron", "NEVER_FINISHED", fails=("test_train_perceptron_xor", "test_train_perceptron_general"),
          source="""
        def train_perceptron(X, y, w, b, lr, max_epochs):
            w = np.array(w, dtype=float)
            updates = 0
            while True:
                mistakes = 0
                for x_i, y_i in zip(X, y):
                    y_hat = 1 if np.dot(w, x_i) + b > 0 else 0
                    if y_hat != y_i:
                        w = w + lr * (y_i - y_hat) * x_i
                        b = b + lr * (y_i - y_hat)
                        updates += 1
                        mistakes += 1
                if mistakes == 0:
                    return w, b, updates, True
    """),
    Wrong("train_perceptron", "MUTATED_INPUT", source="""
        def train_perceptron(X, y, w, b, lr, max_epochs):
            updates = 0
            for epoch in range(max_epochs):
                mistakes = 0
                for x_i, y_i in zip(X, y):
                    y_hat = 1 if np.dot(w, x_i) + b > 0 else 0
                    if y_hat != y_i:
                        w += lr * (y_i - y_hat) * x_i
                        b += lr * (y_i - y_hat)
                        updates += 1
                        mistakes += 1
                if mistakes == 0:
                    return w, b, updates, True
            return w, b, updates, False
    """),
    Wrong("train_perceptron", "GLOBAL_SETTING", fails=("test_train_perceptron_or_and", "test_train_perceptron_general"),
          source="""
        def train_perceptron(X, y, w, b, lr, max_epochs):
            w = np.array(w, dtype=float)
            updates = 0
            for epoch in range(max_epochs):
                mistakes = 0
                for x_i, y_i in zip(X, y):
                    y_hat = 1 if np.dot(w, x_i) + b > 0 else 0
                    if y_hat != y_i:
                        w = w + (y_i - y_hat) * x_i      # the learning rate forgotten: always 1
                        b = b + (y_i - y_hat)
                        updates += 1
                        mistakes += 1
                if mistakes == 0:
                    return w, b, updates, True
            return w, b, updates, False
    """),
    Wrong("train_perceptron", "GLOBAL_SETTING", fails=("test_train_perceptron_xor", "test_train_perceptron_general"),
          source="""
        def train_perceptron(X, y, w, b, lr, max_epochs):
            w = np.array(w, dtype=float)
            updates = 0
            for epoch in range(20):
                mistakes = 0
                for x_i, y_i in zip(X, y):
                    y_hat = 1 if np.dot(w, x_i) + b > 0 else 0
                    if y_hat != y_i:
                        w = w + lr * (y_i - y_hat) * x_i
                        b = b + lr * (y_i - y_hat)
                        updates += 1
                        mistakes += 1
                if mistakes == 0:
                    return w, b, updates, True
            return w, b, updates, False
    """),
    # Types the docstrings promise, and the whole domain they declare (hidden searches: nncourse.domain)
    Wrong("perceptron", "NUMBER_TYPE", source="""
        def perceptron(x, w, threshold):
            return np.dot(w, x) > threshold
    """),
    Wrong("perceptron", "NUMBER_TYPE", source="""
        def perceptron(x, w, threshold):
            return 1.0 if np.dot(w, x) > threshold else 0.0
    """),
    Wrong("perceptron", "NUMBER_TYPE", fails=("test_perceptron_general",), hidden_only=True, source="""
        def perceptron(x, w, threshold):
            return (np.dot(w, x) > threshold).astype(int)     # np.int64, not the Python int promised
    """),
    Wrong("perceptron_batch", "NUMBER_TYPE", fails=("test_perceptron_batch_sweets", "test_perceptron_batch_general"),
          source="""
        def perceptron_batch(X, w, threshold):
            return X @ w > threshold
    """),
    Wrong("perceptron_bias", "NUMBER_TYPE", source="""
        def perceptron_bias(X, w, b):
            return (X @ w + b > 0) * 1.0
    """),
    Wrong("perceptron_bias", "IN_PLACE_ON_INTEGERS", fails=("test_perceptron_bias_general",), hidden_only=True,
          source="""
        def perceptron_bias(X, w, b):
            Z = X @ w
            Z += b
            return (Z > 0).astype(int)
    """),
    Wrong("logic_gate", "NUMBER_TYPE", source="""
        def logic_gate(gate, X):
            weights_and_bias = {"AND": ([1.0, 1.0], -1.5), "OR": ([1.0, 1.0], -0.5), "NAND": ([-2.0, -2.0], 3.0)}
            w, b = weights_and_bias[gate]
            return X @ np.array(w) + b > 0
    """),
    Wrong("train_perceptron", "NUMBER_TYPE", fails=("test_train_perceptron_or_and", "test_train_perceptron_xor",
                                                    "test_train_perceptron_general"), source="""
        def train_perceptron(X, y, w, b, lr, max_epochs):
            w, updates = np.array(w, dtype=float), 0
            for epoch in range(max_epochs):
                mistakes = 0
                for x_i, y_i in zip(X, y):
                    error = y_i - (1 if np.dot(w, x_i) + b > 0 else 0)
                    if error:
                        w, b, updates, mistakes = w + lr * error * x_i, b + lr * error, updates + 1, mistakes + 1
                if mistakes == 0:
                    return w, b, updates, 1       # 1 for True: converged is a bool
            return w, b, updates, 0
    """),
]

ALTERNATIVE = [
    Alternative("perceptron", """
        def perceptron(x, w, threshold):
            total = 0.0
            for x_j, w_j in zip(x, w):
                total += x_j * w_j
            return int(total > threshold)
    """),
    Alternative("perceptron_batch", """
        def perceptron_batch(X, w, threshold):
            return np.where(np.dot(X, w) > threshold, 1, 0)
    """),
    Alternative("perceptron_bias", """
        def perceptron_bias(X, w, b):
            return np.array([1 if np.dot(x, w) + b > 0 else 0 for x in X])
    """),
    Alternative("perceptron_bias", """
        def perceptron_bias(X, w, b):
            return perceptron_batch(X, w, -b)
    """),
    Alternative("logic_gate", """
        def logic_gate(gate, X):
            if gate == "AND":
                w, b = np.array([2, 2]), -3
            elif gate == "OR":
                w, b = np.array([2, 2]), -1
            else:
                w, b = np.array([-1, -1]), 1.5
            outputs = np.zeros(len(X), dtype=int)
            for i in range(len(X)):
                outputs[i] = 1 if X[i] @ w + b > 0 else 0
            return outputs
    """),
    Alternative("xor_from_nands", """
        def xor_from_nands(X, nand):
            x1, x2 = X[:, 0], X[:, 1]
            not_x1 = nand(np.stack([x1, x1], axis=1))
            not_x2 = nand(np.stack([x2, x2], axis=1))
            left = nand(np.stack([x1, not_x2], axis=1))
            right = nand(np.stack([not_x1, x2], axis=1))
            return nand(np.stack([left, right], axis=1))
    """),
    Alternative("train_perceptron", """
        def train_perceptron(X, y, w, b, lr, max_epochs):
            w, updates = w.astype(float), 0
            epoch = 0
            while epoch < max_epochs:
                epoch += 1
                clean = True
                for i in range(len(X)):
                    error = y[i] - int(X[i] @ w + b > 0)
                    if error != 0:
                        w = w + lr * error * X[i]
                        b += lr * error
                        updates += 1
                        clean = False
                if clean:
                    return w, b, updates, True
            return w, b, updates, False
    """),
]
