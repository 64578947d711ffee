"""The task inbox: one's tasks by when they are due — overdue, today, tomorrow, this week,
later — and what was done lately, each group a table paged from the database.

Each group shows about ten rows at a time, so it loads a short first page and the rest as
the cursor or the scroll nears its end; the counts in the titles come from the database.
The head of sales can look at any manager's tasks or at the whole team's. `d` (or space)
completes the highlighted task with an outcome, `s` snoozes it, enter opens its deal,
contact or client, `n` adds a task.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Label

from crm_tui.app import DataChanged
from crm_tui.due_times import format_due
from crm_tui.formatting import format_number
from crm_tui.i18n import N_, _
from crm_tui.schemas.common import Page
from crm_tui.schemas.inbox import INBOX_GROUPS, InboxFilter, InboxGroup, primary_link
from crm_tui.schemas.work import TaskOut
from crm_tui.screens.base import CrmScreen
from crm_tui.screens.reminders import TasksFellDue
from crm_tui.screens.task_form import TASK_TYPES
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.filter_line import Filter, FilterLine
from crm_tui.widgets.key_footer import KeyFooter
from crm_tui.widgets.paged_table import PagedTable
from crm_tui.widgets.status_bar import StatusBar
from crm_tui.widgets.text import joined, plain

if TYPE_CHECKING:
    from crm_tui.app import CrmApp
    from crm_tui.store.tasks import TaskRepository

GROUP_TITLES: dict[InboxGroup, str] = {
    "overdue": N_("Overdue"), "today": N_("Today"), "tomorrow": N_("Tomorrow"),
    "week": N_("This week"), "later": N_("Later"), "done": N_("Done in the last 7 days"),
}
LINK_KINDS = {"deal": N_("Deals"), "contact": N_("Contacts"), "client": N_("Clients")}
ME = "me"
MIN_TITLE_WIDTH = 16
# A group's table shows at most 11 rows (task_inbox.tcss): a first page of 12 fills it and
# says there is more. Every row fetched is built, measured and added before the first frame:
# 20 a group built 120 rows where 72 fill every table.
FIRST_PAGE = 12
TABLE_ROWS = 11
NEXT_PAGE = 50
LOADING_DELAY = 0.3  # seconds a reload may take before the groups show a loading spinner
MIN_ABOUT_WIDTH = 10
TEAM = "team"


def load_inbox(tasks: TaskRepository, which: InboxFilter, sizes: dict[InboxGroup, int]
               ) -> tuple[dict[InboxGroup, int], dict[InboxGroup, Page[TaskOut]]]:
    """The groups' counts and the first `sizes[group]` tasks of each group that has any."""
    counts = tasks.inbox_counts(which)
    pages = {group: tasks.inbox_page(group, which, limit=size) if counts.get(group)
             else Page[TaskOut](items=[]) for group, size in sizes.items()}
    return counts, pages


class InboxTable(PagedTable[TaskOut]):
    """One group's tasks; the arrows run on into the next group past the last row."""

    HELP = _(
        "Tasks of one group, paged from the database. Up and Down run on into the "
        "neighbouring groups; Tab jumps to the next group."
    )
    help_title = _("Task list")
    prefetch_margin = 8

    class EdgeReached(Message):
        """The cursor tried to move past the first or last task of this group."""

        def __init__(self, table: InboxTable, step: int) -> None:
            super().__init__()
            self.table = table
            self.step = step

    def __init__(self, group: InboxGroup, columns: list[tuple[str, str, int]],
                 to_row: Any) -> None:
        super().__init__([(key, label) for key, label, _width in columns], to_row,
                         id=f"tasks-{group}", classes="inbox-table")
        self.group = group
        self._widths = {key: width for key, _label, width in columns}

    def add_column(self, label: Any, *, width: int | None = None, key: str | None = None,
                   default: Any = None) -> Any:
        # Fixed widths, so the columns of all the groups line up as one list.
        return super().add_column(label, width=self._widths.get(key or "", width), key=key,
                                  default=default)

    def action_cursor_down(self) -> None:
        if self.row_count == 0 or (self.cursor_row >= self.row_count - 1 and self.exhausted):
            self.post_message(self.EdgeReached(self, 1))
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.cursor_row <= 0:
            self.post_message(self.EdgeReached(self, -1))
            return
        super().action_cursor_up()


