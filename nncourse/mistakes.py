"""The catalogue of mistakes that the course's tests recognise.

Each member's value is the sentence a student reads when a result looks like that mistake: it says what the
mistake is and what to do instead. Test cells name the mistakes they expect (``suspects={Mistake.X: value}``),
so reading a test also tells a student which mistakes it guards against.
"""
from enum import Enum


class Mistake(Enum):
    # Arrays and shapes
    ELEMENTWISE_PRODUCT = (
        "It looks like you used `*` (element-wise product) where a dot or matrix product was needed: "
        "multiply matching entries and add them up, or use `np.dot` / `@`."
    )
    LIST_ARITHMETIC = (
        "It looks like Python lists were combined with `*` or `+`, which repeat or concatenate lists instead "
        "of doing arithmetic: convert the inputs with `np.asarray(...)` or work entry by entry."
    )
    TRANSPOSED = (
        "It looks like a transpose is missing or extra (or the operands are swapped): check which axis holds "
        "the inputs and which holds the outputs, as the docstring states."
    )
    BROADCAST_COLUMN = (
        "It looks like a row met a column (an (n,) or (1, n) array and an (n, 1) array) and NumPy broadcast "
        "them into an (n, n) result: give both operands the same orientation (`.ravel()`, `.reshape(-1)`)."
    )
    ONE_BY_ONE_ARRAY = (
        "It looks like an array was returned where a single number was expected: return a number "
        "(for example `float(result)` or `result.item()`)."
    )
    INTEGER_RESULT = (
        "It looks like the result was stored in an integer array, which truncates the decimals: create the "
        "output as floats (for example `np.zeros(n)` rather than `np.zeros_like(int_array)`)."
    )
    MUTATED_INPUT = (
        "It looks like the function changed its input in place: compute into a new array and leave the "
        "caller's arguments as they were."
    )
    HARD_CODED_SIZE = (
        "It looks like the code assumes the size of the example (or reads a variable defined elsewhere in "
        "the notebook): take every size from the arguments, for example `len(a)` or `W.shape[0]`."
    )
    NOTEBOOK_GLOBAL = (
        "It looks like the function uses a variable from the notebook instead of its own argument: use only "
        "the parameters the function receives."
    )
    SIZES_NOT_CHECKED = (
        "It looks like inputs whose sizes do not fit together were accepted (`zip` and a loop over one input's "
        "length silently ignore the rest of the other): compare the sizes first and `raise ValueError(...)` "
        "when they do not match."
    )
    RETURNED_NOTHING = (
        "The function returned None: did you forget the `return` statement?"
    )
    NOT_FINITE = (
        "The result contains inf or NaN: look for an overflow, a division by zero or a log of zero."
    )
    WARNING_EMITTED = (
        "The code emitted a warning, and a graded cell must print nothing to stderr: avoid the operation that "
        "warns (an overflowing `np.exp`, a division by zero) rather than silencing it."
    )

    @property
    def hint(self) -> str:
        return self.value
