"""Wrong and alternative answers for 01_dot_products: every mistake of the catalogue that applies, including the
escapes of a list where an array is promised, integer arrays that truncate mixed int/float results (some found
only by the search of every mix of int and float arguments), float32 arithmetic, and the exercises' stated rules
(loops, no ready-made products)."""
from . import Alternative, Wrong

WRONG = [
    # dot
    Wrong("dot", "ELEMENTWISE_PRODUCT", fails=("test_dot_by_hand", "test_dot_general"), source="""
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError("lengths differ")
            products = []
            for x, y in zip(a, b):
                products.append(x * y)
            return np.array(products)
    """),
    Wrong("dot", "LIST_ARITHMETIC", fails=("test_dot_by_hand", "test_dot_general"), source="""
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError("lengths differ")
            total = 0
            for product in a * b:
                total += product
            return total
    """),
    Wrong("dot", "SIZES_NOT_CHECKED", fails=("test_dot_lengths", "test_dot_general"), source="""
        def dot(a, b):
            return sum(x * y for x, y in zip(a, b))
    """),
    Wrong("dot", ("HARD_CODED_SIZE", "INDEX_PAST_END"), fails=("test_dot_by_hand", "test_dot_general"), source="""
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError("lengths differ")
            total = 0.0
            for i in range(3):
                total += a[i] * b[i]
            return total
    """),
    Wrong("dot", "EMPTY_INPUT", fails=("test_dot_by_hand", "test_dot_general"), source="""
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError("lengths differ")
            total = a[0] * b[0]
            for i in range(1, len(a)):
                total += a[i] * b[i]
            return total
    """),
    Wrong("dot", "INTEGER_RESULT", fails=("test_dot_by_hand", "test_dot_general"), source="""
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError("lengths differ")
            products = np.zeros_like(a)
            for i in range(len(a)):
                products[i] = a[i] * b[i]
            total = 0.0
            for product in products:
                total += product
            return total
    """),
    Wrong("dot", "LOOP_MISSING", fails=("test_dot_rules",), source="""
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError("lengths differ")
            return float(np.dot(a, b))
    """),
    Wrong("dot", "RULED_OUT", fails=("test_dot_rules",), source="""
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError("lengths differ")
            return float(np.sum([a[i] * b[i] for i in range(len(a))]))
    """),
    # neural_network
    Wrong("neural_network", "ELEMENTWISE_PRODUCT", source="""
        def neural_network(input, weights):
            return input * weights
    """),
    Wrong("neural_network", "NOTEBOOK_GLOBAL", source="""
        def neural_network(input, weights):
            return float(np.dot(first_game, weights))
    """),
    Wrong("neural_network", "HARD_CODED_SIZE", fails=("test_neural_network_general",), hidden_only=True, source="""
        def neural_network(input, weights):
            return input[0] * weights[0] + input[1] * weights[1] + input[2] * weights[2]
    """),
    Wrong("neural_network", "ONE_BY_ONE_ARRAY", source="""
        def neural_network(input, weights):
            return np.array([np.dot(input, weights)])
    """),
    # ele_mul
    Wrong("ele_mul", ("LIST_ARITHMETIC", "LOOP_MISSING"), source="""
        def ele_mul(number, vector):
            return number * vector
    """),
    Wrong("ele_mul", "INTEGER_RESULT", fails=("test_ele_mul_examples", "test_ele_mul_general"), source="""
        def ele_mul(number, vector):
            output = np.zeros_like(vector)
            for i in range(len(vector)):
                output[i] = number * vector[i]
            return output
    """),
    Wrong("ele_mul", "MUTATED_INPUT", fails=("test_ele_mul_examples", "test_ele_mul_general"), source="""
        def ele_mul(number, vector):
            vector = np.asarray(vector, dtype=float)
            for i in range(len(vector)):
                vector[i] *= number
            return vector
    """),
    Wrong("ele_mul", "RETURNED_LIST", fails=("test_ele_mul_examples", "test_ele_mul_general"), source="""
        def ele_mul(number, vector):
            return [number * weight for weight in vector]
    """),
    Wrong("ele_mul", "LOOP_MISSING", fails=("test_ele_mul_rules",), source="""
        def ele_mul(number, vector):
            return number * np.asarray(vector, dtype=float)
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
    Wrong("vect_mat_mul", ("HARD_CODED_SIZE", "INDEX_PAST_END"), source="""
        def vect_mat_mul(vect, matrix):
            output = np.zeros(3)
            for i in range(3):
                output[i] = np.dot(matrix[i], vect)
            return output
    """),
    Wrong("vect_mat_mul", "RETURNED_LIST", source="""
        def vect_mat_mul(vect, matrix):
            return [float(np.dot(row, vect)) for row in matrix]
    """),
    Wrong("vect_mat_mul", "INTEGER_RESULT", source="""
        def vect_mat_mul(vect, matrix):
            output = np.zeros(len(matrix), dtype=matrix.dtype)
            for i in range(len(matrix)):
                output[i] = np.dot(matrix[i], vect)
            return output
    """),
    Wrong("vect_mat_mul", "OUTPUT_SHAPED_LIKE_INPUT", source="""
        def vect_mat_mul(vect, matrix):
            output = np.zeros(len(vect))
            for i in range(len(matrix)):
                output[i] = np.dot(matrix[i], vect)
            return output
    """),
    # matmul
    Wrong("matmul", "ELEMENTWISE_PRODUCT", fails=("test_matmul_by_hand", "test_matmul_general"), source="""
        def matmul(A, B):
            A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
            if A.shape[1] != B.shape[0]:
                raise ValueError("shapes do not fit")
            C = np.zeros((A.shape[0], B.shape[1]))
            for i in range(A.shape[0]):
                for j in range(B.shape[1]):
                    C[i, j] = A[i, j] * B[i, j]
            return C
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
    Wrong("matmul", "RETURNED_LIST", fails=("test_matmul_by_hand", "test_matmul_general"), source="""
        def matmul(A, B):
            if len(A[0]) != len(B):
                raise ValueError("shapes do not fit")
            return [[sum(A[i][k] * B[k][j] for k in range(len(B))) for j in range(len(B[0]))]
                    for i in range(len(A))]
    """),
    Wrong("matmul", "INTEGER_RESULT", fails=("test_matmul_by_hand", "test_matmul_general"), source="""
        def matmul(A, B):
            if A.shape[1] != B.shape[0]:
                raise ValueError("shapes do not fit")
            C = np.zeros((A.shape[0], B.shape[1]), dtype=A.dtype)
            for i in range(A.shape[0]):
                for j in range(B.shape[1]):
                    C[i, j] = np.dot(A[i, :], B[:, j])
            return C
    """),
    Wrong("matmul", "FLOAT32", fails=("test_matmul_by_hand", "test_matmul_general"), source="""
        def matmul(A, B):
            if A.shape[1] != B.shape[0]:
                raise ValueError("shapes do not fit")
            C = np.zeros((A.shape[0], B.shape[1]), dtype=np.float32)
            for i in range(A.shape[0]):
                for j in range(B.shape[1]):
                    C[i, j] = np.dot(A[i, :], B[:, j])
            return C
    """),
    Wrong("matmul", "LOOP_MISSING", fails=("test_matmul_rules",), source="""
        def matmul(A, B):
            if np.shape(A)[1] != np.shape(B)[0]:
                raise ValueError(f"{np.shape(A)} and {np.shape(B)} do not fit together")
            return np.einsum("ik,kj->ij", A, B)
    """),
    Wrong("matmul", "RULED_OUT", fails=("test_matmul_rules",), source="""
        def matmul(A, B):
            A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
            if A.shape[1] != B.shape[0]:
                raise ValueError("shapes do not fit")
            C = np.zeros((A.shape[0], B.shape[1]))
            for i in range(A.shape[0]):
                C[i, :] = A[i, :] @ B
            return C
    """),
    Wrong("matmul", "OUTPUT_SHAPED_LIKE_INPUT", fails=("test_matmul_by_hand", "test_matmul_general"), source="""
        def matmul(A, B):
            if A.shape[1] != B.shape[0]:
                raise ValueError("shapes do not fit")
            C = np.zeros_like(A, dtype=float)
            for i in range(A.shape[0]):
                for j in range(B.shape[1]):
                    C[i, j] = np.dot(A[i, :], B[:, j])
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
    Wrong("layer_forward", "IN_PLACE_ON_INTEGERS", source="""
        def layer_forward(W, x, b):
            Z = W @ x
            Z += b
            return Z
    """),
    Wrong("layer_forward", "FLOAT32", source="""
        def layer_forward(W, x, b):
            return W.astype(np.float32) @ x.astype(np.float32) + b.astype(np.float32)
    """),
    Wrong("layer_forward", "INTEGER_RESULT", fails=("test_layer_forward_general",), hidden_only=True, source="""
        def layer_forward(W, x, b):
            Z = np.zeros(len(b), dtype=np.result_type(W, b))   # a float array when W or b holds floats
            for i in range(len(b)):
                Z[i] = np.dot(W[i], x) + b[i]
            return Z
    """),
    # dense_loop
    Wrong("dense_loop", "TRANSPOSED", fails=("test_dense_loop_coffee", "test_dense_loop_general"), source="""
        def dense_loop(a_in, W, b):
            units = W.shape[1]
            z = np.zeros(units)
            for j in range(units):
                z[j] = np.dot(W[j, :], a_in) + b[j]
            return z
    """),
    Wrong("dense_loop", "INTEGER_RESULT", fails=("test_dense_loop_coffee", "test_dense_loop_general"), source="""
        def dense_loop(a_in, W, b):
            z = np.zeros_like(b)
            for j in range(W.shape[1]):
                z[j] = np.dot(W[:, j], a_in) + b[j]
            return z
    """),
    Wrong("dense_loop", ("HARD_CODED_SIZE", "INDEX_PAST_END"), fails=("test_dense_loop_coffee", "test_dense_loop_general"),
          source="""
        def dense_loop(a_in, W, b):
            z = np.zeros(3)
            for j in range(3):
                z[j] = np.dot(W[:, j], a_in) + b[j]
            return z
    """),
    Wrong("dense_loop", "INTEGER_RESULT", fails=("test_dense_loop_general",), hidden_only=True, source="""
        def dense_loop(a_in, W, b):
            units = W.shape[1]
            z = np.zeros(units, dtype=np.result_type(W, b))   # floats when the weights or the biases are
            for j in range(units):
                z[j] = np.dot(W[:, j], a_in) + b[j]
            return z
    """),
    Wrong("dense_loop", "LOOP_MISSING", fails=("test_dense_loop_rules",), source="""
        def dense_loop(a_in, W, b):
            return np.dot(a_in, W) + b
    """),
    # dense_vectorized
    Wrong("dense_vectorized", "TRANSPOSED", fails=("test_dense_vectorized_coffee", "test_dense_vectorized_batches"),
          source="""
        def dense_vectorized(A_in, W, B):
            return np.matmul(W.T, A_in.T) + B.reshape(-1, 1)
    """),
    Wrong("dense_vectorized", "BROADCAST_COLUMN", fails=("test_dense_vectorized_coffee", "test_dense_vectorized_batches"),
          source="""
        def dense_vectorized(A_in, W, B):
            return np.matmul(A_in, W) + B.reshape(-1, 1)
    """),
    Wrong("dense_vectorized", "ONLY_FIRST_EXAMPLE", fails=("test_dense_vectorized_coffee", "test_dense_vectorized_batches"),
          source="""
        def dense_vectorized(A_in, W, B):
            return np.matmul(A_in[0], W) + B
    """),
    Wrong("dense_vectorized", "IN_PLACE_ON_INTEGERS", fails=("test_dense_vectorized_coffee", "test_dense_vectorized_batches"),
          source="""
        def dense_vectorized(A_in, W, B):
            Z = np.matmul(A_in, W)
            Z += B
            return Z
    """),
    Wrong("dense_vectorized", "LOOP_NOT_ALLOWED", fails=("test_dense_vectorized_rules",), source="""
        def dense_vectorized(A_in, W, B):
            if np.ndim(A_in) == 1:
                return A_in @ W + B
            return np.array([a @ W + B for a in A_in])
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
            return np.array([number * weight for weight in vector], dtype=float)
    """),
    Alternative("vect_mat_mul", """
        def vect_mat_mul(vect, matrix):
            return np.asarray(matrix) @ np.asarray(vect)
    """),
    Alternative("matmul", """
        def matmul(A, B):
            if np.shape(A)[1] != np.shape(B)[0]:
                raise ValueError(f"{np.shape(A)} and {np.shape(B)} do not fit together")
            C = np.zeros((np.shape(A)[0], np.shape(B)[1]))
            for i in range(C.shape[0]):
                for j in range(C.shape[1]):
                    C[i, j] = dot(A[i, :], B[:, j])
            return C
    """),
    Alternative("matmul", """
        def matmul(A, B):
            if len(A[0]) != len(B):
                raise ValueError("A needs as many columns as B has rows")
            return np.array([[sum(A[i][k] * B[k][j] for k in range(len(B))) for j in range(len(B[0]))]
                             for i in range(len(A))])
    """),
    Alternative("layer_forward", """
        def layer_forward(W, x, b):
            return np.array([np.dot(row, x) + bias for row, bias in zip(W, b)])
    """),
    Alternative("dense_loop", """
        def dense_loop(a_in, W, b):
            return np.array([W[:, j] @ a_in + b[j] for j in range(W.shape[1])])
    """),
    Alternative("dense_vectorized", """
        def dense_vectorized(A_in, W, B):
            return np.dot(A_in, W) + B
    """),
    Alternative("dense_vectorized", """
        def dense_vectorized(A_in, W, B):
            return A_in @ W + B
    """),
]
