"""Wrong and alternative answers for 04_linear_regression: the shape traps of a batch (a (N,) target against an
(N, 1) prediction, a (1, 1) loss, a transpose), the gradient mistakes of a derivation (no 1/N as in the
study notes, the 1/N taken twice, no factor 2, the wrong sign, an unsummed bias), and the training-loop mistakes (pairs broken by two
shuffles, the last batch dropped, unseeded randomness, a running total not reset, settings read from the notebook,
a loop that climbs the loss)."""
from . import Alternative, Wrong

WRONG = [
    # forward_linear_regression
    Wrong("forward_linear_regression", "BROADCAST_COLUMN", source="""
        def forward_linear_regression(X_batch, y_batch, weights):
            N = X_batch @ weights["W"]
            P = N + weights["B"]
            loss = np.mean((y_batch - P) ** 2)
            return loss, {"X": X_batch, "N": N, "P": P, "y": y_batch}
    """),
    Wrong("forward_linear_regression", "ONE_BY_ONE_ARRAY", source="""
        def forward_linear_regression(X_batch, y_batch, weights):
            y = y_batch.reshape(-1, 1)
            N = X_batch @ weights["W"]
            P = N + weights["B"]
            loss = (y - P).T @ (y - P) / len(y)
            return loss, {"X": X_batch, "N": N, "P": P, "y": y}
    """),
    Wrong("forward_linear_regression", "BIAS_MISSING", source="""
        def forward_linear_regression(X_batch, y_batch, weights):
            y = y_batch.reshape(-1, 1)
            N = X_batch @ weights["W"]
            P = N
            return float(np.mean((y - P) ** 2)), {"X": X_batch, "N": N, "P": P, "y": y}
    """),
    Wrong("forward_linear_regression", "MUTATED_INPUT", source="""
        def forward_linear_regression(X_batch, y_batch, weights):
            forward_info = weights
            forward_info["X"] = X_batch
            forward_info["N"] = X_batch @ weights["W"]
            forward_info["P"] = forward_info["N"] + weights["B"]
            forward_info["y"] = y_batch.reshape(-1, 1)
            loss = float(np.mean((forward_info["y"] - forward_info["P"]) ** 2))
            return loss, {key: forward_info[key] for key in ("X", "N", "P", "y")}
    """),
    # loss_gradients
    Wrong("loss_gradients", "MISSING_MEAN", source="""
        def loss_gradients(forward_info, weights):
            dLdP = -2 * (forward_info["y"] - forward_info["P"])
            dPdN = np.ones_like(forward_info["N"])
            dNdW = np.transpose(forward_info["X"], (1, 0))
            dLdN = dLdP * dPdN
            return {"W": dNdW @ dLdN, "B": (dLdP * np.ones_like(weights["B"])).sum(axis=0)}
    """),
    Wrong("loss_gradients", "MISSING_FACTOR_TWO", source="""
        def loss_gradients(forward_info, weights):
            dLdP = -(forward_info["y"] - forward_info["P"]) / len(forward_info["y"])
            return {"W": forward_info["X"].T @ dLdP, "B": dLdP.sum(axis=0)}
    """),
    Wrong("loss_gradients", "GRADIENT_ASCENT", source="""
        def loss_gradients(forward_info, weights):
            error = forward_info["y"] - forward_info["P"]
            dLdP = 2 * error / len(error)
            return {"W": forward_info["X"].T @ dLdP, "B": dLdP.sum(axis=0)}
    """),
    Wrong("loss_gradients", "BIAS_NOT_SUMMED", source="""
        def loss_gradients(forward_info, weights):
            dLdP = -2 * (forward_info["y"] - forward_info["P"]) / len(forward_info["P"])
            return {"W": forward_info["X"].T @ dLdP, "B": dLdP * np.ones_like(weights["B"])}
    """),
    Wrong("loss_gradients", "TRANSPOSED", fails=("test_loss_gradients_by_hand", "test_loss_gradients_numerical",
                                                 "test_loss_gradients_general"), source="""
        def loss_gradients(forward_info, weights):
            dLdP = -2 * (forward_info["y"] - forward_info["P"]) / len(forward_info["P"])
            return {"W": dLdP.T @ forward_info["X"], "B": dLdP.sum(axis=0)}
    """),
    # Derived, not copied: the mistakes a derivation of exercise 2 invites.
    Wrong("loss_gradients", "MEAN_TAKEN_TWICE", source="""
        def loss_gradients(forward_info, weights):
            X, P, y = forward_info["X"], forward_info["P"], forward_info["y"]
            dLdP = -2 * (y - P) / len(P)
            return {"W": X.T @ dLdP / len(P), "B": dLdP.mean(axis=0)}
    """),
    Wrong("loss_gradients", "MEAN_TAKEN_TWICE", source="""
        def loss_gradients(forward_info, weights):
            X, P, y = forward_info["X"], forward_info["P"], forward_info["y"]
            dLdP = -2 * (y - P) / len(P)
            return {"W": X.T @ dLdP, "B": np.mean(dLdP, axis=0)}
    """),
    Wrong("loss_gradients", "GRADIENT_ASCENT", source="""
        def loss_gradients(forward_info, weights):
            # the square's rate 2 (y - P), without the -1 of y - P
            dLdP = 2 * (forward_info["y"] - forward_info["P"]) / len(forward_info["P"])
            return {"W": (forward_info["X"] * dLdP).sum(axis=0).reshape(-1, 1), "B": dLdP.sum(axis=0)}
    """),
    # permute_data
    Wrong("permute_data", "PAIRS_BROKEN", source="""
        def permute_data(X, y, seed):
            rng = np.random.default_rng(seed)
            return rng.permutation(X), rng.permutation(y)
    """),
    Wrong("permute_data", "UNSEEDED", fails=("test_permute_data_toy", "test_permute_data_general"), source="""
        def permute_data(X, y, seed):
            order = np.random.permutation(X.shape[0])
            return X[order], y[order]
    """),
    Wrong("permute_data", "SEED_IGNORED", fails=("test_permute_data_toy", "test_permute_data_general"), source="""
        def permute_data(X, y, seed):
            order = np.random.default_rng(42).permutation(len(X))
            return X[order], y[order]
    """),
    Wrong("permute_data", "MUTATED_INPUT", source="""
        def permute_data(X, y, seed):
            order = np.random.default_rng(seed).permutation(len(X))
            X[:] = X[order]
            y[:] = y[order]
            return X, y
    """),
    Wrong("permute_data", "MUTATED_INPUT", source="""
        def permute_data(X, y, seed):
            rng = np.random.default_rng(seed)
            rng.shuffle(X)
            rng.shuffle(y)
            return X, y
    """),
    # make_batches
    Wrong("make_batches", "LAST_BATCH_DROPPED", source="""
        def make_batches(X, y, batch_size):
            batches = []
            for k in range(len(X) // batch_size):
                batches.append((X[k * batch_size:(k + 1) * batch_size], y[k * batch_size:(k + 1) * batch_size]))
            return batches
    """),
    Wrong("make_batches", "LAST_BATCH_DROPPED", source="""
        def make_batches(X, y, batch_size):
            batches = []
            for start in range(0, len(X), batch_size):
                X_batch, y_batch = X[start:start + batch_size], y[start:start + batch_size]
                if len(X_batch) == batch_size:
                    batches.append((X_batch, y_batch))
            return batches
    """),
    Wrong("make_batches", "NOTEBOOK_GLOBAL", source="""
        def make_batches(X, y, batch_size):
            return [(X[start:start + batch_size], y[start:start + batch_size])
                    for start in range(0, len(X_train), batch_size)]
    """),
    # train
    Wrong("train", "NOT_RESET", fails=("test_train_toy", "test_train_general"), source="""
        def train(X, y, n_epochs, learning_rate, batch_size, seed):
            rng = np.random.default_rng(seed)
            weights = {"W": np.zeros((X.shape[1], 1)), "B": np.zeros(1)}
            losses = []
            total = 0.0
            for epoch in range(n_epochs):
                X_shuffled, y_shuffled = permute_data(X, y, rng)
                batches = make_batches(X_shuffled, y_shuffled, batch_size)
                for X_batch, y_batch in batches:
                    loss, info = forward_linear_regression(X_batch, y_batch, weights)
                    grads = loss_gradients(info, weights)
                    weights["W"] = weights["W"] - learning_rate * grads["W"]
                    weights["B"] = weights["B"] - learning_rate * grads["B"]
                    total += loss
                losses.append(total / len(batches))
            return weights, np.array(losses)
    """),
    Wrong("train", "UNSEEDED", fails=("test_train_toy", "test_train_general"), source="""
        def train(X, y, n_epochs, learning_rate, batch_size, seed):
            rng = np.random.default_rng()
            weights = {"W": np.zeros((X.shape[1], 1)), "B": np.zeros(1)}
            losses = np.zeros(n_epochs)
            for epoch in range(n_epochs):
                batches = make_batches(*permute_data(X, y, rng), batch_size)
                total = 0.0
                for X_batch, y_batch in batches:
                    loss, info = forward_linear_regression(X_batch, y_batch, weights)
                    grads = loss_gradients(info, weights)
                    weights = {key: weights[key] - learning_rate * grads[key] for key in weights}
                    total += loss
                losses[epoch] = total / len(batches)
            return weights, losses
    """),
    Wrong("train", "GLOBAL_SETTING", fails=("test_train_toy", "test_train_general"), source="""
        def train(X, y, n_epochs, learning_rate, batch_size, seed):
            rng = np.random.default_rng(seed)
            weights = {"W": np.zeros((X.shape[1], 1)), "B": np.zeros(1)}
            losses = np.zeros(n_epochs)
            for epoch in range(n_epochs):
                batches = make_batches(*permute_data(X, y, rng), batch_size)
                total = 0.0
                for X_batch, y_batch in batches:
                    loss, info = forward_linear_regression(X_batch, y_batch, weights)
                    grads = loss_gradients(info, weights)
                    weights = {"W": weights["W"] - lr * grads["W"], "B": weights["B"] - lr * grads["B"]}
                    total += loss
                losses[epoch] = total / len(batches)
            return weights, losses
    """),
    Wrong("train", "GLOBAL_SETTING", fails=("test_train_toy", "test_train_general"), source="""
        def train(X, y, n_epochs, learning_rate, batch_size, seed):
            rng = np.random.default_rng(seed)
            weights = {"W": np.zeros((X.shape[1], 1)), "B": np.zeros(1)}
            losses = []
            for epoch in range(epochs):
                batches = make_batches(*permute_data(X, y, rng), batch_size)
                batch_losses = []
                for X_batch, y_batch in batches:
                    loss, info = forward_linear_regression(X_batch, y_batch, weights)
                    grads = loss_gradients(info, weights)
                    weights = {"W": weights["W"] - learning_rate * grads["W"],
                               "B": weights["B"] - learning_rate * grads["B"]}
                    batch_losses.append(loss)
                losses.append(np.mean(batch_losses))
            return weights, np.array(losses)
    """),
    Wrong("train", "LAST_BATCH_DROPPED", fails=("test_train_toy", "test_train_general"), source="""
        def train(X, y, n_epochs, learning_rate, batch_size, seed):
            rng = np.random.default_rng(seed)
            weights = {"W": np.zeros((X.shape[1], 1)), "B": np.zeros(1)}
            losses = np.zeros(n_epochs)
            for epoch in range(n_epochs):
                X_s, y_s = permute_data(X, y, rng)
                n_batches = len(X) // batch_size
                total = 0.0
                for k in range(n_batches):
                    rows = slice(k * batch_size, (k + 1) * batch_size)
                    loss, info = forward_linear_regression(X_s[rows], y_s[rows], weights)
                    grads = loss_gradients(info, weights)
                    weights = {"W": weights["W"] - learning_rate * grads["W"],
                               "B": weights["B"] - learning_rate * grads["B"]}
                    total += loss
                losses[epoch] = total / n_batches
            return weights, losses
    """),
    Wrong("train", ("UPDATE_SIGN", "DIVERGED"), fails=("test_train_toy", "test_train_general"), source="""
        def train(X, y, n_epochs, learning_rate, batch_size, seed):
            rng = np.random.default_rng(seed)
            weights = {"W": np.zeros((X.shape[1], 1)), "B": np.zeros(1)}
            losses = np.zeros(n_epochs)
            for epoch in range(n_epochs):
                batches = make_batches(*permute_data(X, y, rng), batch_size)
                total = 0.0
                for X_batch, y_batch in batches:
                    loss, info = forward_linear_regression(X_batch, y_batch, weights)
                    grads = loss_gradients(info, weights)
                    weights = {"W": weights["W"] + learning_rate * grads["W"],
                               "B": weights["B"] + learning_rate * grads["B"]}
                    total += loss
                losses[epoch] = total / len(batches)
            return weights, losses
    """),
    # predict
    Wrong("predict", "BIAS_MISSING", source="""
        def predict(X, weights):
            return X @ weights["W"]
    """),
    Wrong("predict", "ELEMENTWISE_PRODUCT", source="""
        def predict(X, weights):
            return X * weights["W"].T + weights["B"]
    """),
    Wrong("predict", "TRANSPOSED", source="""
        def predict(X, weights):
            return weights["W"].T @ X.T + weights["B"]
    """),
    Wrong("predict", "NOTEBOOK_GLOBAL", source="""
        def predict(X, weights):
            return np.dot(X_test, weights["W"]) + weights["B"]
    """),
    # regression_metrics
    Wrong("regression_metrics", "BROADCAST_COLUMN", source="""
        def regression_metrics(y, y_hat):
            errors = y - y_hat
            mae = float(np.mean(np.abs(errors)))
            rmse = float(np.sqrt(np.mean(errors ** 2)))
            return mae, rmse, rmse / float(np.mean(y))
    """),
    Wrong("regression_metrics", "ONE_BY_ONE_ARRAY", source="""
        def regression_metrics(y, y_hat):
            errors = np.reshape(y, (-1, 1)) - np.reshape(y_hat, (-1, 1))
            mae = np.abs(errors).mean()
            rmse = np.sqrt(errors.T @ errors / len(errors))
            return mae, rmse, rmse / np.mean(y)
    """),
    Wrong("regression_metrics", "NOTEBOOK_GLOBAL", source="""
        def regression_metrics(y, y_hat):
            errors = np.ravel(y) - np.ravel(y_hat)
            mae = np.mean(np.abs(errors))
            rmse = np.sqrt(np.mean(errors ** 2))
            return mae, rmse, rmse / y_test.mean()
    """),
    Wrong("regression_metrics", "MUTATED_INPUT", source="""
        def regression_metrics(y, y_hat):
            errors = np.reshape(y_hat, -1)
            errors -= np.reshape(y, -1)
            mae = np.mean(np.abs(errors))
            rmse = np.sqrt(np.mean(errors ** 2))
            return float(mae), float(rmse), float(rmse / np.mean(y))
    """),
    # feature_importance
    Wrong("feature_importance", "BROADCAST_COLUMN", source="""
        def feature_importance(weights, X):
            return np.abs(weights["W"]) * X.std(axis=0)
    """),
    Wrong("feature_importance", "MUTATED_INPUT", source="""
        def feature_importance(weights, X):
            X -= X.mean(axis=0)
            spread = np.sqrt((X ** 2).mean(axis=0))
            return np.abs(weights["W"].ravel()) * spread
    """),
    Wrong("feature_importance", "MUTATED_INPUT", source="""
        def feature_importance(weights, X):
            w = weights["W"].ravel()
            w *= X.std(axis=0)
            return np.abs(w)
    """),
    Wrong("feature_importance", "NOTEBOOK_GLOBAL", source="""
        def feature_importance(weights, X):
            return np.abs(weights["W"][:, 0]) * X_train.std(axis=0)
    """),
    # Only a search of the whole domain finds these: int X and W with a float B, a seed that is not the one given.
    Wrong("forward_linear_regression", "IN_PLACE_ON_INTEGERS", fails=("test_forward_linear_regression_general",),
          hidden_only=True, source="""
        def forward_linear_regression(X_batch, y_batch, weights):
            y = np.reshape(y_batch, (-1, 1))
            N = X_batch @ weights["W"]
            P = N.copy()
            P += weights["B"]
            return float(np.mean((y - P) ** 2)), {"X": X_batch, "N": N, "P": P, "y": y}
    """),
    Wrong("predict", "IN_PLACE_ON_INTEGERS", fails=("test_predict_general",), hidden_only=True, source="""
        def predict(X, weights):
            y_hat = X @ weights["W"]
            y_hat += weights["B"]
            return y_hat
    """),
    Wrong("train", "SEED_IGNORED", fails=("test_train_general",), hidden_only=True, source="""
        def train(X, y, n_epochs, learning_rate, batch_size, seed):
            rng = np.random.default_rng(0)
            y = np.reshape(y, (-1, 1))
            W, B = np.zeros((X.shape[1], 1)), np.zeros(1)
            losses = []
            for epoch in range(n_epochs):
                X_s, y_s = permute_data(X, y, rng)
                batch_losses = []
                for X_b, y_b in make_batches(X_s, y_s, batch_size):
                    loss, info = forward_linear_regression(X_b, y_b, {"W": W, "B": B})
                    grads = loss_gradients(info, {"W": W, "B": B})
                    W, B = W - learning_rate * grads["W"], B - learning_rate * grads["B"]
                    batch_losses.append(loss)
                losses.append(np.mean(batch_losses))
            return {"W": W, "B": B}, np.array(losses)
    """),
]

