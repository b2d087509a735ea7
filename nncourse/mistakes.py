"""The catalogue of mistakes that the course's tests recognise.

Each member is a *diagnosis* (what the result or the code looks like) and an *advice* (what to do instead); a
student reads them as one sentence, ``hint``. The diagnosis is the mistake's name in words and never changes;
an exercise may give its own advice (``check(..., advice={Mistake.X: "..."})``) so that no message recommends
something the exercise rules out. Test cells name the mistakes they expect (``suspects={Mistake.X: value}``),
so reading a test also tells a student which mistakes it guards against.
"""
from enum import Enum


class Mistake(Enum):
    # Arrays and shapes
    ELEMENTWISE_PRODUCT = (
        "It looks like you used `*` (element-wise product) where a dot or matrix product was needed",
        "multiply matching entries and add the products up.",
    )
    LIST_ARITHMETIC = (
        "It looks like Python lists were combined with `*` or `+`, which repeat or concatenate lists instead "
        "of doing arithmetic",
        "convert the inputs with `np.asarray(...)` or work entry by entry.",
    )
    TRANSPOSED = (
        "It looks like a transpose is missing or extra (or the operands are swapped)",
        "check which axis holds the inputs and which holds the outputs, as the docstring states.",
    )
    INNER_PRODUCT = (
        "It looks like the inner product B^T A (one number, in a (1, 1) array) was computed where the outer "
        "product B A^T was asked",
        "make the second column the row: `B @ A.T` multiplies every entry of B with every entry of A.",
    )
    BROADCAST_COLUMN = (
        "It looks like a row met a column (an (n,) or (1, n) array and an (n, 1) array) and NumPy broadcast "
        "them into an (n, n) result",
        "give both operands the same orientation (`.ravel()`, `.reshape(-1)`).",
    )
    ONE_BY_ONE_ARRAY = (
        "It looks like an array was returned where a single number was expected",
        "return a number (for example `float(result)` or `result.item()`).",
    )
    RETURNED_LIST = (
        "It looks like a Python list was returned where the docstring promises a NumPy array",
        "build the result as an array (`np.zeros(...)` filled in a loop, or `np.array(...)` of the list).",
    )
    INTEGER_RESULT = (
        "It looks like the result was stored in an integer array, which truncates the decimals",
        "create the output as floats (for example `np.zeros(n)` rather than `np.zeros_like(int_array)` or "
        "`dtype=A.dtype`).",
    )
    NUMBER_TYPE = (
        "The value is right but its type is not the one the docstring promises (an int, a float or a bool, a "
        "Python number or a NumPy one)",
        "convert the result as the sentence above says, where it is returned.",
    )
    IN_PLACE_ON_INTEGERS = (
        "An in-place operation such as `Z += B` tried to store floats in an integer array `Z`",
        "write `Z = Z + B`, which makes a new array that can hold the floats.",
    )
    FLOAT32 = (
        "It looks like the arithmetic was done in float32, which keeps only about 7 significant digits",
        "keep NumPy's default float64 (no `np.float32(...)` or `dtype=np.float32`).",
    )
    MUTATED_INPUT = (
        "It looks like the function changed its input in place",
        "compute into a new array and leave the caller's arguments as they were.",
    )
    OUTPUT_SHAPED_LIKE_INPUT = (
        "It looks like the output was made with the shape of an input (`np.zeros_like(A)`, `len(vect)`)",
        "make it with the result's own shape, for example `np.zeros((m, p))` for an (m, p) result.",
    )
    HARD_CODED_SIZE = (
        "It looks like the code assumes the size of the example",
        "take every size from the arguments, for example `len(a)` or `W.shape[0]`.",
    )
    INDEX_PAST_END = (
        "An index ran past the end of an array",
        "take each loop's range from the size of the axis it indexes (`len(a)`, `W.shape[1]`), not from the "
        "example's size or from another axis.",
    )
    FLOAT_INDEX = (
        "An array or a list was indexed with a float: indices must be ints",
        "compute indices with ints (`//` for a division, `int(...)` for a float that holds a whole number).",
    )
    EMPTY_INPUT = (
        "The function failed on an empty input",
        "start a sum from 0 rather than from the first entry, so that a loop over nothing returns 0.",
    )
    ONLY_FIRST_EXAMPLE = (
        "It looks like only one example of the batch was computed (or the batch was flattened)",
        "keep the batch axis: the result needs one row per example.",
    )
    BIAS_MISSING = (
        "It looks like the bias was left out: the result is the weighted sum alone",
        "add the bias after the matrix product (`X @ W + B`).",
    )
    SHAPES_DO_NOT_FIT = (
        "NumPy refused to combine two arrays whose shapes do not fit",
        "print the `.shape` of each operand on that line and compare them with the shapes the docstring gives.",
    )
    NOTEBOOK_GLOBAL = (
        "It looks like the function uses a variable of the notebook instead of its own arguments",
        "use only the parameters the function receives.",
    )
    SIZES_NOT_CHECKED = (
        "It looks like the sizes of the inputs were not compared before they were used",
        "compare the sizes first and `raise ValueError(...)` when they do not fit together.",
    )
    RETURNED_NOTHING = (
        "The function returned None",
        "did you forget the `return` statement?",
    )
    NOT_FINITE = (
        "The result contains inf or NaN",
        "look for an overflow, a division by zero or a log of zero.",
    )
    EXP_OVERFLOW = (
        "`math.exp` overflowed: exp of a number above about 709 is larger than any float",
        "arrange the formula so that exp only meets numbers that are never positive (for a sigmoid, exp(-|z|)), "
        "and use `np.exp` on whole arrays.",
    )
    SCALAR_ONLY = (
        "It looks like an operation made for single numbers met an array (`math.pow`, `math.exp`, `float(x)` or "
        "an `if` on an array)",
        "use operations that work entry by entry on whole arrays: `x ** 2`, `np.exp(x)`, `np.tanh(x)`.",
    )
    WARNING_EMITTED = (
        "The code emitted a warning, and a graded cell must print nothing to stderr",
        "avoid the operation that warns (an overflowing `np.exp`, a division by zero) rather than silencing it.",
    )
    # Derivatives and gradients
    INTEGER_NUDGE = (
        "It looks like the nudged points x + h and x - h were stored in an integer array, which cuts h away",
        "make a float copy of x first (`np.array(x, dtype=float)`) and nudge the copy.",
    )
    FORWARD_DIFFERENCE = (
        "It looks like a one-sided difference (f(x + h) - f(x)) / h was used, whose error shrinks only like h",
        "use the central difference (f(x + h) - f(x - h)) / (2h), whose error shrinks like h squared.",
    )
    STEP_TOO_LARGE = (
        "The step h looks too large (or the arithmetic too coarse) for the accuracy asked",
        "use the step the docstring gives, in float64.",
    )
    SLOPE_SIGN = (
        "It looks like the difference was taken the wrong way round (f(w) - f(w + h), or f(w - h) - f(w + h)), "
        "which flips the slope's sign",
        "subtract the value at the smaller point from the value at the larger one: f(w + h) - f(w) over h, "
        "f(w + h) - f(w - h) over 2h.",
    )
    UPDATE_SIGN = (
        "It looks like the update climbed the gradient (`w + lr * grad`) instead of descending it",
        "subtract: `w - lr * grad` moves w downhill, where the loss is smaller.",
    )
    MISSING_MEAN = (
        "It looks like the 1/N of the mean is missing: that is the gradient of the summed loss, not of the mean",
        "divide by the number of examples, exactly as the loss does.",
    )
    MISSING_FACTOR_TWO = (
        "It looks like the factor 2 from differentiating the square is missing",
        "the derivative of (y - p)^2 with respect to p is -2 (y - p).",
    )
    BIAS_NOT_SUMMED = (
        "It looks like the bias gradient was not summed over the batch axis",
        "add up the contributions of all N examples (`.sum(axis=0)`), so that the gradient has the bias's shape.",
    )
    SIGMOID_PRIME_OF_ACTIVATION = (
        "It looks like the sigmoid's derivative was applied to the activation a = sigmoid(z) instead of to z",
        "sigmoid'(z) = a (1 - a) with a = sigmoid(z): apply the formula to a, do not take sigmoid of a again.",
    )
    SIGMOID_PRIME_FORMULA_ON_Z = (
        "It looks like the formula a (1 - a) was applied to z itself, as if z were already the activation "
        "a = sigmoid(z)",
        "compute a = sigmoid(z) first, then return a * (1 - a).",
    )
    GRADIENT_ASCENT = (
        "It looks like the gradient has the wrong sign: it points uphill",
        "written with the residual (y - y_hat) the gradient carries a leading minus, -2/N * sum(... (y - y_hat)); "
        "written with the miss (y_hat - y) it has none, 2/N * sum(... (y_hat - y)). Use one form, not half of each.",
    )
    NOT_RESET = (
        "It looks like a gradient or a running total kept its value from the previous step",
        "start every step's (or epoch's) totals from zero.",
    )
    PARTIALS_SWAPPED = (
        "It looks like the two partial derivatives were returned in each other's place",
        "return them in the order the docstring gives: the derivative with respect to the first variable first.",
    )
    OTHER_VARIABLE_NOT_CONSTANT = (
        "It looks like the other variable was not held constant: a term without the variable of the derivative "
        "was differentiated too",
        "treat every other variable as a fixed number: with respect to x, y³ is a constant (derivative 0) and "
        "3xy is 3y times x (derivative 3y).",
    )
    POWER_RULE = (
        "It looks like the power rule was applied wrongly",
        "the derivative of c·xⁿ is c·n·xⁿ⁻¹: the exponent multiplies the coefficient and drops by one.",
    )
    SIGN_FLIPPED = (
        "It looks like the sign is flipped: the result is the negative of the right one",
        "subtract in the formula's order, the value above minus the value below: f(x + h) - f(x - h).",
    )
    WRONG_DIVISOR = (
        "It looks like the difference was divided by the wrong distance",
        "f(x + h) - f(x) spans a step of h, but f(x + h) - f(x - h) spans 2h: divide each by its own step.",
    )
    CHAIN_RULE_ADDED = (
        "It looks like the rates along the chain were added: the chain rule multiplies them",
        "dz/dx = dz/dy · dy/dx: multiply the local derivatives along the path.",
    )
    PRODUCT_GRADIENT_SWAPPED = (
        "It looks like a factor of a product was given its own value as local derivative",
        "for e = a·b, de/da is the *other* factor b, and de/db is a.",
    )
    TANH_PRIME_WRONG_INPUT = (
        "It looks like tanh's derivative was computed from the wrong quantity",
        "with o = tanh(n), do/dn = 1 - o²: square the output o, not the input n, and do not take tanh of o again.",
    )
    UPDATED_TOO_EARLY = (
        "It looks like a layer's error was computed with weights already updated in the same step (the hidden "
        "layer's error read the new output weights)",
        "compute every layer's error from the weights the forward pass used, and only then update the weights.",
    )
    CHAIN_RULE_FACTOR_MISSING = (
        "It looks like a factor of the chain rule is missing: a local derivative was not multiplied by the "
        "gradient flowing in from above",
        "multiply each local derivative by the gradient of the node it feeds (dL/dx = dL/dy * dy/dx).",
    )
    GRADIENT_OVERWRITTEN = (
        "It looks like each path's gradient replaced the one before instead of adding to it (micrograd's `=` "
        "where `+=` belongs)",
        "a node used along several paths gets the sum of what each path brings: start from 0 and add with `+=`.",
    )
    PATHS_MULTIPLIED = (
        "It looks like the gradients of different paths were multiplied together",
        "multiply the rates along one path, then add the paths' products: gradients meeting at a node add.",
    )
    GRADIENT_SPLIT = (
        "It looks like the gradient was shared out between the inputs of a sum",
        "out = x + y moves by 1 when x moves by 1, so each input gets the whole gradient dL/dout.",
    )
    SUM_AS_PRODUCT = (
        "It looks like a sum was given a product's local derivatives (the other input)",
        "for out = x + y, dout/dx = dout/dy = 1: a sum passes dL/dout unchanged to each input.",
    )
    SIGMOID_PRIME_FOR_TANH = (
        "It looks like the sigmoid's derivative o(1 - o) was used for tanh",
        "with o = tanh(n), do/dn = 1 - o²: the square of the output, subtracted from 1.",
    )
    BACKWARD_ORDER = (
        "It looks like a node's _backward ran before the gradient from every node that uses it had arrived",
        "order the nodes so that each comes after its inputs (a topological order), set the output's grad to 1, "
        "and call _backward in reverse of that order.",
    )
    OUTPUT_GRAD_NOT_SEEDED = (
        "It looks like the output's own gradient was never set to 1, so nothing flowed back",
        "start backward() with self.grad = 1.0 (dL/dL = 1) before calling any _backward.",
    )
    # Training loops
    DIVERGED = (
        "The loss grew instead of shrinking (or became inf or NaN)",
        "check the sign of the update and the size of the step: too large a learning rate overshoots.",
    )
    PAIRS_BROKEN = (
        "It looks like X and y were shuffled separately, which breaks the pairs of inputs and targets",
        "draw one permutation and index both with it: `order = rng.permutation(N)`; `X[order], y[order]`.",
    )
    LAST_BATCH_DROPPED = (
        "It looks like the last, partial batch was dropped",
        "step through the rows with `range(0, N, batch_size)` and slice `X[start:start + batch_size]`.",
    )
    UNSEEDED = (
        "The result changes from one run to the next: some randomness is not seeded",
        "draw every random number from `np.random.default_rng(seed)`, with the seed the function receives.",
    )
    OFF_BY_ONE_STEPS = (
        "It looks like the history is one step off: a step too many or too few, or each value recorded after its "
        "update instead of before",
        "run exactly the number of steps asked, and record each value before the update it leads to (the start "
        "included when the docstring says so).",
    )
    STOPPED_EARLY = (
        "It looks like the loop stopped before the number of steps asked, once the error or the step reached 0",
        "run every step asked and record each one, even after the updates stop moving anything.",
    )
    SEED_IGNORED = (
        "It looks like the function does not use the seed it receives: it draws from a fixed seed, or from "
        "another generator",
        "make one generator `np.random.default_rng(seed)` from the `seed` argument and draw everything from it.",
    )
    SIGN_OF_INPUT_DROPPED = (
        "It looks like the sign of the input was dropped (`abs(input)`): with a negative input the weight then "
        "moves the wrong way",
        "multiply by the input itself, `(pred - goal_pred) * input`, so that a negative input reverses the step.",
    )
    MOVED_WITHOUT_IMPROVING = (
        "It looks like the weight moved even when neither nudge lowered the error, so it hops back and forth "
        "around the goal",
        "move only when the better nudge's error is smaller than the current error; otherwise keep the weight.",
    )
    ERROR_NOT_SQUARED = (
        "It looks like the raw miss (pred - goal_pred) was compared where its square was needed: a shortfall's "
        "miss is negative and looks smallest, so the weight keeps moving one way",
        "square the difference, `(pred - goal_pred) ** 2`, so that misses on both sides count as errors.",
    )
    NEVER_FINISHED = (
        "The function did not finish in time: a loop runs far more often than asked, or never stops",
        "bound every loop by the arguments (`for step in range(steps)`, at most `max_epochs` epochs), not by a "
        "condition that may never come true, such as `while` the loss is large or until nothing is misclassified.",
    )
    GLOBAL_SETTING = (
        "It looks like a training setting (a learning rate, a number of steps or epochs) was read from the "
        "notebook instead of the function's arguments",
        "use the arguments the function receives.",
    )
    # Classification
    THRESHOLD_TIE = (
        "It looks like a tie (a value exactly at the threshold) went the wrong way",
        "this rule outputs 1 only when the weighted sum is strictly greater than the threshold (`>`): a tie "
        "gives 0.",
    )
    BIAS_AS_THRESHOLD = (
        "It looks like the bias was used as a threshold (w·x > b, or w·x - b > 0), but a bias is minus the "
        "threshold",
        "add the bias and compare with zero: 1 if w·x + b > 0, else 0.",
    )
    LABELS_MIXED = (
        "It looks like labels {0, 1} were mixed with labels {-1, 1}",
        "use the labels the docstring gives, for targets and outputs alike.",
    )
    UPDATED_WHEN_CORRECT = (
        "It looks like the weights were updated on a point that was already classified correctly",
        "change the weights only when the prediction differs from the target.",
    )
    SIGMOID_OVERFLOW = (
        "It looks like `np.exp` overflowed for a large |z| (the naive 1 / (1 + exp(-z)))",
        "compute exp of a number that is never positive: for z < 0 use exp(z) / (1 + exp(z)).",
    )
    ACTIVATION_MISSING = (
        "It looks like the activation function was not applied: the result is the weighted input z, not g(z)",
        "apply the activation the exercise names before returning or feeding the next layer (`sigmoid(z)` in "
        "NumPy; in Keras `Dense(units, activation=\"relu\")`, since a `Dense` is linear without one).",
    )
    THRESHOLD_ON_Z = (
        "It looks like the threshold 0.5 was applied to z instead of to sigmoid(z)",
        "compare the probability sigmoid(z) with 0.5 (or z with 0, which is the same).",
    )
    SOFTMAX_OVERFLOW = (
        "It looks like softmax overflowed: the largest input was not subtracted before `np.exp`",
        "subtract each row's maximum first; the result is the same and `np.exp` never sees a large number.",
    )
    SOFTMAX_WHOLE_BATCH = (
        "It looks like softmax was normalised over the whole batch instead of each row",
        "sum over the last axis with `keepdims=True`, so that each row sums to 1.",
    )
    LABELS_OF_EVERY_ROW = (
        "It looks like `Z[:, y]` picked every row's logits at every label (an (N, N) array) where each row "
        "needs its own label's",
        "pair row i with label y[i]: `Z[np.arange(len(Z)), y]` has shape (N,).",
    )
    DOUBLE_SOFTMAX = (
        "It looks like softmax was applied twice: a softmax output layer together with `from_logits=True`",
        "make the last layer linear and let the loss apply softmax (`from_logits=True`).",
    )
    LOG_OF_ZERO = (
        "It looks like log(0) was taken: a probability of exactly 0 or 1 makes the cross-entropy infinite",
        "compute the loss from the logits (the stable form), or clip probabilities away from 0 and 1.",
    )
    # Keras models and model selection
    DOUBLE_SIGMOID = (
        "It looks like sigmoid was applied twice: a sigmoid output layer together with `from_logits=True`",
        "make the last layer linear and let the loss apply the sigmoid (`from_logits=True`); apply "
        "`tf.nn.sigmoid` yourself only to predict.",
    )
    FROM_LOGITS_MISSING = (
        "It looks like the loss takes the linear last layer's logits for probabilities (`from_logits=False`: "
        "the default, also for a loss given by its name)",
        "give `compile` the loss object with `from_logits=True`, such as `BinaryCrossentropy(from_logits=True)`.",
    )
    TENSOR_RETURNED = (
        "It looks like a TensorFlow tensor was returned where the docstring promises a NumPy array",
        "convert it with `.numpy()`.",
    )
    TEST_SET_PEEKING = (
        "It looks like the test set helped choose the model (it decided the choice, or it scored more models "
        "than the chosen one)",
        "compare the candidates on the validation split only, then score the one chosen model on the test split, "
        "once.",
    )
    # The rules an exercise states, checked from the function's own source
    LOOP_MISSING = (
        "The exercise asks for a loop, and the function has none",
        "write the computation with `for` (or a comprehension), one step at a time.",
    )
    LOOP_NOT_ALLOWED = (
        "The exercise asks for whole-array operations, and the function uses a Python loop",
        "replace the loop with NumPy operations on whole arrays.",
    )
    NUDGED_NOT_DERIVED = (
        "The values are close but not exact: it looks like they were estimated by nudging the inputs rather than "
        "derived by hand",
        "derive each one with the rules of calculus and the chain rule, as the exercise asks, since a nudge "
        "only approximates it.",
    )
    RULED_OUT = (
        "The function uses something the exercise rules out",
        "write that step yourself, as the exercise asks.",
    )
    TOOL_MISSING = (
        "The exercise asks for a tool, and the function does not use it",
        "compute that step with the tool the exercise names.",
    )
    # Derived gradients and a graded accuracy (06)
    SIGMOID_PRIME_KEPT = (
        "It looks like the gradient kept the factor sigma'(z) = y_hat (1 - y_hat), as the squared error's gradient "
        "does: for the cross-entropy that factor cancels",
        "dL/dy_hat = (y_hat - y) / (y_hat (1 - y_hat)) times dy_hat/dz = y_hat (1 - y_hat) leaves "
        "dL/dz = y_hat - y.",
    )
    BELOW_THE_BAR = (
        "The model it trains classifies fewer test examples right than the exercise's bar asks",
        "look at the sign of the update, the mean in the gradient, and whether every step asked is taken.",
    )
    # The softmax cross-entropy's gradient (08)
    ONEHOT_NOT_SUBTRACTED = (
        "It looks like the gradient holds the probabilities alone: the derivative of the loss's second term, "
        "minus the true class's logit, is missing",
        "one example's loss is log(sum_j exp(z_j)) - z_y: differentiate both terms; the second moves only with "
        "the logit of the true class.",
    )
    MEAN_OVER_CLASSES = (
        "It looks like the gradient was divided by the number of classes k (alone, or times N: a mean over every "
        "entry of Z), but the loss averages over the N examples only",
        "divide by N, the number of rows: each example's loss sums over its k classes, it does not average them.",
    )
    # 04's derived loss gradients
    MEAN_TAKEN_TWICE = (
        "It looks like the 1/N of the mean was taken twice: the gradient is N times too small",
        "the 1/N is already inside dL/dP; the sum over the batch that follows adds the N paths, it does not "
        "average them again.",
    )

    @property
    def diagnosis(self) -> str:
        return self.value[0]

    @property
    def advice(self) -> str:
        return self.value[1]

    def hint(self, advice=None) -> str:
        """The sentence a student reads: the diagnosis, then this exercise's ``advice`` or the usual one."""
        return f"{self.diagnosis}: {advice or self.advice}"
