from odoo import api, fields, models

GATE_TYPES = [
    ("initiation", "Initiation Approval"),
    ("plan", "Plan Approval"),
    ("change", "Change Request"),
    ("closure", "Closure Approval"),
]

# The phase a project may only enter once the gate is approved.
GATE_OPENS_PHASE = {"initiation": "planning", "closure": "closing"}


class PsProjectGate(models.Model):
    """A decision on a project (start, plan, change, closure), approved through
    OCA tier validation. Implementers set the approval chain per project type
    with tier definitions on this model filtering on `project_type_id`."""

    _name = "ps.project.gate"
    _description = "Project Gate"
    _inherit = ["tier.validation", "mail.thread"]
    _state_from = ["draft"]
    _state_to = ["approved"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False
    _order = "id desc"

    project_id = fields.Many2one(
        "project.project", required=True, ondelete="cascade", index=True, readonly=True
    )
    gate_type = fields.Selection(GATE_TYPES, required=True, readonly=True)
    state = fields.Selection(
        [("draft", "To Approve"), ("approved", "Approved"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
    )
    reason = fields.Text(help="Why the decision is asked for (scope, schedule, budget...).")
    project_type_id = fields.Many2one(
        related="project_id.ps_project_type_id", store=True, string="Project Type"
    )
    user_id = fields.Many2one(related="project_id.user_id", store=True, string="Project Manager")
    company_id = fields.Many2one(related="project_id.company_id", store=True)

    @api.depends("project_id", "gate_type")
    def _compute_display_name(self):
        labels = dict(GATE_TYPES)
        for gate in self:
            gate.display_name = f"{labels.get(gate.gate_type, '')} - {gate.project_id.name}"

    def action_approve(self):
        """Record the decision (refused by tier validation while reviews are missing)."""
        self.write({"state": "approved"})
        return True


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    @api.model
    def _get_tier_validation_model_names(self):
        return super()._get_tier_validation_model_names() + ["ps.project.gate"]
