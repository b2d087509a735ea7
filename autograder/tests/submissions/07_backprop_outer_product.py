"""Wrong and alternative answers for 07_backprop_outer_product: outer products the wrong way round or element-wise,
gradients with the wrong sign, a missing 2 or 1/(NK), the sigmoid's slope taken at the activation, left out or
its formula applied to z, W2 untransposed in the hidden-layer rule, bias gradients not summed, Rashid's update climbing or reading weights it already changed, and training loops that do not reset,
are not seeded, read the notebook's settings, change the caller's weights or drop rows."""
from . import Alternative, Wrong

WRONG = [
    # outer_product
    Wrong("outer_product", "TRANSPOSED", source="""
        def outer_product(B, A):
            return A @ B.T
    """, fails=("test_outer_product_by_hand", "test_outer_product_general")),
    Wrong("outer_product", "INNER_PRODUCT", fails=("test_outer_product_by_hand", "test_outer_product_general"),
          source="""
        def outer_product(B, A):
            return B.T @ A
    """),
    Wrong("outer_product", "ELEMENTWISE_PRODUCT", fails=("test_outer_product_by_hand", "test_outer_product_general"),
          source="""
        def outer_product(B, A):
            return B * A
    """),
    Wrong("outer_product", "SHAPES_DO_NOT_FIT", fails=("test_outer_product_by_hand", "test_outer_product_general"),
          source="""
        def outer_product(B, A):
            return B @ A
    """),
    Wrong("outer_product", "RULED_OUT", fails=("test_outer_product_rules",), source="""
        def outer_product(B, A):
            return np.outer(B, A)
    """),
    Wrong("outer_product", "INTEGER_RESULT", fails=("test_outer_product_by_hand", "test_outer_product_general"),
          source="""
        def outer_product(B, A):
            C = np.zeros((len(B), len(A)), dtype=B.dtype)
            for j in range(len(B)):
                for k in range(len(A)):
                    C[j, k] = B[j, 0] * A[k, 0]
            return C
    """),
    # output_gradient_loop
    Wrong("output_gradient_loop", "GRADIENT_ASCENT",
          fails=("test_output_gradient_loop_by_hand", "test_output_gradient_loop_general"), source="""
        def output_gradient_loop(a_prev, a_out, y):
            grad = np.zeros((len(a_out), len(a_prev)))
            for j in range(len(a_out)):
                for k in range(len(a_prev)):
                    grad[j, k] = a_prev[k, 0] * a_out[j, 0] * (1 - a_out[j, 0]) * 2 * (y[j, 0] - a_out[j, 0])
            return grad
    """),
    Wrong("output_gradient_loop", "MISSING_FACTOR_TWO",
          fails=("test_output_gradient_loop_by_hand", "test_output_gradient_loop_general"), source="""
        def output_gradient_loop(a_prev, a_out, y):
            grad = np.zeros((len(a_out), len(a_prev)))
            for j in range(len(a_out)):
                for k in range(len(a_prev)):
                    grad[j, k] = a_prev[k, 0] * a_out[j, 0] * (1 - a_out[j, 0]) * (a_out[j, 0] - y[j, 0])
            return grad
    """),
    Wrong("output_gradient_loop", "SIGMOID_PRIME_OF_ACTIVATION",
          fails=("test_output_gradient_loop_by_hand", "test_output_gradient_loop_general"), source="""
        def output_gradient_loop(a_prev, a_out, y):
            grad = np.zeros((len(a_out), len(a_prev)))
            for j in range(len(a_out)):
                for k in range(len(a_prev)):
                    grad[j, k] = a_prev[k, 0] * sigmoid_prime(a_out[j, 0]) * 2 * (a_out[j, 0] - y[j, 0])
            return grad
    """),
    Wrong("output_gradient_loop", "TRANSPOSED",
          fails=("test_output_gradient_loop_by_hand", "test_output_gradient_loop_general"), source="""
        def output_gradient_loop(a_prev, a_out, y):
            grad = np.zeros((len(a_prev), len(a_out)))
            for k in range(len(a_prev)):
                for j in range(len(a_out)):
                    grad[k, j] = a_prev[k, 0] * a_out[j, 0] * (1 - a_out[j, 0]) * 2 * (a_out[j, 0] - y[j, 0])
            return grad
    """),
    Wrong("output_gradient_loop", "LOOP_MISSING", fails=("test_output_gradient_loop_rules",), source="""
        def output_gradient_loop(a_prev, a_out, y):
            return (2 * (a_out - y) * a_out * (1 - a_out)) @ a_prev.T
    """),
    # output_gradient
    Wrong("output_gradient", "ELEMENTWISE_PRODUCT", fails=("test_output_gradient_by_hand", "test_output_gradient_general"),
          source="""
        def output_gradient(a_prev, a_out, y):
            delta = 2 * (a_out - y) * a_out * (1 - a_out)
            return delta * a_prev
    """),
    Wrong("output_gradient", "TRANSPOSED", fails=("test_output_gradient_by_hand", "test_output_gradient_general"),
          source="""
        def output_gradient(a_prev, a_out, y):
            delta = 2 * (a_out - y) * a_out * (1 - a_out)
            return a_prev @ delta.T
    """),
    Wrong("output_gradient", "GRADIENT_ASCENT", fails=("test_output_gradient_by_hand", "test_output_gradient_general"),
          source="""
        def output_gradient(a_prev, a_out, y):
            output_errors = y - a_out
            return (2 * output_errors * a_out * (1 - a_out)) @ a_prev.T
    """),
    Wrong("output_gradient", "SIGMOID_PRIME_OF_ACTIVATION",
          fails=("test_output_gradient_by_hand", "test_output_gradient_general"), source="""
        def output_gradient(a_prev, a_out, y):
            delta = 2 * (a_out - y) * sigmoid_prime(a_out)
            return delta @ a_prev.T
    """),
    Wrong("output_gradient", "LOOP_NOT_ALLOWED", fails=("test_output_gradient_rules",), source="""
        def output_gradient(a_prev, a_out, y):
            delta = 2 * (a_out - y) * a_out * (1 - a_out)
            return np.array([[d * a for a in a_prev[:, 0]] for d in delta[:, 0]])
    """),
    # query
    Wrong("query", "SHAPES_DO_NOT_FIT", source="""
        def query(wih, who, inputs_list):
            inputs = np.array(inputs_list, ndmin=2)
            hidden_outputs = sigmoid(wih @ inputs)
            return sigmoid(who @ hidden_outputs)
    """),
    Wrong("query", "TRANSPOSED", source="""
        def query(wih, who, inputs_list):
            inputs = np.array(inputs_list, ndmin=2)
            hidden_outputs = sigmoid(inputs @ wih.T)
            return sigmoid(hidden_outputs @ who.T)
    """),
    Wrong("query", "NOTEBOOK_GLOBAL", source="""
        def query(wih, who, inputs_list):
            hidden_outputs = sigmoid(wih @ inputs)
            return sigmoid(who @ hidden_outputs)
    """),
    Wrong("query", "WARNING_EMITTED", fails=("test_query_general",), hidden_only=True, source="""
        def query(wih, who, inputs_list):
            inputs = np.array(inputs_list, ndmin=2).T
            hidden_outputs = 1 / (1 + np.exp(-(wih @ inputs)))
            return 1 / (1 + np.exp(-(who @ hidden_outputs)))
    """),
    # train
    Wrong("train", "MUTATED_INPUT", source="""
        def train(wih, who, inputs_list, targets_list, lr):
            inputs = np.array(inputs_list, ndmin=2).T
            targets = np.array(targets_list, ndmin=2).T
            hidden_outputs = sigmoid(wih @ inputs)
            final_outputs = sigmoid(who @ hidden_outputs)
            output_errors = targets - final_outputs
            hidden_errors = who.T @ output_errors
            who += lr * ((output_errors * final_outputs * (1.0 - final_outputs)) @ hidden_outputs.T)
            wih += lr * ((hidden_errors * hidden_outputs * (1.0 - hidden_outputs)) @ inputs.T)
            return wih, who
    """),
    Wrong("train", "UPDATE_SIGN", source="""
        def train(wih, who, inputs_list, targets_list, lr):
            inputs = np.array(inputs_list, ndmin=2).T
            targets = np.array(targets_list, ndmin=2).T
            hidden_outputs = sigmoid(wih @ inputs)
            final_outputs = sigmoid(who @ hidden_outputs)
            output_errors = final_outputs - targets
            hidden_errors = who.T @ output_errors
            who_new = who + lr * ((output_errors * final_outputs * (1.0 - final_outputs)) @ hidden_outputs.T)
            wih_new = wih + lr * ((hidden_errors * hidden_outputs * (1.0 - hidden_outputs)) @ inputs.T)
            return wih_new, who_new
    """),
    Wrong("train", "UPDATED_TOO_EARLY", source="""
        def train(wih, who, inputs_list, targets_list, lr):
            inputs = np.array(inputs_list, ndmin=2).T
            targets = np.array(targets_list, ndmin=2).T
            hidden_outputs = sigmoid(wih @ inputs)
            final_outputs = sigmoid(who @ hidden_outputs)
            output_errors = targets - final_outputs
            who = who + lr * ((output_errors * final_outputs * (1.0 - final_outputs)) @ hidden_outputs.T)
            hidden_errors = who.T @ output_errors
            wih = wih + lr * ((hidden_errors * hidden_outputs * (1.0 - hidden_outputs)) @ inputs.T)
            return wih, who
    """),
    Wrong("train", "SIGMOID_PRIME_OF_ACTIVATION", source="""
        def train(wih, who, inputs_list, targets_list, lr):
            inputs = np.array(inputs_list, ndmin=2).T
            targets = np.array(targets_list, ndmin=2).T
            hidden_outputs = sigmoid(wih @ inputs)
            final_outputs = sigmoid(who @ hidden_outputs)
            output_errors = targets - final_outputs
            hidden_errors = who.T @ output_errors
            who_new = who + lr * ((output_errors * sigmoid_prime(final_outputs)) @ hidden_outputs.T)
            wih_new = wih + lr * ((hidden_errors * sigmoid_prime(hidden_outputs)) @ inputs.T)
            return wih_new, who_new
    """),
    Wrong("train", "SHAPES_DO_NOT_FIT", source="""
        def train(wih, who, inputs_list, targets_list, lr):
            inputs = np.array(inputs_list, ndmin=2).T
            targets = np.array(targets_list)
            hidden_outputs = sigmoid(wih @ inputs)
            final_outputs = sigmoid(who @ hidden_outputs)
            output_errors = targets - final_outputs
            hidden_errors = who.T @ output_errors
            who_new = who + lr * ((output_errors * final_outputs * (1.0 - final_outputs)) @ hidden_outputs.T)
            wih_new = wih + lr * ((hidden_errors * hidden_outputs * (1.0 - hidden_outputs)) @ inputs.T)
            return wih_new, who_new
    """),
    Wrong("train", "IN_PLACE_ON_INTEGERS", fails=("test_train_general",), hidden_only=True, source="""
        def train(wih, who, inputs_list, targets_list, lr):
            inputs = np.array(inputs_list, ndmin=2).T
            targets = np.array(targets_list, ndmin=2).T
            hidden_outputs = sigmoid(wih @ inputs)
            final_outputs = sigmoid(who @ hidden_outputs)
            output_errors = targets - final_outputs
            hidden_errors = who.T @ output_errors
            who_new, wih_new = who.copy(), wih.copy()
            who_new += lr * ((output_errors * final_outputs * (1.0 - final_outputs)) @ hidden_outputs.T)
            wih_new += lr * ((hidden_errors * hidden_outputs * (1.0 - hidden_outputs)) @ inputs.T)
            return wih_new, who_new
    """),
    # two_layer_forward
    Wrong("two_layer_forward", "BROADCAST_COLUMN", source="""
        def two_layer_forward(X, y, weights):
            M1 = X @ weights["W1"]
            N1 = M1 + weights["B1"]
            O1 = sigmoid(N1)
            M2 = O1 @ weights["W2"]
            P = M2 + weights["B2"]
            loss = np.mean((y - P) ** 2)
            return loss, {"X": X, "M1": M1, "N1": N1, "O1": O1, "M2": M2, "P": P, "y": y}
    """),
    Wrong("two_layer_forward", "ONE_BY_ONE_ARRAY", source="""
        def two_layer_forward(X, y, weights):
            M1 = X @ weights["W1"]
            N1 = M1 + weights["B1"]
            O1 = sigmoid(N1)
            M2 = O1 @ weights["W2"]
            P = M2 + weights["B2"]
            y = y.reshape(P.shape)
            errors = (y - P).reshape(-1, 1)
            loss = errors.T @ errors / len(errors)
            return loss, {"X": X, "M1": M1, "N1": N1, "O1": O1, "M2": M2, "P": P, "y": y}
    """),
    Wrong("two_layer_forward", "MUTATED_INPUT", source="""
        def two_layer_forward(X, y, weights):
            M1 = X @ weights["W1"]
            N1 = M1 + weights["B1"]
            O1 = sigmoid(N1)
            M2 = O1 @ weights["W2"]
            P = M2 + weights["B2"]
            y.shape = P.shape
            loss = float(np.mean((y - P) ** 2))
            return loss, {"X": X, "M1": M1, "N1": N1, "O1": O1, "M2": M2, "P": P, "y": y}
    """),
    Wrong("two_layer_forward", "SHAPES_DO_NOT_FIT", source="""
        def two_layer_forward(X, y, weights):
            M1 = X @ weights["W1"].T
            N1 = M1 + weights["B1"]
            O1 = sigmoid(N1)
            M2 = O1 @ weights["W2"]
            P = M2 + weights["B2"]
            y = np.reshape(y, P.shape)
            loss = float(np.mean((y - P) ** 2))
            return loss, {"X": X, "M1": M1, "N1": N1, "O1": O1, "M2": M2, "P": P, "y": y}
    """),
    Wrong("two_layer_forward", "WARNING_EMITTED", fails=("test_two_layer_forward_general",), hidden_only=True,
          source="""
        def two_layer_forward(X, y, weights):
            M1 = X @ weights["W1"]
            N1 = M1 + weights["B1"]
            O1 = 1 / (1 + np.exp(-N1))
            M2 = O1 @ weights["W2"]
            P = M2 + weights["B2"]
            y = np.reshape(y, P.shape)
            return float(np.mean((y - P) ** 2)), {"X": X, "M1": M1, "N1": N1, "O1": O1, "M2": M2, "P": P, "y": y}
    """),
    # two_layer_backward
    Wrong("two_layer_backward", "MISSING_MEAN", source="""
        def two_layer_backward(forward_info, weights):
            dLdP = -2 * (forward_info["y"] - forward_info["P"])
            dLdN1 = dLdP @ weights["W2"].T * sigmoid_prime(forward_info["N1"])
            return {"W1": forward_info["X"].T @ dLdN1, "B1": dLdN1.sum(axis=0),
                    "W2": forward_info["O1"].T @ dLdP, "B2": dLdP.sum(axis=0)}
    """),
    Wrong("two_layer_backward", "MISSING_MEAN", source="""
        def two_layer_backward(forward_info, weights):
            N = forward_info["X"].shape[0]
            dLdP = -2 * (forward_info["y"] - forward_info["P"]) / N
            dLdN1 = dLdP @ weights["W2"].T * sigmoid_prime(forward_info["N1"])
            return {"W1": forward_info["X"].T @ dLdN1, "B1": dLdN1.sum(axis=0),
                    "W2": forward_info["O1"].T @ dLdP, "B2": dLdP.sum(axis=0)}
    """),
    Wrong("two_layer_backward", "MISSING_FACTOR_TWO", source="""
        def two_layer_backward(forward_info, weights):
            dLdP = -(forward_info["y"] - forward_info["P"]) / forward_info["y"].size
            dLdN1 = dLdP @ weights["W2"].T * sigmoid_prime(forward_info["N1"])
            return {"W1": forward_info["X"].T @ dLdN1, "B1": dLdN1.sum(axis=0),
                    "W2": forward_info["O1"].T @ dLdP, "B2": dLdP.sum(axis=0)}
    """),
    Wrong("two_layer_backward", "GRADIENT_ASCENT", source="""
        def two_layer_backward(forward_info, weights):
            dLdP = 2 * (forward_info["y"] - forward_info["P"]) / forward_info["y"].size
            dLdN1 = dLdP @ weights["W2"].T * sigmoid_prime(forward_info["N1"])
            return {"W1": forward_info["X"].T @ dLdN1, "B1": dLdN1.sum(axis=0),
                    "W2": forward_info["O1"].T @ dLdP, "B2": dLdP.sum(axis=0)}
    """),
    Wrong("two_layer_backward", "BIAS_NOT_SUMMED", source="""
        def two_layer_backward(forward_info, weights):
            dLdP = -2 * (forward_info["y"] - forward_info["P"]) / forward_info["y"].size
            dLdN1 = dLdP @ weights["W2"].T * sigmoid_prime(forward_info["N1"])
            return {"W1": forward_info["X"].T @ dLdN1, "B1": dLdN1 * np.ones_like(weights["B1"]),
                    "W2": forward_info["O1"].T @ dLdP, "B2": dLdP * np.ones_like(weights["B2"])}
    """),
    Wrong("two_layer_backward", "BIAS_NOT_SUMMED", source="""
        def two_layer_backward(forward_info, weights):
            dLdP = -2 * (forward_info["y"] - forward_info["P"]) / forward_info["y"].size
            dLdN1 = dLdP @ weights["W2"].T * sigmoid_prime(forward_info["N1"])
            return {"W1": forward_info["X"].T @ dLdN1, "B1": dLdN1.mean(axis=0),
                    "W2": forward_info["O1"].T @ dLdP, "B2": dLdP.mean(axis=0)}
    """),
    Wrong("two_layer_backward", "SIGMOID_PRIME_OF_ACTIVATION", source="""
        def two_layer_backward(forward_info, weights):
            dLdP = -2 * (forward_info["y"] - forward_info["P"]) / forward_info["y"].size
            dLdN1 = dLdP @ weights["W2"].T * sigmoid_prime(forward_info["O1"])
            return {"W1": forward_info["X"].T @ dLdN1, "B1": dLdN1.sum(axis=0),
                    "W2": forward_info["O1"].T @ dLdP, "B2": dLdP.sum(axis=0)}
    """),
    Wrong("two_layer_backward", "TRANSPOSED", source="""
        def two_layer_backward(forward_info, weights):
            dLdP = -2 * (forward_info["y"] - forward_info["P"]) / forward_info["y"].size
            dLdN1 = dLdP @ weights["W2"].T * sigmoid_prime(forward_info["N1"])
            return {"W1": dLdN1.T @ forward_info["X"], "B1": dLdN1.sum(axis=0),
                    "W2": forward_info["O1"].T @ dLdP, "B2": dLdP.sum(axis=0)}
    """),
    # The mistakes a derivation of the hidden-layer rule invites (section 6's steps 2 and 3).
    Wrong("two_layer_backward", "CHAIN_RULE_FACTOR_MISSING", source="""
        def two_layer_backward(forward_info, weights):
            dLdP = -2 * (forward_info["y"] - forward_info["P"]) / forward_info["y"].size
            dLdN1 = dLdP @ weights["W2"].T  # the hidden layer treated as linear
            return {"W1": forward_info["X"].T @ dLdN1, "B1": dLdN1.sum(axis=0),
                    "W2": forward_info["O1"].T @ dLdP, "B2": dLdP.sum(axis=0)}
    """),
    Wrong("two_layer_backward", "SIGMOID_PRIME_FORMULA_ON_Z", source="""
        def two_layer_backward(forward_info, weights):
            N1 = forward_info["N1"]
            dLdP = -2 * (forward_info["y"] - forward_info["P"]) / forward_info["y"].size
            dLdN1 = (dLdP @ weights["W2"].T) * N1 * (1 - N1)
            return {"W1": forward_info["X"].T @ dLdN1, "B1": dLdN1.sum(axis=0),
                    "W2": forward_info["O1"].T @ dLdP, "B2": dLdP.sum(axis=0)}
    """),
    Wrong("two_layer_backward", "SHAPES_DO_NOT_FIT", source="""
        def two_layer_backward(forward_info, weights):
            dLdP = -2 * (forward_info["y"] - forward_info["P"]) / forward_info["y"].size
            dLdN1 = (dLdP @ weights["W2"]) * sigmoid_prime(forward_info["N1"])
            return {"W1": forward_info["X"].T @ dLdN1, "B1": dLdN1.sum(axis=0),
                    "W2": forward_info["O1"].T @ dLdP, "B2": dLdP.sum(axis=0)}
    """),
    # fit
    Wrong("fit", "NOT_RESET", fails=("test_fit_by_hand", "test_fit_batches", "test_fit_general"), source="""
        def fit(weights, X, y, gradients, lr, num_epochs, batch_size, seed):
            rng = np.random.default_rng(seed)
            weights = {name: np.array(value, dtype=float) for name, value in weights.items()}
            losses, batch_losses = [], []
            for epoch in range(num_epochs):
                order = rng.permutation(len(X))
                for start in range(0, len(X), batch_size):
                    rows = order[start:start + batch_size]
                    loss, grads = gradients(X[rows], y[rows], weights)
                    weights = {name: weights[name] - lr * grads[name] for name in weights}
                    batch_losses.append(loss)
                losses.append(float(np.mean(batch_losses)))
            return weights, losses
    """),
    Wrong("fit", "UNSEEDED", fails=("test_fit_batches", "test_fit_general"), source="""
        def fit(weights, X, y, gradients, lr, num_epochs, batch_size, seed):
            weights = {name: np.array(value, dtype=float) for name, value in weights.items()}
            losses = []
            for epoch in range(num_epochs):
                order = np.random.permutation(len(X))
                batch_losses = []
                for start in range(0, len(X), batch_size):
                    rows = order[start:start + batch_size]
                    loss, grads = gradients(X[rows], y[rows], weights)
                    weights = {name: weights[name] - lr * grads[name] for name in weights}
                    batch_losses.append(loss)
                losses.append(float(np.mean(batch_losses)))
            return weights, losses
    """),
    Wrong("fit", "GLOBAL_SETTING", source="""
        def fit(weights, X, y, gradients, lr, num_epochs, batch_size, seed):
            rng = np.random.default_rng(seed)
            weights = {name: np.array(value, dtype=float) for name, value in weights.items()}
            losses = []
            for epoch in range(epochs):
                order = rng.permutation(len(X))
                batch_losses = []
                for start in range(0, len(X), batch_size):
                    rows = order[start:start + batch_size]
                    loss, grads = gradients(X[rows], y[rows], weights)
                    weights = {name: weights[name] - lr * grads[name] for name in weights}
                    batch_losses.append(loss)
                losses.append(float(np.mean(batch_losses)))
            return weights, losses
    """),
    Wrong("fit", "MUTATED_INPUT", fails=("test_fit_by_hand", "test_fit_batches", "test_fit_general"), source="""
        def fit(weights, X, y, gradients, lr, num_epochs, batch_size, seed):
            rng = np.random.default_rng(seed)
            weights = dict(weights)
            losses = []
            for epoch in range(num_epochs):
                order = rng.permutation(len(X))
                batch_losses = []
                for start in range(0, len(X), batch_size):
                    rows = order[start:start + batch_size]
                    loss, grads = gradients(X[rows], y[rows], weights)
                    for name in weights:
                        weights[name] -= lr * grads[name]
                    batch_losses.append(loss)
                losses.append(float(np.mean(batch_losses)))
            return weights, losses
    """),
    Wrong("fit", ("DIVERGED", "UPDATE_SIGN"), source="""
        def fit(weights, X, y, gradients, lr, num_epochs, batch_size, seed):
            rng = np.random.default_rng(seed)
            weights = {name: np.array(value, dtype=float) for name, value in weights.items()}
            losses = []
            for epoch in range(num_epochs):
                order = rng.permutation(len(X))
                batch_losses = []
                for start in range(0, len(X), batch_size):
                    rows = order[start:start + batch_size]
                    loss, grads = gradients(X[rows], y[rows], weights)
                    weights = {name: weights[name] + lr * grads[name] for name in weights}
                    batch_losses.append(loss)
                losses.append(float(np.mean(batch_losses)))
            return weights, losses
    """),
    Wrong("fit", "LAST_BATCH_DROPPED", fails=("test_fit_batches", "test_fit_general"), source="""
        def fit(weights, X, y, gradients, lr, num_epochs, batch_size, seed):
            rng = np.random.default_rng(seed)
            weights = {name: np.array(value, dtype=float) for name, value in weights.items()}
            losses = []
            for epoch in range(num_epochs):
                order = rng.permutation(len(X))
                batch_losses = []
                for b in range(len(X) // batch_size):
                    rows = order[b * batch_size:(b + 1) * batch_size]
                    loss, grads = gradients(X[rows], y[rows], weights)
                    weights = {name: weights[name] - lr * grads[name] for name in weights}
                    batch_losses.append(loss)
                losses.append(float(np.mean(batch_losses)))
            return weights, losses
    """),
    Wrong("fit", "PAIRS_BROKEN", fails=("test_fit_batches", "test_fit_general"), source="""
        def fit(weights, X, y, gradients, lr, num_epochs, batch_size, seed):
            rng = np.random.default_rng(seed)
            weights = {name: np.array(value, dtype=float) for name, value in weights.items()}
            losses = []
            for epoch in range(num_epochs):
                X_shuffled, y_shuffled = X[rng.permutation(len(X))], y[rng.permutation(len(y))]
                batch_losses = []
                for start in range(0, len(X), batch_size):
                    loss, grads = gradients(X_shuffled[start:start + batch_size], y_shuffled[start:start + batch_size],
                                            weights)
                    weights = {name: weights[name] - lr * grads[name] for name in weights}
                    batch_losses.append(loss)
                losses.append(float(np.mean(batch_losses)))
            return weights, losses
    """),
    Wrong("fit", "SEED_IGNORED", fails=("test_fit_batches", "test_fit_general"), source="""
        def fit(weights, X, y, gradients, lr, num_epochs, batch_size, seed):
            rng = np.random.default_rng(0)
            weights = {name: np.array(value, dtype=float) for name, value in weights.items()}
            losses = []
            for epoch in range(num_epochs):
                order = rng.permutation(len(X))
                batch_losses = []
                for start in range(0, len(X), batch_size):
                    rows = order[start:start + batch_size]
                    loss, grads = gradients(X[rows], y[rows], weights)
                    weights = {name: weights[name] - lr * grads[name] for name in weights}
                    batch_losses.append(loss)
                losses.append(float(np.mean(batch_losses)))
            return weights, losses
    """),
]

