"""Pydantic models at the store boundary: input schemas validate, output schemas are what
screens see. No ORM object ever leaves the store."""
