from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PsCreditGrade(models.Model):
    """Credit rating of customers (AAA, AA, A, B...), with the rule that grants it:
    won revenue of the last twelve months and on-time collection rate."""

    _name = "ps.credit.grade"
    _description = "Customer Credit Grade"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10, help="The rule gives the first grade that fits.")
    color = fields.Integer(string="Colour")
    active = fields.Boolean(default=True)
    min_won_amount = fields.Float(
        string="Minimum Won Revenue (12 Months)",
        digits="Account",
    )
    min_on_time_rate = fields.Float(
        string="Minimum On-time Collection (%)",
        help="Share of the amounts due in the last twelve months that were collected on "
        "time. Customers without collection history only get grades that ask 0%.",
    )
    company_id = fields.Many2one(
        "res.company",
        index="btree_not_null",
        help="Leave empty to share the grade between all companies.",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A credit grade with this code already exists in this company.",
        ),
    ]

    @api.constrains("min_on_time_rate", "min_won_amount")
    def _check_thresholds(self):
        for grade in self:
            if not 0 <= grade.min_on_time_rate <= 100:
                raise ValidationError(
                    self.env._(
                        "The on-time collection rate of grade %(grade)s must be between 0 and "
                        "100%%.",
                        grade=grade.name,
                    )
                )
            if grade.min_won_amount < 0:
                raise ValidationError(
                    self.env._(
                        "The minimum won revenue of grade %(grade)s cannot be negative.",
                        grade=grade.name,
                    )
                )

    def _ps_fits(self, company, won_amount, on_time_rate):
        self.ensure_one()
        if self.company_id and self.company_id != company:
            return False
        if won_amount < self.min_won_amount:
            return False
        if self.min_on_time_rate:
            return on_time_rate is not None and on_time_rate >= self.min_on_time_rate
        return True
