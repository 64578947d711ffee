"""The relational schema of crm-tui: SQLAlchemy 2 typed ORM models.

Every editable table carries a `version` column used as SQLAlchemy's `version_id_col`, so a
save against a stale row fails instead of overwriting another user's change. Text that is
searched case-insensitively has a `*_key` twin column (Python `casefold()`), because SQLite's
`lower()` folds ASCII only and Cyrillic names must be found by any case on both databases.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from crm_tui.store.types import UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Versioned:
    """Mixin: optimistic concurrency and creation/update stamps."""

    @declared_attr
    def version(cls) -> Mapped[int]:
        return mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}

    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, nullable=False
    )


USER_ROLES = ("manager", "head_of_sales", "admin")
CLIENT_KINDS = ("organisation", "sole_trader", "person")
PRIORITIES = ("low", "normal", "high")
RELATIONSHIPS = ("client", "partner", "supplier", "other")
CHANNELS = ("phone", "email", "messenger", "meeting", "any")
TASK_TYPES = ("call", "email", "meeting", "proposal", "other")
ACTIVITY_KINDS = ("call", "meeting", "email", "note", "stage_change", "system")
LEAD_STATUSES = ("new", "qualified", "junk", "converted", "refused")
OUTCOMES = ("won", "lost")
APPROVAL_STATUSES = ("pending", "approved", "rejected")


class User(Versioned, Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="manager")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    __table_args__ = (CheckConstraint(f"role IN {USER_ROLES!r}", name="role"),)


class Client(Versioned, Base):
    __tablename__ = "clients"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="organisation")
    segment: Mapped[str | None] = mapped_column(String(100))
    industry: Mapped[str | None] = mapped_column(String(100))
    priority: Mapped[str] = mapped_column(String(10), default="normal")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    legal_address: Mapped[str | None] = mapped_column(Text)
    delivery_address: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id", use_alter=True))
    owner: Mapped[User | None] = relationship(lazy="raise")
    __table_args__ = (
        CheckConstraint(f"kind IN {CLIENT_KINDS!r}", name="kind"),
        CheckConstraint(f"priority IN {PRIORITIES!r}", name="priority"),
        Index("ix_clients_owner_name", "owner_id", "name_key", "id"),
    )


class Counterparty(Versioned, Base):
    __tablename__ = "counterparties"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    legal_form: Mapped[str] = mapped_column(String(20))
    inn: Mapped[str | None] = mapped_column(String(12), index=True)
    kpp: Mapped[str | None] = mapped_column(String(9))
    ogrn: Mapped[str | None] = mapped_column(String(15), index=True)
    legal_address: Mapped[str | None] = mapped_column(Text)
    bank_name: Mapped[str | None] = mapped_column(String(300))
    bik: Mapped[str | None] = mapped_column(String(9))
    settlement_account: Mapped[str | None] = mapped_column(String(20))
    correspondent_account: Mapped[str | None] = mapped_column(String(20))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class Contact(Versioned, Base):
    __tablename__ = "contacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    position: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(Text)
    relationship_kind: Mapped[str] = mapped_column("relationship", String(20), default="client")
    priority: Mapped[str] = mapped_column(String(10), default="normal")
    segment: Mapped[str | None] = mapped_column(String(100))
    interests: Mapped[str | None] = mapped_column(Text)
    preferred_channel: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="active")
    phones: Mapped[list[ContactPhone]] = relationship(
        cascade="all, delete-orphan", order_by="ContactPhone.id", lazy="selectin"
    )
    emails: Mapped[list[ContactEmail]] = relationship(
        cascade="all, delete-orphan", order_by="ContactEmail.id", lazy="selectin"
    )
    __table_args__ = (
        CheckConstraint(f"relationship IN {RELATIONSHIPS!r}", name="relationship"),
        CheckConstraint(f"priority IN {PRIORITIES!r}", name="priority"),
    )


class ContactPhone(Base):
    __tablename__ = "contact_phones"
    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    e164: Mapped[str] = mapped_column(String(20), index=True)
    label: Mapped[str | None] = mapped_column(String(40))


class ContactEmail(Base):
    __tablename__ = "contact_emails"
    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(320))
    email_key: Mapped[str] = mapped_column(String(320), index=True)


class Affiliation(Versioned, Base):
    """A contact working for a client: the link ends, it is never deleted, so history stays."""

    __tablename__ = "client_contacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"))
    position: Mapped[str | None] = mapped_column(String(200))
    started_on: Mapped[dt.date | None] = mapped_column(Date)
    ended_on: Mapped[dt.date | None] = mapped_column(Date)
    __table_args__ = (
        Index("ix_client_contacts_client", "client_id", "ended_on"),
        Index("ix_client_contacts_contact", "contact_id", "ended_on"),
    )


class CounterpartyContact(Base):
    __tablename__ = "counterparty_contacts"
    counterparty_id: Mapped[int] = mapped_column(
        ForeignKey("counterparties.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Pipeline(Base):
    """Mirror of a configured pipeline, so deals can reference stages by key."""

    __tablename__ = "pipelines"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class Stage(Base):
    __tablename__ = "stages"
    id: Mapped[int] = mapped_column(primary_key=True)
    pipeline_id: Mapped[int] = mapped_column(ForeignKey("pipelines.id"))
    code: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    final: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (UniqueConstraint("pipeline_id", "code", name="uq_stages_pipeline_code"),)


class Deal(Versioned, Base):
    __tablename__ = "deals"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    title_key: Mapped[str] = mapped_column(String(300), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    counterparty_id: Mapped[int | None] = mapped_column(ForeignKey("counterparties.id"))
    pipeline_id: Mapped[int] = mapped_column(ForeignKey("pipelines.id"))
    stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id"))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    currency: Mapped[str] = mapped_column(String(3), default="RUB")
    discount: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    expected_close: Mapped[dt.date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(10))
    lost_reason: Mapped[str | None] = mapped_column(String(50))
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id", use_alter=True))
    stage_entered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (
        CheckConstraint("outcome IS NULL OR outcome IN ('won', 'lost')", name="outcome"),
        Index("ix_deals_board", "pipeline_id", "stage_id", "owner_id", "id"),
        Index("ix_deals_stage_id", "stage_id", "id"),
        # Board pages in board order (migration 0003): a manager's, and everyone's.
        Index("ix_deals_stage_owner_entered", "stage_id", "owner_id", "stage_entered_at", "id",
              "amount"),
        Index("ix_deals_stage_entered", "stage_id", "stage_entered_at", "id"),
    )


class DealStageChange(Base):
    __tablename__ = "deal_stage_history"
    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    from_stage_id: Mapped[int | None] = mapped_column(ForeignKey("stages.id"))
    to_stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Approval(Versioned, Base):
    __tablename__ = "approvals"
    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(50), default="discount")
    status: Mapped[str] = mapped_column(String(10), default="pending")
    reason: Mapped[str | None] = mapped_column(Text)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status"),
    )


class Contract(Versioned, Base):
    __tablename__ = "contracts"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    counterparty_id: Mapped[int | None] = mapped_column(ForeignKey("counterparties.id"))
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deals.id"))
    number: Mapped[str] = mapped_column(String(100))
    number_key: Mapped[str] = mapped_column(String(100), server_default="", index=True)
    status: Mapped[str] = mapped_column(String(30), default="draft")
    signed_on: Mapped[dt.date | None] = mapped_column(Date)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)


class Ticket(Versioned, Base):
    __tablename__ = "tickets"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    counterparty_id: Mapped[int | None] = mapped_column(ForeignKey("counterparties.id"))
    subject: Mapped[str] = mapped_column(String(300))
    subject_key: Mapped[str] = mapped_column(String(300), server_default="", index=True)
    status: Mapped[str] = mapped_column(String(30), default="open")
    opened_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)


class ContactRole(Base):
    """The role catalogue mirrored from the configuration (codes are stable keys)."""

    __tablename__ = "contact_roles"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Participation(Versioned, Base):
    """A contact taking part in one deal, contract or ticket; holds the primary flag."""

    __tablename__ = "participations"
    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"))
    contract_id: Mapped[int | None] = mapped_column(
        ForeignKey("contracts.id", ondelete="CASCADE")
    )
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    roles: Mapped[list[RoleAssignment]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="RoleAssignment.id"
    )
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN deal_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN contract_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN ticket_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_record",
        ),
        UniqueConstraint("deal_id", "contact_id", name="uq_participations_deal_contact"),
        UniqueConstraint("contract_id", "contact_id", name="uq_participations_contract_contact"),
        UniqueConstraint("ticket_id", "contact_id", name="uq_participations_ticket_contact"),
        # At most one primary contact per record, enforced by the database itself.
        Index(
            "uq_participations_primary_deal",
            "deal_id",
            unique=True,
            sqlite_where=text("is_primary AND deal_id IS NOT NULL"),
            postgresql_where=text("is_primary AND deal_id IS NOT NULL"),
        ),
        Index(
            "uq_participations_primary_contract",
            "contract_id",
            unique=True,
            sqlite_where=text("is_primary AND contract_id IS NOT NULL"),
            postgresql_where=text("is_primary AND contract_id IS NOT NULL"),
        ),
        Index(
            "uq_participations_primary_ticket",
            "ticket_id",
            unique=True,
            sqlite_where=text("is_primary AND ticket_id IS NOT NULL"),
            postgresql_where=text("is_primary AND ticket_id IS NOT NULL"),
        ),
    )


class RoleAssignment(Base):
    __tablename__ = "role_assignments"
    id: Mapped[int] = mapped_column(primary_key=True)
    participation_id: Mapped[int] = mapped_column(
        ForeignKey("participations.id", ondelete="CASCADE"), index=True
    )
    role_id: Mapped[int] = mapped_column(ForeignKey("contact_roles.id"), index=True)
    __table_args__ = (UniqueConstraint("participation_id", "role_id", name="uq_role_assignments"),)


class Task(Versioned, Base):
    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="call")
    title: Mapped[str] = mapped_column(String(300))
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    assignee_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deals.id"), index=True)
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(Text)
    reminded_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Which automatic process made the task (None: a person did); see `role_reminders`.
    origin: Mapped[str | None] = mapped_column(String(30))
    __table_args__ = (
        CheckConstraint(f"kind IN {TASK_TYPES!r}", name="kind"),
        Index("ix_tasks_inbox", "assignee_id", "done_at", "due_at", "id"),
        # A deal gets at most one "no roles yet" reminder, ever, whoever races to make it.
        Index(
            "uq_tasks_no_roles_reminder",
            "deal_id",
            unique=True,
            sqlite_where=text("origin = 'no_roles'"),
            postgresql_where=text("origin = 'no_roles'"),
        ),
    )


class Activity(Base):
    """The timeline: what happened. Append-only, hence no version column."""

    __tablename__ = "activities"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"))
    body: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (
        CheckConstraint(f"kind IN {ACTIVITY_KINDS!r}", name="kind"),
        Index("ix_activities_client_at", "client_id", "at", "id"),
        Index("ix_activities_contact_at", "contact_id", "at", "id"),
        Index("ix_activities_deal_at", "deal_id", "at", "id"),
    )


class Lead(Versioned, Base):
    __tablename__ = "leads"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    company: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    email: Mapped[str | None] = mapped_column(String(320))
    source: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="new")
    score: Mapped[int] = mapped_column(Integer, default=0)
    refusal_reason: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deals.id"))
    __table_args__ = (
        CheckConstraint(f"status IN {LEAD_STATUSES!r}", name="status"),
        Index("ix_leads_status_score", "status", "score", "id"),
    )


class Notification(Base):
    __tablename__ = "notifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (Index("ix_notifications_user", "user_id", "read_at", "id"),)


class SearchWord(Base):
    """A later word of a searchable name, kept by `crm_tui.store.search_words` (migration 0004).

    Global search seeks a typed word here by prefix; the primary key is that order, kind first
    so one kind's range never walks another's, and the table is the key itself (no rowid).
    """

    __tablename__ = "search_words"
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    word: Mapped[str] = mapped_column(String(300), primary_key=True)
    record_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    __table_args__ = (
        Index("ix_search_words_record", "kind", "record_id", "word"),
        {"sqlite_with_rowid": False},
    )


class AuditEntry(Base):
    """Who changed which field of which record, when, from what to what."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    table_name: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))
    field: Mapped[str | None] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_audit_log_record", "table_name", "record_id", "id"),)
