from odoo import api, fields, models
from odoo.exceptions import AccessError

from .ps_confidentiality_level import LEVEL_RANK


class ResUsers(models.Model):
    _inherit = "res.users"

    ps_clearance = fields.Selection(
        selection="_selection_ps_clearance",
        string="Clearance",
        default="internal",
        required=True,
        help="Highest confidentiality level of the vault documents this user may read "
        "(set by administrators).",
    )
    ps_clearance_rank = fields.Integer(
        compute="_compute_ps_clearance_rank", store=True, string="Clearance Rank"
    )

    @api.model
    def _selection_ps_clearance(self):
        return self.env["ps.confidentiality.level"]._ps_selection()

    @api.depends("ps_clearance")
    def _compute_ps_clearance_rank(self):
        for user in self:
            user.ps_clearance_rank = LEVEL_RANK.get(user.ps_clearance, 0)

    def _ps_check_clearance_change(self):
        if not (self.env.su or self.env.user.has_group("base.group_system")):
            raise AccessError(self.env._("Only administrators may change a user's clearance."))

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("ps_clearance") not in (None, "internal") for vals in vals_list):
            self._ps_check_clearance_change()
        return super().create(vals_list)

    def write(self, vals):
        if "ps_clearance" in vals and any(u.ps_clearance != vals["ps_clearance"] for u in self):
            self._ps_check_clearance_change()
            res = super().write(vals)
            # Record rules read the clearance and are cached per user.
            self.env.registry.clear_cache()
            return res
        return super().write(vals)
