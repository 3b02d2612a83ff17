from odoo import Command, api, models


class PsContract(models.Model):
    """A contract prepared from a won opportunity (its quoted services)."""

    _inherit = "ps.contract"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _ps_prepare_from_opportunity(self, lead):
        return {
            "title": lead.name,
            "partner_id": lead.partner_id.commercial_partner_id.id,
            "opportunity_id": lead.id,
            "user_id": (lead.user_id or self.env.user).id,
            "company_id": (lead.company_id or self.env.company).id,
            "currency_id": (lead.company_currency or self.env.company.currency_id).id,
            "line_ids": [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "name": line.name,
                        "quantity": line.quantity,
                        "price_unit": line.price_unit,
                    }
                )
                for line in lead.ps_service_line_ids
            ],
        }
