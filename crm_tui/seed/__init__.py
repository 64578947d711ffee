"""Demo and scale data for crm-tui (`crm-tui seed --demo` / `crm-tui seed --scale N`).

`seed_demo` writes a small, realistic Russian B2B dataset through the repositories, so it
shows every feature with a real audit trail; `seed_scale` writes N contacts with proportional
data through bulk inserts, for benchmarks; `scale_landmarks` names the heavy records a
benchmark should open.
"""

from crm_tui.seed.demo import seed_demo
from crm_tui.seed.landmarks import scale_landmarks
from crm_tui.seed.run import run_seed
from crm_tui.seed.scale import seed_scale

__all__ = ["run_seed", "scale_landmarks", "seed_demo", "seed_scale"]
