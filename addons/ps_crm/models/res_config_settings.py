from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ps_max_owned_customers = fields.Integer(
        related="company_id.ps_max_owned_customers", readonly=False
    )
    ps_company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Big Deal Currency"
    )
    ps_big_deal_amount = fields.Monetary(
        related="company_id.ps_big_deal_amount",
        readonly=False,
        currency_field="ps_company_currency_id",
    )
