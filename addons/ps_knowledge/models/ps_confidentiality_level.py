from odoo import api, fields, models, tools

from odoo.addons.ps_project_wbs.models.ps_spec import CONFIDENTIALITY_LEVELS

# The order of the levels is fixed (public < internal < confidential < secret);
# implementers only rename them.
LEVEL_RANK = {code: rank for rank, (code, _label) in enumerate(CONFIDENTIALITY_LEVELS)}
CONFIDENTIAL_RANK = LEVEL_RANK["confidential"]


class PsConfidentialityLevel(models.Model):
    """Label and description of one of the four fixed confidentiality levels."""

    _name = "ps.confidentiality.level"
    _description = "Confidentiality Level"
    _order = "rank, id"

    code = fields.Selection(CONFIDENTIALITY_LEVELS, required=True, readonly=True)
    name = fields.Char(required=True, translate=True)
    rank = fields.Integer(compute="_compute_rank", store=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one("res.company", index=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Each confidentiality level exists once."),
    ]

    @api.depends("code")
    def _compute_rank(self):
        for level in self:
            level.rank = LEVEL_RANK.get(level.code, 0)

    @api.model
    @tools.ormcache("self.env.lang")
    def _ps_labels(self):
        """{code: label} in the user's language (cached, cleared on change)."""
        return {level.code: level.name for level in self.sudo().search([])}

    @api.model
    def _ps_selection(self):
        labels = self._ps_labels()
        return [(code, labels.get(code) or label) for code, label in CONFIDENTIALITY_LEVELS]

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)
