from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    ps_followup_ids = fields.One2many("ps.customer.followup", "lead_id", string="Follow-ups")

    def _prepare_customer_values(self, partner_name, is_company=False, parent_id=False):
        # A customer created from an opportunity is a customer account owned by
        # the opportunity's salesperson.
        values = super()._prepare_customer_values(
            partner_name, is_company=is_company, parent_id=parent_id
        )
        if not parent_id:
            values["ps_is_customer"] = True
        return values
