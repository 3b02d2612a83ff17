from odoo import fields, models


class PsProjectDeliverable(models.Model):
    """Accepting a deliverable fires the payment milestones it triggers: each
    gets a draft invoice request for the salesperson to submit."""

    _inherit = "ps.project.deliverable"

    ps_payment_milestone_ids = fields.One2many(
        "ps.contract.milestone", "deliverable_id", string="Payment Milestones"
    )

    def _ps_on_accepted(self):
        result = super()._ps_on_accepted()
        # sudo: whoever accepts a deliverable (project manager, PMO) need not
        # read the contract's payment side.
        payments = (
            self.env["ps.contract.milestone"]
            .sudo()
            .search([("deliverable_id", "in", self.ids), ("trigger", "=", "deliverable")])
        )
        for payment in payments:
            payment._ps_fire(
                self.env._("Deliverable %(name)s accepted.", name=payment.deliverable_id.name)
            )
        return result
