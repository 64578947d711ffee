"""Test infrastructure: a throwaway PostgreSQL server and a tmux-driven terminal.

Nothing here is a test; the suite's conftest builds fixtures from these pieces.
"""
