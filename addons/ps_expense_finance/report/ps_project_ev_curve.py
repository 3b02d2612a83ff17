from odoo import fields, models, tools
from odoo.tools import SQL

SERIES = [
    ("pv", "Planned Value (PV)"),
    ("ev", "Earned Value (EV)"),
    ("ac", "Actual Cost (AC)"),
]


class PsProjectEvCurve(models.Model):
    """A project's S-curve: planned value, earned value and actual cost to date
    at the end of each closed month, one row per month and figure (a graph view
    draws one measure, split here by figure), read from the monthly close
    snapshots. Who reads it is who reads those snapshots (same rules)."""

    _name = "ps.project.ev.curve"
    _description = "Project Earned Value by Month"
    _auto = False
    _order = "date, series"
    _depends = {
        "ps.project.period": [
            "project_id",
            "company_id",
            "user_id",
            "date_start",
            "state",
            "planned_value",
            "earned_value",
            "cost_to_date",
        ],
    }

    period_id = fields.Many2one("ps.project.period", string="Month Close", readonly=True)
    project_id = fields.Many2one("project.project", readonly=True)
    user_id = fields.Many2one("res.users", string="Project Manager", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date = fields.Date(string="Month", readonly=True)
    series = fields.Selection(SERIES, string="Figure", readonly=True)
    amount = fields.Monetary(readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
CREATE OR REPLACE VIEW %(table)s AS (
    SELECT p.id * 3 + k.n AS id,
           p.id AS period_id,
           p.project_id,
           p.user_id,
           p.company_id,
           c.currency_id,
           p.date_start AS date,
           k.series,
           CASE k.n WHEN 0 THEN p.planned_value
                    WHEN 1 THEN p.earned_value
                    ELSE p.cost_to_date END AS amount
      FROM ps_project_period p
      JOIN res_company c ON c.id = p.company_id
CROSS JOIN (VALUES (0, 'pv'), (1, 'ev'), (2, 'ac')) AS k (n, series)
     WHERE p.state = 'closed'
)
""",
                table=SQL.identifier(self._table),
            )
        )
