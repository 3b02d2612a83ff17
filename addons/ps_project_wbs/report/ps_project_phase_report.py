from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.project.models.project_task import CLOSED_STATES

from ..models.ps_wbs_template import PHASES


class PsProjectPhaseReport(models.Model):
    """Planned and spent hours, progress and schedule variance of each phase of
    each project (the phase of a task comes from its template). Progress is
    work done, weighted as the project's (see project.project.ps_progress);
    hours burn is spent over planned hours."""

    _name = "ps.project.phase.report"
    _description = "Project Progress by Phase"
    _auto = False
    _order = "project_id, phase"
    _depends = {
        "project.task": [
            "project_id",
            "company_id",
            "ps_phase",
            "state",
            "allocated_hours",
            "effective_hours",
            "ps_schedule_variance_days",
            "ps_progress",
            "parent_id",
            "active",
        ],
    }

    project_id = fields.Many2one("project.project", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    phase = fields.Selection(PHASES, readonly=True)
    task_count = fields.Integer(string="Tasks", readonly=True)
    closed_task_count = fields.Integer(string="Closed Tasks", readonly=True)
    planned_hours = fields.Float(readonly=True)
    spent_hours = fields.Float(readonly=True)
    progress = fields.Float(string="Progress (%)", readonly=True, aggregator="avg")
    hours_burn = fields.Float(string="Hours Burn (%)", readonly=True, aggregator="avg")
    schedule_variance_days = fields.Integer(
        string="Schedule Variance (Days)", readonly=True, aggregator="max"
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
CREATE OR REPLACE VIEW %(table)s AS (
    SELECT MIN(t.id) AS id, t.project_id, t.company_id, t.ps_phase AS phase,
           COUNT(*) AS task_count,
           COUNT(*) FILTER (WHERE t.state IN %(closed)s) AS closed_task_count,
           SUM(t.allocated_hours) AS planned_hours,
           SUM(t.effective_hours) AS spent_hours,
           LEAST(COALESCE(CASE
               WHEN SUM(t.allocated_hours) FILTER (WHERE %(leaf)s) > 0
               THEN SUM(t.allocated_hours * t.ps_progress) FILTER (WHERE %(leaf)s)
                    / SUM(t.allocated_hours) FILTER (WHERE %(leaf)s)
               ELSE AVG(t.ps_progress) FILTER (WHERE %(leaf)s) END, 0), 100) AS progress,
           CASE WHEN SUM(t.allocated_hours) > 0
                THEN 100.0 * SUM(t.effective_hours) / SUM(t.allocated_hours) ELSE 0 END
               AS hours_burn,
           MAX(t.ps_schedule_variance_days) AS schedule_variance_days
      FROM project_task t
     WHERE t.active AND t.project_id IS NOT NULL AND t.ps_phase IS NOT NULL
  GROUP BY t.project_id, t.company_id, t.ps_phase
)
""",
                table=SQL.identifier(self._table),
                closed=tuple(CLOSED_STATES),
                leaf=self.env["project.project"]._ps_leaf_tasks_sql(SQL.identifier("t")),
            )
        )
