"""Reading a submission's code for what reaches into grading: the one half of tamper detection that needs no run.

A student's code runs in the kernel that runs the tests, so it can change what the tests do: register an IPython
transformer that rewrites later cells, set a trace function, replace `check` or `np.allclose`, redefine a name
the tests call. None of that belongs in an answer, and each is plain to see in the code, so the student's cells
(answer cells and any cell they added; the locked cells are the course's) are read before grading and every such
line is named. A finding holds the submission back for a person; it does not take a point (grade.py).

What is looked for:
- the execution machinery: `get_ipython`, the `sys` hooks (settrace, displayhook, modules, _getframe ...), the
  modules that reach into a running interpreter (ctypes, gc, inspect's frames, importlib) or into Jupyter itself;
- code made at run time, which cannot be read: exec, eval, compile, __import__;
- a change to a module or to builtins: assigning, deleting or setattr-ing an attribute of an imported module;
- a new meaning for a name the tests rely on: binding, at the notebook's top level, a name that the test cells
  use and that is a built-in or comes from an import in a locked cell (`check`, `np`, `len`); importing the
  same thing again is fine.

Printing, plotting, helpers, standard modules, `np.random` with a seed, timing and warnings are none of these.
IPython's magics (`%timeit`) are read as IPython reads them.
"""
import ast
import builtins

from IPython.core.inputtransformer2 import TransformerManager

from ..notebooks import grade_id, is_answer, is_locked, is_test

MACHINERY_NAMES = {"get_ipython": "get_ipython, which reaches into how cells run",
                   "__builtins__": "__builtins__", "__import__": "__import__, which imports code unseen",
                   "exec": "exec, which runs code that cannot be read", "eval": "eval, which runs code that cannot "
                   "be read", "compile": "compile, which makes code that cannot be read",
                   "globals": "globals(), which rebinds the notebook's names unseen"}
SYS_HOOKS = {"settrace", "setprofile", "displayhook", "excepthook", "breakpointhook", "addaudithook", "modules",
             "_getframe", "meta_path", "path_hooks", "path_importer_cache", "gettrace", "getprofile"}
MACHINERY_MODULES = {"builtins", "ctypes", "gc", "importlib", "IPython.core", "ipykernel", "traitlets", "nbgrader",
                     "nbclient", "jupyter_client", "zmq", "nncourse.integrity", "threading.settrace",
                     "threading.setprofile"}
FRAME_FUNCTIONS = {"currentframe", "stack", "getouterframes", "getinnerframes", "trace"}  # of inspect
MAGIC_CALLS = {"run_line_magic", "run_cell_magic", "system", "getoutput"}  # what IPython makes of %magic and !cmd


def student_cells(nb):
    """(label, source) of each code cell the student wrote: answers, and cells without nbgrader's metadata."""
    cells = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and not is_locked(cell) and not is_test(cell):
            cells.append((grade_id(cell) if is_answer(cell) else f"number {index + 1}", cell.source))
    return cells


def names_the_tests_rely_on(source_nb):
    """The names that the source's test cells read and that are built-ins or imported by a locked cell, each with
    what it was imported as (a module's or an object's dotted name; None for a built-in)."""
    imported = {}
    for cell in source_nb.cells:
        if cell.cell_type == "code" and is_locked(cell) and not is_answer(cell):
            imported.update(_imports(_parse(cell.source)))
    read = set()
    for cell in source_nb.cells:
        if is_test(cell) and (tree := _parse(cell.source)) is not None:
            read |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    return {name: imported.get(name) for name in read if name in imported or hasattr(builtins, name)}


def reaches_into_grading(nb, relied_on):
    """One sentence per line of the student's code that reaches into grading; empty when there is none."""
    found = []
    for label, source in student_cells(nb):
        tree = _parse(source)
        if tree is None:
            continue  # a syntax error: the student's own problem, and grading says so
        for line, what in _findings(tree, relied_on):
            if (sentence := f"Cell {label}, line {line}: {what}.") not in found:
                found.append(sentence)
    return found


