"""Lead handling (seed 004, processes 2 and 4), kept free of the database and the UI.

`scoring` ranks a lead by its value, `assignment` picks who answers for it, `duplicates`
decides which known records look like the same person or company, and `status` says which
status changes a lead may make. The store gathers the facts and obeys the answers.
"""
