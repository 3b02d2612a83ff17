from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PsContractDocument(models.AbstractModel):
    """What the money documents of a contract share (invoice requests and
    collections): a reference from their sequence, the contract and one of its
    payment milestones, and the contract's company, currency, customer and
    salesperson, stored for rules and reporting."""

    _name = "ps.contract.document"
    _description = "Contract Money Document"
    _inherit = ["ps.reference.mixin", "mail.thread"]
    _check_company_auto = True

    contract_id = fields.Many2one(
        "ps.contract",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    milestone_id = fields.Many2one(
        "ps.contract.milestone",
        string="Payment Milestone",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        domain="[('contract_id', '=', contract_id)]",
    )
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="contract_id.currency_id", store=True)
    partner_id = fields.Many2one(
        related="contract_id.partner_id", store=True, index=True, string="Customer"
    )
    user_id = fields.Many2one(
        related="contract_id.user_id", store=True, index=True, string="Salesperson"
    )

    @api.constrains("milestone_id", "contract_id")
    def _check_milestone_of_the_contract(self):
        for document in self:
            if document.milestone_id and document.milestone_id.contract_id != (
                document.contract_id
            ):
                raise ValidationError(
                    self.env._(
                        "Milestone %(milestone)s does not belong to contract %(contract)s.",
                        milestone=document.milestone_id.name,
                        contract=document.contract_id.display_name,
                    )
                )
