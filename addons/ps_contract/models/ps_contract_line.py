from odoo import api, fields, models

from odoo.addons.ps_base.internal import is_internal

from .ps_contract import SIGNED_STATES


class PsContractLine(models.Model):
    """A catalog service sold by the contract."""

    _name = "ps.contract.line"
    _description = "Contract Service Line"
    _order = "contract_id, sequence, id"
    _check_company_auto = True

    contract_id = fields.Many2one("ps.contract", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="contract_id.currency_id", store=True)
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
        domain="[('type', '=', 'service'), ('sale_ok', '=', True)]",
    )
    name = fields.Char(
        string="Description",
        compute="_compute_from_product",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure", required=True)
    price_unit = fields.Monetary(
        string="Unit Price",
        compute="_compute_from_product",
        store=True,
        readonly=False,
        precompute=True,
    )
    discount = fields.Float(string="Discount (%)", digits="Discount")
    tax_ids = fields.Many2many(
        "account.tax",
        string="Taxes",
        compute="_compute_from_product",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('type_tax_use', '=', 'sale')]",
    )
    price_subtotal = fields.Monetary(string="Subtotal", compute="_compute_price", store=True)
    price_tax = fields.Monetary(string="Tax", compute="_compute_price", store=True)
    price_total = fields.Monetary(string="Total", compute="_compute_price", store=True)

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity of a service must be positive."),
        (
            "discount_range",
            "CHECK(discount >= 0 AND discount <= 100)",
            "A discount is between 0 and 100%.",
        ),
    ]

    @api.depends("product_id")
    def _compute_from_product(self):
        for line in self:
            product = line.product_id
            if not product:
                continue
            line.name = product.display_name
            company = line.contract_id.company_id or self.env.company
            line.price_unit = product.currency_id._convert(
                product.lst_price,
                line.contract_id.currency_id or company.currency_id,
                company,
                fields.Date.context_today(line),
            )
            line.tax_ids = product.taxes_id.filtered(lambda t, c=company: t.company_id == c)

    @api.depends("quantity", "price_unit", "discount", "tax_ids", "currency_id")
    def _compute_price(self):
        for line in self:
            price = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            currency = line.currency_id or self.env.company.currency_id
            taxes = line.tax_ids.compute_all(
                price,
                currency=currency,
                quantity=line.quantity,
                product=line.product_id,
                partner=line.contract_id.partner_id,
            )
            line.price_subtotal = taxes["total_excluded"]
            line.price_total = taxes["total_included"]
            line.price_tax = taxes["total_included"] - taxes["total_excluded"]

    def _ps_check_editable(self):
        if not is_internal(self.env):
            self.contract_id.filtered(lambda c: c.state in SIGNED_STATES)._ps_raise_locked()

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._ps_check_editable()
        if not self.env.su:
            lines.product_id.product_tmpl_id._ps_check_can_sell()
        return lines

    def write(self, vals):
        self._ps_check_editable()
        result = super().write(vals)
        if "product_id" in vals and not self.env.su:
            self.product_id.product_tmpl_id._ps_check_can_sell()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        self._ps_check_editable()
