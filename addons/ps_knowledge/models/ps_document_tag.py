from odoo import fields, models


class PsDocumentTag(models.Model):
    """Tag of vault documents and knowledge articles."""

    _name = "ps.document.tag"
    _description = "Vault Tag"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()
    company_id = fields.Many2one("res.company", index=True)

    _sql_constraints = [("name_uniq", "unique(name, company_id)", "This tag already exists.")]
