"""Wrong and alternative answers for 08_tensorflow_softmax_adam: softmax without the max or over the whole batch,
cross-entropy through log(0), its gradient without the 1/N, without the one-hot, divided by k too, with its sign
flipped or overflowing, Keras weights transposed, a layer without activation, tensors for arrays, softmax or
sigmoid twice, a loss that takes logits for probabilities, hard-coded sizes, unseeded training, and a test set
that helps choose. Every submission imports TensorFlow when graded, so each exercise keeps to about three."""
from . import Alternative, Wrong

WRONG = [
    # softmax
    Wrong("softmax", "SOFTMAX_OVERFLOW", fails=("test_softmax_large_logits", "test_softmax_general"), source="""
        def softmax(z):
            e = np.exp(z)
            return e / np.sum(e, axis=-1, keepdims=True)
    """),
    Wrong("softmax", "SOFTMAX_WHOLE_BATCH", fails=("test_softmax_rows", "test_softmax_general"), source="""
        def softmax(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(z - np.max(z))
            return e / np.sum(e)
    """),
    Wrong("softmax", "SOFTMAX_WHOLE_BATCH", fails=("test_softmax_rows", "test_softmax_general"), source="""
        def softmax(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(z - np.max(z, axis=-1, keepdims=True))
            return e / np.sum(e)
    """),
    Wrong("softmax", "MUTATED_INPUT", source="""
        def softmax(z):
            z -= np.max(z, axis=-1, keepdims=True)
            e = np.exp(z)
            return e / np.sum(e, axis=-1, keepdims=True)
    """),
    Wrong("softmax", "WARNING_EMITTED", fails=("test_softmax_general",), hidden_only=True, source="""
        def softmax(z):
            z = np.asarray(z, dtype=float)
            e = np.exp(z - np.mean(z, axis=-1, keepdims=True))
            return e / np.sum(e, axis=-1, keepdims=True)
    """),
    # sparse_cross_entropy
    Wrong("sparse_cross_entropy", "LOG_OF_ZERO",
          fails=("test_sparse_cross_entropy_extreme", "test_sparse_cross_entropy_general"), source="""
        def sparse_cross_entropy(Z, y):
            P = softmax(Z)
            return float(np.mean(-np.log(P[np.arange(len(Z)), y])))
    """),
    Wrong("sparse_cross_entropy", "SOFTMAX_OVERFLOW",
          fails=("test_sparse_cross_entropy_extreme", "test_sparse_cross_entropy_general"), source="""
        def sparse_cross_entropy(Z, y):
            Z = np.asarray(Z, dtype=float)
            log_sum_exp = np.log(np.sum(np.exp(Z), axis=1))
            return float(np.mean(log_sum_exp - Z[np.arange(len(Z)), y]))
    """),
    Wrong("sparse_cross_entropy", "SOFTMAX_WHOLE_BATCH", source="""
        def sparse_cross_entropy(Z, y):
            Z = np.asarray(Z, dtype=float)
            m = np.max(Z)
            log_sum_exp = m + np.log(np.sum(np.exp(Z - m)))
            return float(np.mean(log_sum_exp - Z[np.arange(len(Z)), y]))
    """),
    Wrong("sparse_cross_entropy", "LABELS_OF_EVERY_ROW", fails=(
        "test_sparse_cross_entropy_by_hand", "test_sparse_cross_entropy_extreme", "test_sparse_cross_entropy_general"),
          source="""
        def sparse_cross_entropy(Z, y):
            Z = np.asarray(Z, dtype=float)
            m = np.max(Z, axis=1)
            log_sum_exp = m + np.log(np.sum(np.exp(Z - m[:, None]), axis=1))
            return float(np.mean(log_sum_exp - Z[:, y]))
    """),
    Wrong("sparse_cross_entropy", "SOFTMAX_WHOLE_BATCH", fails=("test_sparse_cross_entropy_general",),
          hidden_only=True, source="""
        def sparse_cross_entropy(Z, y):
            Z = np.asarray(Z, dtype=float)
            m = np.max(Z)
            log_sum_exp = m + np.log(np.sum(np.exp(Z - m), axis=1))
            return float(np.mean(log_sum_exp - Z[np.arange(len(Z)), y]))
    """),
    # cross_entropy_gradient (written without calling softmax, so that each is graded beside any softmax)
    Wrong("cross_entropy_gradient", "MISSING_MEAN", source="""
        def cross_entropy_gradient(Z, y):
            Z = np.asarray(Z, dtype=float)
            E = np.exp(Z - np.max(Z, axis=1, keepdims=True))
            G = E / np.sum(E, axis=1, keepdims=True)
            G[np.arange(len(Z)), y] -= 1
            return G  # the gradient of the summed loss
    """),
    Wrong("cross_entropy_gradient", "ONEHOT_NOT_SUBTRACTED", source="""
        def cross_entropy_gradient(Z, y):
            Z = np.asarray(Z, dtype=float)
            E = np.exp(Z - np.max(Z, axis=1, keepdims=True))
            return E / np.sum(E, axis=1, keepdims=True) / len(Z)
    """),
    Wrong("cross_entropy_gradient", "GRADIENT_ASCENT", source="""
        def cross_entropy_gradient(Z, y):
            Z = np.asarray(Z, dtype=float)
            N, k = Z.shape
            E = np.exp(Z - np.max(Z, axis=1, keepdims=True))
            return (np.eye(k)[y] - E / np.sum(E, axis=1, keepdims=True)) / N
    """),
    Wrong("cross_entropy_gradient", "MEAN_OVER_CLASSES", source="""
        def cross_entropy_gradient(Z, y):
            Z = np.asarray(Z, dtype=float)
            N, k = Z.shape
            E = np.exp(Z - np.max(Z, axis=1, keepdims=True))
            G = E / np.sum(E, axis=1, keepdims=True) - np.eye(k)[y]
            return G / G.size  # a mean over every entry
    """),
    Wrong("cross_entropy_gradient", "SOFTMAX_OVERFLOW",
          fails=("test_cross_entropy_gradient_numerical", "test_cross_entropy_gradient_general"), source="""
        def cross_entropy_gradient(Z, y):
            E = np.exp(Z)
            G = E / np.sum(E, axis=1, keepdims=True)
            G[np.arange(len(Z)), y] -= 1
            return G / len(Z)
    """),
    # keras_forward
    Wrong("keras_forward", "TRANSPOSED", source="""
        def keras_forward(X, W1, b1, W2, b2):
            layer_1 = tf.keras.layers.Dense(units=W1.shape[1], activation="sigmoid")
            layer_2 = tf.keras.layers.Dense(units=W2.shape[1], activation="sigmoid")
            layer_1.build((None, W1.shape[0]))
            layer_2.build((None, W2.shape[0]))
            layer_1.set_weights([W1.T, b1])  # one row per neuron, as in notebook 01's layer_forward
            layer_2.set_weights([W2.T, b2])
            A1 = layer_1(X)
            return A1.numpy(), layer_2(A1).numpy()
    """),
    Wrong("keras_forward", "ACTIVATION_MISSING", source="""
        def keras_forward(X, W1, b1, W2, b2):
            layer_1 = tf.keras.layers.Dense(units=W1.shape[1])
            layer_2 = tf.keras.layers.Dense(units=W2.shape[1])
            layer_1.build((None, W1.shape[0]))
            layer_2.build((None, W2.shape[0]))
            layer_1.set_weights([W1, b1])
            layer_2.set_weights([W2, b2])
            A1 = layer_1(X)
            return A1.numpy(), layer_2(A1).numpy()
    """),
    Wrong("keras_forward", "TENSOR_RETURNED", source="""
        def keras_forward(X, W1, b1, W2, b2):
            layer_1 = tf.keras.layers.Dense(units=W1.shape[1], activation="sigmoid")
            layer_2 = tf.keras.layers.Dense(units=W2.shape[1], activation="sigmoid")
            layer_1(X)
            layer_1.set_weights([W1, b1])
            a1 = layer_1(X)
            layer_2(a1)
            layer_2.set_weights([W2, b2])
            return a1, layer_2(a1)
    """),
    Wrong("keras_forward", "TOOL_MISSING", fails=("test_keras_forward_coffee",), source="""
        def keras_forward(X, W1, b1, W2, b2):
            A1 = sigmoid(X @ W1 + b1)
            return A1, sigmoid(A1 @ W2 + b2)
    """),
    # build_classifier
    Wrong("build_classifier", "DOUBLE_SOFTMAX", fails=("test_build_classifier_layers", "test_build_classifier_general"),
          source="""
        def build_classifier(hidden_units, n_classes):
            layers = [tf.keras.layers.Dense(units, activation="relu") for units in hidden_units]
            model = tf.keras.Sequential(layers + [tf.keras.layers.Dense(n_classes, activation="softmax")])
            model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
                          loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
            return model
    """),
    Wrong("build_classifier", "FROM_LOGITS_MISSING", fails=("test_build_classifier_loss", "test_build_classifier_general"),
          source="""
        def build_classifier(hidden_units, n_classes):
            layers = [tf.keras.layers.Dense(units, activation="relu") for units in hidden_units]
            model = tf.keras.Sequential(layers + [tf.keras.layers.Dense(n_classes, activation="linear")])
            model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
                          loss=tf.keras.losses.SparseCategoricalCrossentropy())
            return model
    """),
    Wrong("build_classifier", "HARD_CODED_SIZE", fails=("test_build_classifier_layers", "test_build_classifier_general"),
          source="""
        def build_classifier(hidden_units, n_classes):
            model = tf.keras.Sequential([
                tf.keras.layers.Dense(units=25, activation="relu"),
                tf.keras.layers.Dense(units=15, activation="relu"),
                tf.keras.layers.Dense(units=10, activation="linear")])
            model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
                          loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
            return model
    """),
    # collapse_linear
    Wrong("collapse_linear", ("ELEMENTWISE_PRODUCT", "SHAPES_DO_NOT_FIT"), source="""
        def collapse_linear(layers):
            W, b = layers[0]
            for W_next, b_next in layers[1:]:
                W = W * W_next
                b = b @ W_next + b_next
            return W, b
    """),
    Wrong("collapse_linear", ("TRANSPOSED", "SHAPES_DO_NOT_FIT"), source="""
        def collapse_linear(layers):
            W, b = layers[0]
            for W_next, b_next in layers[1:]:
                W = W_next @ W
                b = b @ W_next + b_next
            return W, b
    """),
    Wrong("collapse_linear", "HARD_CODED_SIZE", source="""
        def collapse_linear(layers):
            (W1, b1), (W2, b2) = layers[0], layers[1]
            return W1 @ W2, b1 @ W2 + b2
    """),
    # train_binary_classifier
    Wrong("train_binary_classifier", "DOUBLE_SIGMOID",
          fails=("test_train_binary_classifier_model", "test_train_binary_classifier_general"), source="""
        def train_binary_classifier(X, y, hidden_units, epochs, seed):
            tf.keras.utils.set_random_seed(seed)
            layers = [tf.keras.layers.Dense(units, activation="relu") for units in hidden_units]
            model = tf.keras.Sequential(layers + [tf.keras.layers.Dense(1, activation="sigmoid")])
            model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
                          loss=tf.keras.losses.BinaryCrossentropy(from_logits=True))
            model.fit(X, y, epochs=epochs, verbose=0)
            return model
    """),
    Wrong("train_binary_classifier", "FROM_LOGITS_MISSING",
          fails=("test_train_binary_classifier_model", "test_train_binary_classifier_general"), source="""
        def train_binary_classifier(X, y, hidden_units, epochs, seed):
            tf.keras.utils.set_random_seed(seed)
            layers = [tf.keras.layers.Dense(units, activation="relu") for units in hidden_units]
            model = tf.keras.Sequential(layers + [tf.keras.layers.Dense(1, activation="linear")])
            model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3), loss="binary_crossentropy")
            model.fit(X, y, epochs=epochs, verbose=0)
            return model
    """),
    Wrong("train_binary_classifier", "UNSEEDED",
          fails=("test_train_binary_classifier_seed", "test_train_binary_classifier_general"), source="""
        def train_binary_classifier(X, y, hidden_units, epochs, seed):
            layers = [tf.keras.layers.Dense(units, activation="relu") for units in hidden_units]
            model = tf.keras.Sequential(layers + [tf.keras.layers.Dense(1, activation="linear")])
            model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
                          loss=tf.keras.losses.BinaryCrossentropy(from_logits=True))
            model.fit(X, y, epochs=epochs, verbose=0)
            return model
    """),
    Wrong("train_binary_classifier", "SEED_IGNORED", fails=("test_train_binary_classifier_general",),
          hidden_only=True, source="""
        def train_binary_classifier(X, y, hidden_units, epochs, seed):
            tf.keras.utils.set_random_seed(0)
            layers = [tf.keras.layers.Dense(units, activation="relu") for units in hidden_units]
            model = tf.keras.Sequential(layers + [tf.keras.layers.Dense(1, activation="linear")])
            model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
                          loss=tf.keras.losses.BinaryCrossentropy(from_logits=True))
            model.fit(X, y, epochs=epochs, verbose=0)
            return model
    """),
    # select_hidden_size
    Wrong("select_hidden_size", "TEST_SET_PEEKING", source="""
        def select_hidden_size(sizes, fit, accuracy, X_train, y_train, X_val, y_val, X_test, y_test):
            models = [fit(size, X_train, y_train) for size in sizes]
            val_accuracies = np.array([accuracy(model, X_val, y_val) for model in models])
            test_accuracies = [accuracy(model, X_test, y_test) for model in models]
            best = int(np.argmax(test_accuracies))
            return sizes[best], val_accuracies, test_accuracies[best]
    """),
    Wrong("select_hidden_size", "TEST_SET_PEEKING",
          fails=("test_select_hidden_size_test_once", "test_select_hidden_size_general"), source="""
        def select_hidden_size(sizes, fit, accuracy, X_train, y_train, X_val, y_val, X_test, y_test):
            val_accuracies, test_accuracies = [], []
            for size in sizes:
                model = fit(size, X_train, y_train)
                val_accuracies.append(accuracy(model, X_val, y_val))
                test_accuracies.append(accuracy(model, X_test, y_test))
            best = int(np.argmax(val_accuracies))
            return sizes[best], np.array(val_accuracies), test_accuracies[best]
    """),
    Wrong("select_hidden_size", "NOTEBOOK_GLOBAL",
          fails=("test_select_hidden_size_on_validation", "test_select_hidden_size_general"), source="""
        def select_hidden_size(sizes, fit, accuracy, X_train, y_train, X_val, y_val, X_test, y_test):
            models = [fit(size, X_fit, y_fit) for size in sizes]
            val_accuracies = np.array([accuracy(model, X_val, y_val) for model in models])
            best = int(np.argmax(val_accuracies))
            return sizes[best], val_accuracies, accuracy(models[best], X_test, y_test)
    """),
]

