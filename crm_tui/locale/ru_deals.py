"""Russian for the deal board, the deal screen, its dialogs and the deal and approval store."""

MESSAGES: dict[str, str] = {
    # store: moves and rights
    "{move}: won": "{move}: выиграна",
    "{move}: lost ({reason})": "{move}: проиграна ({reason})",
    "edit another manager's deal": "изменять сделку другого менеджера",
    "move another manager's deal": "переводить сделку другого менеджера по этапам",
    # store: approvals
    "{approval} requested": "Запрошено: {approval}",
    "The discount was raised from {old} to {new} after it was approved":
        "Скидку подняли с {old} до {new} уже после согласования",
    "decide on approvals": "принимать решения по согласованиям",
    "{approval} granted by {name}": "{approval}: согласовано ({name})",
    "{approval} rejected by {name}": "{approval}: отклонено ({name})",
    "ask for approvals on another manager's deal":
        "запрашивать согласование по сделке другого менеджера",
    "This pipeline has no approval «{kind}».": "В этой воронке нет согласования «{kind}».",
    "This approval is already waiting for a decision.": "Это согласование уже ждёт решения.",
    "This approval has already been granted.": "Это согласование уже получено.",
    "This approval has already been decided.": "По этому согласованию уже принято решение.",
    "A discount of {discount} needs no approval: managers give up to {limit} themselves.":
        "Скидка {discount} не требует согласования: менеджер сам даёт скидку до {limit}.",
    "Say why the approval is rejected.": "Напишите, почему согласование отклонено.",
    # the board
    "Deal board": "Доска сделок",
    "The deal board: one column per stage, each headed by its number of deals and their "
    "total. Left and right move between stages, up and down between deals. ] moves the "
    "deal to the next stage and [ back; if a stage rule is not met, a dialog lists what is "
    "missing and takes you where to fix it. A ⚠ badge names the key roles a deal lacks.":
        "Доска сделок: по колонке на каждый этап, в заголовке — число сделок и их сумма. "
        "Влево и вправо — между этапами, вверх и вниз — между сделками. ] переводит сделку на "
        "следующий этап, [ — на предыдущий; если правило этапа не выполнено, диалог покажет, "
        "чего не хватает, и откроет место, где это исправить. Значок ⚠ называет ключевые "
        "роли, которых нет в сделке.",
    "Move to the next stage": "На следующий этап",
    "Move to the previous stage": "На предыдущий этап",
    "Close as lost": "Закрыть как проигранную",
    "New deal": "Новая сделка",
    "board": "доска",
    "Previous stage column": "Колонка предыдущего этапа",
    "Next stage column": "Колонка следующего этапа",
    "Choose the pipeline": "Выбрать воронку",
    "Filter by owner": "Отбор по ответственному",
    "Refresh the board": "Обновить доску",
    "All owners": "Все ответственные",
    "Which pipeline?": "Какая воронка?",
    "Whose deals?": "Чьи сделки?",
    "The list of owners is still loading.": "Список ответственных ещё загружается.",
    "Deals in one stage, newest in the stage first. Up and down move between cards, left "
    "and right between stages; more cards load as you reach the end. Enter opens the deal.":
        "Сделки одного этапа, сначала недавно пришедшие на этап. Вверх и вниз — между "
        "карточками, влево и вправо — между этапами; следующие карточки подгружаются по мере "
        "прокрутки. Enter открывает сделку.",
    "Stage column": "Колонка этапа",
    "{count} · {total}": "{count} · {total}",
    "Could not load the deals": "Не удалось загрузить сделки",
    "⚠ no {roles}": "⚠ нет: {roles}",
    "won": "выиграна",
    "lost": "проиграна",
    # moving
    "«{deal}» moved to «{stage}»": "«{deal}» переведена на этап «{stage}»",
    "The deal is already at the last stage.": "Сделка уже на последнем этапе.",
    "The deal is already at the first stage.": "Сделка уже на первом этапе.",
    "The deal was not moved": "Сделка не переведена",
    "The deal was not closed": "Сделка не закрыта",
    # the refusal dialog
    "The deal cannot move yet: every line is a rule of the target stage that the deal "
    "does not meet. Choose a line to go where it is fixed; Escape leaves the deal as it is.":
        "Сделку пока нельзя перевести: каждая строка — правило нового этапа, которое не "
        "выполнено. Выберите строку, чтобы перейти туда, где это исправляется; Escape "
        "оставляет сделку как есть.",
    "«{deal}» cannot move to «{stage}» yet": "«{deal}» пока нельзя перевести на этап «{stage}»",
    "{count} rule is not met:|{count} rules are not met:":
        "Не выполнено {count} правило:|Не выполнено {count} правила:|"
        "Не выполнено {count} правил:",
    "Fill in «{field}» on the deal form": "Заполнить поле «{field}» в форме сделки",
    "Mark the primary contact in the role panel": "Отметить основной контакт в панели ролей",
    "Give a contact the role «{role}» in the role panel":
        "Назначить контакту роль «{role}» в панели ролей",
    "Give contacts roles in the role panel": "Назначить контактам роли в панели ролей",
    "Ask for the approval on the deal screen": "Запросить согласование в карточке сделки",
    "Close the tasks on the deal screen": "Закрыть задачи в карточке сделки",
    "Move the deal one stage at a time": "Переводить сделку по одному этапу",
    "Answer how the deal ended": "Указать, чем закончилась сделка",
    "Close this dialog and do that first.": "Закройте этот диалог и сначала сделайте это.",
    "Enter opens the fix · Escape keeps the deal where it is":
        "Enter — перейти к исправлению · Escape — оставить сделку на месте",
    # the outcome dialog
    "Closing a deal records how it ended. Choose Won, or Lost with the reason; the "
    "comment is optional and goes to the deal's timeline.":
        "При закрытии сделки фиксируется её итог. Выберите «Выиграна» или «Проиграна» с "
        "причиной; комментарий необязателен и попадает в историю сделки.",
    "Write a comment": "Написать комментарий",
    "Close the deal «{deal}» at «{stage}»": "Закрыть сделку «{deal}» на этапе «{stage}»",
    "How did it end?": "Чем закончилась сделка?",
    "Won": "Выиграна",
    "Lost: {reason}": "Проиграна: {reason}",
    "Comment (optional)": "Комментарий (необязательно)",
    "Enter chooses · Escape cancels": "Enter — выбрать · Escape — отмена",
    # approval dialogs
    "Ask the head of sales to approve the deal, e.g. a discount above what a manager may "
    "give. Write why, then choose the approval with Enter.":
        "Попросить руководителя продаж согласовать сделку, например скидку больше той, что "
        "может дать менеджер. Напишите причину и выберите согласование клавишей Enter.",
    "Decide on a pending approval. A rejection needs a comment for the manager and can "
    "close the deal as lost with one of the configured reasons.":
        "Решение по ожидающему согласованию. Для отказа нужен комментарий менеджеру; отказ "
        "может закрыть сделку как проигранную с одной из настроенных причин.",
    "Ask for approval: «{deal}»": "Запрос согласования: «{deal}»",
    "Why is it needed? (optional)": "Зачем оно нужно? (необязательно)",
    "Enter asks · Escape cancels": "Enter — запросить · Escape — отмена",
    "{approval}: «{deal}»": "{approval}: «{deal}»",
    "Comment for the manager": "Комментарий для менеджера",
    "Approve": "Согласовать",
    "Reject, keep the deal open": "Отклонить, сделка остаётся открытой",
    "Reject and close the deal as lost: {reason}":
        "Отклонить и закрыть сделку как проигранную: {reason}",
    "Enter decides · Escape cancels": "Enter — решить · Escape — отмена",
    # the deal screen
    "One deal: its fields, the contacts taking part with their roles in this deal, "
    "approvals, open tasks, the stage history and the timeline. ] and [ move the deal "
    "as on the board; E edits it, R opens the role panel, A asks for an approval.":
        "Сделка: её поля, участвующие контакты с их ролями в этой сделке, согласования, "
        "открытые задачи, история этапов и лента событий. ] и [ переводят сделку, как на "
        "доске; E — изменить, R — панель ролей, A — запросить согласование.",
    "Edit the deal": "Изменить сделку",
    "Contacts and roles": "Контакты и роли",
    "Ask for approval": "Запросить согласование",
    "Decide on the approval": "Решить по согласованию",
    "New task for the deal": "Новая задача по сделке",
    "Roles in this deal": "Роли в этой сделке",
    "Approval": "Согласование",
    "Asked by": "Запросил",
    "Decided by": "Решил",
    "Reason": "Причина",
    "Who": "Кто",
    "What": "Что",
    "Text": "Текст",
    "In this stage": "На этапе",
    "Approvals": "Согласования",
    "Open tasks": "Открытые задачи",
    "Stage history": "История этапов",
    "Timeline": "Лента событий",
    "call": "звонок",
    "meeting": "встреча",
    "e-mail": "письмо",
    "note": "заметка",
    "stage": "этап",
    "system": "система",
    "pending": "ожидает",
    "approved": "согласовано",
    "rejected": "отклонено",
    # the deal form
    "Create or edit a deal. Find the client by typing its name, choose its legal entity, "
    "then fill in the amount, discount and expected close date. Ctrl+S saves.":
        "Создание и изменение сделки. Найдите клиента, набрав его название, выберите его "
        "юрлицо, затем заполните сумму, скидку и ожидаемую дату закрытия. Ctrl+S сохраняет.",
    "Enter a date like 31.12.2026": "Введите дату в виде 31.12.2026",
    "Save the deal": "Сохранить сделку",
    "Enter the discount in per cent, like 12,5": "Введите скидку в процентах, например 12,5",
    "Type the client's name or INN…": "Название клиента или ИНН…",
    "Choose the client": "Выберите клиента",
    "Your changes are kept: save again to replace the other version.":
        "Ваши изменения сохранены в форме: сохраните ещё раз, чтобы заменить чужую версию.",
    "Counterparty (legal entity)": "Контрагент (юрлицо)",
    "No counterparty yet": "Контрагент пока не выбран",
    "Discount, %": "Скидка, %",
    "Me": "Я",
}
