from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"

    ps_contract_ids = fields.One2many("ps.contract", "opportunity_id", string="Contracts")
    ps_contract_count = fields.Integer(
        string="Contract Count", compute="_compute_ps_contract_count"
    )

    @api.depends("ps_contract_ids")
    def _compute_ps_contract_count(self):
        counts = dict(
            self.env["ps.contract"]._read_group(
                [("opportunity_id", "in", self.ids)], ["opportunity_id"], ["__count"]
            )
        )
        for lead in self:
            lead.ps_contract_count = counts.get(lead, 0)

    def action_ps_create_contract(self):
        """One click from a won opportunity to its draft contract (customer,
        salesperson and the quoted services)."""
        self.ensure_one()
        if not (self.active and (self.stage_id.is_won or self.probability >= 100)):
            raise UserError(
                self.env._(
                    "%(lead)s is not won yet: a contract is created from a won opportunity.",
                    lead=self.name,
                )
            )
        if not self.partner_id:
            raise UserError(
                self.env._(
                    "Set the customer of %(lead)s before creating its contract.", lead=self.name
                )
            )
        contract = self.env["ps.contract"].create(
            self.env["ps.contract"]._ps_prepare_from_opportunity(self)
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "ps.contract",
            "res_id": contract.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_ps_view_contracts(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Contracts"),
            "res_model": "ps.contract",
            "view_mode": "list,form",
            "domain": [("opportunity_id", "=", self.id)],
            "context": {"default_opportunity_id": self.id},
        }
