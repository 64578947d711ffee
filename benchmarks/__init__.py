"""The crm-tui benchmark: the real app at 10k, 100k and 1,000,000 contacts, as a user feels it.

`python -m benchmarks.run` (or `make bench`) builds and caches the databases with
`crm-tui seed --scale`, drives the real `crm-tui` command through a pseudo-terminal, times
the store calls behind each screen, saves deals from 8 processes at once, and prints a
table per scale against the targets (also written to `benchmarks/RESULTS.md`).
"""
