from odoo import api, fields, models


class CrmLead(models.Model):
    """Catalog services quoted on an opportunity (``ps.lead.service.line``)."""

    # Kept apart from crm_lead.py on purpose: the service catalog is its own feature.
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    ps_service_line_ids = fields.One2many(
        "ps.lead.service.line", "lead_id", string="Services", copy=True
    )
    ps_service_amount_total = fields.Monetary(
        string="Services Total",
        currency_field="company_currency",
        compute="_compute_ps_service_amount_total",
        help="Sum of the subtotals of the opportunity's service lines.",
    )

    @api.depends("ps_service_line_ids.price_subtotal")
    def _compute_ps_service_amount_total(self):
        for lead in self:
            lead.ps_service_amount_total = sum(lead.ps_service_line_ids.mapped("price_subtotal"))

    def _merge_dependences(self, opportunities):
        """Keep the services quoted on merged opportunities: they move to the
        opportunity resulting from the merge instead of being deleted with the
        merged ones."""
        result = super()._merge_dependences(opportunities)
        opportunities.ps_service_line_ids.write({"lead_id": self.id})
        return result
