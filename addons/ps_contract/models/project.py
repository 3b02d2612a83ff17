from odoo import api, fields, models
from odoo.tools import float_compare, format_amount


class ProjectProject(models.Model):
    _inherit = "project.project"

    ps_contract_ids = fields.One2many("ps.contract", "project_id", string="Contracts")

    def _ps_closure_problems(self):
        """DR4, the billing side: every billable payment milestone of the
        project's contracts is invoiced before the project closes."""
        problems = super()._ps_closure_problems()
        milestones = self._ps_uninvoiced_milestones()
        if milestones:
            problems.append(
                self.env._(
                    "payment milestones due and not invoiced: %(names)s",
                    names=", ".join(
                        f"{m.name} ({self._ps_format_left(m)})" for m in milestones[:5]
                    ),
                )
            )
        return problems

    def _ps_format_left(self, milestone):
        return format_amount(
            self.env, milestone.amount - milestone.amount_invoiced, milestone.currency_id
        )

    def _ps_uninvoiced_milestones(self):
        """The payment milestones of this project's signed contracts that are
        billable (due on a date reached, their project milestone reached or
        their deliverable accepted) and not fully invoiced."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        # sudo: closure is decided on delivery; the contracts' money is not the
        # project manager's to read, only what blocks is named.
        milestones = (
            self.env["ps.contract.milestone"]
            .sudo()
            .search(
                [
                    ("contract_id.project_id", "=", self.id),
                    ("contract_state", "in", ("signed", "execution")),
                    ("amount", ">", 0),
                ]
            )
        )

        def billable(milestone):
            if milestone.trigger == "date":
                return milestone.date_due <= today
            if milestone.trigger == "project_milestone":
                return milestone.project_milestone_id.is_reached
            return milestone.deliverable_id.state == "accepted"

        return milestones.filtered(
            lambda m: billable(m)
            and float_compare(
                m.amount_invoiced, m.amount, precision_rounding=m.currency_id.rounding or 0.01
            )
            < 0
        )


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
