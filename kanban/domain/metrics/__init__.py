"""Flow metrics from the event history (docs/flow.md). Pure: no Textual, no database, no I/O.

Start with ``history.build_history(columns, events, now, tz)``; every metric reads the
``History`` it returns. ``board_metrics.board_metrics(history)`` computes them all for a window;
``forecast`` holds the Monte Carlo forecast. One module per metric:

- ``durations``: lead time, cycle time, work item age, days in column, time per column
- ``percentiles``: the percentile rule (docs/flow.md), 50/70/85/95 with ``n``, the SLE
- ``throughput``: throughput per day and week, WIP per day
- ``cfd``: the cumulative flow diagram
- ``efficiency``: flow efficiency
- ``blocked``: blocked time per card, the most common blocker reasons
- ``work_mix``: unplanned share of WIP and throughput, finished work by type per week
- ``queueing``: the wait-time rule of thumb u/(1-u)
- ``littles_law``: the stability check
- ``constraint``: the bottleneck's verdict with the history's evidence
"""
