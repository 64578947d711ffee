"""Russian messages of lead handling: crm_tui/leads, the lead store and the lead screens."""

MESSAGES: dict[str, str] = {
    # Statuses and sources
    "New": "Новый",
    "Ready to contact": "Готов к контакту",
    "Junk": "Мусор",
    "Refused": "Отказ",
    "Converted": "Конвертирован",
    "All": "Все",
    "Referral": "Рекомендация",
    "Exhibition": "Выставка",
    "Website": "Сайт",
    "Incoming call": "Входящий звонок",
    "Incoming e-mail": "Входящее письмо",
    "Advertising": "Реклама",
    "Cold call": "Холодный звонок",
    # Status rules
    "A lead with status «{status}» cannot be qualified.":
        "Лид в статусе «{status}» нельзя квалифицировать.",
    "A lead with status «{status}» cannot be marked as junk.":
        "Лид в статусе «{status}» нельзя отметить как мусор.",
    "A lead with status «{status}» cannot be refused.":
        "Лид в статусе «{status}» нельзя перевести в отказ.",
    "A lead with status «{status}» cannot be converted.":
        "Лид в статусе «{status}» нельзя конвертировать.",
    # Scoring
    "Source: {source}": "Источник: {source}",
    "A company is named": "Указана компания",
    "Phone given": "Указан телефон",
    "E-mail given": "Указан e-mail",
    "Phone and e-mail both given": "Есть и телефон, и e-mail",
    "Known as {what}: {name}": "Известен как {what}: {name}",
    "junk": "мусор",
    "a competitor": "конкурент",
    # Assignment
    "No manager works with this person yet; the head of sales assigns the lead.":
        "С этим человеком ещё не работает ни один менеджер; лида назначит руководитель "
        "отдела продаж.",
    "{name}, who usually serves {client}, has {count} open deals (the limit is {limit}); "
    "the head of sales decides who takes the lead.":
        "У менеджера {name}, который обычно ведёт клиента {client}, открытых сделок: {count} "
        "(предел — {limit}); кому передать лида, решит руководитель отдела продаж.",
    "{name}, who usually serves {client}, is no longer active; the head of sales assigns "
    "the lead.":
        "Менеджер {name}, который обычно ведёт клиента {client}, больше не работает; лида "
        "назначит руководитель отдела продаж.",
    "There is no active manager to take turns; the head of sales assigns the lead.":
        "Нет активных менеджеров для распределения по очереди; лида назначит руководитель "
        "отдела продаж.",
    "Leads are assigned by the head of sales.": "Лидов распределяет руководитель отдела продаж.",
    # Store
    "give a lead to another manager": "передавать лида другому менеджеру",
    "handle another manager's lead": "обрабатывать лида другого менеджера",
    "Say why the lead refused: the reason is required.":
        "Укажите, почему лид отказался: причина обязательна.",
    "Send farewell letter with survey: {name}": "Отправить прощальное письмо с опросом: {name}",
    "Lead {name} refused: {reason}": "Лид {name} отказался: {reason}",
    "Lead {name} needs a responsible: {reason}": "Лиду {name} нужен ответственный: {reason}",
    "A converted lead keeps its owner; change the client's owner.":
        "У конвертированного лида ответственный не меняется; смените ответственного клиента.",
    "Converted from lead {name}": "Конвертирован из лида {name}",
    # Actions
    "Qualify": "Квалифицировать",
    "Mark as junk": "Отметить как мусор",
    "Assign": "Назначить",
    "New lead": "Новый лид",
    "Save the lead": "Сохранить лида",
    "Refuse the lead": "Перевести лида в отказ",
    "Convert the lead": "Конвертировать лида",
    "Refresh": "Обновить",
    "{name}: ready to contact": "{name}: готов к контакту",
    "{name}: marked as junk": "{name}: отмечен как мусор",
    "{name} is now a client; the lead keeps the links.":
        "{name} теперь клиент; лид хранит ссылки на созданные записи.",
    "Someone else changed this lead": "Лида изменил другой пользователь",
    # List
    "Leads": "Лиды",
    "Leads, the most valuable first. The digits 1–6 switch between the status tabs; each tab "
    "shows how many leads it holds. A lead from a person already marked junk or competitor "
    "lands on the Junk tab by itself. Leads nobody has taken yet show \u201cnobody\u201d as "
    "the responsible: the head of sales assigns them with A.":
        "Лиды, самые ценные — первыми. Цифры 1–6 переключают вкладки статусов; на каждой "
        "видно, сколько в ней лидов. Лид от человека, уже отмеченного как мусор или "
        "конкурент, сам попадает на вкладку «Мусор». У лидов, которых ещё никто не взял, "
        "ответственный — «никто»: руководитель отдела продаж назначает их клавишей A.",
    "Name, phone or e-mail…": "ФИО, телефон или e-mail…",
    "Full name": "ФИО",
    "Company": "Компания",
    "Score": "Оценка",
    "Source": "Источник",
    "Status": "Статус",
    "Responsible": "Ответственный",
    "— nobody —": "— никто —",
    "Lead {name} saved with score {score}.": "Лид {name} сохранён, оценка {score}.",
    "{name} is known as junk or a competitor: the lead went to Junk.":
        "{name} известен как мусор или конкурент: лид попал в «Мусор».",
    "Possible duplicates": "Возможные дубликаты",
    "Nobody assigned": "Ответственный не назначен",
    "same phone": "тот же телефон",
    "same e-mail": "тот же e-mail",
    "similar company, {similarity}%": "похожая компания, {similarity}%",
    "similar name, {similarity}%": "похожее имя, {similarity}%",
    "marked junk": "отмечен как мусор",
    "marked competitor": "отмечен как конкурент",
    "and {count} more": "и ещё {count}",
    # Card
    "One lead: its data and score, the known clients, contacts and leads it may duplicate, "
    "and — once converted — the client, contact and deal it became. Enter on a line opens "
    "that record. The lead keys work here as on the list.":
        "Один лид: его данные и оценка, известные клиенты, контакты и лиды, которые он может "
        "дублировать, и — после конвертации — клиент, контакт и сделка, в которые он "
        "превратился. Enter на строке открывает эту запись. Клавиши лида работают здесь так "
        "же, как в списке.",
    "Received": "Получен",
    "Refusal reason": "Причина отказа",
    "What it became": "Во что превратился",
    "Not converted yet": "Ещё не конвертирован",
    "None found": "Не найдено",
    "Total: {score}": "Итого: {score}",
    # Form
    "A new lead. The name is required; a company, a phone and an e-mail make the lead score "
    "higher. Enter moves to the next field; Ctrl+S saves. Possible duplicates are reported "
    "after saving, never refused.":
        "Новый лид. ФИО обязательно; компания, телефон и e-mail повышают оценку лида. Enter "
        "переходит к следующему полю; Ctrl+S сохраняет. О возможных дубликатах сообщается "
        "после сохранения, сохранить их можно всегда.",
    "Who wrote in": "Кто обратился",
    "Company, if any": "Компания, если есть",
    "Not known": "Неизвестно",
    "By the team's rule": "По правилу отдела",
    # Refuse and assign
    "The person declined. Write why: the reason is kept on the lead, the heads of sales see "
    "it, and the owner gets a task to send a farewell letter with a survey. Save with Ctrl+S.":
        "Человек отказался. Напишите почему: причина сохраняется в лиде, её видит "
        "руководитель отдела продаж, а ответственный получает задачу отправить прощальное "
        "письмо с опросом. Сохранить — Ctrl+S.",
    "Refuse lead «{name}»": "Отказ лида «{name}»",
    "Why did they refuse? The owner will get a task to send a farewell letter with a survey.":
        "Почему отказались? Ответственный получит задачу отправить прощальное письмо с "
        "опросом.",
    "Refuse": "Отказ",
    "Choose the responsible for this lead and press Enter. The head of sales may give any "
    "lead to anyone; a manager may take a lead that nobody has yet.":
        "Выберите ответственного за лида и нажмите Enter. Руководитель отдела продаж может "
        "передать любого лида кому угодно; менеджер может взять лида, которого ещё никто не "
        "взял.",
    "Responsible for «{name}»": "Ответственный за «{name}»",
    # Convert
    "Convert the lead. Leave the client picker empty to create a client with the name above, "
    "or find an existing client. Choose a known contact or a new one, and whether to open a "
    "deal. Everything is saved at once (Ctrl+S), or nothing is.":
        "Конвертация лида. Оставьте выбор клиента пустым, чтобы создать клиента с указанным "
        "выше названием, или найдите существующего. Выберите известный контакт или новый и "
        "решите, открывать ли сделку. Сохраняется всё сразу (Ctrl+S) — или ничего.",
    "Convert lead «{name}»": "Конвертация лида «{name}»",
    "New client": "Новый клиент",
    "Or existing": "Или существующий",
    "Similar clients: {names}": "Похожие клиенты: {names}",
    "New contact from the lead": "Новый контакт из лида",
    "Open a deal": "Открыть сделку",
    "Pipeline": "Воронка",
    "Deal title": "Название сделки",
    "Convert": "Конвертировать",
}
