from odoo import fields, models


class PsKnowledgeCategory(models.Model):
    """Category of knowledge articles (methods, industry insight, lessons learned...)."""

    _name = "ps.knowledge.category"
    _description = "Knowledge Category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    article_ids = fields.One2many("ps.knowledge.article", "category_id", string="Articles")