ALTERNATIVE = [
    Alternative("softmax", """
        def softmax(z):
            Z = np.atleast_2d(np.asarray(z, dtype=float))
            out = np.empty_like(Z)
            for i, row in enumerate(Z):
                e = np.exp(row - row.max())
                out[i] = e / e.sum()
            return out.reshape(np.shape(z))
    """),
    Alternative("sparse_cross_entropy", """
        def sparse_cross_entropy(Z, y):
            total = 0.0
            for z, label in zip(np.asarray(Z, dtype=float), y):
                m = z.max()
                total += m + np.log(np.exp(z - m).sum()) - z[label]
            return total / len(y)
    """),
    Alternative("cross_entropy_gradient", """
        def cross_entropy_gradient(Z, y):
            N, k = np.shape(Z)
            return (softmax(Z) - np.eye(k)[y]) / N
    """),
    Alternative("cross_entropy_gradient", """
        def cross_entropy_gradient(Z, y):
            G = np.zeros(np.shape(Z))
            for i, (z, label) in enumerate(zip(np.asarray(Z, dtype=float), y)):
                log_sum_exp = z.max() + np.log(np.sum(np.exp(z - z.max())))
                G[i] = np.exp(z - log_sum_exp)
                G[i, label] -= 1.0
            return G / len(G)
    """),
    Alternative("keras_forward", """
        def keras_forward(X, W1, b1, W2, b2):
            model = tf.keras.Sequential([
                tf.keras.Input(shape=(W1.shape[0],)),
                tf.keras.layers.Dense(W1.shape[1], activation="sigmoid",
                                      kernel_initializer=tf.constant_initializer(W1),
                                      bias_initializer=tf.constant_initializer(b1)),
                tf.keras.layers.Dense(W2.shape[1], activation=tf.nn.sigmoid,
                                      kernel_initializer=tf.constant_initializer(W2),
                                      bias_initializer=tf.constant_initializer(b2))])
            A1 = model.layers[0](X)
            return np.array(A1), np.array(model(X))
    """),
    Alternative("build_classifier", """
        def build_classifier(hidden_units, n_classes):
            model = tf.keras.Sequential()
            for units in hidden_units:
                model.add(tf.keras.layers.Dense(units=units, activation=tf.keras.activations.relu))
            model.add(tf.keras.layers.Dense(units=n_classes))
            model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
            return model
    """),
    Alternative("collapse_linear", """
        def collapse_linear(layers):
            n = np.shape(layers[0][0])[0]
            W, b = np.eye(n), np.zeros(n)
            for W_k, b_k in layers:
                W, b = np.matmul(W, W_k), np.matmul(b, W_k) + b_k
            return W, b
    """),
    Alternative("collapse_linear", """
        def collapse_linear(layers):
            W, b = layers[0]
            for W_next, b_next in layers[1:]:
                W, b = W @ W_next, b @ W_next + b_next
            return W, b
    """),
    Alternative("train_binary_classifier", """
        def train_binary_classifier(X, y, hidden_units, epochs, seed):
            tf.keras.utils.set_random_seed(seed)
            model = tf.keras.Sequential([tf.keras.Input(shape=(X.shape[1],))])
            for units in hidden_units:
                model.add(tf.keras.layers.Dense(units, activation="relu"))
            model.add(tf.keras.layers.Dense(1))
            model.compile(optimizer=tf.keras.optimizers.Adam(1e-3),
                          loss=tf.keras.losses.BinaryCrossentropy(from_logits=True))
            if epochs > 0:
                model.fit(X, y, epochs=epochs, batch_size=32, verbose=0)
            return model
    """),
    Alternative("select_hidden_size", """
        def select_hidden_size(sizes, fit, accuracy, X_train, y_train, X_val, y_val, X_test, y_test):
            val_accuracies = []
            best_size, best_model, best_accuracy = None, None, -1.0
            for size in sizes:
                model = fit(size, X_train, y_train)
                score = accuracy(model, X_val, y_val)
                val_accuracies.append(score)
                if score > best_accuracy:
                    best_size, best_model, best_accuracy = size, model, score
            return best_size, np.array(val_accuracies), float(accuracy(best_model, X_test, y_test))
    """),
]
