from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PsContract(models.Model):
    """Service contract between the firm and a customer."""

    _name = "ps.contract"
    _description = "Service Contract"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        copy=False,
        readonly=True,
        index="trigram",
        default=lambda self: self.env._("New"),
    )
    title = fields.Char(required=True, tracking=True, help="What the contract is about.")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
        tracking=True,
    )
    amount_total = fields.Monetary(string="Contract Value", tracking=True)
    date_start = fields.Date(string="Start Date", tracking=True)
    date_end = fields.Date(string="End Date", tracking=True)
    note = fields.Html(string="Terms")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "Contract references must be unique."),
        ("amount_positive", "CHECK(amount_total >= 0)", "The contract value cannot be negative."),
    ]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            start, end = contract.date_start, contract.date_end
            if start and end and end < start:
                raise ValidationError(
                    self.env._(
                        "Contract %(name)s ends on %(end)s, before it starts on %(start)s: "
                        "fix the end date.",
                        name=contract.display_name,
                        end=contract.date_end,
                        start=contract.date_start,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        new = self.env._("New")
        for vals in vals_list:
            if vals.get("name", new) == new:
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = (
                    self.env["ir.sequence"].with_company(company).next_by_code("ps.contract") or new
                )
        return super().create(vals_list)

    @api.depends("name", "title")
    def _compute_display_name(self):
        for contract in self:
            contract.display_name = (
                f"{contract.name} - {contract.title}" if contract.title else contract.name
            )