def _findings(tree, relied_on):
    imported = _imports(tree)  # what is changed through a name the cell imported is a module's or a library's
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in MACHINERY_NAMES and not _is_magic_call(node, tree):
            yield node.lineno, f"uses {MACHINERY_NAMES[node.id]}"
        elif isinstance(node, ast.Attribute) and (dotted := _dotted(node)):
            origin = imported.get(dotted[0], relied_on.get(dotted[0]))
            if origin == "sys" and dotted[1] in SYS_HOOKS:
                yield node.lineno, f"uses sys.{dotted[1]}, which reaches into how code runs"
            elif origin == "inspect" and dotted[-1] in FRAME_FUNCTIONS:
                yield node.lineno, f"uses inspect.{dotted[-1]}, which reaches into the running cells"
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for name in _imported_names(node):
                if any(name == module or name.startswith(module + ".") for module in MACHINERY_MODULES):
                    yield node.lineno, f"imports {name}, which reaches into the interpreter or Jupyter"
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            for target in _targets(node):
                changed = _changed_object(target)
                if changed and (changed[0] in imported or changed[0] in relied_on):
                    what = ".".join(_dotted(target) or [*changed, "__dict__"])
                    yield node.lineno, f"changes {what}, which is not the notebook's to change"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args \
                and node.func.id in {"setattr", "delattr"}:
            changed = _dotted(node.args[0])
            if changed and (changed[0] in imported or changed[0] in relied_on):
                yield node.lineno, f"changes {'.'.join(changed)} with {node.func.id}, which is not the notebook's to change"
    for line, name in _top_level_bindings(tree, relied_on):
        yield line, f"gives `{name}` a new meaning, and the tests use `{name}`"


def _targets(node):
    """The assignment's (or deletion's) targets, tuples unpacked."""
    pending = list(node.targets) if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
    while pending:
        target = pending.pop()
        if isinstance(target, (ast.Tuple, ast.List)):
            pending += target.elts
        elif isinstance(target, ast.Starred):
            pending.append(target.value)
        else:
            yield target


def _changed_object(target):
    """The dotted name of what an assignment to ``target`` changes: `np` for `np.dot = ...`, and for
    `vars(np)["dot"] = ...` or `np.__dict__["dot"] = ...`; None for a plain name or any other subscript (such as
    `plt.rcParams["figure.figsize"] = ...`, a setting meant to be changed)."""
    if isinstance(target, ast.Attribute):
        return _dotted(target.value)
    if isinstance(target, ast.Subscript):
        container = target.value
        if isinstance(container, ast.Attribute) and container.attr == "__dict__":
            return _dotted(container.value)
        if isinstance(container, ast.Call) and isinstance(container.func, ast.Name) and container.func.id == "vars":
            return _dotted(container)
    return None


def _top_level_bindings(tree, relied_on):
    """(line, name) of each binding of a relied-on name in the notebook's namespace (at the top level, or declared
    global), but for importing the same thing again (`import numpy as np` once more)."""
    declared_global = {name for node in ast.walk(tree) if isinstance(node, ast.Global) for name in node.names}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound = {node.name: None}
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound = {name: origin for name, origin in _imports(node).items()
                     if name in relied_on and origin != relied_on[name]}
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            bound = {node.id: None}
        else:
            continue
        for name in bound:
            if name in relied_on and (name in declared_global or _at_top_level(node, tree)):
                yield node.lineno, name


def _at_top_level(node, tree):
    """Whether ``node`` binds in the notebook's namespace: not inside a function, lambda, class or comprehension."""
    for scope in ast.walk(tree):
        if scope is not node and isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef,
                                                    ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            inner = [*(scope.body if isinstance(scope.body, list) else [scope.body]),
                     *getattr(scope, "generators", []), *([scope.args] if hasattr(scope, "args") else [])]
            if isinstance(scope, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
                inner.append(scope.elt)
            if isinstance(scope, ast.DictComp):
                inner += [scope.key, scope.value]
            if any(node is child for part in inner for child in ast.walk(part)):
                return False
    return True


def _imports(tree):
    """{name bound: what it is, as a dotted name} for the imports of ``tree`` (a module or one import)."""
    bound = {}
    if tree is None:
        return bound
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                bound[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return bound


def _imported_names(node):
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        return []
    return [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]


def _dotted(node):
    """["np", "linalg", "norm"] for `np.linalg.norm`; None for anything but names and attributes."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "vars" and node.args:
        node = node.args[0]  # vars(np) is np's namespace
    if not isinstance(node, ast.Name):
        return None
    return [node.id, *reversed(parts)]


def _is_magic_call(name_node, tree):
    """Whether this `get_ipython` is IPython's own rendering of a magic: get_ipython().run_line_magic(...)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in MAGIC_CALLS and isinstance(node.value, ast.Call) \
                and node.value.func is name_node and not node.value.args:
            return True
    return False


def _parse(source):
    try:
        return ast.parse(TransformerManager().transform_cell(source))
    except (SyntaxError, ValueError):
        return None
