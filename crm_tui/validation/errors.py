"""The one exception every validator raises, carrying a sentence a user can act on.

A form shows `message` next to the field named by `field`; an import shows both in its
report. The message is already translated when the error is raised, because validators run
in the process whose language was chosen at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crm_tui.i18n import N_, _
from crm_tui.validation.display import visible

if TYPE_CHECKING:
    from pydantic_core import PydanticCustomError

#: Longest piece of a rejected value quoted back in a message; enough to recognise it.
QUOTE_LIMIT = 40

#: The pydantic error type of every refusal that comes from this package.
ERROR_TYPE = "crm_field"

ENTER_A_VALUE = N_("{label}: enter a value")


class FieldError(ValueError):
    """A value refused by a validator: which field, and why, in the user's language."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __reduce__(self) -> tuple[type[FieldError], tuple[str, str]]:
        return (type(self), (self.field, self.message))

    def __repr__(self) -> str:
        return f"FieldError(field={self.field!r}, message={self.message!r})"

    def as_pydantic(self) -> PydanticCustomError:
        """The same refusal as pydantic reports it: the clean message, the field in `ctx`.

        Raise this from a model validator so that `errors_by_field` can still attach a
        cross-field refusal to the field it concerns.
        """
        from pydantic_core import PydanticCustomError

        return PydanticCustomError(
            ERROR_TYPE, "{message}", {"field": self.field, "message": self.message}
        )


def quoted(value: object) -> str:
    """The rejected value as it may be shown back: visible, and short enough to read."""
    text = visible(str(value)).replace("\n", " ")
    if len(text) > QUOTE_LIMIT:
        return text[: QUOTE_LIMIT - 1] + "…"
    return text


def missing(field: str, label: str) -> FieldError:
    """The refusal of an empty value where one is required."""
    return FieldError(field, _(ENTER_A_VALUE, label=_(label)))
