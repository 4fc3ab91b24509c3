"""Test-wide settings.

Hypothesis runs without its per-example deadline: the machines that run the
tests are shared and noisy, and time is measured in ``benchmarks/``, never
asserted in tests.
"""

from hypothesis import settings

settings.register_profile("penempatan", deadline=None)
settings.load_profile("penempatan")
