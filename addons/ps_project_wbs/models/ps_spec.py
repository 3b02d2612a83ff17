"""Fields shared by what a template prescribes and what a project holds: a
template deliverable and a project deliverable describe the same thing, as do
a template risk and a registered risk."""

from odoo import api, fields, models

PHASES = [
    ("initiation", "Initiation"),
    ("planning", "Planning"),
    ("execution", "Execution"),
    ("monitoring", "Monitoring and Control"),
    ("closing", "Closing"),
]

DELIVERABLE_TYPES = [
    ("research_report", "Research Report"),
    ("solution", "Solution"),
    ("implementation_plan", "Implementation Plan"),
    ("courseware", "Courseware"),
    ("audit_report", "Audit Report"),
    ("certificate", "Certificate"),
    ("other", "Other"),
]

# Shared with ps_knowledge, which enforces them on documents.
CONFIDENTIALITY_LEVELS = [
    ("public", "Public"),
    ("internal", "Internal"),
    ("confidential", "Confidential"),
    ("secret", "Secret"),
]

RISK_SCALE = [("1", "Very Low"), ("2", "Low"), ("3", "Medium"), ("4", "High"), ("5", "Very High")]


class PsDeliverableSpec(models.AbstractModel):
    _name = "ps.deliverable.spec"
    _description = "Deliverable Description"

    name = fields.Char(required=True, translate=True)
    phase = fields.Selection(PHASES, required=True, default="execution")
    deliverable_type = fields.Selection(
        DELIVERABLE_TYPES, string="Type", required=True, default="other"
    )
    confidentiality = fields.Selection(
        CONFIDENTIALITY_LEVELS,
        required=True,
        default="internal",
        help="Level at which the accepted file is archived.",
    )
    required = fields.Boolean(
        default=True, help="The project cannot close before this deliverable is accepted."
    )

    def _ps_spec_values(self):
        """Values another spec (template line, project deliverable) copies."""
        self.ensure_one()
        return {
            "name": self.name,
            "phase": self.phase,
            "deliverable_type": self.deliverable_type,
            "confidentiality": self.confidentiality,
            "required": self.required,
        }


class PsRiskSpec(models.AbstractModel):
    _name = "ps.risk.spec"
    _description = "Risk Description"

    name = fields.Char(required=True, translate=True)
    kind = fields.Selection([("risk", "Risk"), ("issue", "Issue")], required=True, default="risk")
    probability = fields.Selection(RISK_SCALE, required=True, default="3")
    impact = fields.Selection(RISK_SCALE, required=True, default="3")
    score = fields.Integer(
        compute="_compute_score",
        store=True,
        aggregator="max",
        help="Probability times impact (1 to 25).",
    )
    response = fields.Text(help="How the risk is avoided, reduced, transferred or accepted.")

    @api.depends("probability", "impact")
    def _compute_score(self):
        for risk in self:
            risk.score = int(risk.probability or 0) * int(risk.impact or 0)

    def _ps_spec_values(self):
        self.ensure_one()
        return {
            "name": self.name,
            "kind": self.kind,
            "probability": self.probability,
            "impact": self.impact,
            "response": self.response,
        }
