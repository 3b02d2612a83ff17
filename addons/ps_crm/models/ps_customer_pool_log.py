from odoo import fields, models

from .res_partner import OWNER_CHANGES


class PsCustomerPoolLog(models.Model):
    """Who a customer went from and to: every release to the public pool, claim
    and assignment. Written by the system only; nobody edits the history."""

    _name = "ps.customer.pool.log"
    _description = "Customer Ownership Log"
    _order = "create_date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, ondelete="cascade", index=True
    )
    action = fields.Selection(OWNER_CHANGES, required=True)
    previous_user_id = fields.Many2one("res.users", string="Previous Owner")
    new_user_id = fields.Many2one("res.users", string="New Owner")
    user_id = fields.Many2one(
        "res.users", string="Done By", default=lambda self: self.env.user, required=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
