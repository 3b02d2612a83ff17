from odoo import api, fields, models


class ProjectProject(models.Model):
    _inherit = "project.project"

    ps_contract_ids = fields.One2many("ps.contract", "project_id", string="Contracts")


class ProjectMilestone(models.Model):
    _inherit = "project.milestone"

    ps_payment_milestone_ids = fields.One2many(
        "ps.contract.milestone", "project_milestone_id", string="Payment Milestones"
    )

    @api.model_create_multi
    def create(self, vals_list):
        milestones = super().create(vals_list)
        milestones.filtered("is_reached")._ps_fire_payment_milestones()
        return milestones

    def write(self, vals):
        newly_reached = self.browse()
        if vals.get("is_reached"):
            newly_reached = self.filtered(lambda m: not m.is_reached)
        result = super().write(vals)
        newly_reached._ps_fire_payment_milestones()
        return result

    def _ps_fire_payment_milestones(self):
        if not self:
            return
        # sudo: project members reach milestones; the payment side is not theirs to read.
        payments = (
            self.env["ps.contract.milestone"]
            .sudo()
            .search(
                [
                    ("project_milestone_id", "in", self.ids),
                    ("trigger", "=", "project_milestone"),
                ]
            )
        )
        for payment in payments:
            payment._ps_fire(
                self.env._(
                    "Project milestone %(milestone)s reached.",
                    milestone=payment.project_milestone_id.name,
                )
            )
