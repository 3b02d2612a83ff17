from odoo import fields, models
from odoo.exceptions import UserError


class PsProjectGate(models.Model):
    """An approved budget change request makes a new budget version; a
    scope change request with a proposed budget approves it with its scope, in
    the same decision."""

    _inherit = "ps.project.gate"

    ps_budget_id = fields.Many2one(
        "ps.project.budget",
        string="Proposed Budget",
        domain="[('project_id', '=', project_id), ('state', '=', 'draft')]",
        help="Draft budget version asked for by a budget change request: approving the "
        "change request approves it. Without one, approval makes a draft copy of the "
        "current budget to revise.",
    )

    def _ps_check_can_apply(self, deciding=False):
        res = super()._ps_check_can_apply(deciding=deciding)
        budget = self.ps_budget_id.sudo() if self.gate_type == "change" else False
        if budget and (budget.state != "draft" or budget.project_id != self.project_id):
            # its cost must land with its scope: a proposed version decided
            # meanwhile (or of another project) is refused, nothing applied
            raise UserError(
                self.env._(
                    "The proposed budget %(budget)s of this change request is no longer a "
                    "draft of project %(project)s: propose a new budget version.",
                    budget=budget.display_name,
                    project=self.project_id.name,
                )
            )
        return res

    def _ps_apply(self):
        res = super()._ps_apply()
        for gate in self.filtered(
            lambda g: g.gate_type == "change" and (g.change_type == "budget" or g.ps_budget_id)
        ):
            budget = gate.ps_budget_id
            if budget and budget.state == "draft" and budget.project_id == gate.project_id:
                # the change request was the approval of this version
                budget._ps_internal().write({"gate_id": gate.id})
                budget._ps_approve()
                continue
            current = self.env["ps.project.budget"].search(
                [("project_id", "=", gate.project_id.id), ("state", "=", "approved")], limit=1
            )
            if current:
                action = current.action_new_version()
                new = self.env["ps.project.budget"].browse(action["res_id"])
                new._ps_internal().write({"gate_id": gate.id, "note": gate.reason})
                gate.ps_budget_id = new
        return res
