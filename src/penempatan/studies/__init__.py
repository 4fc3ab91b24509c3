"""What-if studies over many solves: parameter sweeps (:mod:`._sweep`)."""
