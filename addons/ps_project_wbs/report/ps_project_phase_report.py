from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.project.models.project_task import CLOSED_STATES

from ..models.ps_wbs_template import PHASES


class PsProjectPhaseReport(models.Model):
    """Planned and spent hours, progress and schedule variance of each phase of
    each project (the phase of a task comes from its template)."""

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
           CASE WHEN SUM(t.allocated_hours) > 0
                THEN 100.0 * SUM(t.effective_hours) / SUM(t.allocated_hours) ELSE 0 END
               AS progress,
           MAX(t.ps_schedule_variance_days) AS schedule_variance_days
      FROM project_task t
     WHERE t.active AND t.project_id IS NOT NULL AND t.ps_phase IS NOT NULL
  GROUP BY t.project_id, t.company_id, t.ps_phase
)
""",
                table=SQL.identifier(self._table),
                closed=tuple(CLOSED_STATES),
            )
        )