class TaskInboxScreen(CrmScreen):
    """The signed-in user's tasks by due group; the head of sales may pick whose."""

    CSS_PATH = "task_inbox.tcss"
    HELP = _(
        "Your tasks, grouped by when they are due on your own calendar (the time zone of "
        "the configuration), with what you completed in the last 7 days at the bottom. "
        "The head of sales can choose a manager or the whole team in the first filter."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("tasks.new", "n", "new_task", N_("task"), N_("New task"), show=True),
        UserAction("tasks.complete", "d,space", "complete", N_("task"), N_("Complete"),
                   show=True, key_display="d/space"),
        UserAction("tasks.snooze", "s", "snooze", N_("task"), N_("Snooze / reschedule"),
                   show=True),
        UserAction("tasks.open", "enter", "open_link", N_("task"),
                   N_("Open the linked deal, contact or client")),
        UserAction("tasks.filters", "ctrl+f", "pick_first", N_("task"),
                   N_("Choose whose tasks and filters")),
        UserAction("tasks.whose", "w", "pick('whose')", N_("task"), N_("Whose tasks")),
        UserAction("tasks.kind", "t", "pick('kind')", N_("task"), N_("Filter by type")),
        UserAction("tasks.link", "l", "pick('link')", N_("task"),
                   N_("Filter by what the task is linked to")),
        UserAction("tasks.refresh", "ctrl+r", "refresh", N_("task"), N_("Refresh the inbox")),
    ]
    BINDINGS = bindings(ACTIONS)

    def __init__(self) -> None:
        super().__init__()
        self._restore: tuple[InboxGroup, int] | None = None
        self._last_table: InboxTable | None = None
        self._counts: dict[InboxGroup, int] = {}
        self._focus_pending = True  # the first counts put the cursor on the first task
        self._focus_target: InboxGroup | None = None
        self._loading_timer: Timer | None = None
        self._filter: InboxFilter | None = None  # what the shown tasks were filtered by
        # The filters in force: whose tasks (ME, TEAM or a user id), type and link kind.
        self._whose: str | int = ME
        self._kind: str | None = None
        self._link: str | None = None
        self._users: list[tuple[str, int]] | None = None  # others, for the head of sales

    @property
    def _team_lead(self) -> bool:
        user = self.store.user
        return bool(user and user.is_head)

    # -- layout ----------------------------------------------------------------------------
    def start_loading(self) -> None:
        self.reload()
        if self._team_lead:
            self.call_store(self.store.users.list, done=self._fill_whose, group="users")

    def compose(self) -> ComposeResult:
        # Unless the app made them before composing: the SQL runs while the widgets mount.
        self.begin_loading()
        yield StatusBar()
        filters = [Filter("kind", _("Type"), "t", _("Any type")),
                   Filter("link", _("Linked to"), "l", _("Anything"))]
        if self._team_lead:  # a manager sees only their own tasks: no such filter
            filters.insert(0, Filter("whose", _("Whose"), "w", _("My tasks")))
        yield FilterLine(*filters, id="inbox-filters")
        columns = [("due", _("Due"), 20), ("kind", _("Type"), 13), ("title", _("Task"), 0),
                   ("about", _("About"), 0)]
        if self._team_lead:
            columns.append(("assignee", _("Assignee"), 14))
        # Fixed widths line the groups up as one list; the title and the linked record share
        # what the other columns leave of the terminal (each column pads by 2, and 4 more go
        # to the scrollbar and the margins).
        fixed = sum(width + 2 for _key, _label, width in columns) + 4
        flexible = self.app.size.width - fixed
        title_width = max(MIN_TITLE_WIDTH, flexible * 3 // 5)
        columns[2] = ("title", _("Task"), title_width)
        columns[3] = ("about", _("About"), max(MIN_ABOUT_WIDTH, flexible - title_width))
        with VerticalScroll(id="inbox-groups"):
            yield Label(_("Nothing to do here. Press n to add a task."), id="inbox-empty")
            for group in INBOX_GROUPS:
                yield Label(_(GROUP_TITLES[group]), id=f"head-{group}",
                            classes=f"group-title -{group}")
                yield InboxTable(group, columns, self._row)
        yield KeyFooter()

    def _row(self, task: TaskOut) -> list:
        now = self.store.ctx.now()
        tz = self.store.settings.timezone
        if task.done_at is not None:
            when = plain(format_due(task.done_at, now, tz))
            title = joined(task.title, task.outcome, sep=" — ")
        else:
            when = plain(format_due(task.due_at, now, tz),
                         style="bold" if task.due_at < now else "")
            title = plain(task.title)
        row = [when, plain(_(TASK_TYPES[task.kind])), title,
               joined(task.deal_title, task.contact_name, task.client_name)]
        if self._team_lead:
            row.append(plain(task.assignee_name))
        return row

    @property
    def tables(self) -> list[InboxTable]:
        return list(self.query(InboxTable))

    def table(self, group: InboxGroup) -> InboxTable:
        return self.query_one(f"#tasks-{group}", InboxTable)

    def on_mount(self) -> None:
        self.query_one(StatusBar).screen_title = _("Task inbox")
        for table in self.tables:
            table.display = False
        self.query_one("#inbox-empty", Label).display = False
        self.draw_waiting()

    def _fill_whose(self, users) -> None:  # type: ignore[no-untyped-def]
        self.when_mounted(lambda: self._show_whose(users))

    def _show_whose(self, users) -> None:  # type: ignore[no-untyped-def]
        me = self.store.user
        self._users = [(u.display_name, u.id) for u in users if me is None or u.id != me.id]

    # -- loading ---------------------------------------------------------------------------
    @classmethod
    def warm_up(cls, app: CrmApp) -> None:
        # What a fresh inbox loads: the signed-in user's tasks, no filter (see __init__).
        load_inbox(app.store.tasks, InboxFilter(), dict.fromkeys(INBOX_GROUPS, FIRST_PAGE))

    def inbox_filter(self) -> InboxFilter:
        whose = self._whose if self._team_lead else ME
        return InboxFilter(
            assignee_id=whose if isinstance(whose, int) else None,
            everyone=whose == TEAM,
            kind=self._kind,
            link=self._link,
        )

    def reload(self) -> None:
        """Counts and every group's first page again, keeping the cursor where it was.

        One worker fetches them all and they are drawn at once: a worker per group would
        redraw the inbox as each page came in.
        """
        which = self._filter = self.inbox_filter()
        tasks = self.store.tasks
        # Again as far as the cursor was, so it stays on its task.
        sizes = dict.fromkeys(INBOX_GROUPS, FIRST_PAGE)
        sizes.update({table.group: max(FIRST_PAGE,
                                       table.cursor_row + table.prefetch_margin + 1)
                      for table in self.tables})

        def fetch(group: InboxGroup, after: tuple | None) -> Page[TaskOut]:
            return tasks.inbox_page(group, which, after=after, limit=NEXT_PAGE)

        def load() -> tuple[dict[InboxGroup, int], dict[InboxGroup, Page[TaskOut]]]:
            return load_inbox(tasks, which, sizes)

        def done(result: tuple[dict[InboxGroup, int], dict[InboxGroup, Page[TaskOut]]]) -> None:
            self.when_mounted(lambda: draw(result))

        def draw(result: tuple[dict[InboxGroup, int], dict[InboxGroup, Page[TaskOut]]]) -> None:
            self._stop_loading()
            # Where the cursor is now, not where it was when the load began: the user may
            # have moved on meanwhile, and going back to the top would lose their place.
            now = self._current_table()
            if now is not None and now.row_count:
                self._restore = (now.group, now.cursor_row)
            counts, pages = result
            with self.app.batch_update():
                for table in self.tables:
                    table.show_first_page(lambda after, g=table.group: fetch(g, after),
                                          pages[table.group])
                self._show_counts(counts)

        def failed(exc: Exception) -> None:
            self._stop_loading()
            self.show_store_error(exc)

        if self._loading_timer is not None:
            self._loading_timer.stop()
        # A quick load shows no spinners: mounting one per group costs more than it tells.
        # (Before the screen is shown there are no groups to spin.)
        if self.is_attached:
            self._loading_timer = self.set_timer(LOADING_DELAY,
                                                 lambda: self._set_loading(True))
        self.call_store(load, done=done, on_error=failed, group="inbox")

    def _stop_loading(self) -> None:
        if self._loading_timer is not None:
            self._loading_timer.stop()
            self._loading_timer = None
        self._set_loading(False)

    def _set_loading(self, loading: bool) -> None:
        for table in self.tables:
            table.loading = loading

    def _show_counts(self, counts: dict[InboxGroup, int]) -> None:
        self._counts = counts
        for group in INBOX_GROUPS:
            count = counts.get(group, 0)
            self.query_one(f"#head-{group}", Label).update(
                plain(f"{_(GROUP_TITLES[group])} · {format_number(count)}")
            )
            table = self.table(group)
            table.display = count > 0
            # The scrollbar decided with the count, before the first layout: one Textual
            # adds after that layout lays the inbox out and draws it again.
            scrolls = count > TABLE_ROWS
            table.styles.overflow_y = "scroll" if scrolls else "hidden"
            table.show_vertical_scrollbar = scrolls
        self.query_one("#inbox-empty", Label).display = not any(counts.values())
        focused = self.focused
        lost = isinstance(focused, InboxTable) and not focused.display
        if (self._focus_pending or lost or focused is None) and self._focus_first():
            self._focus_pending = False
        self.refresh_bindings()

    def _focus_first(self) -> bool:
        for table in self.tables:
            if self._counts.get(table.group):
                if table.loading:  # a loading widget takes no focus: wait for its rows
                    self._focus_target = table.group
                elif not self.is_mounted:
                    # Not shown yet: focused now, so the first frame has it and the footer
                    # the keys for a task (focus() lands a frame later).
                    self.set_focus(table, scroll_visible=False)
                else:
                    table.focus()
                return True
        return False

    @on(PagedTable.Loaded)
    def _loaded(self, event: PagedTable.Loaded) -> None:
        table = event.table
        if not (event.first and isinstance(table, InboxTable)):
            return
        if self._restore and self._restore[0] == table.group and table.row_count:
            table.move_cursor(row=min(self._restore[1], table.row_count - 1))
            self._restore = None
        if self._focus_target == table.group:
            self._focus_target = None
            table.focus()
        self.refresh_bindings()

    def on_data_changed(self, _event: DataChanged) -> None:
        self.reload()

    @on(TasksFellDue)
    def _fell_due(self) -> None:
        self.reload()  # today's tasks that fell due move to Overdue

    # -- filters ---------------------------------------------------------------------------
    def action_pick_first(self) -> None:
        self.action_pick("whose" if self._team_lead else "kind")

    def action_pick(self, name: str) -> None:
        """Offer a filter's values in a dialog; the choice reloads the inbox."""
        if name == "whose":
            if not self._team_lead:
                return
            if self._users is None:
                self.notify(_("The list of managers is still loading."))
                return
            answers = [(ME, _("My tasks")), *((str(i), who) for who, i in self._users),
                       (TEAM, _("Whole team"))]
            question, current = _("Whose tasks?"), str(self._whose)
        elif name == "kind":
            answers = [("", _("Any type")),
                       *((code, _(label)) for code, label in TASK_TYPES.items())]
            question, current = _("Which type of task?"), self._kind or ""
        else:
            answers = [("", _("Anything")),
                       *((code, _(label)) for code, label in LINK_KINDS.items())]
            question, current = _("Linked to what?"), self._link or ""

        def chosen(value: str) -> None:
            if name == "whose":
                self._whose = value if value in (ME, TEAM) else int(value)
            elif name == "kind":
                self._kind = value or None
            else:
                self._link = value or None
            if self.inbox_filter() != self._filter:
                self.reload()

        self.ask_filter(name, question, answers, current, chosen)

    # -- moving between groups -------------------------------------------------------------
    @on(InboxTable.EdgeReached)
    def _edge(self, event: InboxTable.EdgeReached) -> None:
        tables = [t for t in self.tables if t.display and t.row_count]
        if event.table not in tables:
            return
        index = tables.index(event.table) + event.step
        if 0 <= index < len(tables):
            target = tables[index]
            target.focus()
            target.move_cursor(row=0 if event.step > 0 else target.row_count - 1)

    def on_descendant_focus(self, event) -> None:  # type: ignore[no-untyped-def]
        if isinstance(event.widget, InboxTable):
            self._last_table = event.widget
        self.refresh_bindings()

    def _current_table(self) -> InboxTable | None:
        focused = self.focused
        if isinstance(focused, InboxTable):
            return focused
        return self._last_table

    def current_task(self) -> TaskOut | None:
        table = self._current_table()
        return table.current if table is not None and table.display else None

    # -- actions ---------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick" and parameters == ("whose",):
            return self._team_lead
        if action in ("complete", "snooze"):
            task = self.current_task()
            return task is not None and task.done_at is None
        if action == "open_link":
            task = self.current_task()
            return task is not None and primary_link(task) is not None
        return True

    def action_refresh(self) -> None:
        self.reload()

    def action_new_task(self) -> None:
        from crm_tui.screens.navigation import new_record

        new_record(self.app, "task", on_saved=self._saved)

    def _saved(self, task: Any) -> None:
        self.reload()

    def action_complete(self) -> None:
        from crm_tui.screens.task_complete import TaskCompleteDialog

        task = self.current_task()
        if task is not None and task.done_at is None:
            self.app.push_screen(TaskCompleteDialog(task), self._done)

    def _done(self, task: TaskOut | None) -> None:
        if task is not None:
            self.notify(_("Done: {title}", title=task.title), markup=False)
            self.reload()

    def action_snooze(self) -> None:
        from crm_tui.screens.task_snooze import TaskSnoozeDialog

        task = self.current_task()
        if task is not None and task.done_at is None:
            self.app.push_screen(TaskSnoozeDialog(task), self._snoozed)

    def _snoozed(self, task: TaskOut | None) -> None:
        if task is not None:
            when = format_due(task.due_at, self.store.ctx.now(), self.store.settings.timezone)
            self.notify(_("Moved to {when}: {title}", when=when, title=task.title),
                        markup=False)
            self.reload()

    def action_open_link(self) -> None:
        task = self.current_task()
        if task is not None:
            self._open(task)

    @on(PagedTable.Chosen)
    def _chosen(self, event: PagedTable.Chosen) -> None:
        self._open(event.item)

    def _open(self, task: TaskOut) -> None:
        from crm_tui.screens.navigation import open_record

        link = primary_link(task)
        if link is None:
            self.notify(_("This task is not linked to a deal, contact or client."),
                        severity="warning")
            return
        open_record(self.app, *link)