ALTERNATIVE = [
    Alternative("forward_linear_regression", """
        def forward_linear_regression(X_batch, y_batch, weights):
            y = np.asarray(y_batch).reshape(len(X_batch), 1)
            N = np.dot(X_batch, weights["W"])
            P = N + weights["B"]
            squares = 0.0
            for i in range(len(y)):
                squares += (y[i, 0] - P[i, 0]) ** 2
            return squares / len(y), dict(X=X_batch, N=N, P=P, y=y)
    """),
    Alternative("loss_gradients", """
        def loss_gradients(forward_info, weights):
            X, P, y = forward_info["X"], forward_info["P"], forward_info["y"]
            n_examples = X.shape[0]
            dW = np.zeros(weights["W"].shape)
            dB = np.zeros(weights["B"].shape)
            for i in range(n_examples):
                dLdP_i = -2.0 * (y[i, 0] - P[i, 0]) / n_examples
                dW[:, 0] += X[i] * dLdP_i
                dB[0] += dLdP_i
            return {"W": dW, "B": dB}
    """),
    Alternative("loss_gradients", """
        def loss_gradients(forward_info, weights):
            X, P, y = forward_info["X"], forward_info["P"], forward_info["y"]
            dLdP = 2 * (P - y) / len(P)
            return {"W": (X * dLdP).sum(axis=0, keepdims=True).T, "B": np.sum(dLdP, axis=0)}
    """),
    Alternative("permute_data", """
        def permute_data(X, y, seed):
            rng = np.random.default_rng(seed)
            order = rng.permutation(len(y))
            return np.take(X, order, axis=0), np.take(y, order, axis=0)
    """),
    Alternative("make_batches", """
        def make_batches(X, y, batch_size):
            n_batches = -(-len(X) // batch_size)
            return [(X[k * batch_size:(k + 1) * batch_size], y[k * batch_size:(k + 1) * batch_size])
                    for k in range(n_batches)]
    """),
    Alternative("train", """
        def train(X, y, n_epochs, learning_rate, batch_size, seed):
            rng = np.random.default_rng(seed)
            weights = {"W": np.zeros((X.shape[1], 1)), "B": np.zeros(1)}
            history = []
            for _ in range(n_epochs):
                X_s, y_s = permute_data(X, y, rng)
                batch_losses = []
                for start in range(0, len(X_s), batch_size):
                    loss, info = forward_linear_regression(X_s[start:start + batch_size],
                                                           y_s[start:start + batch_size], weights)
                    grads = loss_gradients(info, weights)
                    weights["W"] = weights["W"] - learning_rate * grads["W"]
                    weights["B"] = weights["B"] - learning_rate * grads["B"]
                    batch_losses.append(loss)
                history.append(np.mean(batch_losses))
            return weights, np.array(history)
    """),
    Alternative("predict", """
        def predict(X, weights):
            return np.dot(X, weights["W"]) + weights["B"].reshape(1, 1)
    """),
    Alternative("regression_metrics", """
        def regression_metrics(y, y_hat):
            y, y_hat = np.asarray(y, dtype=float).reshape(-1), np.asarray(y_hat, dtype=float).reshape(-1)
            mae = sum(abs(a - b) for a, b in zip(y, y_hat)) / len(y)
            rmse = (sum((a - b) ** 2 for a, b in zip(y, y_hat)) / len(y)) ** 0.5
            return mae, rmse, rmse / y.mean()
    """),
    Alternative("feature_importance", """
        def feature_importance(weights, X):
            standardised_W = weights["W"].ravel() * np.sqrt(np.mean((X - X.mean(axis=0)) ** 2, axis=0))
            return np.abs(standardised_W)
    """),
]
