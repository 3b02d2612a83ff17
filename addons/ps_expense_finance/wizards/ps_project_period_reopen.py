from odoo import fields, models


class PsProjectPeriodReopen(models.TransientModel):
    """Finance reopens closed project months, saying why (kept in their chatter)."""

    _name = "ps.project.period.reopen"
    _description = "Reopen a Project Month"

    period_ids = fields.Many2many("ps.project.period", string="Months", required=True)
    reason = fields.Text(required=True)

    def action_reopen(self):
        self.ensure_one()
        self.period_ids._ps_reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