ALTERNATIVE = [
    Alternative("outer_product", """
        def outer_product(B, A):
            return B * A.T
    """),
    Alternative("outer_product", """
        def outer_product(B, A):
            C = np.zeros((B.shape[0], A.shape[0]))
            for j in range(B.shape[0]):
                for k in range(A.shape[0]):
                    C[j, k] = B[j, 0] * A[k, 0]
            return C
    """),
    Alternative("output_gradient_loop", """
        def output_gradient_loop(a_prev, a_out, y):
            rows = []
            for j in range(a_out.shape[0]):
                slope = a_out[j, 0] * (1.0 - a_out[j, 0])
                rows.append([a * slope * 2.0 * (a_out[j, 0] - y[j, 0]) for a in a_prev[:, 0]])
            return np.array(rows, dtype=float)
    """),
    Alternative("output_gradient", """
        def output_gradient(a_prev, a_out, y):
            B = (a_out - y) * a_out * (1 - a_out) * 2.0
            return np.dot(B, np.transpose(a_prev)).astype(float)
    """),
    Alternative("query", """
        def query(wih, who, inputs_list):
            x = np.asarray(inputs_list, dtype=float).reshape(-1, 1)
            return sigmoid(np.dot(who, sigmoid(np.dot(wih, x))))
    """),
    Alternative("train", """
        def train(wih, who, inputs_list, targets_list, lr):
            x = np.asarray(inputs_list, dtype=float).reshape(-1, 1)
            t = np.asarray(targets_list, dtype=float).reshape(-1, 1)
            h = sigmoid(wih @ x)
            o = sigmoid(who @ h)
            delta_o = (o - t) * o * (1 - o)                 # the derivation's sign: then subtract
            delta_h = (who.T @ (o - t)) * h * (1 - h)       # Rashid's hidden errors, with the old who
            return wih - lr * delta_h @ x.T, who - lr * delta_o @ h.T
    """),
    Alternative("two_layer_forward", """
        def two_layer_forward(X, y, weights):
            M1 = np.dot(X, weights["W1"])
            N1 = M1 + weights["B1"]
            O1 = sigmoid(N1)
            M2 = np.dot(O1, weights["W2"])
            P = M2 + weights["B2"]
            targets = np.asarray(y, dtype=float).reshape(len(X), -1)
            return float(((targets - P) ** 2).sum() / targets.size), dict(X=X, M1=M1, N1=N1, O1=O1, M2=M2, P=P,
                                                                          y=targets)
    """),
    Alternative("two_layer_backward", """
        def two_layer_backward(forward_info, weights):
            X, N1, O1, P, y = (forward_info[k] for k in ("X", "N1", "O1", "P", "y"))
            W2 = weights["W2"]
            dLdP = 2 * (P - y) / y.size
            dLdO1 = np.zeros(O1.shape)
            for i in range(O1.shape[0]):          # entry by entry: the sum over the K outputs
                for h in range(O1.shape[1]):
                    for k in range(dLdP.shape[1]):
                        dLdO1[i, h] += dLdP[i, k] * W2[h, k]
            dLdN1 = dLdO1 * O1 * (1 - O1)
            return {"W1": np.dot(X.T, dLdN1), "B1": np.sum(dLdN1, axis=0),
                    "W2": np.dot(O1.T, dLdP), "B2": np.sum(dLdP, axis=0)}
    """),
    Alternative("two_layer_backward", """
        def two_layer_backward(forward_info, weights):
            X, O1, P, y = forward_info["X"], forward_info["O1"], forward_info["P"], forward_info["y"]
            dLdP = (2.0 / y.size) * (P - y)
            dLdN1 = np.dot(dLdP, weights["W2"].T) * O1 * (1.0 - O1)
            return {"W2": np.dot(O1.T, dLdP), "B2": np.sum(dLdP, axis=0),
                    "W1": np.dot(X.T, dLdN1), "B1": np.sum(dLdN1, axis=0)}
    """),
    Alternative("fit", """
        def fit(weights, X, y, gradients, lr, num_epochs, batch_size, seed):
            rng = np.random.default_rng(seed)
            current = {name: np.copy(value).astype(float) for name, value in weights.items()}
            history = []
            for _ in range(num_epochs):
                indices = np.arange(len(X))
                rng.shuffle(indices)
                total, count = 0.0, 0
                for start in range(0, len(X), batch_size):
                    batch = indices[start:start + batch_size]
                    loss, grads = gradients(X[batch], y[batch], current)
                    for name in current:
                        current[name] = current[name] - lr * grads[name]
                    total += loss
                    count += 1
                history.append(total / count)
            return current, history
    """),
]
