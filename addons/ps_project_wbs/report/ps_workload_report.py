from datetime import timedelta

from odoo import fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.project.models.project_task import CLOSED_STATES

LOAD_STATUS = [
    ("idle", "Idle"),
    ("normal", "Normal"),
    ("busy", "Busy"),
    ("overloaded", "Overloaded"),
]


class PsWorkloadReport(models.Model):
    """Planned hours of each employee per week against their working time.

    A task's allocated hours are spread evenly over the days from its planned
    start to its deadline and shared between its assignees; the capacity is the
    weekly working time of the employee's resource calendar. Covers four weeks
    back to twelve weeks ahead of the current week.
    """

    _name = "ps.workload.report"
    _description = "Member Workload"
    _auto = False
    _order = "week_start, user_id"
    _rec_name = "user_id"
    _depends = {
        "project.task": [
            "allocated_hours",
            "date_deadline",
            "ps_date_start",
            "state",
            "user_ids",
            "active",
            "project_id",
        ],
        "hr.employee": ["user_id", "resource_calendar_id", "active", "company_id"],
    }

    user_id = fields.Many2one("res.users", string="Member", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    week_start = fields.Date(string="Week", readonly=True)
    planned_hours = fields.Float(readonly=True)
    capacity_hours = fields.Float(string="Working Hours", readonly=True)
    free_hours = fields.Float(readonly=True)
    load = fields.Float(string="Load (%)", readonly=True, aggregator="avg")
    status = fields.Selection(LOAD_STATUS, readonly=True)
    in_my_team = fields.Boolean(
        string="In My Projects",
        compute="_compute_in_my_team",
        search="_search_in_my_team",
        help="The member has open tasks in a project you manage.",
    )

    def _ps_team_users(self):
        """Members with open tasks in the projects the current user manages
        (as superuser: the manager may not follow every task of them)."""
        groups = (
            self.env["project.task"]
            .sudo()
            ._read_group(
                [
                    ("project_id.user_id", "=", self.env.uid),
                    ("state", "not in", list(CLOSED_STATES)),
                ],
                ["user_ids"],
            )
        )
        return self.env["res.users"].browse(user.id for (user,) in groups if user)

    def _compute_in_my_team(self):
        team = self._ps_team_users()
        for row in self:
            row.in_my_team = row.user_id in team

    def _search_in_my_team(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the members of my projects."))
        inside = (operator == "=") == value
        return [("user_id", "in" if inside else "not in", self._ps_team_users().ids)]

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
CREATE OR REPLACE VIEW %(table)s AS (
WITH weeks AS (
    SELECT generate_series(
        date_trunc('week', now())::date - 28,
        date_trunc('week', now())::date + 84,
        interval '7 days')::date AS week_start
), capacity AS (
    SELECT e.id AS employee_id, e.user_id, e.company_id,
           COALESCE(SUM(a.hour_to - a.hour_from)
                    / CASE WHEN c.two_weeks_calendar THEN 2 ELSE 1 END, 0) AS hours
      FROM hr_employee e
      JOIN resource_resource r ON r.id = e.resource_id
      LEFT JOIN resource_calendar c ON c.id = r.calendar_id
      LEFT JOIN resource_calendar_attendance a
             ON a.calendar_id = c.id
            AND COALESCE(a.day_period, '') != 'lunch'
            AND a.display_type IS NULL
            AND a.date_from IS NULL AND a.date_to IS NULL
     WHERE e.active AND e.user_id IS NOT NULL
  GROUP BY e.id, e.user_id, e.company_id, c.two_weeks_calendar
), spans AS (
    SELECT t.id, t.allocated_hours,
           LEAST(COALESCE(t.ps_date_start, t.date_deadline), t.date_deadline)::date AS day_from,
           t.date_deadline::date AS day_to,
           (SELECT COUNT(*) FROM project_task_user_rel r
             WHERE r.task_id = t.id AND r.user_id IS NOT NULL) AS assignees
      FROM project_task t
     WHERE t.active AND t.project_id IS NOT NULL AND t.allocated_hours > 0
       AND t.date_deadline IS NOT NULL AND t.state NOT IN %(closed)s
       -- only the tasks whose span meets the weeks shown
       AND t.date_deadline >= date_trunc('week', now())::date - 28
       AND LEAST(COALESCE(t.ps_date_start, t.date_deadline), t.date_deadline)::date
           <= date_trunc('week', now())::date + 90
), demand AS (
    -- each day of a task's span bears the same share of its hours: a week
    -- gets that share times the days of the span within it (only the weeks
    -- shown, only the members shown)
    SELECT r.user_id, w.week_start,
           SUM(s.allocated_hours / ((s.day_to - s.day_from + 1) * s.assignees)
               * (LEAST(s.day_to, w.week_start + 6) - GREATEST(s.day_from, w.week_start) + 1))
               AS hours
      FROM spans s
      JOIN project_task_user_rel r ON r.task_id = s.id AND r.user_id IS NOT NULL
      JOIN (SELECT DISTINCT user_id FROM capacity) m ON m.user_id = r.user_id
      JOIN weeks w ON w.week_start <= s.day_to AND w.week_start + 6 >= s.day_from
     WHERE s.assignees > 0
  GROUP BY r.user_id, w.week_start
)
SELECT ROW_NUMBER() OVER (ORDER BY w.week_start, c.employee_id) AS id,
       c.user_id, c.employee_id, c.company_id, w.week_start,
       COALESCE(d.hours, 0) AS planned_hours,
       c.hours AS capacity_hours,
       c.hours - COALESCE(d.hours, 0) AS free_hours,
       CASE WHEN c.hours > 0 THEN 100.0 * COALESCE(d.hours, 0) / c.hours ELSE 0 END AS load,
       CASE
           WHEN COALESCE(d.hours, 0) > c.hours THEN 'overloaded'
           WHEN COALESCE(d.hours, 0) > 0.8 * c.hours THEN 'busy'
           WHEN COALESCE(d.hours, 0) < 0.3 * c.hours THEN 'idle'
           ELSE 'normal'
       END AS status
  FROM capacity c
 CROSS JOIN weeks w
  LEFT JOIN demand d ON d.user_id = c.user_id AND d.week_start = w.week_start
)
""",
                table=SQL.identifier(self._table),
                closed=tuple(CLOSED_STATES),
            )
        )

    def action_open_tasks(self):
        """The member's open tasks that week, to reassign them."""
        self.ensure_one()
        week_end = self.week_start + timedelta(days=6)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ps_project_wbs.action_ps_workload_tasks"
        )
        action["domain"] = [
            ("user_ids", "in", self.user_id.ids),
            ("state", "not in", list(CLOSED_STATES)),
            ("date_deadline", ">=", fields.Datetime.to_datetime(self.week_start)),
            "|",
            ("ps_date_start", "=", False),
            ("ps_date_start", "<", fields.Datetime.to_datetime(week_end + timedelta(days=1))),
        ]
        action["display_name"] = self.env._(
            "Tasks of %(member)s, week of %(week)s", member=self.user_id.name, week=self.week_start
        )
        return action
