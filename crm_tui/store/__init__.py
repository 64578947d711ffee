"""The persistence layer: SQLAlchemy models, migrations and the repositories screens call."""
