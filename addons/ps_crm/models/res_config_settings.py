from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ps_max_owned_customers = fields.Integer(
        related="company_id.ps_max_owned_customers", readonly=False
    )
