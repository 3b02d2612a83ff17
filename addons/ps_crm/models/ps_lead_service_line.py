from odoo import api, fields, models


def _sellable_products_domain(lines):
    """Domain of the product field: the catalog services the current user may sell.

    Evaluated on the server for the user who loads the view, so a salesperson
    only picks what they are allowed to sell while a sales manager sees the
    whole catalog.
    """
    return lines.env["product.template"]._ps_sellable_domain(lines.env.user)


class PsLeadServiceLine(models.Model):
    """A catalog service quoted on an opportunity.

    The right to sell a service is enforced here, on the server, for the
    current user whenever a line is created or its product changes (the
    product domain of the form only helps the user choose): see
    ``product.template._ps_check_can_sell``. Sales managers may add every
    enabled service; code running as superuser (demo data, imports by the
    implementer) is not checked.
    """

    _name = "ps.lead.service.line"
    _description = "Opportunity Service Line"
    _order = "lead_id, sequence, id"
    _check_company_auto = True

    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        related="lead_id.company_id", store=True, index=True, precompute=True
    )
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
        domain=_sellable_products_domain,
    )
    product_tmpl_id = fields.Many2one(related="product_id.product_tmpl_id")
    ps_service_category_id = fields.Many2one(
        related="product_id.ps_service_category_id", string="Service Category"
    )
    ps_pricing_unit = fields.Selection(related="product_id.ps_pricing_unit")
    name = fields.Char(
        string="Description",
        compute="_compute_name",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure", required=True)
    currency_id = fields.Many2one(
        "res.currency", compute="_compute_currency_id", store=True, precompute=True
    )
    price_unit = fields.Monetary(
        string="Unit Price",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
        precompute=True,
        help="Standard price of the service, converted to the opportunity's currency.",
    )
    price_subtotal = fields.Monetary(
        string="Subtotal", compute="_compute_price_subtotal", store=True, aggregator="sum"
    )

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            line.name = line.product_id.display_name or line.name

    @api.depends("company_id")
    def _compute_currency_id(self):
        for line in self:
            line.currency_id = line.company_id.currency_id or self.env.company.currency_id

    @api.depends("product_id")
    def _compute_price_unit(self):
        today = fields.Date.context_today(self)
        for line in self:
            product = line.product_id
            if not product:
                line.price_unit = 0.0
                continue
            line.price_unit = product.currency_id._convert(
                product.lst_price,
                line.currency_id or product.currency_id,
                line.company_id or self.env.company,
                today,
            )

    @api.depends("quantity", "price_unit")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.quantity * line.price_unit

    @api.model_create_multi
    def create(self, vals_list):
        product_ids = {vals["product_id"] for vals in vals_list if vals.get("product_id")}
        self._ps_check_can_sell(self.env["product.product"].browse(product_ids))
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("product_id"):
            self._ps_check_can_sell(self.env["product.product"].browse(vals["product_id"]))
        return super().write(vals)

    @api.model
    def _ps_check_can_sell(self, products):
        """Refuse ``products`` the current user may not sell (before anything
        is written, so a refused RPC call leaves no line behind)."""
        if self.env.su or not products:
            return
        products.product_tmpl_id._ps_check_can_sell(self.env.user)
