from odoo import fields, models


class PsDeliverableRejectWizard(models.TransientModel):
    _name = "ps.deliverable.reject.wizard"
    _description = "Reject Deliverable"

    deliverable_ids = fields.Many2many("ps.project.deliverable", required=True)
    reason = fields.Text(required=True)

    def action_reject(self):
        self.deliverable_ids._ps_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
