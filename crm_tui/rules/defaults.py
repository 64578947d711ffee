"""The pipelines, contact roles and lost reasons a fresh install ships with.

They follow the seed articles: a deal moves only once the previous stage's result is in the
data (roles first, then the decision maker, the amount, the approved discount, the contract
approver), and entering a stage hands out the work that stage needs.
"""

from __future__ import annotations

from crm_tui.i18n import N_
from crm_tui.rules.config import (
    ApprovalGrantedRule,
    CreateTaskTrigger,
    LostReasonConfig,
    MinContactsWithRolesRule,
    NoOpenTasksRule,
    NotifyTrigger,
    PipelineConfig,
    PrimaryContactRule,
    RequiredFieldsRule,
    RoleRequiredRule,
    StageConfig,
    WriteActivityTrigger,
)

DEFAULT_ROLES: dict[str, str] = {
    "decision_maker": N_("Decision maker"),
    "influencer": N_("Influencer"),
    "technical_specialist": N_("Technical specialist"),
    "contract_approver": N_("Contract approver"),
    "finance": N_("Finance / payment"),
    "security_officer": N_("Security officer"),
    "tender_specialist": N_("Tender specialist"),
}
"""The contact-role catalogue of a fresh install (code -> English name, translated with `_`)."""

DISCOUNT_LIMIT = 10.0
"""The largest discount, in per cent, a manager may give without the head of sales."""

_DISCOUNT_APPROVED = ApprovalGrantedRule(kind="discount", when_discount_above=DISCOUNT_LIMIT)


def _sales() -> PipelineConfig:
    return PipelineConfig(
        code="sales",
        name_en="Sales",
        name_ru="Продажи",
        stages=[
            StageConfig(code="new", name_en="New", name_ru="Новая"),
            StageConfig(
                code="qualification",
                name_en="Qualification",
                name_ru="Квалификация",
                rules=[MinContactsWithRolesRule(count=1), PrimaryContactRule()],
            ),
            StageConfig(
                code="proposal",
                name_en="Proposal",
                name_ru="Коммерческое предложение",
                rules=[
                    RoleRequiredRule(role="decision_maker"),
                    RequiredFieldsRule(fields=["amount"]),
                ],
                on_enter=[
                    CreateTaskTrigger(
                        task_type="proposal",
                        title_en="Send the proposal",
                        title_ru="Отправить коммерческое предложение",
                        due_in_days=2,
                        assignee="owner",
                    )
                ],
            ),
            StageConfig(
                code="on_approval",
                name_en="On approval",
                name_ru="На согласовании",
                rules=[RequiredFieldsRule(fields=["counterparty_id", "amount"])],
                on_enter=[
                    CreateTaskTrigger(
                        task_type="other",
                        title_en="Approve the deal",
                        title_ru="Согласовать сделку",
                        due_in_days=1,
                        assignee="role:head_of_sales",
                    ),
                    NotifyTrigger(
                        recipient="owner",
                        text_en="The deal is waiting for approval by the head of sales",
                        text_ru="Сделка ждёт согласования руководителем отдела продаж",
                    ),
                ],
            ),
            # The discount approval guards the way OUT of "On approval": the head of sales is
            # asked for it on entering that stage, and the seeds let the deal go on only after a
            # positive decision. As an entry rule of "On approval" it could never be met in time.
            # The contract is signed by the client's contract approver; the finance contact
            # matters later, for payment, so requiring it here would block contracts needlessly.
            StageConfig(
                code="contract",
                name_en="Contract",
                name_ru="Договор",
                rules=[
                    _DISCOUNT_APPROVED,
                    RoleRequiredRule(role="contract_approver"),
                    NoOpenTasksRule(task_types=["proposal"]),
                ],
                on_enter=[
                    CreateTaskTrigger(
                        task_type="other",
                        title_en="Prepare the contract",
                        title_ru="Подготовить договор",
                        due_in_days=2,
                        assignee="owner",
                    )
                ],
            ),
            StageConfig(
                code="shipped",
                name_en="Shipped",
                name_ru="Отгружено",
                rules=[RequiredFieldsRule(fields=["expected_close"])],
                on_enter=[
                    WriteActivityTrigger(
                        kind="note",
                        text_en="The order was shipped",
                        text_ru="Заказ отгружен",
                    )
                ],
            ),
            StageConfig(code="closed", name_en="Closed", name_ru="Закрыта", final=True),
        ],
    )


def _renewal() -> PipelineConfig:
    return PipelineConfig(
        code="renewal",
        name_en="Renewal",
        name_ru="Продление",
        stages=[
            StageConfig(code="new", name_en="New", name_ru="Новая"),
            StageConfig(
                code="negotiation",
                name_en="Negotiation",
                name_ru="Переговоры",
                rules=[PrimaryContactRule(), RequiredFieldsRule(fields=["amount"])],
                on_enter=[
                    CreateTaskTrigger(
                        task_type="call",
                        title_en="Call the client about the renewal terms",
                        title_ru="Позвонить клиенту об условиях продления",
                        due_in_days=1,
                        assignee="owner",
                    )
                ],
            ),
            StageConfig(
                code="closed",
                name_en="Closed",
                name_ru="Закрыта",
                final=True,
                rules=[_DISCOUNT_APPROVED],
            ),
        ],
    )


def default_pipelines() -> list[PipelineConfig]:
    """The shipped pipelines: the full `sales` process and a short `renewal` one."""
    return [_sales(), _renewal()]


def default_lost_reasons() -> list[LostReasonConfig]:
    """Why deals are lost; price and terms are escalated to a more senior manager (seed 004)."""
    return [
        LostReasonConfig(code="price", name_en="Price", name_ru="Цена", escalate=True),
        LostReasonConfig(
            code="terms",
            name_en="Terms or delivery dates",
            name_ru="Условия или сроки",
            escalate=True,
        ),
        LostReasonConfig(
            code="competitor", name_en="Chose a competitor", name_ru="Выбрал конкурента"
        ),
        LostReasonConfig(code="no_budget", name_en="No budget", name_ru="Нет бюджета"),
        LostReasonConfig(code="no_response", name_en="No response", name_ru="Клиент не отвечает"),
        LostReasonConfig(code="other", name_en="Other", name_ru="Другое"),
    ]
