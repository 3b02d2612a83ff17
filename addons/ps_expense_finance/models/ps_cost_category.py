from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PsCostCategory(models.Model):
    """Category of project cost (labour, travel, outsourcing, materials...).

    Every cost line of a project falls into exactly one category: the category
    set on its expense claim or journal item, else the one of its product, else
    the one of its expense account, else the labour category for timesheets,
    else the fallback ("Unclassified") category, which shows what is not mapped.
    """

    _name = "ps.cost.category"
    _description = "Project Cost Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index="btree_not_null",
        help="Leave empty to share the category between all companies.",
    )
    is_labour = fields.Boolean(
        string="Timesheets",
        help="Timesheet costs (hours at employee cost) fall into this category.",
    )
    is_fallback = fields.Boolean(
        string="Unclassified",
        help="Costs mapped to no other category fall into this one.",
    )
    product_ids = fields.One2many(
        "product.template", "ps_cost_category_id", string="Products", readonly=True
    )
    account_ids = fields.One2many(
        "account.account", "ps_cost_category_id", string="Expense Accounts", readonly=True
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A cost category with this code already exists in this company.",
        ),
    ]

    @api.constrains("is_labour", "is_fallback", "company_id", "active")
    def _check_single_special(self):
        for flag, label in (
            ("is_labour", self.env._("timesheet")),
            ("is_fallback", self.env._("unclassified")),
        ):
            for category in self.filtered(flag):
                count = self.search_count(
                    [(flag, "=", True), ("company_id", "=", category.company_id.id)]
                )
                if count > 1:
                    raise ValidationError(
                        self.env._(
                            "Only one %(kind)s category is allowed per company: "
                            "untick it on %(name)s or on the other one.",
                            kind=label,
                            name=category.name,
                        )
                    )
