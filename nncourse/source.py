"""What a student's function is made of, read from its own code: the loops it has, the tools it calls, and the
notebook variables it reads.

IPython keeps the source of every cell it ran, so ``inspect.getsource`` finds a function defined in a notebook;
the course's rules ("with a loop", "no `np.dot`") are checked on that source rather than trusted.
"""
import ast
import dis
import importlib
import inspect
import textwrap
import types

import numpy as np

__all__ = ["FunctionSource", "notebook_variables", "notebook_settings"]

_LOOPS = (ast.For, ast.AsyncFor, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


class FunctionSource:
    """A function's syntax tree, with the names its code resolves in the notebook."""

    def __init__(self, function):
        self.function = function
        lines, self.first_line = inspect.getsourcelines(function)
        self.lines = textwrap.dedent("".join(lines)).splitlines()
        self.tree = ast.parse("\n".join(self.lines))
        self.namespace = getattr(function, "__globals__", {})

    def where(self, node):
        """'line 4: total += a[i] * b[i]', numbered as in the student's cell."""
        return f"line {self.first_line + node.lineno - 1}: {self.lines[node.lineno - 1].strip()}"

    def raises_not_implemented(self):
        """Whether the function still holds the stub's `raise NotImplementedError()`."""
        return any(isinstance(node, ast.Raise) and "NotImplementedError" in ast.unparse(node.exc or node)
                   for node in ast.walk(self.tree))

    def loops(self):
        """The loops (for, while, comprehensions) of the function, in order."""
        return [node for node in ast.walk(self.tree) if isinstance(node, _LOOPS)]

    def uses(self, tools):
        """[(tool, node)] for each of ``tools`` the code uses: "@", "np.NAME" (however NumPy or NAME was
        imported), ".NAME" (a method such as `.dot` or `.sum`), or the dotted path of any importable function
        ("nncourse.gradcheck.numerical_gradient"), however it was imported or reached, in the notebook or
        inside the function. Notebook functions it calls are read too."""
        return list(self._uses(set(tools), seen={self.function}))

    def _uses(self, tools, seen):
        numpy_objects = {id(getattr(np, tool[3:], None)): tool for tool in tools if tool.startswith("np.")}
        named_objects = {id(obj): tool for tool, obj in _importable(tools).items()}
        local = self._local_imports() if named_objects else {}
        for node in ast.walk(self.tree):
            if named_objects and isinstance(node, (ast.Name, ast.Attribute, ast.ImportFrom)):
                found = [named_objects[id(value)] for value in self._resolve(node, local) if id(value) in named_objects]
                if found:
                    yield found[0], node
                    continue
            if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ast.MatMult) and "@" in tools:
                yield "@", node
            elif isinstance(node, ast.Attribute):
                if self.namespace.get(getattr(node.value, "id", None)) is np and f"np.{node.attr}" in tools:
                    yield f"np.{node.attr}", node
                elif f".{node.attr}" in tools and self.namespace.get(getattr(node.value, "id", None)) is not np:
                    yield f".{node.attr}", node
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                value = self.namespace.get(node.id)
                if id(value) in numpy_objects and value is not None:
                    yield numpy_objects[id(value)], node
                elif self._is_notebook_function(value) and value not in seen:
                    seen.add(value)
                    try:
                        called = FunctionSource(value)
                    except (OSError, TypeError, SyntaxError):
                        continue
                    for tool, _ in called._uses(tools, seen):
                        yield tool, node  # reported at the call, the line the student can see from here

    def notebook_functions(self):
        """The notebook's functions that this one calls, directly or through others, by the names its code uses:
        [(name, function)], nearest first."""
        found, queue = {}, [self]
        while queue:
            source = queue.pop(0)
            for node in ast.walk(source.tree):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in found:
                    value = source.namespace.get(node.id)
                    if self._is_notebook_function(value) and value is not self.function:
                        found[node.id] = value
                        try:
                            queue.append(FunctionSource(value))
                        except (OSError, TypeError, SyntaxError):
                            pass
        return list(found.items())

    def _local_imports(self):
        """{name: object} for the imports written inside the function itself (`import nncourse.gradcheck as g`)."""
        local = {}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        local[alias.asname] = _import(alias.name)
                    else:
                        top = alias.name.split(".")[0]
                        local[top] = _import(top)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                module = _import(node.module)
                for alias in node.names:
                    local[alias.asname or alias.name] = getattr(module, alias.name, None) or _import(
                        f"{node.module}.{alias.name}")
        return local

    def _resolve(self, node, local):
        """[the objects] a name, a dotted attribute or a `from M import X, Y` refers to; [] where that is not
        known without running the code (a local variable, a call's result)."""
        if isinstance(node, ast.ImportFrom):
            module = _import(node.module) if node.module and not node.level else None
            return [getattr(module, alias.name, None) for alias in node.names] if module else []
        if isinstance(node, ast.Name):
            return [local[node.id] if node.id in local else self.namespace.get(node.id)]
        if isinstance(node, ast.Attribute) and isinstance(node.value, (ast.Name, ast.Attribute)):
            owner = self._resolve(node.value, local)
            if owner and isinstance(owner[0], types.ModuleType):
                return [getattr(owner[0], node.attr, None) or _import(f"{owner[0].__name__}.{node.attr}")]
        return []

    def _is_notebook_function(self, value):
        return isinstance(value, types.FunctionType) and value.__module__ == self.function.__module__


def _import(name):
    """The module called ``name``, or None when there is none."""
    try:
        return importlib.import_module(name)
    except (ImportError, ValueError, TypeError):
        return None


def _importable(tools):
    """{tool: object} for the tools given as dotted paths to something importable, such as
    "nncourse.gradcheck.numerical_gradient" (not "np.NAME", ".NAME" or "@", which have their own rules)."""
    found = {}
    for tool in tools:
        if tool.startswith(("np.", ".")) or "." not in tool:
            continue
        module_name, _, attribute = tool.rpartition(".")
        value = getattr(_import(module_name), attribute, None)
        if value is not None:
            found[tool] = value
    return found


def notebook_variables(function):
    """Names of data (arrays, lists, tuples, dicts) that ``function`` reads from the notebook's globals rather
    than from its arguments: for example a `first_game` defined in an earlier cell."""
    return sorted(name for name, value in _globals_read(function).items()
                  if isinstance(value, (np.ndarray, list, tuple, dict)))


def notebook_settings(function):
    """Names of numbers (a learning rate, a number of steps) that ``function`` reads from the notebook's globals
    rather than from its arguments: for example a `learning_rate = 0.1` set in an earlier cell."""
    return sorted(name for name, value in _globals_read(function).items()
                  if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_)))


def _globals_read(function):
    """{name: value} of the notebook's globals that ``function`` (or a function nested in it) reads."""
    namespace = getattr(function, "__globals__", None)
    code = getattr(function, "__code__", None)
    if namespace is None or code is None:
        return {}
    return {instruction.argval: namespace[instruction.argval]
            for inner in _code_objects(code) for instruction in dis.get_instructions(inner)
            if instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME") and not instruction.argval.startswith("_")
            and instruction.argval in namespace}


def _code_objects(code):
    yield code
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _code_objects(constant)
