"""Wrong and alternative answers for 01_dot_products."""
from . import Alternative, Wrong

WRONG = [
    # dot
    Wrong("dot", "ELEMENTWISE_PRODUCT", fails=("test_dot_by_hand", "test_dot_general"), source="""
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError("lengths differ")
            return np.asarray(a) * np.asarray(b)
    """),
    Wrong("dot", "LIST_ARITHMETIC", fails=("test_dot_by_hand", "test_dot_general"), source="""
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError("lengths differ")
            return sum(a * b)
    """),
    Wrong("dot", "SIZES_NOT_CHECKED", fails=("test_dot_lengths", "test_dot_general"), source="""
        def dot(a, b):
            return sum(x * y for x, y in zip(a, b))
    """),
    Wrong("dot", "HARD_CODED_SIZE", fails=("test_dot_by_hand", "test_dot_general"), source="""
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError("lengths differ")
            return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
    """),
    # neural_network
    Wrong("neural_network", "ELEMENTWISE_PRODUCT", source="""
        def neural_network(input, weights):
            return input * weights
    """),
    Wrong("neural_network", "NOTEBOOK_GLOBAL", fails=("test_neural_network_general",), source="""
        def neural_network(input, weights):
            return float(np.dot(first_game, weights))
    """),
    Wrong("neural_network", "HARD_CODED_SIZE", fails=("test_neural_network_general",), source="""
        def neural_network(input, weights):
            return input[0] * weights[0] + input[1] * weights[1] + input[2] * weights[2]
    """),
    # ele_mul
    Wrong("ele_mul", "LIST_ARITHMETIC", source="""
        def ele_mul(number, vector):
            return number * vector
    """),
    Wrong("ele_mul", "INTEGER_RESULT", fails=("test_ele_mul_general",), source="""
        def ele_mul(number, vector):
            output = np.zeros_like(vector)
            for i in range(len(vector)):
                output[i] = number * vector[i]
            return output
    """),
    Wrong("ele_mul", "MUTATED_INPUT", source="""
        def ele_mul(number, vector):
            vector = np.asarray(vector, dtype=float)
            for i in range(len(vector)):
                vector[i] *= number
            return vector
    """),
    # vect_mat_mul
    Wrong("vect_mat_mul", "TRANSPOSED", source="""
        def vect_mat_mul(vect, matrix):
            return np.asarray(vect) @ np.asarray(matrix)
    """),
    Wrong("vect_mat_mul", "ELEMENTWISE_PRODUCT", source="""
        def vect_mat_mul(vect, matrix):
            return matrix * vect
    """),
    Wrong("vect_mat_mul", "HARD_CODED_SIZE", fails=("test_vect_mat_mul_general",), source="""
        def vect_mat_mul(vect, matrix):
            output = np.zeros(3)
            for i in range(3):
                output[i] = np.dot(matrix[i], vect)
            return output
    """),
    # matmul
    Wrong("matmul", "ELEMENTWISE_PRODUCT", fails=("test_matmul_by_hand", "test_matmul_general"), source="""
        def matmul(A, B):
            A, B = np.asarray(A), np.asarray(B)
            if A.shape[1] != B.shape[0]:
                raise ValueError("shapes do not fit")
            return A * B
    """),
    Wrong("matmul", "TRANSPOSED", fails=("test_matmul_by_hand", "test_matmul_general"), source="""
        def matmul(A, B):
            A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
            if A.shape[1] != B.shape[0]:
                raise ValueError("shapes do not fit")
            C = np.zeros((A.shape[0], B.shape[1]))
            for i in range(A.shape[0]):
                for j in range(B.shape[1]):
                    C[i, j] = np.dot(B[i, :], A[:, j])
            return C
    """),
    Wrong("matmul", "SIZES_NOT_CHECKED", fails=("test_matmul_shapes", "test_matmul_general"), source="""
        def matmul(A, B):
            m, n = A.shape
            C = np.zeros((m, B.shape[1]))
            for i in range(m):
                for j in range(B.shape[1]):
                    for k in range(n):
                        C[i, j] += A[i, k] * B[k, j]
            return C
    """),
    # layer_forward
    Wrong("layer_forward", "TRANSPOSED", source="""
        def layer_forward(W, x, b):
            return x @ W + b
    """),
    Wrong("layer_forward", "BROADCAST_COLUMN", source="""
        def layer_forward(W, x, b):
            return W @ x.reshape(-1, 1) + b
    """),
    Wrong("layer_forward", "ELEMENTWISE_PRODUCT", source="""
        def layer_forward(W, x, b):
            return W * x + b
    """),
    # dense_loop
    Wrong("dense_loop", "TRANSPOSED", source="""
        def dense_loop(a_in, W, b):
            units = W.shape[1]
            z = np.zeros(units)
            for j in range(units):
                z[j] = np.dot(W[j, :], a_in) + b[j]
            return z
    """),
    Wrong("dense_loop", "INTEGER_RESULT", fails=("test_dense_loop_general",), source="""
        def dense_loop(a_in, W, b):
            z = np.zeros_like(b)
            for j in range(W.shape[1]):
                z[j] = np.dot(W[:, j], a_in) + b[j]
            return z
    """),
    Wrong("dense_loop", "HARD_CODED_SIZE", source="""
        def dense_loop(a_in, W, b):
            z = np.zeros(3)
            for j in range(3):
                z[j] = np.dot(W[:, j], a_in) + b[j]
            return z
    """),
    # dense_vectorized
    Wrong("dense_vectorized", "TRANSPOSED", source="""
        def dense_vectorized(A_in, W, B):
            return np.matmul(W.T, A_in.T) + B.reshape(-1, 1)
    """),
    Wrong("dense_vectorized", "BROADCAST_COLUMN", source="""
        def dense_vectorized(A_in, W, B):
            return np.matmul(A_in, W) + B.reshape(-1, 1)
    """),
    Wrong("dense_vectorized", "HARD_CODED_SIZE", source="""
        def dense_vectorized(A_in, W, B):
            return np.matmul(A_in[0], W) + B
    """),
]

ALTERNATIVE = [
    Alternative("dot", """
        def dot(a, b):
            return sum(x * y for x, y in zip(a, b, strict=True))
    """),
    Alternative("neural_network", """
        def neural_network(input, weights):
            prediction = 0.0
            for value, weight in zip(input, weights):
                prediction += value * weight
            return prediction
    """),
    Alternative("ele_mul", """
        def ele_mul(number, vector):
            return [number * weight for weight in vector]
    """),
    Alternative("vect_mat_mul", """
        def vect_mat_mul(vect, matrix):
            return np.asarray(matrix) @ np.asarray(vect)
    """),
    Alternative("matmul", """
        def matmul(A, B):
            if np.shape(A)[1] != np.shape(B)[0]:
                raise ValueError(f"{np.shape(A)} and {np.shape(B)} do not fit together")
            return np.einsum("ik,kj->ij", A, B)
    """),
    Alternative("layer_forward", """
        def layer_forward(W, x, b):
            return np.array([np.dot(row, x) + bias for row, bias in zip(W, b)])
    """),
    Alternative("dense_loop", """
        def dense_loop(a_in, W, b):
            return np.dot(a_in, W) + b
    """),
    Alternative("dense_vectorized", """
        def dense_vectorized(A_in, W, B):
            return np.dot(A_in, W) + B
    """),
]
