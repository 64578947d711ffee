"""Russian for the sweep of role reminders: the `crm-tui remind` subcommand."""

MESSAGES: dict[str, str] = {
    "make the due automatic reminder tasks (for cron)":
        "создать назревшие автоматические задачи-напоминания (для cron)",
    "Reminder tasks created: {count}": "Создано задач-напоминаний: {count}",
}
