"""Wrong and alternative answers for 06_sigmoid_neurons: a sigmoid that overflows or warns (naively or through
`np.where`), that changes its argument or truncates to integers; the derivative taken of the activation or applied
to z as if it were one; dense layers transposed, without their activation or integer-valued; a second layer fed
the input again; cross-entropy that takes log(0), clips in place or keeps an array; the loss from logits through
rounded probabilities; gradients without the mean, uphill, or with an unsummed bias; training that climbs, reads
the notebook's settings, starts at random or drops the mean (climbing and dropping the mean also fall short of 97%
on the 8s and 9s); decisions thresholded on z, at the tie, or in {-1, 1}; the logistic gradient derived with
sigma'(z) kept, or with dL/dy_hat never multiplied by it; sigma' derived without the power rule's square or without
the inner derivative."""
from . import Alternative, Wrong

WRONG = [
    # sigmoid
    Wrong("sigmoid", ("WARNING_EMITTED", "SIGMOID_OVERFLOW"), fails=("test_sigmoid_extremes", "test_sigmoid_general"),
          source="""
        def sigmoid(z):
            return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
    """),
    Wrong("sigmoid", ("WARNING_EMITTED", "SIGMOID_OVERFLOW"), fails=("test_sigmoid_extremes", "test_sigmoid_general"),
          source="""
        def sigmoid(z):
            z = np.asarray(z, dtype=float)
            return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))
    """),
    Wrong("sigmoid", "MUTATED_INPUT", source="""
        def sigmoid(z):
            z = np.asarray(z, dtype=float)
            negative = z < 0
            z[negative] = np.exp(z[negative]) / (1 + np.exp(z[negative]))
            z[~negative] = 1 / (1 + np.exp(-z[~negative]))
            return z
    """),
    Wrong("sigmoid", "LIST_ARITHMETIC", fails=("test_sigmoid_values", "test_sigmoid_general"), source="""
        def sigmoid(z):
            e = np.exp(-np.abs(z))
            return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    """),
    Wrong("sigmoid", "INTEGER_RESULT", fails=("test_sigmoid_values", "test_sigmoid_general"), source="""
        def sigmoid(z):
            z = np.asarray(z)
            out = np.zeros_like(z)
            for i in np.ndindex(z.shape):
                out[i] = 1 / (1 + np.exp(-z[i])) if z[i] >= 0 else np.exp(z[i]) / (1 + np.exp(z[i]))
            return out
    """),
    # sigmoid_prime
    Wrong("sigmoid_prime", "SIGMOID_PRIME_OF_ACTIVATION", source="""
        def sigmoid_prime(z):
            a = sigmoid(z)
            return sigmoid(a) * (1 - sigmoid(a))
    """),
    Wrong("sigmoid_prime", "SIGMOID_PRIME_FORMULA_ON_Z", source="""
        def sigmoid_prime(z):
            return z * (1 - z)
    """),
    Wrong("sigmoid_prime", ("WARNING_EMITTED", "SIGMOID_OVERFLOW"), source="""
        def sigmoid_prime(z):
            return np.exp(-z) / (1 + np.exp(-z)) ** 2
    """),
    # dense
    Wrong("dense", "TRANSPOSED", fails=("test_dense_coffee", "test_dense_general"), source="""
        def dense(a_in, W, b):
            units = W.shape[1]
            a_out = np.zeros(units)
            for j in range(units):
                a_out[j] = sigmoid(np.dot(W[j, :], a_in) + b[j])
            return a_out
    """),
    Wrong("dense", "ACTIVATION_MISSING", fails=("test_dense_coffee", "test_dense_general"), source="""
        def dense(a_in, W, b):
            units = W.shape[1]
            a_out = np.zeros(units)
            for j in range(units):
                a_out[j] = np.dot(W[:, j], a_in) + b[j]
            return a_out
    """),
    Wrong("dense", "INTEGER_RESULT", fails=("test_dense_coffee", "test_dense_general"), source="""
        def dense(a_in, W, b):
            a_out = np.zeros_like(b)
            for j in range(W.shape[1]):
                a_out[j] = sigmoid(np.dot(W[:, j], a_in) + b[j])
            return a_out
    """),
    Wrong("dense", "LOOP_MISSING", fails=("test_dense_rules",), source="""
        def dense(a_in, W, b):
            return sigmoid(a_in @ W + b)
    """),
    # dense_vectorized
    Wrong("dense_vectorized", "TRANSPOSED", fails=("test_dense_vectorized_coffee", "test_dense_vectorized_batches"),
          source="""
        def dense_vectorized(A_in, W, B):
            return sigmoid(np.matmul(W.T, A_in.T) + B.reshape(-1, 1))
    """),
    Wrong("dense_vectorized", "ACTIVATION_MISSING",
          fails=("test_dense_vectorized_coffee", "test_dense_vectorized_batches"), source="""
        def dense_vectorized(A_in, W, B):
            return np.matmul(A_in, W) + B
    """),
    Wrong("dense_vectorized", ("BROADCAST_COLUMN", "SHAPES_DO_NOT_FIT"),
          fails=("test_dense_vectorized_coffee", "test_dense_vectorized_batches"), source="""
        def dense_vectorized(A_in, W, B):
            return sigmoid(np.matmul(A_in, W) + B.reshape(-1, 1))
    """),
    Wrong("dense_vectorized", "ONLY_FIRST_EXAMPLE",
          fails=("test_dense_vectorized_coffee", "test_dense_vectorized_batches"), source="""
        def dense_vectorized(A_in, W, B):
            return sigmoid(np.matmul(A_in[0], W) + B)
    """),
    Wrong("dense_vectorized", "LOOP_NOT_ALLOWED", fails=("test_dense_vectorized_rules",), source="""
        def dense_vectorized(A_in, W, B):
            if np.ndim(A_in) == 1:
                return sigmoid(A_in @ W + B)
            return np.array([sigmoid(a @ W + B) for a in A_in])
    """),
    # sequential
    Wrong("sequential", "SHAPES_DO_NOT_FIT", source="""
        def sequential(X, W1, b1, W2, b2):
            A1 = dense_vectorized(X, W1, b1)
            A2 = dense_vectorized(X, W2, b2)
            return A2
    """),
    Wrong("sequential", "ACTIVATION_MISSING", source="""
        def sequential(X, W1, b1, W2, b2):
            A1 = dense_vectorized(X, W1, b1)
            return A1 @ W2 + b2
    """),
    Wrong("sequential", "ONLY_FIRST_EXAMPLE", source="""
        def sequential(X, W1, b1, W2, b2):
            a1 = dense(X[0], W1, b1)
            return dense(a1, W2, b2)
    """),
    Wrong("sequential", "NOTEBOOK_GLOBAL", source="""
        def sequential(X, W1, b1, W2, b2):
            A1 = dense_vectorized(X, W_coffee, b_coffee)
            return dense_vectorized(A1, W2, b2)
    """),
    # binary_cross_entropy
    Wrong("binary_cross_entropy", ("WARNING_EMITTED", "LOG_OF_ZERO"),
          fails=("test_binary_cross_entropy_extremes", "test_binary_cross_entropy_general"), source="""
        def binary_cross_entropy(y, y_hat):
            return float(np.mean(-y * np.log(y_hat) - (1 - y) * np.log(1 - y_hat)))
    """),
    Wrong("binary_cross_entropy", "MUTATED_INPUT",
          fails=("test_binary_cross_entropy_extremes", "test_binary_cross_entropy_general"), source="""
        def binary_cross_entropy(y, y_hat):
            y_hat[y_hat < 1e-15] = 1e-15
            y_hat[y_hat > 1 - 1e-15] = 1 - 1e-15
            return float(np.mean(-y * np.log(y_hat) - (1 - y) * np.log(1 - y_hat)))
    """),
    Wrong("binary_cross_entropy", "ONE_BY_ONE_ARRAY", source="""
        def binary_cross_entropy(y, y_hat):
            p = np.clip(y_hat, 1e-15, 1 - 1e-15)
            return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p), axis=0)
    """),
    Wrong("binary_cross_entropy", "SHAPES_DO_NOT_FIT", source="""
        def binary_cross_entropy(y, y_hat):
            p = np.clip(y_hat, 1e-15, 1 - 1e-15)
            return -(y @ np.log(p) + (1 - y) @ np.log(1 - p)) / len(y)
    """),
    # binary_cross_entropy_from_logits
    Wrong("binary_cross_entropy_from_logits", ("WARNING_EMITTED", "LOG_OF_ZERO"), source="""
        def binary_cross_entropy_from_logits(y, z):
            p = sigmoid(z)
            return float(np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p)))
    """),
    Wrong("binary_cross_entropy_from_logits", "LOG_OF_ZERO", source="""
        def binary_cross_entropy_from_logits(y, z):
            return binary_cross_entropy(y, sigmoid(z))
    """),
    Wrong("binary_cross_entropy_from_logits", "WARNING_EMITTED",
          fails=("test_binary_cross_entropy_from_logits_extremes", "test_binary_cross_entropy_from_logits_general"),
          source="""
        def binary_cross_entropy_from_logits(y, z):
            z = np.asarray(z, dtype=float)
            return float(np.mean(y * np.log(1 + np.exp(-z)) + (1 - y) * np.log(1 + np.exp(z))))
    """),
    # logistic_gradients
    Wrong("logistic_gradients", "MISSING_MEAN", source="""
        def logistic_gradients(X, y, w, b):
            error = sigmoid(X @ w + b) - y
            return X.T @ error, float(np.sum(error))
    """),
    Wrong("logistic_gradients", "GRADIENT_ASCENT", source="""
        def logistic_gradients(X, y, w, b):
            error = y - sigmoid(X @ w + b)
            return X.T @ error / len(y), float(np.mean(error))
    """),
    Wrong("logistic_gradients", "BIAS_NOT_SUMMED", source="""
        def logistic_gradients(X, y, w, b):
            error = sigmoid(X @ w + b) - y
            return X.T @ error / len(y), error / len(y)
    """),
    # train_logistic
    Wrong("train_logistic", "UPDATE_SIGN", source="""
        def train_logistic(X, y, lr, num_steps):
            w, b = np.zeros(X.shape[1]), 0.0
            losses = []
            for step in range(num_steps):
                losses.append(binary_cross_entropy_from_logits(y, X @ w + b))
                dw, db = logistic_gradients(X, y, w, b)
                w = w + lr * dw
                b = b + lr * db
            return w, b, np.array(losses)
    """),
    Wrong("train_logistic", "GLOBAL_SETTING", fails=("test_train_logistic_by_hand", "test_train_logistic_general"),
          source="""
        def train_logistic(X, y, lr, num_steps):
            w, b = np.zeros(X.shape[1]), 0.0
            losses = []
            for step in range(num_steps):
                losses.append(binary_cross_entropy_from_logits(y, X @ w + b))
                dw, db = logistic_gradients(X, y, w, b)
                w = w - learning_rate * dw
                b = b - learning_rate * db
            return w, b, np.array(losses)
    """),
    Wrong("train_logistic", "UNSEEDED", fails=("test_train_logistic_by_hand", "test_train_logistic_general"),
          source="""
        def train_logistic(X, y, lr, num_steps):
            w, b = np.random.normal(scale=0.01, size=X.shape[1]), 0.0
            losses = []
            for step in range(num_steps):
                losses.append(binary_cross_entropy_from_logits(y, X @ w + b))
                dw, db = logistic_gradients(X, y, w, b)
                w = w - lr * dw
                b = b - lr * db
            return w, b, np.array(losses)
    """),
    Wrong("train_logistic", "MISSING_MEAN", source="""
        def train_logistic(X, y, lr, num_steps):
            w, b = np.zeros(X.shape[1]), 0.0
            losses = np.zeros(num_steps)
            for step in range(num_steps):
                z = X @ w + b
                losses[step] = binary_cross_entropy_from_logits(y, z)
                error = sigmoid(z) - y
                w = w - lr * X.T @ error
                b = b - lr * np.sum(error)
            return w, b, losses
    """),
    # predict
    Wrong("predict", "THRESHOLD_ON_Z", source="""
        def predict(X, w, b):
            return (X @ w + b >= 0.5).astype(int)
    """),
    Wrong("predict", "THRESHOLD_TIE", source="""
        def predict(X, w, b):
            return (sigmoid(X @ w + b) > 0.5).astype(int)
    """),
    Wrong("predict", "THRESHOLD_TIE", source="""
        def predict(X, w, b):
            return (X @ w + b > 0).astype(int)
    """),
    Wrong("predict", "LABELS_MIXED", source="""
        def predict(X, w, b):
            return np.sign(X @ w + b).astype(int)
    """),
    # Types the docstrings promise, and the whole domain they declare (hidden searches: nncourse.domain)
    Wrong("sigmoid", "EXP_OVERFLOW", fails=("test_sigmoid_extremes", "test_sigmoid_general"), source="""
        import math

        def sigmoid(z):
            return np.vectorize(lambda v: 1 / (1 + math.exp(-v)))(np.asarray(z, dtype=float))
    """),
    Wrong("sigmoid_prime", "INTEGER_RESULT", fails=("test_sigmoid_prime_numerical",), hidden_only=True, source="""
        def sigmoid_prime(z):
            z = np.asarray(z)
            result = np.zeros_like(z)
            result[...] = 0.5 * (1 + np.tanh(z / 2)) * (1 - 0.5 * (1 + np.tanh(z / 2)))
            return result
    """),
    Wrong("logistic_gradients", "WARNING_EMITTED", fails=("test_logistic_gradients_numerical",), hidden_only=True,
          source="""
        def logistic_gradients(X, y, w, b):
            error = 1 / (1 + np.exp(-(X @ w + b))) - y
            return X.T @ error / len(y), float(np.mean(error))
    """),
    Wrong("predict", "NUMBER_TYPE", source="""
        def predict(X, w, b):
            return X @ w + b >= 0
    """),
    # Derived, not transcribed: the links of the chain rule for logistic_gradients
    Wrong("logistic_gradients", "SIGMOID_PRIME_KEPT", source="""
        def logistic_gradients(X, y, w, b):
            y_hat = sigmoid(X @ w + b)
            dL_dz = (y_hat - y) * y_hat * (1 - y_hat)
            return X.T @ dL_dz / len(y), float(np.mean(dL_dz))
    """),
    Wrong("logistic_gradients", "CHAIN_RULE_FACTOR_MISSING", source="""
        def logistic_gradients(X, y, w, b):
            y_hat = sigmoid(X @ w + b)
            dL_dy_hat = (y_hat - y) / (y_hat * (1 - y_hat))
            return X.T @ dL_dy_hat / len(y), float(np.mean(dL_dy_hat))
    """),
    # Derived, not transcribed: the slips of the chain rule for sigmoid_prime
    Wrong("sigmoid_prime", "POWER_RULE", source="""
        def sigmoid_prime(z):
            return 1 - sigmoid(z)
    """),
    Wrong("sigmoid_prime", "CHAIN_RULE_FACTOR_MISSING", source="""
        def sigmoid_prime(z):
            return -sigmoid(z) ** 2
    """),
]

