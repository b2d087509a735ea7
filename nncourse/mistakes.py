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
    EMPTY_INPUT = (
        "The function failed on an empty input",
        "start a sum from 0 rather than from the first entry, so that a loop over nothing returns 0.",
    )
    ONLY_FIRST_EXAMPLE = (
        "It looks like only one example of the batch was computed (or the batch was flattened)",
        "keep the batch axis: the result needs one row per example.",
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
    WARNING_EMITTED = (
        "The code emitted a warning, and a graded cell must print nothing to stderr",
        "avoid the operation that warns (an overflowing `np.exp`, a division by zero) rather than silencing it.",
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
    RULED_OUT = (
        "The function uses something the exercise rules out",
        "write that step yourself, as the exercise asks.",
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
