from odoo import api, fields, models
from odoo.tools import SQL

from .project_task import CANCELED


class ProjectProject(models.Model):
    """Roll-ups of the project's tasks (hours, progress from work done,
    schedule slip) and the SQL the earned value of the finance addon builds on."""

    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

    # Roll-ups of the project's tasks, stored for lists and dashboards.
    ps_planned_hours = fields.Float(
        string="Planned Hours", compute="_compute_ps_rollups", store=True, copy=False
    )
    ps_spent_hours = fields.Float(
        string="Spent Hours", compute="_compute_ps_rollups", store=True, copy=False
    )
    ps_progress = fields.Float(
        string="Progress (%)",
        compute="_compute_ps_progress",
        store=True,
        aggregator="avg",
        help="Work done: the progress of the project's tasks (done = 100 %, else the "
        "progress entered), weighted by their planned hours (equally when no task has "
        "hours). Cancelled tasks do not count. Never above 100 %.",
    )
    ps_hours_burn = fields.Float(
        string="Hours Burn (%)",
        compute="_compute_ps_rollups",
        store=True,
        aggregator="avg",
        help="Hours spent against planned hours, in %. Burning hours is not progress: "
        "this can exceed 100 %.",
    )
    ps_schedule_variance_days = fields.Integer(
        string="Schedule Variance (Days)",
        compute="_compute_ps_rollups",
        store=True,
        aggregator="max",
        help="Largest slip of a task deadline past its baseline, in days.",
    )

    @api.depends(
        "task_ids.allocated_hours",
        "task_ids.effective_hours",
        "task_ids.ps_schedule_variance_days",
        "task_ids.project_id",
        "task_ids.state",
    )
    def _compute_ps_rollups(self):
        # a cancelled task (a change request's scope cut) leaves the plan; the
        # time logged on it still counts
        rows = {}
        for project, state, planned, spent, slip in (
            self.env["project.task"]
            .with_context(active_test=False)
            .sudo()
            ._read_group(
                [("project_id", "in", self.ids), ("active", "=", True)],
                ["project_id", "state"],
                ["allocated_hours:sum", "effective_hours:sum", "ps_schedule_variance_days:max"],
            )
        ):
            total = rows.setdefault(project.id, [0.0, 0.0, None])
            total[0] += 0.0 if state == CANCELED else planned
            total[1] += spent
            if slip is not None:
                total[2] = slip if total[2] is None else max(total[2], slip)
        for project in self:
            planned, spent, slip = rows.get(project.id, (0.0, 0.0, 0))
            project.ps_planned_hours = planned
            project.ps_spent_hours = spent
            project.ps_hours_burn = 100.0 * spent / planned if planned else 0.0
            project.ps_schedule_variance_days = slip or 0

    @api.depends(
        "task_ids.ps_progress",
        "task_ids.allocated_hours",
        "task_ids.state",
        "task_ids.parent_id",
        "task_ids.active",
        "task_ids.project_id",
    )
    def _compute_ps_progress(self):
        progress = {}
        if self.ids:
            # One query for all the projects: the leaf tasks' progress weighted
            # by their planned hours (equal weights when none has hours).
            self.env["project.task"].flush_model(
                ["project_id", "parent_id", "active", "state", "allocated_hours", "ps_progress"]
            )
            self.env.cr.execute(
                SQL(
                    """
                    SELECT t.project_id,
                           SUM(t.allocated_hours * t.ps_progress),
                           SUM(t.allocated_hours),
                           SUM(t.ps_progress),
                           COUNT(*)
                      FROM project_task t
                     WHERE %(leaves)s AND t.project_id IN %(ids)s
                  GROUP BY t.project_id
                    """,
                    leaves=self._ps_leaf_tasks_sql(SQL.identifier("t")),
                    ids=tuple(self.ids),
                )
            )
            for project_id, weighted, hours, total, count in self.env.cr.fetchall():
                if hours and hours > 0:
                    progress[project_id] = (weighted or 0.0) / hours
                elif count:
                    progress[project_id] = (total or 0.0) / count
        for project in self:
            project.ps_progress = min(max(progress.get(project.id, 0.0), 0.0), 100.0)

    @api.model
    def _ps_leaf_tasks_sql(self, alias):
        """SQL condition on the tasks (table alias ``alias``) that count for a
        project's progress and plan: active, not cancelled, without active and
        not cancelled sub-tasks."""
        return SQL(
            """%(t)s.active AND %(t)s.state != %(canceled)s AND NOT EXISTS (
                   SELECT 1 FROM project_task c
                    WHERE c.parent_id = %(t)s.id AND c.active AND c.state != %(canceled)s)""",
            t=alias,
            canceled=CANCELED,
        )

    @api.model
    def _ps_planned_share_query(self, as_of, projects):
        """SQL query of (project_id, share) rows: the share (0 to 1) of each
        baselined project's work that its baseline schedule plans done by the
        end of day ``as_of`` (an SQL date expression), for the projects whose
        tasks meet ``projects`` (an SQL condition on ``t.project_id``: a list of
        ids, or a correlation with an outer project row, so that the cost
        follows the projects asked for). Each leaf task weighs its baseline
        hours (equally when no task has any) and is planned linearly, day by
        day, from its baseline start to its baseline deadline (a task with only
        one of them is planned on that day; with neither, over the project's
        dates; without any date, as due from the start)."""
        return SQL(
            """
            SELECT w.project_id, SUM(w.weight * w.done) / NULLIF(SUM(w.weight), 0) AS share
              FROM (
                SELECT d.project_id,
                       CASE WHEN SUM(d.hours) OVER (PARTITION BY d.project_id) > 0
                            THEN d.hours ELSE 1 END AS weight,
                       CASE WHEN d.day_from IS NULL THEN 1.0
                            ELSE LEAST(GREATEST(
                                ((%(as_of)s)::date - d.day_from + 1)::numeric
                                / (GREATEST(d.day_to - d.day_from, 0) + 1), 0), 1)
                       END AS done
                  FROM (
                    SELECT t.project_id,
                           COALESCE(t.ps_baseline_hours, 0) AS hours,
                           COALESCE(t.ps_baseline_date_start::date, t.ps_baseline_deadline::date,
                                    pp.date_start, pp.date) AS day_from,
                           COALESCE(t.ps_baseline_deadline::date, t.ps_baseline_date_start::date,
                                    pp.date, pp.date_start) AS day_to
                      FROM project_task t
                      JOIN project_project pp ON pp.id = t.project_id
                     WHERE %(projects)s AND pp.ps_baseline_version > 0 AND %(leaves)s
                  ) d
              ) w
          GROUP BY w.project_id
            """,
            as_of=as_of,
            projects=projects,
            leaves=self._ps_leaf_tasks_sql(SQL.identifier("t")),
        )