ALTERNATIVE = [
    Alternative("sigmoid", """
        def sigmoid(z):
            return 0.5 * (1 + np.tanh(np.asarray(z, dtype=float) / 2))
    """),
    Alternative("sigmoid", """
        def sigmoid(z):
            return 1 / (1 + np.exp(-np.clip(z, -500, 500)))
    """),
    Alternative("sigmoid_prime", """
        def sigmoid_prime(z):
            e = np.exp(-np.abs(np.asarray(z, dtype=float)))
            return e / (1 + e) ** 2
    """),
    Alternative("dense", """
        def dense(a_in, W, b):
            return np.array([sigmoid(W[:, j] @ a_in + b[j]) for j in range(W.shape[1])], dtype=float)
    """),
    Alternative("dense_vectorized", """
        def dense_vectorized(A_in, W, B):
            return sigmoid(np.dot(A_in, W) + B)
    """),
    Alternative("sequential", """
        def sequential(X, W1, b1, W2, b2):
            A = X
            for W, b in ((W1, b1), (W2, b2)):
                A = dense_vectorized(A, W, b)
            return A
    """),
    Alternative("sequential", """
        def sequential(X, W1, b1, W2, b2):
            return np.array([dense(dense(x, W1, b1), W2, b2) for x in X])
    """),
    Alternative("binary_cross_entropy", """
        def binary_cross_entropy(y, y_hat):
            p = np.clip(y_hat, 1e-15, 1 - 1e-15)
            return np.mean(np.where(y == 1, -np.log(p), -np.log(1 - p)))
    """),
    Alternative("binary_cross_entropy_from_logits", """
        def binary_cross_entropy_from_logits(y, z):
            return float(np.mean(np.logaddexp(0, z) - y * z))
    """),
    Alternative("logistic_gradients", """
        def logistic_gradients(X, y, w, b):
            N, n = X.shape
            dw, db = np.zeros(n), 0.0
            for i in range(N):
                error = sigmoid(np.dot(X[i], w) + b) - y[i]
                dw += error * X[i]
                db += error
            return dw / N, db / N
    """),
    Alternative("train_logistic", """
        def train_logistic(X, y, lr, num_steps):
            N, n = X.shape
            w, b, losses = np.zeros(n), 0.0, []
            for _ in range(num_steps):
                z = X @ w + b
                losses.append(binary_cross_entropy_from_logits(y, z))
                error = sigmoid(z) - y
                w, b = w - lr * X.T @ error / N, b - lr * error.mean()
            return w, b, np.array(losses)
    """),
    Alternative("predict", """
        def predict(X, w, b):
            return np.where(X @ w + b >= 0, 1, 0)
    """),
]
