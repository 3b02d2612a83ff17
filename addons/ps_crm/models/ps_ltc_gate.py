from odoo import api, fields, models

GATE_TYPES = [
    ("lead_to_opportunity", "Lead to Opportunity"),
    ("opportunity_to_quote", "Opportunity to Quote"),
    ("quote_to_deal", "Quote to Deal"),
]


class PsLtcGate(models.Model):
    """A control point of the lead-to-cash flow: before an opportunity moves past
    it, its checklist must be complete and, when the gate asks for it, the
    passage approved (OCA tier validation on `ps.lead.gate.passage`)."""

    _name = "ps.ltc.gate"
    _description = "Lead-to-Cash Gate"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    gate_type = fields.Selection(GATE_TYPES, required=True, default="opportunity_to_quote")
    stage_id = fields.Many2one(
        "crm.stage",
        string="Guards Stage",
        ondelete="restrict",
        help="Opportunities cannot enter this stage, or any later one, before passing the "
        "gate. Lead-to-opportunity gates guard the conversion instead.",
    )
    team_ids = fields.Many2many(
        "crm.team",
        string="Sales Teams",
        help="Leave empty to apply the gate to every sales team.",
    )
    item_ids = fields.One2many("ps.ltc.gate.item", "gate_id", string="Checklist", copy=True)
    requires_approval = fields.Boolean(
        help="Passing the gate needs an approval: configure who approves in "
        "Settings > Technical > Tier Validation (model: Gate Passage)."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index="btree_not_null",
        help="Leave empty to apply the gate in all companies.",
    )

    _sql_constraints = [
        (
            "stage_required",
            "CHECK(gate_type = 'lead_to_opportunity' OR stage_id IS NOT NULL)",
            "A gate between opportunity stages must say which stage it guards.",
        ),
    ]

    def _ps_applies_to(self, lead):
        self.ensure_one()
        return (not self.company_id or self.company_id == lead.company_id) and (
            not self.team_ids or lead.team_id in self.team_ids
        )


class PsLtcGateItem(models.Model):
    _name = "ps.ltc.gate.item"
    _description = "Gate Checklist Item"
    _order = "sequence, id"

    gate_id = fields.Many2one("ps.ltc.gate", required=True, ondelete="cascade", index=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)


class PsLeadGateCheck(models.Model):
    """One checklist item of one opportunity."""

    _name = "ps.lead.gate.check"
    _description = "Opportunity Gate Check"
    _order = "gate_sequence, gate_id, item_sequence, id"

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade", index=True)
    item_id = fields.Many2one("ps.ltc.gate.item", required=True, ondelete="cascade")
    gate_id = fields.Many2one(related="item_id.gate_id", store=True, index=True)
    gate_sequence = fields.Integer(
        related="item_id.gate_id.sequence", store=True, string="Gate Sequence"
    )
    item_sequence = fields.Integer(related="item_id.sequence", store=True, string="Item Sequence")
    name = fields.Char(related="item_id.name")
    done = fields.Boolean()
    done_user_id = fields.Many2one("res.users", string="Checked By", readonly=True)
    done_date = fields.Datetime(string="Checked On", readonly=True)
    company_id = fields.Many2one(related="lead_id.company_id", store=True)

    _sql_constraints = [
        ("lead_item_uniq", "unique(lead_id, item_id)", "An item appears once per opportunity."),
    ]

    def write(self, vals):
        if "done" in vals:
            vals = dict(vals)
            vals["done_user_id"] = self.env.user.id if vals["done"] else False
            vals["done_date"] = fields.Datetime.now() if vals["done"] else False
        return super().write(vals)


class PsLeadGatePassage(models.Model):
    """An opportunity's passage through a gate: approved through OCA tier
    validation when the gate requires it, recorded in any case."""

    _name = "ps.lead.gate.passage"
    _description = "Gate Passage"
    _inherit = ["tier.validation", "mail.thread", "mail.activity.mixin"]
    _state_from = ["draft"]
    _ps_decider_group = "sales_team.group_sale_manager"
    _state_to = ["passed"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False
    _order = "id desc"

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade", index=True)
    gate_id = fields.Many2one("ps.ltc.gate", required=True, ondelete="restrict", index=True)
    state = fields.Selection(
        [("draft", "To Approve"), ("passed", "Passed"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
    )
    user_id = fields.Many2one(related="lead_id.user_id", store=True, string="Salesperson")
    team_id = fields.Many2one(related="lead_id.team_id", store=True)
    company_id = fields.Many2one(related="lead_id.company_id", store=True)

    @api.depends("lead_id", "gate_id")
    def _compute_display_name(self):
        for passage in self:
            passage.display_name = f"{passage.gate_id.name} - {passage.lead_id.name}"

    def _ps_move_on_after_approval(self):
        """The last reviewer's validation passes the gate: the salesperson then
        moves the opportunity on."""
        if self.state == "draft":
            self.action_pass()

    def _ps_reset_to_draft_after_rejection(self):
        """A rejected passage stays the salesperson's to rework: asking for the
        gate's approval again sends it afresh (``action_ps_request_gate_approval``)."""

    def action_pass(self):
        """Pass the gate (tier validation refuses it while approvals are missing)."""
        for passage in self:
            passage.lead_id._ps_check_gate_items(passage.gate_id)
        self.write({"state": "passed"})
        return True


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    @api.model
    def _get_tier_validation_model_names(self):
        return super()._get_tier_validation_model_names() + ["ps.lead.gate.passage"]
