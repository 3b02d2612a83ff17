from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.product_template import PRICING_UNITS


class PsServiceSalesReport(models.Model):
    """Product sales analysis: the service lines of won opportunities.

    One row per service line of an active opportunity in a won stage. The won
    amount is the sum of the line subtotals; the number of won opportunities
    is the distinct count of ``lead_id`` (a many2one measure counts distinct
    values), so that an opportunity selling two services of one category counts
    once for that category.
    """

    _name = "ps.service.sales.report"
    _description = "Service Sales Analysis"
    _auto = False
    _rec_name = "product_id"
    _order = "date_closed desc, id desc"

    lead_id = fields.Many2one("crm.lead", string="Won Opportunity", readonly=True)
    product_id = fields.Many2one("product.product", string="Service", readonly=True)
    product_tmpl_id = fields.Many2one("product.template", string="Service Template", readonly=True)
    category_id = fields.Many2one("ps.service.category", string="Service Category", readonly=True)
    root_category_id = fields.Many2one(
        "ps.service.category",
        string="Service Line",
        readonly=True,
        help="Top-level category of the service's category.",
    )
    pricing_unit = fields.Selection(PRICING_UNITS, readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date_closed = fields.Datetime(string="Date Won", readonly=True)
    quantity = fields.Float(readonly=True, aggregator="sum")
    amount_won = fields.Monetary(string="Won Amount", readonly=True, aggregator="sum")

    def _query(self):
        return SQL(
            """
            SELECT
                line.id AS id,
                line.lead_id AS lead_id,
                line.product_id AS product_id,
                product.product_tmpl_id AS product_tmpl_id,
                template.ps_service_category_id AS category_id,
                CAST(SPLIT_PART(category.parent_path, '/', 1) AS INTEGER) AS root_category_id,
                template.ps_pricing_unit AS pricing_unit,
                lead.user_id AS user_id,
                lead.team_id AS team_id,
                lead.partner_id AS partner_id,
                lead.company_id AS company_id,
                line.currency_id AS currency_id,
                lead.date_closed AS date_closed,
                line.quantity AS quantity,
                line.price_subtotal AS amount_won
            FROM ps_lead_service_line line
            JOIN crm_lead lead ON lead.id = line.lead_id
            JOIN crm_stage stage ON stage.id = lead.stage_id
            JOIN product_product product ON product.id = line.product_id
            JOIN product_template template ON template.id = product.product_tmpl_id
            LEFT JOIN ps_service_category category
                ON category.id = template.ps_service_category_id
            WHERE lead.active
                AND lead.type = 'opportunity'
                AND stage.is_won
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
