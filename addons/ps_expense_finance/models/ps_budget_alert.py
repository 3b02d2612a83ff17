from odoo import api, fields, models

LEVELS = [("warning", "Warning"), ("overrun", "Budget Alert")]


class PsBudgetAlert(models.Model):
    """A project crossed a budget threshold (per category or in total).

    There is one alert per budget version, scope and level: later checks do not
    repeat it. Creating it schedules a to-do for the project manager and the PMO.
    """

    _name = "ps.budget.alert"
    _description = "Budget Alert"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(compute="_compute_name", store=True)
    budget_id = fields.Many2one(
        "ps.project.budget", required=True, ondelete="cascade", index=True, readonly=True
    )
    project_id = fields.Many2one(
        "project.project", required=True, ondelete="cascade", index=True, readonly=True
    )
    user_id = fields.Many2one(related="project_id.user_id", store=True, string="Project Manager")
    company_id = fields.Many2one(related="budget_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    category_id = fields.Many2one(
        "ps.cost.category", readonly=True, help="Empty: the total budget of the project."
    )
    level = fields.Selection(LEVELS, required=True, readonly=True)
    scope_key = fields.Integer(compute="_compute_scope_key", store=True)
    threshold_pct = fields.Float(string="Threshold (%)", readonly=True)
    consumed_pct = fields.Float(string="Used (%)", readonly=True)
    amount_budget = fields.Monetary(string="Budget Amount", readonly=True)
    amount_used = fields.Monetary(string="Actual and Committed", readonly=True)
    date = fields.Datetime(default=fields.Datetime.now, readonly=True)

    _sql_constraints = [
        (
            "alert_uniq",
            "unique(budget_id, scope_key, level)",
            "This budget threshold has already been alerted.",
        ),
    ]

    @api.depends("category_id")
    def _compute_scope_key(self):
        for alert in self:
            alert.scope_key = alert.category_id.id or 0

    @api.depends("project_id.name", "category_id.name", "level")
    def _compute_name(self):
        levels = dict(LEVELS)
        for alert in self:
            scope = alert.category_id.name or self.env._("Total")
            alert.name = f"{levels.get(alert.level, '')}: {alert.project_id.name} / {scope}"

    @api.model_create_multi
    def create(self, vals_list):
        alerts = super().create(vals_list)
        alerts._ps_schedule_activities()
        return alerts

    def _ps_schedule_activities(self):
        pmo = self.env.ref("project.group_project_manager").users.filtered(
            lambda u: not u.share and u.active and u.id != self.env.ref("base.user_root").id
        )
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for alert in self:
            users = alert.project_id.user_id | pmo.filtered(
                lambda u, a=alert: a.company_id in u.company_ids
            )
            summary = self.env._(
                "%(project)s: %(scope)s at %(pct)s%% of its budget",
                project=alert.project_id.name,
                scope=alert.category_id.name or self.env._("total cost"),
                pct=round(alert.consumed_pct, 1),
            )
            for user in users:
                alert.activity_schedule(
                    activity_type_id=activity_type.id, summary=summary, user_id=user.id
                )
