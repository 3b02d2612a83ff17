from odoo import fields, models


class PsContractTerminateWizard(models.TransientModel):
    _name = "ps.contract.terminate.wizard"
    _description = "Terminate a Contract"

    contract_id = fields.Many2one("ps.contract", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_terminate(self):
        self.ensure_one()
        self.contract_id._ps_terminate(self.reason)
        return {"type": "ir.actions.act_window_close"}
