"""Helpers shared by the course's notebooks: infrastructure only, never the answer to an exercise.

Modules, one concept each, imported explicitly so that importing this package stays fast:

- ``nncourse.checks``   assertions for test cells that name the catalogued mistake a wrong result looks like
- ``nncourse.domain``   hidden tests' search of an exercise's whole declared domain (Hypothesis, imported when used)
- ``nncourse.mistakes`` that catalogue: what students get wrong, in words a student can act on
- ``nncourse.data``     small data sets that ship offline (the notes' examples, scikit-learn's bundled sets)
- ``nncourse.plotting`` pictures the notebooks draw
- ``nncourse.gradcheck`` numerical gradients and relative errors, the reference for every gradient test
- ``nncourse.tf``       TensorFlow imported quietly (nothing on stderr) and seeded
- ``nncourse.timing``   the fastest of several runs, for comparing a loop with its vectorised form

A module whose functions import a heavy library only when called says which in ``LAZY_IMPORTS``, a dict
{function: [modules]}: a process that prepares kernels ahead (the grading kernels' zygote) imports them once.
"""
