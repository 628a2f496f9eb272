"""Planning of collection and delivery rounds: plain Python (no Django), publishable on its own.

Entry points: `ProblemBuilder` to describe a day, `solve_problem` to plan it (PyVRP), `check_plan` to verify any
plan, `solve_solomon` for the Solomon VRPTW benchmarks.
"""

from .checker import check_plan
from .distances import CachedProvider, EuclideanProvider, HaversineProvider, Matrix, default_provider
from .plan import Plan, Trip, Unserved, VehicleDay, Visit
from .problem import Load, Problem, ProblemBuilder, StopKind, VehicleStart
from .solomon import read_solomon, solve_solomon
from .solver import solve_problem

__all__ = [
    "CachedProvider", "EuclideanProvider", "HaversineProvider", "Load", "Matrix", "Plan", "Problem",
    "ProblemBuilder", "StopKind", "Trip", "Unserved", "VehicleDay", "VehicleStart", "Visit", "check_plan",
    "default_provider",
    "read_solomon", "solve_problem", "solve_solomon",
]
