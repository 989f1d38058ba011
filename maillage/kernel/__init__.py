"""The kernel: what every module stands on (module contract, MDE settings, tasks, exports).

The kernel never imports a module; modules declare themselves to it (see ``plugins``).
"""
