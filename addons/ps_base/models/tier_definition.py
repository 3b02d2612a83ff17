from odoo import fields, models


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    ps_fallback = fields.Boolean(
        string="Used When No Rule Applies",
        readonly=True,
        copy=False,
        help="Kept archived: its reviewer group decides the documents of this model "
        "that no active approval rule applies to, and the requester never reviews them.",
    )
